"""Conditions nested and answered from a file (unit kind → stage → bands), and conditions on
a declared fact (issue 25, shape 3)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc

NESTED = """\
id = "demo.nested"
title = "Điều kiện lồng nhau"
groups = ["Sở", "Xã"]

[[criteria]]
code = "1"
title = "Tiến độ số hóa hồ sơ"
max = 2
rule = "conditional"
on = "group"
cases = [
  { when = "Sở", rule = "conditional", on = "stage", cases = [
      { when = "1", rule = "bands", scale = "percent", bands = [
          { from = 50, points = 2 }, { below = 50, points = 0 } ] },
      { when = "2", rule = "bands", scale = "percent", bands = [
          { from = 80, points = 2 }, { below = 80, points = 1 } ] },
  ] },
  { when = "Xã", rule = "yes_no" },
]

[[criteria]]
code = "2"
title = "Thực hiện kế hoạch cải cách hành chính"
max = 3
rule = "conditional"
on = "has_plan"
cases = [
  { when = true, rule = "bands", scale = "percent", bands = [
      { from = 100, points = 3 }, { from = 70, below = 100, points = 2 },
      { below = 70, points = 0 } ] },
  { when = false, rule = "yes_no", yes = { label = "Có văn bản chỉ đạo", points = 1 },
    no = { label = "Không", points = 0 } },
]
"""


@pytest.fixture(scope="module")
def nested() -> cc.CriterionSet:
    return cc.loads_set(NESTED)


@pytest.mark.parametrize(
    ("group", "answers", "points"),
    [
        ("Sở", '"1" = { stage = "2", value = "85%" }', 2),
        ("Sở", '"1" = { stage = "2", value = "60%" }', 1),
        ("Sở", '"1" = { stage = "1", value = "60%" }', 2),
        ("Sở", '"1" = { stage = "1", value = "40%" }', 0),
        ("Xã", '"1" = "Có"', 2),
    ],
)
def test_unit_kind_then_stage_then_bands_answered_from_a_file(
    nested: cc.CriterionSet, group: str, answers: str, points: int
) -> None:
    text = f'group = "{group}"\n[answers]\n{answers}\n'
    unit = cc.loads_assessment(text, criterion_set=nested)
    assert cc.score(nested, unit)["1"].points == points


def test_a_stage_no_case_names_is_a_finding_with_the_cases(nested: cc.CriterionSet) -> None:
    text = 'group = "Sở"\n[answers]\n"1" = { stage = "3", value = "85%" }\n'
    card = cc.score(nested, cc.loads_assessment(text, criterion_set=nested))
    (said,) = [f for f in card.findings if f.code == "no-branch"]
    assert said.message == "no rule for stage = '3'; the cases are: '1', '2'"
    assert card["1"].points is None


@pytest.mark.parametrize(
    ("answer", "points"),
    [
        ('{ has_plan = true, value = "100%" }', 3),
        ('{ has_plan = "Có", value = "75%" }', 2),
        ('{ has_plan = false, value = "Có văn bản chỉ đạo" }', 1),
        ('{ has_plan = "không", value = "Không" }', 0),
    ],
)
def test_bands_for_units_with_a_plan_a_yes_no_for_the_others(
    nested: cc.CriterionSet, answer: str, points: int
) -> None:
    unit = cc.loads_assessment(f'[answers]\n"2" = {answer}\n', criterion_set=nested)
    assert cc.score(nested, unit)["2"].points == points


def test_a_fact_table_that_misses_its_fact_is_refused_with_its_line(
    nested: cc.CriterionSet,
) -> None:
    with pytest.raises(cc.InputError, match=r"<text>:2: criterion 2: .*'has_plan' is missing"):
        cc.loads_assessment('[answers]\n"2" = { value = "80%" }\n', criterion_set=nested)


def test_the_set_round_trips_and_lints_clean(nested: cc.CriterionSet) -> None:
    assert cc.loads_set(cc.dumps_set(nested)) == nested
    assert cc.lint(nested) == ()


@given(st.sampled_from(["1", "2"]), st.integers(0, 100))
def test_a_case_scores_as_its_own_rule_would(stage: str, rate: int) -> None:
    nested = cc.loads_set(NESTED)
    outer = nested.find("1").rule  # type: ignore[union-attr]
    inner = outer.choose("Sở").rule  # type: ignore[union-attr]
    own = inner.choose(stage).rule
    answer = {"stage": stage, "value": f"{rate}%"}
    card = cc.score(nested, cc.Assessment({"1": answer}, group="Sở"))
    assert card["1"].points == own.score(f"{rate}%", Decimal(2)).points
