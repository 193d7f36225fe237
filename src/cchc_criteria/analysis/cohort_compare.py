"""Two cohorts compared, unit by unit (so sánh hai năm của một nhóm đơn vị): the units found
in both years matched by name and group, each pair compared as `compare_years` compares
one unit; and `compare`, which takes two scorecards or two cohorts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from cchc_criteria.analysis.compare import Comparison, compare_years
from cchc_criteria.errors import ArgumentError
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Text, group_key

__all__ = ["CohortComparison", "compare"]


@attrs.frozen
class CohortComparison:
    """A cohort in two years: one `Comparison` per unit found in both (in the later
    cohort's order), and the units found in one year only. Iterate it for the comparisons.

    Attributes:
        comparisons: each unit's comparison (``comparison.after.unit`` names the unit).
        only_before, only_after: the units of one year only, as that year spells them.
    """

    comparisons: tuple[Comparison, ...]
    only_before: tuple[str, ...] = ()
    only_after: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Comparison]:
        return iter(self.comparisons)

    def __len__(self) -> int:
        return len(self.comparisons)

    @property
    def difference(self) -> Decimal:
        """The units' differences added up."""
        return sum((c.difference for c in self.comparisons), Decimal(0))

    @property
    def rule_change(self) -> Decimal:
        """The part of `difference` the rules' changes gave, over every unit."""
        return sum((c.rule_change or Decimal(0) for c in self.comparisons), Decimal(0))

    @property
    def unit_change(self) -> Decimal:
        """The part of `difference` the units' own changes gave."""
        return sum((c.unit_change or Decimal(0) for c in self.comparisons), Decimal(0))

    @property
    def undecomposed(self) -> Decimal:
        """The part of `difference` that is not split (`Comparison.undecomposed`)."""
        return sum((c.undecomposed for c in self.comparisons), Decimal(0))


def compare(
    before: Scorecard | Iterable[Scorecard], after: Scorecard | Iterable[Scorecard]
) -> Comparison | CohortComparison:
    """Two years compared: a unit's two scorecards, or two cohorts' (so sánh hai năm).

    Two scorecards give a `Comparison` (`compare_years`): every criterion
    matched through the sets' code map, its change split into the rule's and the unit's.
    Two collections of scorecards give a `CohortComparison`: units are matched by
    name and group (case and spacing do not count, nor "Nhóm" before a group), and each pair
    compared so.

    >>> comparison = cc.compare(card_2024, card_2025)                # doctest: +SKIP
    >>> comparison.rule_change, comparison.unit_change               # doctest: +SKIP
    (Decimal('-0.5'), Decimal('0.5'))
    >>> cc.to_frame(cc.compare(cards_2024, cards_2025))              # doctest: +SKIP

    Args:
        before: the earlier scorecard, or the earlier cohort's scorecards.
        after: the later scorecard, or the later cohort's scorecards (the same kind as
            ``before``).

    Returns:
        A `Comparison` for two scorecards, a `CohortComparison` for two cohorts.

    Raises:
        ArgumentError: when the two sides are not both scorecards or both collections of
            them, a unit is twice in one cohort, or a pair is given the wrong way round.
    """
    if isinstance(before, Scorecard) and isinstance(after, Scorecard):
        return compare_years(before, after)
    older, newer = _cohort(before, "before"), _cohort(after, "after")
    comparisons = [compare_years(older[key], card) for key, card in newer.items() if key in older]
    return CohortComparison(
        tuple(comparisons),
        tuple(card.assessment.unit for key, card in older.items() if key not in newer),
        tuple(card.assessment.unit for key, card in newer.items() if key not in older),
    )


def _key_of(card: Scorecard) -> tuple[str, str]:
    """Who a card is, as a cohort matches units: the unit's name with case and spacing
    folded (diacritics count: "Hòa" and "Hoa" are two names), and its group's key."""
    unit = card.assessment.unit
    return " ".join(unit.casefold().split()), group_key(card.assessment.group)


def _cohort(cards: object, side: str) -> dict[tuple[str, str], Scorecard]:
    """The cards of one side by (unit, group) key, in their order."""
    if isinstance(cards, Scorecard) or not isinstance(cards, Iterable) or isinstance(cards, str):
        raise ArgumentError(
            "compare() takes two scorecards, or two collections of scorecards; "
            f"{side} is {type(cards).__name__}"
        )
    found: dict[tuple[str, str], Scorecard] = {}
    for card in cards:
        if not isinstance(card, Scorecard):
            raise ArgumentError(f"compare() takes scorecards, got {type(card).__name__}")
        key = _key_of(card)
        if key in found:
            raise ArgumentError(
                Text(
                    f"đơn vị {card.assessment.unit} có hai phiếu trong cùng một năm",
                    f"the unit {card.assessment.unit} has two scorecards in one year",
                )
            )
        found[key] = card
    return found
