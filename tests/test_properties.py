"""Hypothesis properties over random rules, sets and answers."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cchc_criteria import NA, Assessment, Criterion, Outcome, Role, Rule, score
from cchc_criteria.model import CriterionSet
from cchc_criteria.numbers import DECIMAL_CONTEXT
from cchc_criteria.rules import DeductionRule, ManualRule, ProportionalRule, YesNoRule
from cchc_criteria.scoring import Scorecard
from cchc_criteria.testing import (
    answers_for,
    assessments,
    check_criterion_set,
    criterion_sets,
    monotone_rules,
    rules,
    scorecard_problems,
    valid_answers,
)
from cchc_criteria.testing.strategies import band_rules

maxima = st.decimals(min_value=0, max_value=20, places=2)


@given(st.data(), rules(), maxima)
def test_every_rule_scores_any_answer_without_raising(
    data: st.DataObject, rule: Rule, max_points: Decimal
) -> None:
    answer = data.draw(answers_for(rule, max_points))
    outcome = rule.score(answer, max_points)
    assert (outcome.points is None) == any(f.severity == "error" for f in outcome.findings) or (
        outcome.points is None and any(f.code == "band-needs-figure" for f in outcome.findings)
    )


@given(st.data(), rules(), maxima)
def test_every_rule_is_deterministic(data: st.DataObject, rule: Rule, max_points: Decimal) -> None:
    answer = data.draw(answers_for(rule, max_points))
    assert rule.score(answer, max_points) == rule.score(answer, max_points)


@given(st.data(), rules(), maxima)
def test_rules_stay_within_their_declared_range(
    data: st.DataObject, rule: Rule, max_points: Decimal
) -> None:
    low, high = rule.points_range(max_points)
    outcome = rule.score(data.draw(valid_answers(rule, max_points)), max_points)
    if outcome.points is None:
        return
    # The declared range holds for the exact value and for the value the rule rounded to.
    for points in (outcome.exact, outcome.points):
        if points is None:
            continue
        assert low is None or points >= low
        assert high is None or points <= high


@given(st.data(), band_rules(), maxima)
def test_band_rules_that_partition_the_domain_always_find_a_band(
    data: st.DataObject, rule: Rule, max_points: Decimal
) -> None:
    answer = data.draw(valid_answers(rule, max_points))
    outcome = rule.score(answer, max_points)
    assert outcome.points is not None
    assert not outcome.findings


@given(st.data(), monotone_rules(), maxima)
def test_monotone_rules_score_monotonically(
    data: st.DataObject, rule: Rule, max_points: Decimal
) -> None:
    strategy = valid_answers(rule, max_points).filter(lambda a: not hasattr(a, "ref"))
    a = rule.score(data.draw(strategy), max_points)
    b = rule.score(data.draw(strategy), max_points)
    assert a.value is not None
    assert b.value is not None
    assert a.points is not None
    assert b.points is not None
    if a.value <= b.value:
        assert a.points <= b.points
    else:
        assert a.points >= b.points


@given(st.integers(0, 50), st.integers(0, 50), st.decimals("0", "3", places=2), maxima)
def test_deductions_never_reward_more_events(
    m: int, n: int, per_event: Decimal, max_points: Decimal
) -> None:
    rule = DeductionRule(per_event)
    low, high = sorted((m, n))
    assert rule.score(low, max_points).points >= rule.score(high, max_points).points  # type: ignore[operator]


@given(st.data(), criterion_sets())
def test_every_node_within_bounds_and_groups_sum_their_children(
    data: st.DataObject, criterion_set: CriterionSet
) -> None:
    card = score(criterion_set, data.draw(assessments(criterion_set)))
    assert scorecard_problems(card) == []


@given(st.data(), criterion_sets())
def test_scoring_is_deterministic(data: st.DataObject, criterion_set: CriterionSet) -> None:
    assessment = data.draw(assessments(criterion_set))
    assert score(criterion_set, assessment) == score(criterion_set, assessment)


@given(st.data(), criterion_sets(roles=False, consistent=True))
def test_not_applicable_removes_exactly_its_max_and_points_from_every_ancestor(
    data: st.DataObject, criterion_set: CriterionSet
) -> None:
    assessment = data.draw(assessments(criterion_set, valid_only=True))
    leaves = [c for c in criterion_set.walk() if c.is_leaf]
    leaf = data.draw(st.sampled_from(leaves))
    before = score(criterion_set, assessment)
    assume(before[leaf.code].points is not None)
    with localcontext(DECIMAL_CONTEXT):
        _check_na_removal(criterion_set, assessment, leaf, before)


def _check_na_removal(
    criterion_set: CriterionSet, assessment: Assessment, leaf: Criterion, before: Scorecard
) -> None:
    after = score(criterion_set, Assessment(answers={**assessment.answers, leaf.code: NA}))
    removed_points = before[leaf.code].points
    assert removed_points is not None
    ancestors = [c for c in criterion_set.walk() if not c.is_leaf and leaf in c.walk()]
    for ancestor in ancestors:
        old, new = before[ancestor.code], after[ancestor.code]
        assert new.max_points == old.max_points - leaf.max_points
        assert close(new.points or 0, (old.points or 0) - removed_points)
    assert after.max_points == before.max_points - leaf.max_points
    assert close(after.points, before.points - removed_points)


def close(a: Decimal, b: Decimal) -> bool:
    """Equal, up to the last of 34 digits where a value has no finite decimal expansion."""
    return a == b or abs(a - b) <= Decimal("1e-30")


def test_the_testing_kit_accepts_a_sound_set() -> None:
    check_criterion_set(SOUND_SET, max_examples=50)


class _FlakyRule:
    """A rule that gives different points for the same answer: what the kit must catch."""

    def __init__(self) -> None:
        self.calls = 0

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        self.calls += 1
        return Outcome(points=Decimal(self.calls % 2))

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        return Decimal(0), Decimal(1)

    def describe(self, max_points: Decimal, *, lang: str = "vi") -> str:
        return "flaky"


class _CrashingRule(_FlakyRule):
    def score(self, answer: object, max_points: Decimal) -> Outcome:
        raise RuntimeError("boom")


@pytest.mark.parametrize(
    ("rule", "message"), [(_FlakyRule, "deterministic"), (_CrashingRule, "boom")]
)
def test_the_testing_kit_rejects_a_broken_rule(rule: type[_FlakyRule], message: str) -> None:
    broken = CriterionSet(id="broken", title="t", criteria=[Criterion("1", "x", 1, rule=rule())])
    with pytest.raises((AssertionError, RuntimeError), match=message):
        check_criterion_set(broken, max_examples=20)


SOUND_SET = CriterionSet(
    id="sound",
    title="t",
    criteria=[
        Criterion(
            "1",
            "g",
            3,
            children=[
                Criterion("1.1", "a", 1, rule=YesNoRule()),
                Criterion("1.2", "b", 2, rule=ProportionalRule()),
                Criterion("1.3", "c", 1, rule=ManualRule(), role=Role.BONUS),
            ],
        )
    ],
)
