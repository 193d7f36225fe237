"""Vietnamese dates and periods."""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime, timedelta

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.cli import cli
from cchc_criteria.dates import (
    DateFormatError,
    Period,
    day_in_vietnam,
    format_date,
    format_period,
    parse_date,
    parse_period,
)


@pytest.mark.parametrize(
    "text",
    [
        "ngày 23 tháng 8 năm 2019",
        "23/8/2019",
        "23-8-2019",
        "23.8.2019",
        "2019-08-23",
        "ngày 23/8/2019",
        "  Ngày 23  tháng 8 năm 2019 ",
    ],
)
def test_the_seed_report_date(text: str) -> None:
    assert parse_date(text) == date(2019, 8, 23)


def test_day_first_by_rule() -> None:
    assert parse_date("8/5/2019") == date(2019, 5, 8)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("23/8/19", "year in full"),
        ("31/2/2019", "2/2019 has no day 31"),
        ("hôm qua", "not a date"),
        ("23/8", "not a date"),
    ],
)
def test_unreadable_dates_say_how_to_write_them(text: str, message: str) -> None:
    with pytest.raises(DateFormatError, match=message) as caught:
        parse_date(text)
    assert "23/8/2019" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2019-13-05", "no month 13 (year-month-day)"),
        ("2019-31-12", "no month 31 (year-month-day)"),
        ("12/23/2019", "no month 23 (the day first)"),
        ("5.13.2019", "no month 13 (the day first)"),
        ("ngày 1 tháng 13 năm 2019", "no month 13"),
    ],
)
def test_a_month_over_12_is_an_error_never_a_swap(text: str, month: str) -> None:
    with pytest.raises(
        DateFormatError, match=rf"{re.escape(repr(text))}: there is {re.escape(month)}"
    ):
        parse_date(text)
    with pytest.raises(DateFormatError):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-12-20T23:30-12:00", date(2024, 12, 21)),  # 18:30 on the 21st in Vietnam
        ("2024-12-20T23:30+07:00", date(2024, 12, 20)),
        ("2024-12-20T20:00Z", date(2024, 12, 21)),  # 03:00 on the 21st in Vietnam
        ("2024-12-20T16:59:59Z", date(2024, 12, 20)),
        ("2024-12-20 23:30", date(2024, 12, 20)),  # no offset: Vietnam's own time
    ],
)
def test_a_moment_is_the_day_it_is_in_vietnam(text: str, day: date) -> None:
    assert parse_date(text) == day
    moment = datetime.fromisoformat(text)
    assert day_in_vietnam(moment) == day


@given(st.datetimes(timezones=st.timezones()))
def test_the_day_in_vietnam_is_the_utc_plus_7_day(moment: datetime) -> None:
    offset = moment.utcoffset()
    if offset is not None and not datetime(1, 1, 2) < moment.replace(tzinfo=None) < datetime(
        9999, 12, 30
    ):
        with contextlib.suppress(DateFormatError):  # converted, or refused: never a crash
            day_in_vietnam(moment)
        return
    if offset is None:
        assert day_in_vietnam(moment) == moment.date()
    else:
        utc = moment.replace(tzinfo=None) - offset
        assert day_in_vietnam(moment) == (utc + timedelta(hours=7)).date()


@given(st.dates(date(1000, 1, 1), date(9998, 12, 31)))
def test_every_written_form_reads_back_day_first(day: date) -> None:
    for text in (
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        day.isoformat(),
    ):
        assert parse_date(text) == day
    if day.day > 12:
        # The month-first spelling is refused, never read as another day.
        with pytest.raises(DateFormatError, match=f"no month {day.day}"):
            parse_date(f"{day.month}/{day.day}/{day.year}")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("năm 2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("tháng 6/2019", date(2019, 6, 1), date(2019, 6, 30)),
        ("tháng 2 năm 2020", date(2020, 2, 1), date(2020, 2, 29)),
        ("6/2019", date(2019, 6, 1), date(2019, 6, 30)),
        ("6 tháng đầu năm 2019", date(2019, 1, 1), date(2019, 6, 30)),
        ("6 tháng năm 2019", date(2019, 1, 1), date(2019, 6, 30)),
        ("6 tháng cuối năm 2019", date(2019, 7, 1), date(2019, 12, 31)),
        ("quý II năm 2019", date(2019, 4, 1), date(2019, 6, 30)),
        ("quý 4/2019", date(2019, 10, 1), date(2019, 12, 31)),
        ("giai đoạn từ năm 2016 đến tháng 6/2019", date(2016, 1, 1), date(2019, 6, 30)),
        ("từ ngày 1/7/2025 đến năm 2026", date(2025, 7, 1), date(2026, 12, 31)),
        ("23/8/2019", date(2019, 8, 23), date(2019, 8, 23)),
    ],
)
def test_periods(text: str, start: date, end: date) -> None:
    assert parse_period(text) == Period(start, end)


@pytest.mark.parametrize(
    "text", ["tháng 13/2019", "13 tháng đầu năm 2019", "từ năm 2020 đến năm 2019", "năm 19"]
)
def test_impossible_periods_are_refused(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_period(text)


def test_a_period_contains_its_days() -> None:
    period = parse_period("tháng 6/2019")
    assert date(2019, 6, 30) in period
    assert date(2019, 7, 1) not in period


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(days)
def test_format_then_parse_a_date(day: date) -> None:
    assert parse_date(format_date(day)) == day


@given(days, days)
def test_format_then_parse_a_period(a: date, b: date) -> None:
    period = Period(min(a, b), max(a, b))
    assert parse_period(format_period(period)) == period
    assert parse_period(str(period)) == period


@pytest.mark.parametrize("day", ["12/23/2019", "2019-13-05", "2019-31-12"])
def test_the_command_refuses_a_month_over_12(day: str) -> None:

    result = CliRunner().invoke(cli, ["sets", "--on", day, "--lang", "en"])
    assert result.exit_code == 2
    assert f"{day!r}: there is no month" in result.output


def test_working_days_late_are_counted_not_walked() -> None:
    import time
    from datetime import date

    started = time.perf_counter()
    late = cc.rules.days_late(date(2024, 12, 20), date(9998, 1, 1), working=True)
    assert late > 2_000_000
    assert time.perf_counter() - started < 0.5
    with pytest.raises(cc.ArgumentError):
        cc.rules.days_late(date(2024, 12, 20), None)  # type: ignore[arg-type]
