"""Deadlines of the lateness kind: the days late between two dates (calendar or working),
and the deadlines that recur with the period assessed or are declared by the unit."""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import attrs

from cchc_criteria.dates import format_date
from cchc_criteria.errors import InvalidValueError, require
from cchc_criteria.rules.keys import read_day
from cchc_criteria.text import Lang, Text

__all__ = [
    "CALENDAR_YEARS",
    "DECLARED",
    "DaysOff",
    "Deadline",
    "Recurring",
    "country_calendar",
    "days_late",
    "days_off",
    "explain_late",
    "read_deadline",
    "read_limit",
    "words",
    "write_deadline",
]


DECLARED = "declared"
"""A deadline counted from a date the unit declares (``deadline = "declared"``): the answer is a
table of two dates, ``{ from = …, to = … }``, and the days are counted between them."""


@attrs.frozen
class Recurring:
    """A deadline that recurs with the period assessed: ``day`` of the month the period ends
    in ("trước ngày 22 hằng tháng": the 21st), or ``day`` of ``month`` of the year it ends in
    ("ngày 15/12 của năm đánh giá"). A day past the month's last is its last day."""

    day: int = attrs.field(
        validator=attrs.validators.and_(attrs.validators.ge(1), attrs.validators.le(31))
    )
    month: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            attrs.validators.and_(attrs.validators.ge(1), attrs.validators.le(12))
        ),
    )

    def on(self, period_end: date) -> date:
        """The day it falls on for a period that ends on ``period_end``."""
        month = self.month or period_end.month
        last = calendar.monthrange(period_end.year, month)[1]
        return date(period_end.year, month, min(self.day, last))

    def describe(self, lang: Lang) -> str:
        """The deadline in words."""
        if self.month is None:
            return (
                f"ngày {self.day} hằng tháng" if lang == "vi" else f"day {self.day} of each month"
            )
        if lang == "vi":
            return f"ngày {self.day}/{self.month} của năm đánh giá"
        return f"{self.day}/{self.month} of the year assessed"


Deadline = date | Recurring | str


def days_late(
    deadline: date,
    sent: date,
    *,
    working: bool = False,
    holidays: Iterable[date] = (),
    working_days: Iterable[date] = (),
) -> int:
    """The days after ``deadline`` up to ``sent``: calendar days, or working days (Monday to
    Friday, less ``holidays``, plus compensatory ``working_days`` such as a Saturday).

    Args:
        deadline: the last day allowed.
        sent: the day the report was sent.
        working: count working days instead of calendar days.
        holidays: days off that fall on a weekday (not counted when ``working``).
        working_days: weekend days worked in compensation (counted when ``working``).

    Returns:
        The days late: 0 when ``sent`` is on or before ``deadline``.
    """
    require(deadline, date, "days_late()")
    require(sent, date, "days_late()")
    if sent <= deadline:
        return 0
    if not working:
        return (sent - deadline).days
    start = deadline + timedelta(days=1)
    # Weekdays counted, not walked: a report sent centuries late costs no more than one sent
    # the next day. Holidays on a weekday come off; compensatory working days that are not
    # already counted go on.
    off = {d for d in holidays if start <= d <= sent and d.weekday() < 5}
    extra = {d for d in working_days if start <= d <= sent and (d.weekday() >= 5 or d in off)}
    return _weekdays(start, sent) - len(off) + len(extra)


CALENDAR_YEARS = 16
"""How many years after a deadline a country's calendar is read: past them, every band edge (at
most 3,660 days late) is passed whatever the holidays, and reading centuries of lunar calendars
would take seconds."""


@attrs.frozen
class DaysOff:
    """The days that are not, and are, working days around a deadline: the set's own
    holidays and compensatory working days, and a country's public calendar."""

    holidays: frozenset[date]
    working_days: frozenset[date]

    def is_working(self, day: date) -> bool:
        """Whether ``day`` is a working day: Monday to Friday, not a holiday, or a
        compensatory working day."""
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it
        (a deadline on a day off moves to the next working day: Bộ luật Dân sự 2015, Điều
        148)."""
        for _ in range(60):  # Tết and a weekend are ten days at most
            if self.is_working(day):
                return day
            day += timedelta(days=1)
        return day


def days_off(
    country: str, first: date, last: date, holidays: Iterable[date], working_days: Iterable[date]
) -> DaysOff:
    """The days off and compensatory working days from ``first`` to ``last``: ``holidays``
    and ``working_days`` as the set lists them, and — with ``country`` ("VN") — that country's
    public holidays, Tết included, and its make-up working days, from the ``holidays``
    package (``pip install 'cchc-criteria[holidays]'``), for at most `CALENDAR_YEARS`
    years after ``first``."""
    off, extra = set(holidays), set(working_days)
    if country:
        years = range(first.year, min(last.year, first.year + CALENDAR_YEARS) + 1)
        public = country_calendar(country, years)
        off |= set(public)
        extra |= {d for d in getattr(public, "weekend_workdays", ()) if d.year in years}
    return DaysOff(frozenset(off), frozenset(extra))


def country_calendar(country: str, years: Iterable[int]) -> Mapping[date, str]:
    """A country's public holidays for ``years`` (the ``holidays`` package's calendar),
    read once per country and years."""
    return _calendar(country, tuple(years))


@functools.lru_cache(maxsize=64)
def _calendar(country: str, years: tuple[int, ...]) -> Mapping[date, str]:
    try:
        import holidays as public_holidays
    except ImportError:
        raise InvalidValueError(
            Text(
                f"calendar = {country!r} cần gói holidays: pip install 'cchc-criteria[holidays]'",
                f"calendar = {country!r} needs the holidays package: "
                "pip install 'cchc-criteria[holidays]'",
            )
        ) from None
    try:
        found: Mapping[date, str] = public_holidays.country_holidays(country, years=list(years))
    except NotImplementedError:
        raise InvalidValueError(
            Text(
                f'gói holidays không có lịch nghỉ của nước {country!r} (mã ISO như "VN")',
                f"the holidays package has no calendar for country {country!r} (an ISO code "
                'such as "VN")',
            )
        ) from None
    return found


def _weekdays(first: date, last: date) -> int:
    """Monday to Friday from ``first`` to ``last``, both included."""
    total = (last - first).days + 1
    weeks, rest = divmod(total, 7)
    tail = sum(1 for i in range(rest) if (first.weekday() + i) % 7 < 5)
    return 5 * weeks + tail


def words(day: Deadline | None, lang: Lang) -> str:
    """A deadline in words: a date as the language writes it, a recurring day."""
    if isinstance(day, Recurring):
        return day.describe(lang)
    if isinstance(day, date):
        return format_date(day) if lang == "vi" else day.isoformat()
    return ""


def read_deadline(value: object, key: str) -> Deadline:
    """A date, ``"declared"`` (deadline only), or a recurring day: ``{ day = 21 }`` of the
    month assessed, ``{ day = 15, month = 12 }`` of the year assessed."""
    if value == DECLARED and key == "deadline":
        return DECLARED
    if isinstance(value, Mapping):
        data = dict(value)
        day, month = data.pop("day", None), data.pop("month", None)
        if data or not isinstance(day, int) or not (month is None or isinstance(month, int)):
            raise InvalidValueError(
                Text(
                    f"{key}: một ngày, hoặc ngày lặp lại {{ day = 21 }} (hằng tháng), "
                    "{ day = 15, month = 12 } (hằng năm)",
                    f"{key}: a date, or a recurring day {{ day = 21 }} (each month), "
                    "{ day = 15, month = 12 } (each year)",
                )
            )
        try:
            return Recurring(day, month)
        except ValueError:
            raise InvalidValueError(
                Text(
                    f"{key}: ngày từ 1 đến 31, tháng từ 1 đến 12; nhận được {value!r}",
                    f"{key}: a day from 1 to 31, a month from 1 to 12; got {value!r}",
                )
            ) from None
    return read_day(value, key)


def read_limit(value: object) -> date | Recurring:
    limit = read_deadline(value, "not_after")
    assert not isinstance(limit, str), "only a deadline may be declared"
    return limit


def write_deadline(value: Deadline) -> object:
    if isinstance(value, Recurring):
        return (
            {"day": value.day} if value.month is None else {"day": value.day, "month": value.month}
        )
    if isinstance(value, date):
        return value.isoformat()
    return value


def explain_late(
    lang: Lang,
    sent: date,
    deadline: date,
    late: int,
    working: bool,
    by_days: Text,
    declared: bool = False,
) -> str:
    if lang == "vi":
        kind = "ngày làm việc" if working else "ngày"
        if declared:
            span = f"từ {format_date(deadline)} đến {format_date(sent)}"
            return f"{span}: {late} {kind}; {by_days.vi}"
        return (
            f"gửi {format_date(sent)}, hạn {format_date(deadline)}: trễ {late} {kind}; {by_days.vi}"
        )
    kind = "working days" if working else "days"
    if declared:
        return f"from {deadline.isoformat()} to {sent.isoformat()}: {late} {kind}; {by_days.en}"
    return f"sent {sent.isoformat()}, due {deadline.isoformat()}: {late} {kind} late; {by_days.en}"
