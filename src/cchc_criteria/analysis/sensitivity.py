"""Sensitivity over a cohort (phân tích độ nhạy): for each criterion, how much a unit's index
and its place would move if that criterion alone went to its max, to nothing, or one band up
— worked out by scoring each unit again, exactly — and how often units lose points on it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from cchc_criteria.analysis.advice import advise
from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import Role
from cchc_criteria.numbers import decimal_of
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import group_key

__all__ = ["CriterionSensitivity", "Sensitivity", "sensitivity"]

_ZERO = Decimal(0)


@attrs.frozen
class CriterionSensitivity:
    """One criterion over a cohort.

    Attributes:
        code, title, max_points: the criterion.
        units: the units scored on it (answered and applicable).
        losing: how many of them score below its max.
        to_max, to_min: the mean change of a unit's index (in points of percentage) if the
            criterion alone went to its max, or to 0 — every other answer as it is.
        places_to_max, places_to_min: the mean places a unit gains (positive) or loses
            (negative) in its group's ranking by that change, the others as they are.
        band_up: the mean change of the index of the units for which advice finds one step up
            on this criterion, if the unit took it; ``None`` when none has one.
    """

    code: str
    title: str
    max_points: Decimal
    units: int
    losing: int
    to_max: Decimal
    to_min: Decimal
    places_to_max: Decimal
    places_to_min: Decimal
    band_up: Decimal | None


@attrs.frozen
class Sensitivity:
    """A cohort's sensitivity: the set, how many units, and a row per criterion (in document
    order); iterate it for the rows."""

    set_id: str
    units: int
    rows: tuple[CriterionSensitivity, ...]

    def __iter__(self) -> Iterator[CriterionSensitivity]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def sensitivity(cards: Sequence[Scorecard]) -> Sensitivity:
    """Every scored criterion of the cohort ``cards`` (one set), in document order, with how
    much moving it moves the units (`CriterionSensitivity`). Each unit is scored again
    with the criterion's points given (``Scorecard.with_points``) or with advice's step up
    (``Scorecard.with_answers``): no estimate, the set's own arithmetic.

    Args:
        cards: the cohort's scorecards, all of one set.

    Returns:
        The `Sensitivity`: a row per criterion (iterate it), in the set's order.

    Raises:
        ArgumentError: the cards are of several sets.
    """
    cohort = list(cards)
    if not cohort:
        return Sensitivity("", 0, ())
    first = cohort[0].criterion_set
    if any(card.criterion_set != first for card in cohort):
        raise ArgumentError("sensitivity() takes the cards of one criterion set")
    kinds = getattr(cohort[0].nodes, "kinds", None)
    steps = {
        id(card): {step.criterion: step.answer for step in advise(card, kinds=kinds).steps}
        for card in cohort
        if kinds is not None
    }
    result = []
    for criterion in first.walk():
        if criterion.rule is None or criterion.role is Role.MONITOR:
            continue
        code = criterion.code
        scored = [
            card
            for card in cohort
            if card[code].applicable and card[code].points is not None and card.index is not None
        ]
        if not scored:
            continue
        to_max, to_min, up_places, down_places, band = [], [], [], [], []
        for card in scored:
            index = card.index
            assert index is not None
            high = card.with_points({code: card[code].max_points}).index or _ZERO
            low = card.with_points({code: 0}).index or _ZERO
            to_max.append(high - index)
            to_min.append(low - index)
            up_places.append(_place(card, index, cohort) - _place(card, high, cohort))
            down_places.append(_place(card, index, cohort) - _place(card, low, cohort))
            answer = steps.get(id(card), {}).get(code)
            if answer is not None:
                moved = card.with_answers({code: answer}).index
                if moved is not None:
                    band.append(moved - index)
        result.append(
            CriterionSensitivity(
                code,
                criterion.title,
                criterion.max_points,
                len(scored),
                sum(1 for card in scored if (card[code].points or 0) < card[code].max_points),
                _mean(to_max),
                _mean(to_min),
                _mean(up_places),
                _mean(down_places),
                _mean(band) if band else None,
            )
        )
    return Sensitivity(first.id, len(cohort), tuple(result))


def _place(card: Scorecard, index: Decimal, cohort: Sequence[Scorecard]) -> int:
    """The place ``card``'s unit would take in its group with ``index``, the others as they
    are (1 + the units of the group above it)."""
    group = group_key(card.assessment.group)
    return 1 + sum(
        1
        for other in cohort
        if other is not card
        and group_key(other.assessment.group) == group
        and other.index is not None
        and other.index > index
    )


def _mean(values: Sequence[Decimal | int]) -> Decimal:
    return decimal_of(sum((Fraction(v) for v in values), Fraction(0)) / len(values))
