"""The rule kinds real indices use: cohort, parts, best of cases, conditional, lateness.

One set file holds a criterion of every kind; a cohort of four units in two groups is scored
and its points are worked out by hand below.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.cli import cli

SET = """\
id = "real.so.2025"
title = "Bộ tiêu chí với các cách tính thực tế"
cohort = "group"

[[criteria]]
code = "1"
title = "CÁC TIÊU CHÍ"
max = 12

[[criteria]]
code = "1.1"
title = "Tỷ lệ hồ sơ trực tuyến so với đơn vị cao nhất"
max = 2
rule = "relative"

[[criteria]]
code = "1.2"
title = "Số ngày giải quyết trung bình (thấp hơn là tốt hơn)"
max = 2
rule = "relative"
scale = "number"
better = "lower"

[[criteria]]
code = "1.3"
title = "Kết nối và ứng dụng"
max = 3
rule = "parts"
parts = [
  { name = "rate", max = 2, rule = "proportional" },
  { name = "items", max = 2, rule = "per_item", points_per_item = 1, cap = 2 },
]

[[criteria]]
code = "1.4"
title = "Đối thoại hoặc tiếp công dân"
max = 2
rule = "best_of"
cases = [
  { name = "dialogues", rule = "per_item", points_per_item = 1, cap = 2 },
  { name = "receptions", rule = "per_item", points_per_item = "0,5", cap = 2 },
]

[[criteria]]
code = "1.5"
title = "Thực hiện kế hoạch"
max = 1
rule = "conditional"
on = "has_plan"
cases = [
  { when = true, rule = "proportional" },
  { when = false, rule = "yes_no" },
]

[[criteria]]
code = "1.6"
title = "Gửi báo cáo năm"
max = 2
rule = "lateness"
deadline = "2024-12-20"
days = "working"
holidays = ["2024-12-24"]
working_days = ["2024-12-28"]
not_after = "2025-01-10"
bands = [
  { label = "Đúng hạn", to = 0, points = 2 },
  { label = "Chậm đến 2 ngày", above = 0, to = 2, points = 1 },
  { label = "Từ ngày thứ 3", above = 2, formula = "max(0, 1 - (count - 2) * 0.25)" },
]
"""


@pytest.fixture
def real() -> cc.CriterionSet:
    return cc.loads_set(SET, source="real.toml")


def unit(name: str, group: str, answers: dict[str, object]) -> cc.Assessment:
    return cc.Assessment(answers=answers, unit=name, group=group)


def test_the_set_round_trips_and_is_lint_clean(real: cc.CriterionSet) -> None:
    for fmt in ("toml", "json"):
        assert cc.loads_set(cc.dumps_set(real, format=fmt), format=fmt) == real
    # Parts 2 + 2 = 4 against a row max of 3: lint says so from the parts' ranges.
    (above,) = [f for f in cc.lint(real) if f.code == "award-above-max"]
    assert above.criterion == "1.3"
    assert above.message == "the rule can give up to 4, more than the max 3"
    assert [f.code for f in cc.lint(real) if f.code != "award-above-max"] == []


def test_a_cohort_in_two_groups_worked_by_hand(real: cc.CriterionSet) -> None:
    units = [
        unit("A", "G1", {"1.1": "80%", "1.2": 4}),
        unit("B", "G1", {"1.1": "40%", "1.2": 8}),
        unit("C", "G1", {"1.1": "60%", "1.2": 5}),
        unit("D", "G2", {"1.1": "30%", "1.2": 10}),
    ]
    cards = cc.score_many(real, units)
    points = [(c["1.1"].points, c["1.2"].points) for c in cards]
    # G1: best rate 80 %, best (fewest) days 4.
    #   A: 80/80 × 2 = 2;   4/4 × 2 = 2
    #   B: 40/80 × 2 = 1;   4/8 × 2 = 1
    #   C: 60/80 × 2 = 1.5; 4/5 × 2 = 1.6
    # G2 (alone): D is its own best: 2 and 2.
    assert points == [
        (Decimal(2), Decimal(2)),
        (Decimal(1), Decimal(1)),
        (Decimal("1.5"), Decimal("1.6")),
        (Decimal(2), Decimal(2)),
    ]
    assert "80 % (tốt nhất trong các đơn vị)" in cards[1]["1.1"].explanation.vi
    # Scored alone: no cohort, no published best: unscored, needs-cohort.
    alone = cc.score(real, units[1])
    assert alone["1.1"].points is None
    assert "needs-cohort" in [f.code for f in alone.findings if f.criterion == "1.1"]
    # ... unless the answer states the best figure.
    stated = cc.score(real, {"1.1": {"value": "40%", "best": "80%"}})
    assert stated["1.1"].points == 1
    # The best the unit typed is said to be the unit's, never "the best of the units".
    assert "tốt nhất do đơn vị nêu" in stated["1.1"].explanation.vi
    assert "the best unit" not in stated["1.1"].explanation.en


@pytest.mark.parametrize("refused", ["999999/1", "150%", "-10%", "abc", True])
def test_a_refused_answer_never_sets_the_cohorts_best(
    real: cc.CriterionSet, refused: object
) -> None:
    honest = [unit("A", "G", {"1.1": "75%", "1.2": 4}), unit("B", "G", {"1.1": "50%", "1.2": 8})]
    attacker = unit("X", "G", {"1.1": refused, "1.2": -10})
    alone = cc.score_many(real, honest)
    cards = cc.score_many(real, [*honest, attacker])
    for before, after in zip(alone, cards[:2], strict=True):
        assert after["1.1"].points == before["1.1"].points
        assert after["1.2"].points == before["1.2"].points
    assert cards[0]["1.1"].points == 2  # 75 % is the best scored figure
    assert cards[0]["1.2"].points == 2  # 4 days is the best; -10 days is refused
    assert cards[2]["1.1"].points is None
    assert cards[2]["1.2"].points is None


def test_a_unit_cannot_declare_its_own_best_inside_a_cohort(real: cc.CriterionSet) -> None:
    cards = cc.score_many(
        real,
        [
            unit("A", "G", {"1.1": "75%"}),
            unit("X", "G", {"1.1": {"value": "10%", "best": "10%"}}),
        ],
    )
    assert cards[0]["1.1"].points == 2
    assert cards[1]["1.1"].points is None
    (problem,) = [f for f in cards[1].findings if f.criterion == "1.1"]
    assert problem.code == "invalid-answer"
    assert "states its own best" in problem.message


def test_negative_figures_are_outside_a_relative_rules_domain() -> None:
    higher = cc.rules.RelativeRule(cc.Scale.NUMBER)
    cs = cc.CriterionSet(id="n", title="n", criteria=[cc.Criterion("1", "x", 2, rule=higher)])
    cards = cc.score_many(cs, [{"1": -10}, {"1": -1}, {"1": 5}])
    assert [c["1"].points for c in cards] == [None, None, 2]
    assert {f.code for c in cards[:2] for f in c.findings} == {"out-of-domain"}
    assert "0 or more" in cards[0].findings[0].message
    assert (
        cc.rules.RelativeRule(cc.Scale.NUMBER, reference=5)
        .score({"value": 1, "best": -2}, Decimal(2))
        .points
        is None
    )


def test_lower_is_better_with_a_unit_at_zero_gives_that_unit_the_max() -> None:
    lower = cc.rules.RelativeRule(cc.Scale.NUMBER, lower_is_better=True)
    cs = cc.CriterionSet(id="z", title="z", criteria=[cc.Criterion("1", "x", 2, rule=lower)])
    cards = cc.score_many(cs, [{"1": 0}, {"1": 3}, {"1": "0"}])
    # 0 days is the best: the best gets the max; 0 ÷ 3 × 2 = 0 for the other.
    assert [c["1"].points for c in cards] == [2, 0, 2]
    assert "0 is the best figure" in cards[0]["1"].explanation.en


def test_a_cohort_whose_best_is_zero_gets_what_the_set_says(real: cc.CriterionSet) -> None:
    cards = cc.score_many(real, [unit("A", "G", {"1.1": 0}), unit("B", "G", {"1.1": "0%"})])
    assert [c["1.1"].points for c in cards] == [0, 0]
    assert all("zero-reference" in [f.code for f in c.findings] for c in cards)
    full = cc.rules.RelativeRule(reference=0, if_zero="full")
    assert full.score("0%", Decimal(2)).points == 2


def test_parts_best_of_and_conditional(real: cc.CriterionSet) -> None:
    card = cc.score(
        real,
        {
            "1.3": {"rate": "45/50", "items": 3},
            "1.4": {"dialogues": 1, "receptions": 3},
            "1.5": {"has_plan": "Có", "value": "80%"},
        },
    )
    # parts: rate 45/50 × 2 = 1.8, items 3 × 1 held to 2 → 3.8, held to the row's 3.
    assert card["1.3"].rule_points == Decimal("3.8")
    assert card["1.3"].points == 3
    assert "rate: " in card["1.3"].explanation.vi
    assert "items: " in card["1.3"].explanation.vi
    # best of: dialogues 1 × 1 = 1, receptions 3 × 0.5 = 1.5 → 1.5, named.
    assert card["1.4"].points == Decimal("1.5")
    assert card["1.4"].matched == "receptions"
    assert "'receptions'" in card["1.4"].explanation.en
    # conditional: has a plan → proportional: 80 % × 1 = 0.8.
    assert card["1.5"].points == Decimal("0.8")
    without = cc.score(real, {"1.5": {"has_plan": False, "value": True}})
    assert without["1.5"].points == 1
    wrong = cc.score(real, {"1.3": {"rate": "45/50"}, "1.4": {"meetings": 2}})
    codes = {f.criterion: f.code for f in wrong.findings if f.criterion in ("1.3", "1.4")}
    assert codes == {"1.3": "missing-part", "1.4": "unknown-part"}


def test_conditional_on_the_units_group() -> None:
    rule = cc.rules.ConditionalRule(
        "group",
        [
            cc.rules.Branch("Sở", cc.rules.ProportionalRule()),
            cc.rules.Branch("Huyện", cc.rules.YesNoRule()),
        ],
    )
    cs = cc.CriterionSet(id="g", title="g", criteria=[cc.Criterion("1", "x", 2, rule=rule)])
    assert cc.score(cs, cc.Assessment(answers={"1": "50%"}, group="sở")).points == 1
    assert cc.score(cs, cc.Assessment(answers={"1": True}, group="Huyện")).points == 2
    other = cc.score(cs, cc.Assessment(answers={"1": True}, group="Xã"))
    assert [f.code for f in other.findings] == ["no-branch"]


@pytest.mark.parametrize("spelling", ["A", "a", "A ", "Nhóm A", "nhóm  a", "NHÓM A", "Group A"])
def test_every_spelling_of_a_group_is_one_group(real: cc.CriterionSet, spelling: str) -> None:
    rule = cc.rules.ConditionalRule(
        "group",
        [
            cc.rules.Branch("Nhóm A", cc.rules.ProportionalRule()),
            cc.rules.Branch("B", cc.rules.YesNoRule()),
        ],
    )
    cs = cc.CriterionSet(id="g", title="g", criteria=[cc.Criterion("1", "x", 2, rule=rule)])
    assert cc.score(cs, cc.Assessment(answers={"1": "50%"}, group=spelling)).points == 1
    # The cohort: one group, whatever the spelling; 80 % is the best of the four.
    units = [
        unit("P", spelling, {"1.1": "40%"}),
        unit("Q", "A", {"1.1": "80%"}),
        unit("R", "Nhóm A", {"1.1": "60%"}),
        unit("S", "B", {"1.1": "20%"}),
    ]
    cards = cc.score_many(real, units)
    assert [c["1.1"].points for c in cards] == [1, 2, Decimal("1.5"), 2]


def test_ranking_groups_by_one_key_named_as_the_set_declares(
    real: cc.CriterionSet, tmp_path: Path
) -> None:
    declared = cc.loads_set(
        cc.dumps_set(real).replace('cohort = "group"', 'cohort = "group"\ngroups = ["Nhóm A", "B"]')
    )
    assert declared.groups == ("Nhóm A", "B")
    assert cc.loads_set(cc.dumps_set(declared)) == declared
    set_file = tmp_path / "set.toml"
    set_file.write_text(cc.dumps_set(declared), encoding="utf-8")
    for name, group, rate in [
        ("p", "a", "40%"),
        ("q", "A ", "80%"),
        ("r", "Nhóm A", "60%"),
        ("s", "C", "10%"),
    ]:
        (tmp_path / f"{name}.toml").write_text(
            f'unit = "{name}"\ngroup = "{group}"\n[answers]\n"1.1" = "{rate}"\n', encoding="utf-8"
        )
    files = [str(tmp_path / f"{n}.toml") for n in "pqrs"]
    result = CliRunner().invoke(cli, ["rank", str(set_file), *files, "-f", "json"])
    rows = json.loads(result.output)
    groups = {row["unit"]: row["group"] for row in rows}
    assert groups == {"p": "Nhóm A", "q": "Nhóm A", "r": "Nhóm A", "s": "C"}
    # C is not one of the set's groups: said, not silently a group of its own.
    card = cc.score(declared, cc.Assessment({"1.1": "10%"}, group="C"))
    (problem,) = [f for f in card.findings if f.code == "unknown-group"]
    assert problem.message == "the group 'C' is not one of the set's groups (Nhóm A, B)"
    assert not [
        f
        for f in cc.score(declared, cc.Assessment({}, group="nhóm a")).findings
        if f.code == "unknown-group"
    ]
    with pytest.raises(cc.InputError, match="the same group as 'A'"):
        cc.loads_set(cc.dumps_set(real).replace('cohort = "group"', 'groups = ["A", "Nhóm A"]'))


@pytest.mark.parametrize(
    ("sent", "working", "late"),
    [
        (date(2024, 12, 20), False, 0),  # on the day (a Friday)
        (date(2024, 12, 23), False, 3),  # calendar: Sat, Sun, Mon
        (date(2024, 12, 23), True, 1),  # working: the weekend does not count
        (date(2024, 12, 25), True, 2),  # Mon 23, (Tue 24 is a holiday), Wed 25
        (date(2024, 12, 30), True, 6),  # 23, 25, 26, 27, Sat 28 (a working day), 30
        (date(2024, 12, 30), False, 10),
    ],
)
def test_days_late_across_a_weekend_and_a_holiday(sent: date, working: bool, late: int) -> None:
    deadline = date(2024, 12, 20)
    assert (
        cc.rules.days_late(
            deadline,
            sent,
            working=working,
            holidays=[date(2024, 12, 24)],
            working_days=[date(2024, 12, 28)],
        )
        == late
    )


def test_lateness_scores_and_refuses_after_the_last_day(real: cc.CriterionSet) -> None:
    def points(sent: object) -> Decimal | None:
        return cc.score(real, {"1.6": sent})["1.6"].points

    assert points(date(2024, 12, 20)) == 2  # on time
    assert points("23/12/2024") == 1  # 1 working day late
    assert points(date(2024, 12, 27)) == Decimal("0.5")  # 4 working days: 1 - 2 × 0.25
    assert points(date(2025, 1, 10)) == 0  # many days late: held at 0 by the formula
    late = cc.score(real, {"1.6": date(2025, 1, 11)})
    assert late["1.6"].points == 0
    assert [f.code for f in late.findings if f.criterion == "1.6"] == ["late-not-accepted"]
    invalid = cc.score(real, {"1.6": "hôm qua"})
    assert [f.code for f in invalid.findings if f.criterion == "1.6"] == ["invalid-answer"]


def test_lateness_counts_the_day_it_is_in_vietnam(real: cc.CriterionSet, tmp_path: Path) -> None:
    # 23:30 on Monday 23/12 at UTC-12 is 18:30 on Tuesday 24/12 in Vietnam (a holiday in
    # this set), so Wednesday 25/12 at UTC-12 23:30 is Thursday 26/12 in Vietnam: 3 working
    # days late, not 2.
    assert cc.score(real, {"1.6": "2024-12-25T23:30-12:00"})["1.6"].points == Decimal("0.75")
    assert cc.score(real, {"1.6": "2024-12-25T23:30+07:00"})["1.6"].points == 1
    # The same from a file, where TOML reads the moment as a date-time.
    path = tmp_path / "unit.toml"
    path.write_text('[answers]\n"1.6" = 2024-12-25T23:30:00-12:00\n', encoding="utf-8")
    card = cc.score(real, cc.load_assessment(path))
    assert card["1.6"].points == Decimal("0.75")
    # A month over 12 is refused with its value named, never swapped.
    card = cc.score(real, {"1.6": "2024-20-12"})
    (problem,) = [f for f in card.findings if f.criterion == "1.6"]
    assert problem.code == "invalid-answer"
    assert "no month 20" in problem.message


def test_lint_checks_the_rules_inside_a_row_of_parts() -> None:
    gap = cc.rules.BandRule(
        [
            cc.model.Band("Từ 90%", cc.model.Points(1), cc.model.at_least(90)),
            cc.model.Band("Dưới 50%", cc.model.Points(0), upper=cc.model.below(50)),
        ]
    )
    rule = cc.rules.PartsRule(
        [cc.rules.Part("rate", gap, 1), cc.rules.Part("plan", cc.rules.YesNoRule(), 1)]
    )
    cs = cc.CriterionSet(id="p", title="p", criteria=[cc.Criterion("1", "x", 2, rule=rule)])
    (found,) = [f for f in cc.lint(cs) if f.code == "band-gap"]
    assert found.criterion == "1"
    assert "from 50 % to under 90 %" in found.message


def test_lint_says_when_a_later_report_earns_more() -> None:
    rule = cc.rules.LatenessRule(
        date(2024, 12, 20),
        [
            cc.model.Band("Đúng hạn", cc.model.Points(1), upper=cc.model.at_most(0)),
            cc.model.Band(
                "Chậm 1 ngày", cc.model.Points(0), cc.model.above(0), cc.model.at_most(1)
            ),
            cc.model.Band("Chậm hơn", cc.model.Points("0.5"), cc.model.above(1)),
        ],
    )
    cs = cc.CriterionSet(id="l", title="l", criteria=[cc.Criterion("1", "x", 1, rule=rule)])
    (rises,) = [f for f in cc.lint(cs) if f.code == "not-monotone"]
    assert rises.message.startswith("2 days late scores 0.5, more than 0 at 1 days")


def test_assessment_files_take_tables_and_dates(real: cc.CriterionSet, tmp_path: Path) -> None:
    path = tmp_path / "unit.toml"
    path.write_text(
        'set = "real.so.2025"\n[answers]\n"1.3" = { rate = "45/50", items = 3 }\n'
        '"1.6" = 2024-12-23\n"1.5" = { has_plan = true, value = "80%" }\n',
        encoding="utf-8",
    )
    loaded = cc.load_assessment(path, criterion_set=real)
    assert loaded.answers["1.3"] == {"rate": "45/50", "items": 3}
    assert loaded.answers["1.6"] == date(2024, 12, 23)
    assert cc.loads_assessment(cc.dumps_assessment(loaded), criterion_set=real).answers["1.3"] == {
        "rate": "45/50",
        "items": 3,
    }
    path.write_text('[answers]\n"1.3" = { rate = "45/50", apps = 3 }\n', encoding="utf-8")
    with pytest.raises(cc.InputError) as caught:
        cc.load_assessment(path, criterion_set=real)
    message = str(caught.value)
    assert f"{path}:2: criterion 1.3: [answers]: 'apps' is not a figure of this row" in message
    assert f"{path}:2: criterion 1.3: [answers]: 'items' is missing" in message


def test_the_command_ranks_a_cohort(real: cc.CriterionSet, tmp_path: Path) -> None:
    (tmp_path / "set.toml").write_text(SET, encoding="utf-8")
    for name, rate in (("a", "80%"), ("b", "40%"), ("c", "60%")):
        (tmp_path / f"{name}.toml").write_text(
            f'unit = "{name}"\ngroup = "G"\n[answers]\n"1.1" = "{rate}"\n', encoding="utf-8"
        )
    result = CliRunner().invoke(
        cli,
        [
            "rank",
            str(tmp_path / "set.toml"),
            *(str(tmp_path / f"{n}.toml") for n in "abc"),
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    rows = {r["unit"]: r for r in json.loads(result.stdout)}
    assert rows["b"]["points"] == "1"  # 40/80 × 2, compared with the cohort's best


def test_advice_for_the_new_kinds(real: cc.CriterionSet) -> None:
    cards = cc.score_many(
        real,
        [
            unit("A", "G", {"1.1": "80%"}),
            unit(
                "B",
                "G",
                {"1.1": "40%", "1.3": {"rate": "45/50", "items": 0}, "1.6": date(2024, 12, 27)},
            ),
        ],
    )
    steps = {s.criterion: s for s in cc.advise(cards[1]).steps}
    assert (steps["1.1"].kind, steps["1.1"].target) == ("raise", 80)
    assert steps["1.1"].gain == 1
    assert steps["1.3"].answer == {"rate": "45/50", "items": 1}
    assert steps["1.6"].answer == date(2024, 12, 20)
    assert steps["1.6"].gain == Decimal("1.5")  # from 0.5 (4 working days late) to 2


# --------------------------------------------------------------------------- properties

rates = st.integers(0, 100)


@settings(max_examples=150, deadline=None)
@given(st.lists(rates, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_cohort_best_gets_the_max_nobody_exceeds_order_does_not_matter(
    figures: list[int], random: object
) -> None:
    rule = cc.rules.RelativeRule()
    cs = cc.CriterionSet(id="c", title="c", criteria=[cc.Criterion("1", "x", 2, rule=rule)])
    units = [cc.Assessment(answers={"1": f}, unit=str(i)) for i, f in enumerate(figures)]
    cards = cc.score_many(cs, units)
    by_unit = {c.assessment.unit: c["1"].points for c in cards}
    for card, figure in zip(cards, figures, strict=True):
        points = card["1"].points
        assert points is not None
        assert 0 <= points <= 2
        if figure == max(figures) and figure > 0:
            assert points == 2
    shuffled = list(units)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    again = {c.assessment.unit: c["1"].points for c in cc.score_many(cs, shuffled)}
    assert again == by_unit


@settings(max_examples=100, deadline=None)
@given(
    st.lists(rates, min_size=1, max_size=6),
    st.lists(
        st.one_of(
            st.integers(101, 10**6),
            st.integers(-(10**6), -1),
            st.builds(lambda n: f"{n}/1", st.integers(2, 10**6)),
            st.builds(lambda v: {"value": v, "best": v}, rates),
            st.text(max_size=5),
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_refused_answers_never_change_the_other_units_points(
    figures: list[int], refused: list[object], lower: bool
) -> None:
    rule = cc.rules.RelativeRule(lower_is_better=lower)
    cs = cc.CriterionSet(id="c", title="c", criteria=[cc.Criterion("1", "x", 2, rule=rule)])
    honest = [cc.Assessment(answers={"1": f}) for f in figures]
    others = [cc.Assessment(answers={"1": r}) for r in refused]
    alone = [c["1"].points for c in cc.score_many(cs, honest)]
    mixed = cc.score_many(cs, [*honest, *others])
    assert [c["1"].points for c in mixed[: len(honest)]] == alone
    assert all(c["1"].points is None for c in mixed[len(honest) :])


def test_best_of_honours_a_cases_own_max() -> None:
    cs = cc.loads_set(
        """
id = "b"
title = "b"
[[criteria]]
code = "1"
title = "Đối thoại hoặc tiếp công dân"
max = 2
rule = "best_of"
cases = [
  { name = "d", max = "0,5", rule = "per_item", points_per_item = 1 },
  { name = "r", rule = "per_item", points_per_item = "0,5" },
]
"""
    )
    (rule,) = [c.rule for c in cs.walk() if c.rule is not None]
    assert isinstance(rule, cc.rules.BestOfRule)
    assert [c.max_points for c in rule.cases] == [Decimal("0.5"), None]
    # 'd' alone gives 3 × 1 = 3, held to its own 0.5 (not the row's 2).
    assert cc.score(cs, {"1": {"d": 3}})["1"].points == Decimal("0.5")
    assert cc.score(cs, {"1": {"d": 3, "r": 2}})["1"].points == 1
    assert cc.score(cs, {"1": {"r": 10}})["1"].points == 2
    # The file says it back as published.
    assert cc.loads_set(cc.dumps_set(cs)) == cs
    assert 'max = "0,5"' in cc.dumps_set(cs) or "max = 0.5" in cc.dumps_set(cs)
    # A row of parts still needs every part's max.
    with pytest.raises(cc.CchcError, match="needs its max points"):
        cc.rules.PartsRule([cc.rules.Part("a", cc.rules.YesNoRule())])


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 20),
    st.integers(0, 20),
    st.decimals(0, 5, places=1),
    st.one_of(st.none(), st.decimals(0, 5, places=1)),
)
def test_a_best_of_case_never_gives_more_than_its_own_max(
    dialogues: int, receptions: int, row: Decimal, own: Decimal | None
) -> None:
    rule = cc.rules.BestOfRule(
        [
            cc.rules.Part("d", cc.rules.PerItemRule(1), own),
            cc.rules.Part("r", cc.rules.PerItemRule("0.5")),
        ]
    )
    points = rule.score({"d": dialogues}, row).points
    assert points is not None
    assert points <= (row if own is None else min(own, row))
    assert points == min(Decimal(dialogues), row if own is None else min(own, row))
    low, high = rule.points_range(row)
    assert low is not None
    assert high is not None
    assert low <= rule.score({"d": dialogues, "r": receptions}, row).points <= high  # type: ignore[operator]


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 20), st.integers(0, 20), st.decimals(0, 5, places=1))
def test_best_of_is_at_least_every_case(dialogues: int, receptions: int, maximum: Decimal) -> None:
    rule = cc.rules.BestOfRule(
        [
            cc.rules.Part("d", cc.rules.PerItemRule(1), maximum),
            cc.rules.Part("r", cc.rules.PerItemRule("0.5"), maximum),
        ]
    )
    best = rule.score({"d": dialogues, "r": receptions}, maximum).points
    assert best is not None
    for part, figure in zip(rule.cases, (dialogues, receptions), strict=True):
        case = part.rule.score(figure, maximum).points
        assert case is not None
        assert best >= min(case, maximum)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 50), st.integers(1, 50), st.integers(0, 20), st.decimals(0, 6, places=1))
def test_parts_never_exceed_the_rows_max(
    done: int, total: int, items: int, maximum: Decimal
) -> None:
    done = min(done, total)
    rule = cc.rules.PartsRule(
        [
            cc.rules.Part("rate", cc.rules.ProportionalRule(), 2),
            cc.rules.Part("items", cc.rules.PerItemRule(1), 2),
        ]
    )
    cs = cc.CriterionSet(id="p", title="p", criteria=[cc.Criterion("1", "x", maximum, rule=rule)])
    card = cc.score(cs, {"1": {"rate": f"{done}/{total}", "items": items}})
    assert card.points <= maximum
    assert card["1"].points is not None


@settings(max_examples=150, deadline=None)
@given(st.integers(-5, 40), st.integers(0, 40), st.booleans())
def test_sending_later_never_earns_more(first: int, extra: int, working: bool) -> None:
    deadline = date(2024, 12, 20)
    rule = cc.rules.LatenessRule(
        deadline,
        [
            cc.model.Band("Đúng hạn", cc.model.Points(2), upper=cc.model.at_most(0)),
            cc.model.Band(
                "Chậm đến 2 ngày", cc.model.Points(1), cc.model.above(0), cc.model.at_most(2)
            ),
            cc.model.Band(
                "Từ ngày thứ 3",
                cc.model.Formula("max(0, 1 - (count - 2) * 0.25)"),
                cc.model.above(2),
            ),
        ],
        working=working,
        holidays=[date(2024, 12, 24), date(2025, 1, 1)],
        not_after=date(2025, 1, 20),
    )
    earlier = deadline + timedelta(days=first)
    later = earlier + timedelta(days=extra)
    before = rule.score(earlier, Decimal(2)).points
    after = rule.score(later, Decimal(2)).points
    assert before is not None
    assert after is not None
    assert after <= before


def test_the_excel_template_takes_several_figures_and_dates(tmp_path: Path) -> None:
    import openpyxl

    (tmp_path / "set.toml").write_text(SET, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["template", str(tmp_path / "set.toml"), "-f", "xlsx", "-o", str(tmp_path / "t.xlsx")]
    )
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book["Kê khai"]
    rows = {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1)}
    sheet.cell(rows["1.3"], 5).value = "rate = 45/50; items = 3"
    sheet.cell(rows["1.5"], 5).value = "{ has_plan = Có; value = 80% }"
    cell = sheet.cell(rows["1.6"], 5)
    cell.value = date(2024, 12, 23)
    cell.number_format = "DD/MM/YYYY"
    book.save(tmp_path / "filled.xlsx")
    (tmp_path / "same.toml").write_text(
        '[answers]\n"1.3" = { rate = "45/50", items = 3 }\n"1.5" = { has_plan = "Có", '
        'value = "80%" }\n"1.6" = 2024-12-23\n',
        encoding="utf-8",
    )
    cards = []
    for name in ("filled.xlsx", "same.toml"):
        result = CliRunner().invoke(
            cli, ["score", str(tmp_path / "set.toml"), str(tmp_path / name), "-f", "json"]
        )
        assert result.exit_code == 1, result.stderr  # incomplete: 1.1, 1.2, 1.4 unanswered
        cards.append(
            {n["code"]: n["points"] for n in __import__("json").loads(result.stdout)["nodes"]}
        )
    assert cards[0] == cards[1]
    assert cards[0]["1.3"] == "3"
    assert cards[0]["1.6"] == "1"
    sheet.cell(rows["1.3"], 5).value = "rate = 45/50; apps = 3"
    book.save(tmp_path / "wrong.xlsx")
    result = CliRunner().invoke(
        cli, ["score", str(tmp_path / "set.toml"), str(tmp_path / "wrong.xlsx"), "--lang", "en"]
    )
    assert result.exit_code == 2
    assert "criterion 1.3: [answers]: 'apps' is not a figure of this row" in result.stderr
