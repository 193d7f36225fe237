"""Lint: each check on a minimal set that triggers it and a near-identical one that does not."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria import Criterion, CriterionSet
from cchc_criteria.model import Band, Points, at_least, at_most, below
from cchc_criteria.rules import BandRule


def one(rule: cc.Rule, max_points: object = 1) -> CriterionSet:
    return CriterionSet(id="t", title="t", criteria=[Criterion("1", "x", max_points, rule=rule)])


def codes(cs: CriterionSet) -> list[str]:
    return [f.code for f in cc.lint(cs)]


def bands(*items: Band) -> BandRule:
    return BandRule(list(items))


SOUND = bands(
    Band("≥ 90", Points(1), at_least(90)),
    Band("60–90", Points("0.5"), at_least(60), below(90)),
    Band("< 60", Points(0), upper=below(60)),
)


def test_a_sound_rule_has_no_finding() -> None:
    assert codes(one(SOUND)) == []


@pytest.mark.parametrize(
    ("rule", "max_points", "expected", "band", "value"),
    [
        (  # 70 to under 80 uncovered
            bands(
                Band("80–100", cc.model.Formula("rate * 1.5 / 100"), at_least(80), at_most(100)),
                Band("< 70", Points(0), upper=below(70)),
            ),
            "1.5",
            "band-gap",
            None,
            Decimal(70),
        ),
        (  # 60 % is in no band when both edges exclude it
            bands(
                Band("> 60", Points(1), cc.model.above(60)),
                Band("< 60", Points(0), upper=below(60)),
            ),
            1,
            "band-gap",
            None,
            Decimal(60),
        ),
        (
            bands(
                Band("≥ 80", Points(1), at_least(80)),
                Band("≥ 60", Points("0.5"), at_least(60)),
                Band("< 60", Points(0), upper=below(60)),
            ),
            1,
            "band-overlap",
            2,
            Decimal(80),
        ),
        (
            bands(Band("≥ 0", Points(1), at_least(0)), Band("≥ 50", Points(1), at_least(50))),
            1,
            "band-unreachable",
            2,
            None,
        ),
        (
            bands(
                Band("≥ 15", Points(1), at_least(15)),
                Band("< 15", cc.model.Formula("rate * 1 / 10"), upper=below(15)),
            ),
            1,
            "award-above-max",
            2,
            Decimal(10),
        ),
        (
            bands(Band("all", Points(2), at_least(0))),
            1,
            "award-above-max",
            1,
            Decimal(0),
        ),
        (
            bands(Band("all", cc.model.Formula("rate - 50"), at_least(0))),
            100,
            "award-below-zero",
            1,
            Decimal(0),
        ),
        (
            bands(
                Band("< 50", Points(0), upper=below(50)),
                Band("50–70", Points("0.75"), at_least(50), below(70)),
                Band("70–90", Points("0.5"), at_least(70), below(90)),
                Band("≥ 90", Points(1), at_least(90)),
            ),
            1,
            "not-monotone",
            3,
            Decimal(70),
        ),
        (
            bands(
                Band("≥ 30", Points(1), at_least(30)),
                Band("10–30", cc.model.Formula("rate / 40"), at_least(10), below(30)),
                Band("< 10", Points(0), upper=below(10)),
            ),
            1,
            "band-jump",
            1,
            Decimal(30),
        ),
        (
            bands(
                Band("≥ 50", Points(1), at_least(50)),
                Band("< 50", cc.model.Formula("rate * rate / 2500"), upper=below(50)),
            ),
            1,
            "formula-not-linear",
            2,
            None,
        ),
    ],
)
def test_each_band_check(
    rule: BandRule, max_points: object, expected: str, band: int | None, value: Decimal | None
) -> None:
    found = [f for f in cc.lint(one(rule, max_points)) if f.code == expected]
    assert len(found) == 1, cc.lint(one(rule, max_points))
    assert found[0].band == band
    assert found[0].value == value
    assert found[0].criterion == "1"
    assert found[0].message
    assert found[0].message_vi
    assert found[0].severity is cc.model.LINT_CODES[expected]


@pytest.mark.parametrize(
    ("rule", "max_points"),
    [
        (
            bands(
                Band("80–100", cc.model.Formula("rate * 1.5 / 100"), at_least(80), at_most(100)),
                Band("< 80", Points(0), upper=below(80)),
            ),
            "1.5",
        ),
        (
            bands(
                Band("> 60", Points(1), cc.model.above(60)),
                Band("≤ 60", Points(0), upper=at_most(60)),
            ),
            1,
        ),
        (
            bands(
                Band("≥ 80", Points(1), at_least(80)),
                Band("60–80", Points("0.5"), at_least(60), below(80)),
                Band("< 60", Points(0), upper=below(60)),
            ),
            1,
        ),
        (
            bands(
                Band("≥ 15", Points(1), at_least(15)),
                Band("< 15", cc.model.Formula("rate * 1 / 15"), upper=below(15)),
            ),
            1,
        ),
        (
            bands(
                Band("≥ 30", Points(1), at_least(30)),
                Band("10–30", cc.model.Formula("rate / 30"), at_least(10), below(30)),
                Band("< 10", Points(0), upper=below(10)),
            ),
            1,
        ),
        (bands(Band("all", cc.model.Formula("max(0, rate - 50) / 50"), at_least(0))), 1),
    ],
)
def test_the_near_identical_sound_rules_pass(rule: BandRule, max_points: object) -> None:
    assert codes(one(rule, max_points)) == []


def test_code_and_group_checks() -> None:
    def group(code: str, max_points: object, *children: Criterion) -> Criterion:
        return Criterion(code, "g", max_points, children=list(children))

    def leaf(code: str, max_points: object = 1) -> Criterion:
        return Criterion(code, "x", max_points, rule=cc.rules.YesNoRule())

    bad = CriterionSet(
        id="t",
        title="t",
        criteria=[
            group("7", 3, group("7,4", 2, leaf("7.4.1"), leaf("7.4.1")), leaf("7.2"), leaf("8.1")),
        ],
    )
    found = {(f.code, f.criterion) for f in cc.lint(bad)}
    assert found == {
        ("max-not-sum", "7"),  # 3 ≠ 2 + 1 + 1
        ("code-typo", "7,4"),
        ("duplicate-code", "7.4.1"),
        ("code-order", "7.4.1"),  # a sibling with an equal code
        ("code-order", "7.2"),  # 7.2 after 7,4
        ("missing-parent", "8.1"),  # 8.1 published under 7
    }
    good = CriterionSet(
        id="t",
        title="t",
        criteria=[
            group("7", 4, leaf("7.2"), group("7.4", 2, leaf("7.4.1"), leaf("7.4.2")), leaf("7.5")),
        ],
    )
    assert codes(good) == []


def test_bonus_and_deduction_criteria_do_not_count_towards_the_groups_max() -> None:
    cs = CriterionSet(
        id="t",
        title="t",
        criteria=[
            Criterion(
                "1",
                "g",
                1,
                children=[
                    Criterion("1.1", "a", 1, rule=cc.rules.ManualRule()),
                    Criterion("1.2", "b", 1, rule=cc.rules.ManualRule(), role=cc.Role.BONUS),
                ],
            )
        ],
    )
    assert codes(cs) == []


def test_grade_checks() -> None:
    def with_grades(*grades: cc.Grade) -> CriterionSet:
        return CriterionSet(
            id="t",
            title="t",
            criteria=[Criterion("1", "x", 1, rule=cc.rules.ManualRule())],
            grades=list(grades),
        )

    gap = with_grades(
        cc.Grade("A", at_least(90)),
        cc.Grade("B", at_least(80), below(85)),
        cc.Grade("C", upper=below(80)),
    )
    assert [(f.code, f.value) for f in cc.lint(gap)] == [("grade-gap", Decimal(85))]
    overlap = with_grades(
        cc.Grade("A", at_least(90)),
        cc.Grade("B", at_least(80), at_most(90)),
        cc.Grade("C", upper=below(80)),
    )
    assert [(f.code, f.value) for f in cc.lint(overlap)] == [("grade-overlap", Decimal(90))]
    fine = with_grades(
        cc.Grade("A", at_least(90)),
        cc.Grade("B", at_least(80), below(90)),
        cc.Grade("C", upper=below(80)),
    )
    assert codes(fine) == []


def test_label_collisions() -> None:
    clash = cc.rules.ChoiceRule(
        [
            cc.rules.Option("Hoàn thành tốt", Points(1)),
            cc.rules.Option("hoan thanh  TOT", Points("0.5")),
        ]
    )
    assert codes(one(clash)) == ["label-collision"]
    distinct = cc.rules.ChoiceRule(
        [cc.rules.Option("Hoàn thành tốt", Points(1)), cc.rules.Option("Hoàn thành", Points("0.5"))]
    )
    assert codes(one(distinct)) == []
    band_clash = bands(
        Band("Từ 50%", Points(1), at_least(50)), Band("từ 50 %", Points(0), upper=below(50))
    )
    assert "label-collision" not in codes(one(band_clash))  # "50%" and "50 %" differ
    same = bands(Band("Đạt", Points(1), at_least(50)), Band("đạt", Points(0), upper=below(50)))
    assert codes(one(same)) == ["label-collision"]


def test_options_and_counts_above_max() -> None:
    rich = cc.rules.YesNoRule(yes=cc.rules.Option("Có", Points(2)))
    assert codes(one(rich)) == ["award-above-max"]
    assert codes(one(cc.rules.YesNoRule(yes=cc.rules.Option("Có", Points(1))))) == []
    assert codes(one(cc.rules.PerItemRule(1), 5)) == ["award-above-max"]
    assert codes(one(cc.rules.PerItemRule(1, cap=5), 5)) == []
    assert codes(one(cc.rules.DeductionRule(1, floor=-1), 5)) == ["award-below-zero"]
    assert codes(one(cc.rules.DeductionRule(1), 5)) == []


def test_acknowledged_findings_stay_but_stop_failing() -> None:
    rule = bands(Band("≥ 80", Points(1), at_least(80)), Band("< 70", Points(0), upper=below(70)))
    cs = CriterionSet(
        id="t",
        title="t",
        criteria=[Criterion("1", "x", 1, rule=rule)],
        acknowledged=[cc.model.Acknowledgement("band-gap", "1", "as published")],
    )
    (finding,) = cc.lint(cs)
    assert finding.code == "band-gap"
    assert finding.acknowledged == "as published"


# --------------------------------------------------------------------------- cross-check

edges = st.integers(0, 200).map(lambda n: Fraction(n, 2))  # 0 to 100 in halves


@st.composite
def random_band_rules(draw: st.DrawFn) -> BandRule:
    """Bands with arbitrary edges (gaps and overlaps welcome) and linear awards whose
    crossings of the max fall on quarters, so a grid of eighths sees every region."""
    items = []
    for number in range(draw(st.integers(1, 4))):
        low = draw(st.none() | edges)
        high = draw(st.none() | edges)
        lower = None if low is None else cc.model.Lower(Decimal(float(low)), draw(st.booleans()))
        upper = None if high is None else cc.model.Upper(Decimal(float(high)), draw(st.booleans()))
        if draw(st.booleans()):
            award: cc.model.Points | cc.model.Linear = Points(draw(st.integers(0, 6)) / Decimal(2))
        else:
            slope = draw(st.sampled_from(["0.5", "1", "2", "-0.5", "-1"]))
            award = cc.model.Linear(slope, 1, draw(st.integers(-200, 200)) / Decimal(2))
        items.append(Band(f"b{number}", award, lower, upper))
    return BandRule(items)


GRID = [Fraction(n, 8) for n in range(801)]


@given(random_band_rules(), st.integers(0, 6).map(lambda n: Decimal(n) / 2))
def test_exact_verdicts_agree_with_brute_force(rule: BandRule, max_points: Decimal) -> None:
    found = set(codes(one(rule, max_points)))
    uncovered = [x for x in GRID if not any(b.contains(x) for b in rule.bands)]
    assert ("band-gap" in found) == bool(uncovered)
    above = False
    for x in GRID:
        matches = [b for b in rule.bands if b.contains(x)]
        if matches and matches[0].award.exact(x, max_points) > Fraction(max_points):
            above = True
            break
    assert ("award-above-max" in found) == above


class _OwnRule:
    """A plugin's own rule type: lint knows it only by the range it declares."""

    def __init__(self, high: str) -> None:
        self.high = Decimal(high)

    def score(self, answer: object, max_points: Decimal) -> cc.Outcome:
        return cc.Outcome(points=Decimal(0))

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        return Decimal(0), self.high

    def describe(self, max_points: Decimal, *, lang: str = "vi") -> str:
        return "own"


def test_a_plugins_own_rule_is_checked_by_its_declared_range() -> None:
    assert codes(one(_OwnRule("2"), 1)) == ["award-above-max"]
    assert codes(one(_OwnRule("1"), 1)) == []
    assert codes(one(cc.rules.ProportionalRule(), 1)) == []
    assert codes(one(cc.rules.ManualRule(), 1)) == []


def test_gaps_on_a_count_scale_are_whole_numbers() -> None:
    def rule(upper_start: int) -> cc.rules.BandRule:
        two_to_three = cc.model.Band(
            "từ 2 đến 3",
            lower=cc.model.at_least(2),
            upper=cc.model.at_most(3),
            award=cc.model.Points(1),
        )
        top = cc.model.Band(
            f"từ {upper_start} trở lên",
            lower=cc.model.at_least(upper_start),
            award=cc.model.Points(2),
        )
        low = cc.model.Band("dưới 2", upper=cc.model.below(2), award=cc.model.Points(0))
        return cc.rules.BandRule(scale=cc.Scale.COUNT, bands=[two_to_three, top, low])

    def codes(upper_start: int) -> list[str]:
        cs = cc.CriterionSet(
            id="t", title="t", criteria=[cc.Criterion("1", "x", 2, rule=rule(upper_start))]
        )
        return [f.code for f in cc.lint(cs)]

    assert codes(4) == []  # no whole number lies between 3 and 4
    assert codes(5) == ["band-gap"]  # 4 does
    # On a percent scale the same edges leave a real gap.
    percent = cc.rules.BandRule(bands=[*rule(4).bands])
    cs = cc.CriterionSet(id="t", title="t", criteria=[cc.Criterion("1", "x", 2, rule=percent)])
    assert "band-gap" in [f.code for f in cc.lint(cs)]


# --------------------------------------------------------------------------- lateness (shape 4)

LATE = """\
id = "demo.lint.late"
title = "Lint chậm hạn"

[[criteria]]
code = "1"
title = "Gửi báo cáo đúng hạn; sau ngày 31/12 không được tính"
max = 1
rule = "lateness"
deadline = "2024-12-20"
days = "{days}"
not_after = "2024-12-31"
bands = [ {{ to = 0, points = 1 }}, {{ above = 0, to = {reach}, points = "0,5" }} ]

[[criteria]]
code = "2"
title = "Điểm trừ"
max = 2
role = "deduction"

[[criteria]]
code = "2.1"
title = "Chậm báo cáo: trừ 0,5 điểm mỗi ngày chậm, tối đa 2 điểm"
max = 2
rule = "lateness"
deadline = "2024-12-20"
bands = [ {{ to = 0, points = 0 }}, {{ above = 0, formula = "min(2, count * 0.5)" }} ]
"""


@pytest.mark.parametrize(("days", "reach"), [("calendar", 11), ("working", 7)])
def test_no_band_is_needed_past_the_last_accepted_day(days: str, reach: int) -> None:
    # 20/12 to 31/12/2024: 11 calendar days, 7 working days; later scores `rejected`.
    assert codes(cc.loads_set(LATE.format(days=days, reach=reach))) == []
    short = cc.loads_set(LATE.format(days=days, reach=reach - 1))
    assert codes(short) == ["band-gap"]  # a day that is still accepted has no band


def test_lateness_used_as_a_deduction_may_rise_but_not_fall() -> None:
    cs = cc.loads_set(LATE.format(days="calendar", reach=11))
    assert "not-monotone" not in codes(cs)
    falling = LATE.format(days="calendar", reach=11).replace(
        'formula = "min(2, count * 0.5)"', 'formula = "max(0, 2 - count * 0.5)"'
    )
    (found,) = [f for f in cc.lint(cc.loads_set(falling)) if f.code == "not-monotone"]
    assert found.criterion == "2.1"
    assert "2 days late deducts 1, less than 1.5 at 1 days" in found.message
    rising = LATE.format(days="calendar", reach=11).replace(
        '{ to = 0, points = 1 }, { above = 0, to = 11, points = "0,5" }',
        '{ to = 0, points = "0,5" }, { above = 0, to = 11, points = 1 }',
    )
    (found,) = [f for f in cc.lint(cc.loads_set(rising)) if f.code == "not-monotone"]
    assert found.criterion == "1"
    assert "sending later must never earn more" in found.message
