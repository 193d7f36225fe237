"""Invariants every scorecard must satisfy, and a Hypothesis-driven check of a whole set."""

from __future__ import annotations

from decimal import Decimal, localcontext

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_criteria.model import CriterionSet, Role
from cchc_criteria.numbers import SUM_CONTEXT
from cchc_criteria.scoring import NodeScore, Scorecard, score
from cchc_criteria.testing.strategies import assessments

__all__ = ["check_criterion_set", "scorecard_problems"]

_ZERO = Decimal(0)


def scorecard_problems(card: Scorecard) -> list[str]:
    """Every broken invariant of ``card``, as sentences (empty when the card is sound).

    * every node's points lie in [0, its max];
    * a group's points are the sum of its children (bonuses added, deductions subtracted),
      held to [0, max]; a group whose children are all unscored is unscored;
    * a group's max is its published max less the max of the not-applicable criteria below;
    * a group is complete exactly when all its children are;
    * the card's totals are those of its top-level criteria.
    """
    with localcontext(SUM_CONTEXT):
        return _card_problems(card)


def _card_problems(card: Scorecard) -> list[str]:
    problems: list[str] = []
    for node in card:
        if node.points is not None and not _ZERO <= node.points <= node.max_points:
            problems.append(f"{node.code}: {node.points} points outside [0, {node.max_points}]")
        if node.is_leaf:
            continue
        children = [card[code] for code in node.children]
        problems.extend(
            _group_problems(
                node.code, node.points, node.max_points, node.published_max, node.complete, children
            )
        )
    roots = [card[code] for code in card.roots]
    problems.extend(
        _group_problems(
            "(total)",
            card.points,
            card.max_points,
            card.criterion_set.max_points,
            card.complete,
            roots,
            unscored_is_zero=True,
        )
    )
    return problems


def _group_problems(
    code: str,
    points: Decimal | None,
    max_points: Decimal,
    published_max: Decimal,
    complete: bool,
    children: list[NodeScore],
    *,
    unscored_is_zero: bool = False,
) -> list[str]:
    nodes = children
    problems: list[str] = []
    scored = [c for c in nodes if c.points is not None]
    total = sum(
        (
            (-c.points if c.role is Role.DEDUCTION else c.points)
            for c in scored
            if c.points is not None
        ),
        _ZERO,
    )
    score_children = [c for c in nodes if c.role is Role.SCORE]
    excluded = sum((c.published_max - c.max_points for c in score_children), _ZERO)
    expected_max = max(published_max - excluded, _ZERO)
    if score_children and not any(c.applicable for c in score_children):
        expected_max = _ZERO
    if max_points != expected_max:
        problems.append(f"{code}: max {max_points}, expected {expected_max}")
    if scored:
        expected = min(max(total, _ZERO), expected_max)
        if points != expected:
            problems.append(f"{code}: {points} points, but its children give {expected}")
    elif points != (_ZERO if unscored_is_zero else None):
        problems.append(f"{code}: {points} points although no child is scored")
    if complete != all(c.complete for c in nodes):
        problems.append(f"{code}: complete={complete} disagrees with its children")
    return problems


def check_criterion_set(criterion_set: CriterionSet, *, max_examples: int = 200) -> None:
    """Score many generated answer sheets against ``criterion_set`` and assert the invariants.

    Raises ``AssertionError`` (through Hypothesis, with the smallest failing answer sheet) when
    any scorecard breaks an invariant of :func:`scorecard_problems`, when scoring raises, or
    when scoring the same answers twice gives different scorecards.
    """

    @settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(st.data())
    def run(data: st.DataObject) -> None:
        assessment = data.draw(assessments(criterion_set), label="assessment")
        card = score(criterion_set, assessment)
        problems = scorecard_problems(card)
        assert not problems, "; ".join(problems)
        assert score(criterion_set, assessment) == card, "scoring is not deterministic"

    run()
