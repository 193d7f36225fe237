"""The lateness kind: days late between dates, bounded work for any edge."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_support import run


def test_a_lateness_edge_past_ten_years_is_refused(tmp_path: Path) -> None:
    set_file = tmp_path / "late.toml"
    set_file.write_text(
        'id = "late"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 2\n'
        'rule = "lateness"\ndeadline = "2024-12-20"\ndays = "working"\nbands = [\n'
        "  { to = 0, points = 2 },\n  { above = 0, to = 10000000, points = 1 },\n"
        "  { above = 10000000, points = 0 },\n]\n",
        encoding="utf-8",
    )
    code, _, err = run("lint", str(set_file))
    assert code == 2
    assert "band 2: 10000000 days late; a band's edge is at most 3660 days" in err


# --------------------------------------------------------------------------- recurring, declared

RECURRING = """\
id = "demo.monthly"
title = "Báo cáo tháng"

[[criteria]]
code = "1"
title = "Gửi báo cáo tháng trước ngày 22 hằng tháng"
max = 1
rule = "lateness"
deadline = { day = 21 }
bands = [ { to = 0, points = 1 }, { above = 0, to = 3, points = "0,5" }, { above = 3, points = 0 } ]

[[criteria]]
code = "2"
title = "Báo cáo năm trước ngày 15/12 của năm đánh giá"
max = 1
rule = "lateness"
deadline = { day = 15, month = 12 }
not_after = { day = 31, month = 12 }
bands = [ { to = 0, points = 1 }, { above = 0, points = "0,5" } ]

[[criteria]]
code = "3"
title = "Ban hành kế hoạch trong vòng 30 ngày kể từ ngày có văn bản chỉ đạo"
max = 3
rule = "lateness"
deadline = "declared"
bands = [ { to = 30, points = 3 }, { above = 30, to = 60, points = 1 }, { above = 60, points = 0 } ]
"""


@pytest.fixture(scope="module")
def recurring() -> cc.CriterionSet:
    return cc.loads_set(RECURRING)


@pytest.mark.parametrize(
    ("period", "sent", "points"),
    [
        ("tháng 6/2025", "21/6/2025", 1),
        ("tháng 6/2025", "24/6/2025", Decimal("0.5")),
        ("tháng 2/2025", "21/2/2025", 1),
        ("tháng 2/2025", "25/2/2025", 0),
        ("quý 2/2025", "21/6/2025", 1),  # the month the period ends in
    ],
)
def test_a_monthly_deadline_is_the_day_of_the_month_assessed(
    recurring: cc.CriterionSet, period: str, sent: str, points: Decimal
) -> None:
    card = cc.score(recurring, cc.Assessment({"1": sent}, period=period))
    assert card["1"].points == points


def test_a_yearly_deadline_and_limit_are_days_of_the_year_assessed(
    recurring: cc.CriterionSet,
) -> None:
    on_time = cc.score(recurring, cc.Assessment({"2": "15/12/2024"}, period="năm 2024"))
    late = cc.score(recurring, cc.Assessment({"2": "20/12/2024"}, period="năm 2024"))
    refused = cc.score(recurring, cc.Assessment({"2": "2/1/2025"}, period="năm 2024"))
    assert (on_time["2"].points, late["2"].points, refused["2"].points) == (1, Decimal("0.5"), 0)
    assert [f.code for f in refused.findings if f.criterion == "2"] == ["late-not-accepted"]


def test_without_a_period_a_recurring_deadline_is_one_finding(
    recurring: cc.CriterionSet,
) -> None:
    card = cc.score(recurring, {"1": "21/6/2025"})
    (said,) = [f for f in card.findings if f.code == "needs-period"]
    assert said.criterion == "1"
    assert "the deadline is day 21 of each month" in said.message
    assert card["1"].points is None


@pytest.mark.parametrize(
    ("start", "done", "points"),
    [("1/3/2025", "31/3/2025", 3), ("1/3/2025", "1/4/2025", 1), ("1/3/2025", "1/5/2025", 0)],
)
def test_bands_over_the_days_between_two_declared_dates(
    recurring: cc.CriterionSet, start: str, done: str, points: int
) -> None:
    text = f'[answers]\n"3" = {{ from = "{start}", to = "{done}" }}\n'
    card = cc.score(recurring, cc.loads_assessment(text, criterion_set=recurring))
    assert card["3"].points == points
    assert card["3"].explanation.en.startswith("from 2025-03-01 to ")


def test_a_declared_window_needs_both_dates(recurring: cc.CriterionSet) -> None:
    with pytest.raises(cc.InputError, match="'to' is missing"):
        cc.loads_assessment('[answers]\n"3" = { from = "1/3/2025" }\n', criterion_set=recurring)
    card = cc.score(recurring, {"3": "1/3/2025"})
    assert [f.code for f in card.findings if f.criterion == "3"] == ["invalid-answer"]


def test_recurring_and_declared_deadlines_round_trip_and_lint_clean(
    recurring: cc.CriterionSet,
) -> None:
    assert cc.loads_set(cc.dumps_set(recurring)) == recurring
    assert cc.lint(recurring) == ()
    with pytest.raises(cc.InputError, match="a day from 1 to 31"):
        cc.loads_set(RECURRING.replace("{ day = 21 }", "{ day = 32 }"))
    with pytest.raises(cc.InputError, match="a recurring day"):
        cc.loads_set(RECURRING.replace("{ day = 21 }", "{ days = 21 }"))


@given(st.integers(1, 12), st.integers(2020, 2030), st.integers(-5, 40), st.integers(0, 20))
def test_an_earlier_report_never_scores_less(
    month: int, year: int, sent: int, earlier: int
) -> None:
    recurring = cc.loads_set(RECURRING)
    period = f"tháng {month}/{year}"
    due = date(year, month, 21)
    late, early = due + timedelta(days=sent), due + timedelta(days=sent - earlier)
    later = cc.score(recurring, cc.Assessment({"1": late}, period=period))["1"].points
    sooner = cc.score(recurring, cc.Assessment({"1": early}, period=period))["1"].points
    assert later is not None
    assert sooner is not None
    assert sooner >= later


# --------------------------------------------------------------------------- not accepted

REJECTING = """\
id = "demo.rejecting"
title = "Báo cáo quá hạn: không công nhận kết quả"
grades = [ { label = "Tốt", from = 50 }, { label = "Chưa tốt", below = 50 } ]

[[criteria]]
code = "1"
title = "Gửi báo cáo; sau ngày 31/12 không công nhận kết quả đánh giá"
max = 2
rule = "lateness"
deadline = "2024-12-20"
not_after = "2024-12-31"
beyond_limit = "card"
bands = [ { to = 0, points = 2 }, { above = 0, points = 1 } ]

[[criteria]]
code = "2"
title = "Ban hành kế hoạch"
max = 2
rule = "yes_no"
"""


def test_a_report_past_the_limit_rejects_the_whole_evaluation(tmp_path: Path) -> None:
    cs = cc.loads_set(REJECTING)
    assert cc.loads_set(cc.dumps_set(cs)) == cs
    late = cc.score(cs, {"1": "2/1/2025", "2": True})
    assert not late.accepted
    assert late.grade is None
    (said,) = [f for f in late.findings if f.code == "evaluation-not-accepted"]
    assert (
        said.message
        == "the unit's evaluation is not accepted: sent on 2025-01-02, after 2024-12-31"
    )
    on_time = cc.score(cs, {"1": "20/12/2024", "2": True})
    assert (on_time.accepted, on_time.grade) == (True, "Tốt")
    # Every report says so, and the ranking lists the unit without a place.
    set_file = tmp_path / "set.toml"
    set_file.write_text(REJECTING, encoding="utf-8")
    units = tmp_path / "units"
    units.mkdir()
    (units / "a.toml").write_text('unit = "A"\n[answers]\n"1" = "2/1/2025"\n"2" = true\n')
    (units / "b.toml").write_text('unit = "B"\n[answers]\n"1" = "20/12/2024"\n"2" = false\n')
    code, out, _ = run("score", str(set_file), str(units / "a.toml"))
    assert code == 1
    assert "Evaluation NOT ACCEPTED" in out
    code, out, _ = run("score", str(set_file), str(units / "a.toml"), "--lang", "vi")
    assert "KẾT QUẢ ĐÁNH GIÁ KHÔNG ĐƯỢC CÔNG NHẬN" in out
    for fmt in ("markdown", "html"):
        _, out, _ = run("score", str(set_file), str(units / "a.toml"), "-f", fmt)
        assert "Evaluation NOT ACCEPTED" in out
    _, out, _ = run("score", str(set_file), str(units / "a.toml"), "-f", "json")
    assert json.loads(out)["accepted"] is False
    workbook = tmp_path / "a.xlsx"
    run("score", str(set_file), str(units / "a.toml"), "-f", "xlsx", "-o", str(workbook))
    sheet = openpyxl.load_workbook(workbook).active
    assert sheet is not None
    texts = {cell.value for row in sheet.iter_rows() for cell in row}
    assert "Evaluation NOT ACCEPTED" in texts
    _, out, _ = run("rank", str(set_file), str(units))
    assert "1. B:" in out
    assert "(not accepted) A:" in out
    _, out, _ = run("rank", str(set_file), str(units), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["unit"]: (r["rank"], r["accepted"]) for r in rows} == {
        "A": ("", "no"),
        "B": ("1", "yes"),
    }


# --------------------------------------------------------------------------- public holidays

HOLIDAY_ROWS = """\
id = "demo.late.vn"
title = "Hạn theo ngày làm việc"

[[criteria]]
code = "1"
title = "Báo cáo năm, ngày làm việc, lịch nghỉ của Việt Nam"
max = 2
rule = "lateness"
deadline = "{deadline}"
days = "working"
calendar = "VN"
on_day_off = "{on_day_off}"
bands = [
  {{ to = 0, points = 2 }}, {{ above = 0, to = 2, points = 1 }}, {{ above = 2, points = 0 }},
]
"""


def holiday_set(deadline: str, on_day_off: str = "keep") -> cc.CriterionSet:
    return cc.loads_set(HOLIDAY_ROWS.format(deadline=deadline, on_day_off=on_day_off))


def test_tet_is_not_counted_as_days_late() -> None:
    # Due Friday 24/1/2025; Tết is 27/1 to 1/2/2025 (Mon to Sat): sent Monday 3/2 is one
    # working day late, not six.
    rule = holiday_set("2025-01-24").find("1").rule
    assert isinstance(rule, cc.rules.LatenessRule)
    assert rule.late(date(2025, 2, 3)) == 1
    plain = cc.rules.LatenessRule(rule.deadline, rule.bands, working=True)
    assert plain.late(date(2025, 2, 3)) == 6  # without the calendar: Monday to Monday
    card = cc.score(holiday_set("2025-01-24"), {"1": "3/2/2025"})
    assert card["1"].points == 1


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day() -> None:
    # 2/9/2024 and 3/9/2024 are National Day: due on the 2nd, the report is on time on the 4th.
    kept, moved = holiday_set("2024-09-02"), holiday_set("2024-09-02", "next_working_day")
    assert cc.score(kept, {"1": "4/9/2024"})["1"].points == 1  # one day late: the 3rd is off
    assert cc.score(moved, {"1": "4/9/2024"})["1"].points == 2  # due on the 4th: on time
    assert cc.score(kept, {"1": "9/9/2024"})["1"].points == 0  # 4, 5, 6, 9: four days late
    assert cc.score(moved, {"1": "9/9/2024"})["1"].points == 0  # 5, 6, 9: three
    rule = moved.find("1").rule
    assert isinstance(rule, cc.rules.LatenessRule)
    assert rule.late(date(2024, 9, 6)) == 2  # 5 and 6 September
    # Saturday 4/5/2024 is a make-up working day: a deadline on it stays.
    saturday = holiday_set("2024-05-04", "next_working_day").find("1").rule
    assert isinstance(saturday, cc.rules.LatenessRule)
    assert saturday.late(date(2024, 5, 6)) == 1


@given(st.dates(date(2023, 1, 1), date(2026, 12, 31)), st.integers(0, 400), st.integers(0, 30))
def test_days_late_by_the_calendar_never_fall_as_the_report_comes_later(
    due: date, after: int, more: int
) -> None:
    for on_day_off in ("keep", "next_working_day"):
        rule = holiday_set(due.isoformat(), on_day_off).find("1").rule
        assert isinstance(rule, cc.rules.LatenessRule)
        sent = due + timedelta(days=after)
        assert 0 <= rule.late(sent) <= rule.late(sent + timedelta(days=more))
        plain = cc.rules.LatenessRule(rule.deadline, rule.bands, working=True)
        if on_day_off == "next_working_day":  # a moved deadline is never later than kept
            assert rule.late(sent) <= holiday_set(due.isoformat()).find("1").rule.late(sent)  # type: ignore[union-attr]
        # Holidays only take days off; make-up Saturdays add at most the few of the span.
        assert rule.late(sent) <= plain.late(sent) + 4


def test_a_calendar_the_package_does_not_know_is_refused_when_the_set_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = HOLIDAY_ROWS.format(deadline="2025-01-24", on_day_off="keep")
    with pytest.raises(cc.InputError, match=r"criterion 1: .*no calendar for country 'XX'"):
        cc.loads_set(text.replace('"VN"', '"XX"'))
    with pytest.raises(cc.InputError, match='on_day_off must be "keep" or "next_working_day"'):
        cc.loads_set(text.replace('on_day_off = "keep"', 'on_day_off = "later"'))
    from cchc_criteria.rules import _deadlines

    _deadlines._calendar.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "holidays", None)
    with pytest.raises(cc.InputError, match=r"pip install 'cchc-criteria\[holidays\]'"):
        cc.loads_set(text)
    _deadlines._calendar.cache_clear()


def test_the_calendar_keys_round_trip() -> None:
    written = cc.dumps_set(holiday_set("2025-01-24", "next_working_day"))
    assert 'calendar = "VN"' in written
    assert 'on_day_off = "next_working_day"' in written
    assert cc.loads_set(written) == holiday_set("2025-01-24", "next_working_day")
