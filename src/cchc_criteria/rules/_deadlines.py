"""Deadlines of the lateness kind: the days late between two dates (calendar or working),
and the deadlines that recur with the period assessed or are declared by the unit."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

import attrs

from cchc_criteria.dates import format_date
from cchc_criteria.errors import InvalidValueError, require
from cchc_criteria.rules.keys import read_day
from cchc_criteria.text import Lang, Text

__all__ = [
    "DECLARED",
    "Deadline",
    "Recurring",
    "days_late",
    "explain_late",
    "read_deadline",
    "read_limit",
    "words",
    "write_deadline",
]


#: A deadline counted from a date the unit declares (``deadline = "declared"``): the answer
#: is a table of two dates, ``{ from = …, to = … }``, and the days are counted between them.
DECLARED = "declared"


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
    Friday, less ``holidays``, plus compensatory ``working_days`` such as a Saturday)."""
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
