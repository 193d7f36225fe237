"""Dates and periods written the Vietnamese way, read through python-dateutil.

Reading rules (documented in ``docs/concepts.md``):

* a date is day first: "23/8/2019", "23-8-2019", "23.8.2019", "ngày 23 tháng 8 năm 2019",
  or ISO "2019-08-23"; the year is written in full ("23/8/19" is refused: which century?);
  a month over 12 is an error naming it, never a sign that day and month were swapped
  ("12/23/2019" and "2019-31-12" are refused);
* a moment (an ISO date-time, "2024-12-20T23:30-12:00") is the day it is in Vietnam (UTC+7):
  a time with another offset is converted first; a time with none is Vietnam's;
* a period is a year ("năm 2019", "2019"), a month ("tháng 6/2019", "tháng 6 năm 2019",
  "6/2019"), a quarter ("quý II năm 2019", "quý 2/2019"), the first or last months of a year
  ("6 tháng đầu năm 2019", "6 tháng năm 2019", "6 tháng cuối năm 2019"), a single date, or
  "từ X đến Y" with X and Y any of those ("giai đoạn từ năm 2016 đến tháng 6/2019");
* anything else is a `DateFormatError` that says how to write it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

import attrs
from dateutil.relativedelta import relativedelta

from cchc_criteria.errors import DateFormatError
from cchc_criteria.text import Text

__all__ = [
    "VIETNAM",
    "DateFormatError",
    "Period",
    "day_in_vietnam",
    "format_date",
    "format_period",
    "parse_date",
    "parse_period",
]

VIETNAM = timezone(timedelta(hours=7), "ICT")
"""Vietnam's time (UTC+7, no daylight saving): the day a report is sent is the day there."""


def day_in_vietnam(moment: datetime) -> date:
    """The day ``moment`` falls on in Vietnam: a time with an offset is converted to UTC+7
    first ("2024-12-20T23:30-12:00" is 21/12/2024 there); a time with none is taken as
    Vietnam's own."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.date()
    try:
        return moment.astimezone(VIETNAM).date()
    except OverflowError:  # the first or last hours of the calendar
        raise DateFormatError(
            Text(
                f"{moment.isoformat()!r} nằm ngoài lịch khi đổi sang giờ Việt Nam",
                f"{moment.isoformat()!r} is outside the calendar in Vietnam's time",
            )
        ) from None


_HOW = Text(
    'hãy viết ngày trước, năm đủ bốn chữ số ("23/8/2019" hoặc "ngày 23 tháng 8 năm 2019"), '
    'và kỳ như "năm 2019", "tháng 6/2019", "quý II năm 2019", "6 tháng đầu năm 2019" hoặc '
    '"từ năm 2016 đến tháng 6/2019"',
    'write a date day first with the year in full ("23/8/2019" or "ngày 23 tháng 8 năm 2019"), '
    'a period as "năm 2019", "tháng 6/2019", "quý II năm 2019", "6 tháng đầu năm 2019" or '
    '"từ năm 2016 đến tháng 6/2019"',
)


def _unreadable(vi: str, en: str) -> DateFormatError:
    """A date or period that cannot be read, with how to write one."""
    return DateFormatError(Text(f"{vi}; {_HOW.vi}", f"{en}; {_HOW.en}"))


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@attrs.frozen
class Period:
    """An inclusive span of days (kỳ, giai đoạn): ``start`` to ``end``."""

    start: date
    end: date

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise DateFormatError(
                Text(
                    f"một kỳ không thể kết thúc ({self.end}) trước khi bắt đầu ({self.start})",
                    f"a period cannot end ({self.end}) before it starts ({self.start})",
                )
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return format_period(self)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().lower()
    return re.sub(r"\s+", " ", text)


_YEARS = range(1000, 9999)
"""The years a date or period may name (the calendar's last year is kept free, so that a period in
it still has an end)."""


def _year(text: str, original: str) -> int:
    if len(text) != 4:
        raise _unreadable(
            f"{original!r}: hãy viết năm đủ bốn chữ số",
            f"{original!r}: write the year in full (four digits)",
        )
    year = int(text)
    if year not in _YEARS:
        raise DateFormatError(
            Text(
                f"{original!r}: năm phải từ {_YEARS.start} đến {_YEARS.stop - 1}",
                f"{original!r}: the year must be from {_YEARS.start} to {_YEARS.stop - 1}",
            )
        )
    return year


_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:z|[+-]\d{2}:?\d{2})?"
)


def parse_date(text: str) -> date:
    """Read one day: "23/8/2019", "ngày 23 tháng 8 năm 2019", "2019-08-23", or a moment
    ("2024-12-20T23:30+07:00": the day it is in Vietnam, `day_in_vietnam`)."""
    cleaned = _clean(text)
    if _MOMENT.fullmatch(cleaned):
        try:
            moment = datetime.fromisoformat(cleaned.upper())
        except ValueError:
            raise _unreadable(
                f"{text!r} không có trong lịch", f"{text!r} is not a moment of the calendar"
            ) from None
        _year(f"{moment.year:04d}", text)
        return day_in_vietnam(moment)
    words = re.fullmatch(r"(?:ngày )?(\d{1,2}) tháng (\d{1,2}) năm (\d+)", cleaned)
    if words:
        day, month, year = words.groups()
        cleaned = f"{day}/{month}/{year}"
    cleaned = re.sub(r"^ngày ", "", cleaned)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d+)", cleaned)
    if iso:
        year_text, month_text, day_text = iso.groups()
    elif numeric:
        day_text, month_text, year_text = numeric.groups()
    else:
        raise _unreadable(
            f"{text!r} không phải là ngày hay kỳ", f"{text!r} is not a date or a period"
        )
    year = _year(year_text, text)
    month = int(month_text)
    if not 1 <= month <= 12:
        # Day first, always: a month over 12 is a mistake to name, not a swap to guess.
        order = (
            ("năm-tháng-ngày", "year-month-day") if iso else ("ngày trước tháng", "the day first")
        )
        raise _unreadable(
            f"{text!r}: không có tháng {month} ({order[0]})",
            f"{text!r}: there is no month {month} ({order[1]})",
        )
    try:
        return date(year, month, int(day_text))
    except ValueError:
        raise _unreadable(
            f"{text!r}: tháng {month}/{year} không có ngày {int(day_text)}",
            f"{text!r}: {month}/{year} has no day {int(day_text)}",
        ) from None


def _month(month: int, year: int, original: str) -> Period:
    if not 1 <= month <= 12:
        raise _unreadable(
            f"{original!r}: không có tháng {month}", f"{original!r}: there is no month {month}"
        )
    start = date(year, month, 1)
    return Period(start, start + relativedelta(months=1, days=-1))


def parse_period(text: str) -> Period:
    """Read a period (see the module documentation for the forms)."""
    cleaned = _clean(text)
    cleaned = re.sub(r"^(?:giai đoạn|kỳ|thời kỳ) ", "", cleaned)
    span = re.fullmatch(r"từ (.+?) đến (.+)", cleaned)
    if span:
        first, last = (parse_period(part) for part in span.groups())
        if last.end < first.start:
            raise DateFormatError(
                Text(f"{text!r} kết thúc trước khi bắt đầu", f"{text!r} ends before it starts")
            )
        return Period(first.start, last.end)
    year = re.fullmatch(r"(?:năm )?(\d+)", cleaned)
    if year:
        number = _year(year.group(1), text)
        return Period(date(number, 1, 1), date(number, 12, 31))
    month = re.fullmatch(r"(?:tháng )?(\d{1,2})(?:/| năm )(\d+)", cleaned)
    if month:
        return _month(int(month.group(1)), _year(month.group(2), text), text)
    quarter = re.fullmatch(r"quý (i{1,3}|iv|[1-4])(?:/| năm )(\d+)", cleaned)
    if quarter:
        number = _ROMAN.get(quarter.group(1)) or int(quarter.group(1))
        first = _month(3 * number - 2, _year(quarter.group(2), text), text)
        return Period(first.start, first.start + relativedelta(months=3, days=-1))
    months = re.fullmatch(r"(\d{1,2}) tháng (?:(đầu|cuối) )?năm (\d+)", cleaned)
    if months:
        count, side, year_text = months.groups()
        number, months_count = _year(year_text, text), int(count)
        if not 1 <= months_count <= 12:
            raise _unreadable(f"{text!r}: một năm có 12 tháng", f"{text!r}: a year has 12 months")
        if side == "cuối":
            end = date(number, 12, 31)
            return Period(date(number, 13 - months_count, 1), end)
        start = date(number, 1, 1)
        return Period(start, start + relativedelta(months=months_count, days=-1))
    day = parse_date(text)
    return Period(day, day)


def format_date(day: date) -> str:
    """ "ngày 23 tháng 8 năm 2019"."""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def format_period(period: Period) -> str:
    """The shortest Vietnamese form of ``period`` that `parse_period` reads back."""
    start, end = period.start, period.end
    whole_months = start.day == 1 and end + relativedelta(days=1) == (
        end + relativedelta(days=1)
    ).replace(day=1)
    if whole_months and start.year == end.year:
        if start.month == 1 and end.month == 12:
            return f"năm {start.year}"
        if start.month == end.month:
            return f"tháng {start.month}/{start.year}"
        if start.month == 1:
            return f"{end.month} tháng đầu năm {start.year}"
        if end.month == 12:
            return f"{13 - start.month} tháng cuối năm {start.year}"
    if start == end:
        return format_date(start)
    return f"từ {format_date(start)} đến {format_date(end)}"
