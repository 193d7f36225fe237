"""example.xa.2025.thang: three units' June 2025 assessments, their totals worked by hand."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from click.testing import CliRunner

import cchc_criteria as cc
from cchc_criteria.cli import cli
from cchc_criteria.formats import load_survey
from cchc_criteria.numbers import SUM_CONTEXT, decimal_of
from cchc_criteria.rules import with_previous
from cchc_criteria.testing import check_criterion_set
from cchc_criteria_example_monthly import example_path, set_path

SET = "example.xa.2025.thang"


@pytest.fixture(scope="module")
def monthly() -> cc.CriterionSet:
    return cc.get_set(SET)


def test_the_set_is_served_reads_back_and_lints_clean(monthly: cc.CriterionSet) -> None:
    assert monthly == cc.load_set(set_path(SET))
    assert cc.loads_set(cc.dumps_set(monthly)) == monthly
    assert cc.lint(monthly) == ()
    assert monthly.max_points == 100  # a base of 85 and a bonus of 15 above it


def test_the_testing_kit_finds_nothing_broken(monthly: cc.CriterionSet) -> None:
    check_criterion_set(monthly, max_examples=60)


def an_hoa(monthly: cc.CriterionSet) -> cc.Assessment:
    """Phường An Hòa, June 2025, with its survey file and May's assessment beside."""
    june = cc.load_assessment(example_path("phuong_an_hoa_2025_06.toml"), criterion_set=monthly)
    survey = load_survey(example_path("khao_sat_an_hoa_2025_06.csv"), monthly)
    june = cc.Assessment(
        {**june.answers, **survey},
        set_id=june.set_id,
        unit=june.unit,
        period=june.period,
        group=june.group,
    )
    may = cc.load_assessment(example_path("phuong_an_hoa_2025_05.toml"))
    return with_previous(monthly, june, may)


def test_a_ward_worked_by_hand(monthly: cc.CriterionSet) -> None:
    card = cc.score(monthly, an_hoa(monthly))
    # I: plan 5; report due the 21st, sent the 24th: 3 days late, 5; 80 % of the plan × 10: 8
    assert [card[c].points for c in ("I.1", "I.2", "I.3", "I")] == [5, 5, 8, 18]
    # II: II.4 did not arise, and its 5 points are spread evenly over II.1, II.2, II.3:
    # 10 × (15 + 5/3)/15 + 4.5 × (10 + 5/3)/10 + 5 × (5 + 5/3)/5 = 829/36
    assert card["II"].points == decimal_of(Fraction(829, 36))
    assert card["II"].max_points == 35
    # III: 10 answers, 6 A, 3 B, 1 C: 85 % of 20 = 17; online 45 % against May's 40 %: up, 5
    assert [card[c].points for c in ("III.1", "III.2", "III")] == [17, 5, 22]
    assert card["IV"].points == Decimal("1.5")  # monitored: in no total
    # the base 18 + 829/36 + 22, then the bonus 5 above it, then 2 late files: − 4
    with localcontext(SUM_CONTEXT):  # sums of exact values, exact
        expected = 18 + decimal_of(Fraction(829, 36)) + 22 + 5 - 4
    assert (card.points, card.max_points) == (expected, 100)
    assert str(card.points_display) == "64.03"  # the set rounds to 2 places, half up
    assert card.grade == "Hoàn thành"
    assert card.complete
    assert card.errors == ()


def test_the_command_gives_the_same_card(monthly: cc.CriterionSet) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "score",
            SET,
            str(example_path("phuong_an_hoa_2025_06.toml")),
            "--survey",
            str(example_path("khao_sat_an_hoa_2025_06.csv")),
            "--previous",
            str(example_path("phuong_an_hoa_2025_05.toml")),
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    assert Decimal(data["points"]) == cc.score(monthly, an_hoa(monthly)).points


def test_a_commune_worked_by_hand(monthly: cc.CriterionSet) -> None:
    unit = cc.load_assessment(example_path("xa_binh_minh_2025_06.toml"), criterion_set=monthly)
    card = cc.score(monthly, unit)
    # I: no plan 0; on time 10; no plan but a directive: 4
    assert card["I"].points == 14
    # II: 99 % on time 15; 3/10 online 3; II.3 is for wards only: removed, not spread; the
    # complaint plan 8 days after it arrived: within 10 days, 5
    assert not card["II.3"].applicable
    assert (card["II"].points, card["II"].max_points) == (23, 30)
    # III: (100 + 75 + 25 + 25)/4 = 56.25 % of 20 = 11.25; online down from 35 % to 30 %: 0
    assert card["III"].points == Decimal("11.25")
    assert (card.points, card.max_points) == (Decimal("48.25"), 95)
    assert card.index == decimal_of(Fraction("48.25") * 100 / 95)
    assert card.grade == "Hoàn thành"


def test_a_ward_at_95_without_a_plan_is_not_excellent(monthly: cc.CriterionSet) -> None:
    unit = cc.load_assessment(example_path("phuong_dong_2025_06.toml"), criterion_set=monthly)
    card = cc.score(monthly, unit)
    assert (card.points, card.max_points) == (95, 100)  # 80 of the base + 15 of bonus
    assert card.grade == "Hoàn thành tốt"
    (said,) = [f for f in card.findings if f.code == "grade-condition-unmet"]
    assert "(I.1: 0 points)" in said.message


def test_a_report_after_the_28th_is_not_accepted(monthly: cc.CriterionSet) -> None:
    card = cc.score(monthly, cc.Assessment({"I.2": "30/6/2025"}, period="tháng 6/2025"))
    assert card["I.2"].points == 0
    assert [f.code for f in card.findings if f.criterion == "I.2"] == ["late-not-accepted"]
    card = cc.score(monthly, cc.Assessment({"I.2": "30/6/2025"}))
    assert [f.code for f in card.findings if f.criterion == "I.2"] == ["needs-period"]
