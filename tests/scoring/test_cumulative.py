"""Figures counted over the months so far (issue 25, shape 8): a monthly set scores a month
from the figures of the earlier months of its quarter or year."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.scoring import cumulate
from cchc_support import run

CUMULATIVE = """\
id = "demo.cum"
title = "Lũy kế"

[[criteria]]
code = "1"
title = "Số sáng kiến lũy kế từ đầu quý (từ 3 sáng kiến: 2 điểm)"
max = 2
rule = "bands"
scale = "count"
cumulative = "quarter"
bands = [ { from = 3, points = 2 }, { below = 3, points = 0 } ]

[[criteria]]
code = "2"
title = "Tỷ lệ hồ sơ đúng hạn lũy kế từ đầu năm"
max = 2
rule = "proportional"
cumulative = "year"

[[criteria]]
code = "3"
title = "Báo cáo tháng"
max = 1
rule = "yes_no"
"""


def month(number: int, answers: dict[str, object], unit: str = "Xã A") -> cc.Assessment:
    return cc.Assessment(answers, period=f"tháng {number}/2025", unit=unit)


@pytest.fixture(scope="module")
def monthly() -> cc.CriterionSet:
    return cc.loads_set(CUMULATIVE)


def test_the_months_so_far_of_the_quarter_and_of_the_year(monthly: cc.CriterionSet) -> None:
    earlier = [
        month(3, {"1": 5, "2": "10/10", "3": True}),  # another quarter, the same year
        month(4, {"1": 1, "2": "40/50"}),
        month(5, {"1": 1, "2": "45/50"}),
        month(7, {"1": 9, "2": "1/1"}),  # later: not counted
    ]
    june = cumulate(monthly, month(6, {"1": 1, "2": "48/50", "3": True}), earlier)
    assert june.answers == {"1": 3, "2": "143/160", "3": True}
    card = cc.score(monthly, june)
    # 3 initiatives this quarter: 2; 143 of 160 files on time this year: 89.375 % of 2
    assert card.points == 2 + Decimal("1.7875") + 1
    alone = cc.score(monthly, month(6, {"1": 1, "2": "48/50", "3": True}))
    assert alone["1"].points == 0  # one this month alone is not 3


def test_a_rate_in_percent_cannot_be_added_up(monthly: cc.CriterionSet) -> None:
    with pytest.raises(cc.InputError, match=r"criterion 2: .* cannot be added up"):
        cumulate(monthly, month(6, {"2": "48/50"}), [month(5, {"2": "90%"})])


def test_another_units_month_or_a_period_that_is_no_month_is_refused(
    monthly: cc.CriterionSet,
) -> None:
    with pytest.raises(cc.InputError, match="this is 'Xã B''s, not 'Xã A''s"):
        cumulate(monthly, month(6, {"1": 1}), [month(5, {"1": 1}, unit="Xã B")])
    quarter = cc.Assessment({"1": 1}, period="quý 1/2025", unit="Xã A")
    with pytest.raises(cc.InputError, match="is not a month"):
        cumulate(monthly, month(6, {"1": 1}), [quarter])


def test_the_command_adds_up_the_earlier_months(tmp_path: Path) -> None:
    (tmp_path / "set.toml").write_text(CUMULATIVE, encoding="utf-8")
    for number, count in ((4, 1), (5, 1), (6, 1)):
        (tmp_path / f"{number}.toml").write_text(
            f'unit = "Xã A"\nperiod = "tháng {number}/2025"\n[answers]\n"1" = {count}\n'
            '"2" = "9/10"\n"3" = true\n',
            encoding="utf-8",
        )
    args = ["score", str(tmp_path / "set.toml"), str(tmp_path / "6.toml")]
    code, out, _ = run(
        *args, "--earlier", str(tmp_path / "4.toml"), "--earlier", str(tmp_path / "5.toml")
    )
    assert code == 0, out
    assert "Total: 4.8 / 5" in out  # 2 + 90 % of 2 + 1
    code, out, _ = run(*args)
    assert "Total: 2.8 / 5" in out


def test_the_set_keeps_the_key_and_refuses_another(monthly: cc.CriterionSet) -> None:
    assert cc.loads_set(cc.dumps_set(monthly)) == monthly
    assert [c.cumulative for c in monthly.walk()] == ["quarter", "year", ""]
    with pytest.raises(cc.InputError, match='cumulative is "quarter" or "year", got \'month\''):
        cc.loads_set(CUMULATIVE.replace('cumulative = "year"', 'cumulative = "month"'))


@given(st.lists(st.integers(0, 20), min_size=1, max_size=12))
def test_a_count_so_far_is_the_sum_of_the_months(counts: list[int]) -> None:
    monthly = cc.loads_set(CUMULATIVE.replace('cumulative = "quarter"', 'cumulative = "year"'))
    months = [month(n, {"1": c}) for n, c in enumerate(counts, start=1)]
    last = cumulate(monthly, months[-1], months[:-1])
    assert last.answers["1"] == sum(counts)
