"""Vietnamese dates and periods."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_criteria.dates import (
    DateFormatError,
    Period,
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
        ("31/2/2019", "not a day of the calendar"),
        ("hôm qua", "not a date"),
        ("23/8", "not a date"),
    ],
)
def test_unreadable_dates_say_how_to_write_them(text: str, message: str) -> None:
    with pytest.raises(DateFormatError, match=message) as caught:
        parse_date(text)
    assert "23/8/2019" in str(caught.value)


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
