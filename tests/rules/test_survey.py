"""The survey kind: options A/B/C/D worth a share of the max, averaged over the respondents
(issue 25, shape 10)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.numbers import decimal_of
from cchc_criteria.rules import SurveyRule
from cchc_criteria.testing import valid_answers
from cchc_criteria.testing.strategies import survey_rules

ABCD = SurveyRule({"A": 100, "B": 60, "C": 20, "D": 0})
maxima = st.decimals(min_value=0, max_value=20, places=2)


def test_the_average_share_times_the_max_worked_by_hand() -> None:
    outcome = ABCD.score({"A": 12, "B": 5, "C": 1, "D": 0}, Decimal(2))
    # (12 × 100 + 5 × 60 + 1 × 20) / 18 = 1520 / 18 % of 2 points
    assert outcome.points == decimal_of(Fraction(1520, 18) * 2 / 100)
    assert outcome.value == decimal_of(Fraction(1520, 18))
    assert "18 answers (A: 12, B: 5, C: 1, D: 0)" in outcome.explanation.en
    assert "18 phiếu" in outcome.explanation.vi


def test_votes_and_the_options_chosen_one_by_one_score_alike() -> None:
    chosen = ["A", "b", "A", "d", "Á"]  # case and accents ignored
    assert ABCD.score(chosen, Decimal(3)).points == ABCD.score({"A": 3, "B": 1, "D": 1}, 3).points


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ({"A": 0, "B": 0}, "no respondent"),
        ({"E": 1}, "no option 'E'; the options are: A, B, C, D"),
        ({"A": -1}, "a whole number from 0, got -1"),
        ({"A": "1,5"}, "a whole number from 0, got '1,5'"),
        ({"A": True}, "a whole number from 0, got True"),
        ("A", "got A"),
        ([], "no respondent"),
    ],
)
def test_what_a_survey_refuses_leaves_the_row_unscored(answer: object, said: str) -> None:
    outcome = ABCD.score(answer, Decimal(2))
    assert outcome.points is None
    (problem,) = outcome.findings
    assert problem.code == "invalid-answer"
    assert said in problem.message


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"A": 120}, "a share from 0 to 100 %"),
        ({"A": 100, "a": 50}, "option 'a' is given twice"),
        ({}, "at least one option"),
    ],
)
def test_options_that_cannot_be_published_are_refused(options: dict[str, int], said: str) -> None:
    with pytest.raises(cc.CchcError, match=said):
        SurveyRule(options)


@given(survey_rules(), maxima, st.data())
def test_points_stay_within_the_shares_of_the_max(
    rule: SurveyRule, max_points: Decimal, data: st.DataObject
) -> None:
    answer = data.draw(valid_answers(rule, max_points))
    outcome = rule.score(answer, max_points)
    low, high = rule.points_range(max_points)
    assert outcome.points is not None
    assert low is not None
    assert high is not None
    assert low <= outcome.points <= high <= max_points
    assert rule.score(answer, max_points) == outcome  # deterministic


@given(survey_rules(), maxima, st.data())
def test_moving_a_vote_to_a_better_option_never_lowers_the_points(
    rule: SurveyRule, max_points: Decimal, data: st.DataObject
) -> None:
    labels = [label for label, _ in rule.options]
    chosen = data.draw(st.lists(st.sampled_from(labels), min_size=1, max_size=20))
    which = data.draw(st.integers(0, len(chosen) - 1))
    better = max(rule.options, key=lambda option: option[1])[0]
    moved = [*chosen[:which], better, *chosen[which + 1 :]]
    before, after = rule.score(chosen, max_points), rule.score(moved, max_points)
    assert before.points is not None
    assert after.points is not None
    assert after.points >= before.points


@given(survey_rules(), maxima, st.data())
def test_the_order_of_the_respondents_does_not_matter(
    rule: SurveyRule, max_points: Decimal, data: st.DataObject
) -> None:
    labels = [label for label, _ in rule.options]
    chosen = data.draw(st.lists(st.sampled_from(labels), min_size=1, max_size=20))
    shuffled = data.draw(st.permutations(chosen))
    first, again = rule.score(chosen, max_points), rule.score(shuffled, max_points)
    assert (again.points, again.value) == (first.points, first.value)
    assert (
        rule.score(dict(Counter(chosen)), max_points).points
        == rule.score(chosen, max_points).points
    )


def test_a_set_file_reads_writes_and_lints_a_survey() -> None:
    text = (
        'id = "t"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "Hài lòng"\nmax = 3\n'
        'rule = "survey"\nshares = { "Rất hài lòng" = 100, "Hài lòng" = 75, "Không" = 0 }\n'
    )
    cs = cc.loads_set(text)
    assert cc.loads_set(cc.dumps_set(cs)) == cs
    assert "Rất hài lòng = 100" in cc.dumps_set(cs).replace('"', "")
    assert cc.lint(cs) == ()
    assert cc.score(cs, {"1": {"Hài lòng": 4}}).points == 3 * Decimal("0.75")
