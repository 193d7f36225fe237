"""The trend kind: bands over the change from the previous period (issue 25, shape 7)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.rules import TrendRule, with_previous
from cchc_support import run

YEARLY = """\
id = "demo.trend.2025"
title = "So với năm trước"
predecessor = "demo.trend.2024"
lineage = {{ "2" = "3" }}

[[criteria]]
code = "1"
title = "Tỷ lệ giải ngân vốn đầu tư công tăng so với năm trước"
max = 1
rule = "trend"
bands = [ {{ above = 0, points = 1 }}, {{ to = 0, points = 0 }} ]

[[criteria]]
code = "2"
title = "Số thủ tục hành chính được cắt giảm so với năm trước"
max = 2
rule = "trend"
scale = "count"
bands = [
  {{ from = {step}, points = 2 }},
  {{ from = 1, below = {step}, points = 1 }},
  {{ below = 1, points = 0 }},
]
"""


@pytest.fixture(scope="module")
def yearly() -> cc.CriterionSet:
    return cc.loads_set(YEARLY.format(step=5))


@pytest.mark.parametrize(
    ("now", "before", "points", "change"),
    [("85%", "80%", 1, 5), ("80%", "80%", 0, 0), ("75,5%", "80%", 0, Decimal("-4.5"))],
)
def test_up_on_last_year_worked_by_hand(
    yearly: cc.CriterionSet, now: str, before: str, points: int, change: Decimal
) -> None:
    card = cc.score(yearly, {"1": {"value": now, "previous": before}})
    assert (card["1"].points, card["1"].value) == (points, change)


def test_last_periods_figures_come_through_the_code_map(yearly: cc.CriterionSet) -> None:
    # 2025's row 2 was row 3 in 2024 (lineage): its previous figure is 2024's "3".
    last_year = cc.Assessment({"1": "80%", "2": 99, "3": 4})
    this_year = with_previous(yearly, cc.Assessment({"1": "79%", "2": 10}), last_year)
    assert this_year.answers == {
        "1": {"value": "79%", "previous": "80%"},
        "2": {"value": 10, "previous": 4},
    }
    card = cc.score(yearly, this_year)
    assert (card["1"].points, card["2"].points) == (0, 2)  # down; 6 more cut


def test_without_a_previous_figure_the_row_says_what_it_needs(yearly: cc.CriterionSet) -> None:
    alone = with_previous(yearly, cc.Assessment({"1": "85%"}), cc.Assessment({}))
    card = cc.score(yearly, alone)
    (said,) = [f for f in card.findings if f.criterion == "1"]
    assert said.code == "invalid-answer"
    assert "{ value = …, previous = … }" in said.message


def test_a_file_gives_both_figures_or_the_command_reads_last_year(
    tmp_path: Path, yearly: cc.CriterionSet
) -> None:
    unit = cc.loads_assessment(
        '[answers]\n"1" = { value = "85%", previous = "80%" }\n', criterion_set=yearly
    )
    assert cc.score(yearly, unit)["1"].points == 1
    with pytest.raises(cc.InputError, match="'previous' is missing"):
        cc.loads_assessment('[answers]\n"1" = { value = "85%" }\n', criterion_set=yearly)
    (tmp_path / "set.toml").write_text(YEARLY.format(step=5), encoding="utf-8")
    (tmp_path / "2024.toml").write_text('[answers]\n"1" = "80%"\n"3" = 2\n', encoding="utf-8")
    (tmp_path / "2025.toml").write_text('[answers]\n"1" = "81%"\n"2" = 3\n', encoding="utf-8")
    code, out, _ = run(
        "score",
        str(tmp_path / "set.toml"),
        str(tmp_path / "2025.toml"),
        "--previous",
        str(tmp_path / "2024.toml"),
    )
    assert code == 0, out
    assert "this period 3, the previous 2: a change of +1" in out
    assert "Total: 2 / 3" in out


def test_the_set_round_trips_and_lints_clean(yearly: cc.CriterionSet) -> None:
    assert cc.loads_set(cc.dumps_set(yearly)) == yearly
    assert cc.lint(yearly) == ()
    gap = cc.loads_set(
        YEARLY.format(step=5).replace("{ to = 0, points = 0 }", "{ below = 0, points = 0 }")
    )
    assert [f.code for f in cc.lint(gap)] == ["band-gap"]  # no change at all: no band


@given(st.integers(0, 100), st.integers(0, 100), st.integers(0, 100))
def test_a_higher_figure_this_year_never_scores_less(before: int, now: int, more: int) -> None:
    rule = TrendRule(cc.loads_set(YEARLY.format(step=5)).find("1").rule.bands)  # type: ignore[union-attr]
    higher = min(now + more, 100)
    low = rule.score({"value": now, "previous": before}, Decimal(1)).points
    high = rule.score({"value": higher, "previous": before}, Decimal(1)).points
    assert low is not None
    assert high is not None
    assert 0 <= low <= high <= 1


@pytest.mark.parametrize(
    ("period", "before", "found"),
    [
        ("tháng 3/2025", "tháng 2/2025", True),
        ("năm 2025", "năm 2024", True),
        ("quý 2/2025", "quý 1/2025", True),
        ("năm 2025", "tháng 12/2024", False),  # the month before is not the year before
        ("tháng 3/2025", "tháng 1/2025", False),
    ],
)
def test_last_period_is_looked_up_by_unit_and_period(period: str, before: str, found: bool) -> None:
    from cchc_criteria.rules import previous_of

    now = cc.Assessment({}, unit="Xã A", period=period)
    candidates = [
        cc.Assessment({}, unit="Xã B", period=before),
        cc.Assessment({"1": "1"}, unit="Xã A", period=before),
    ]
    got = previous_of(now, candidates)
    assert (got is candidates[1]) if found else (got is None)


def test_the_command_finds_last_year_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "set.toml").write_text(YEARLY.format(step=5), encoding="utf-8")
    folder = tmp_path / "2024"
    folder.mkdir()
    for unit, rate in (("Xã A", "80%"), ("Xã B", "99%")):
        name = unit.replace(" ", "_").replace("ã", "a")
        (folder / f"{name}.toml").write_text(
            f'unit = "{unit}"\nperiod = "năm 2024"\n[answers]\n"1" = "{rate}"\n"3" = 2\n',
            encoding="utf-8",
        )
    (tmp_path / "now.toml").write_text(
        'unit = "Xã A"\nperiod = "năm 2025"\n[answers]\n"1" = "81%"\n"2" = 3\n', encoding="utf-8"
    )
    args = ["score", str(tmp_path / "set.toml"), str(tmp_path / "now.toml"), "--previous"]
    code, out, _ = run(*args, str(folder))
    assert code == 0, out
    assert "this period 81 %, the previous 80 %" in out
    (tmp_path / "lost.toml").write_text(
        'unit = "Xã C"\nperiod = "năm 2025"\n[answers]\n"1" = "81%"\n', encoding="utf-8"
    )
    code, _, err = run(
        "score", str(tmp_path / "set.toml"), str(tmp_path / "lost.toml"), "--previous", str(folder)
    )
    assert code == 2
    assert "no assessment of 'Xã C' for the period before 'năm 2025'" in err
