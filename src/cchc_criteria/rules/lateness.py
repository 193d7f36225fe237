"""Lateness from dates: "chậm đến 2 ngày: trừ 0,5; từ ngày thứ 3: trừ 0,25 mỗi ngày; sau ngày …:
không được tính".

The unit declares the date it sent the report; the rule counts the days late after the
deadline — calendar days, or working days (Monday to Friday, less the set's holidays, plus its
compensatory working days) — and scores them by bands over the count of days, as a band rule
over a count does. A report sent after the last accepted date scores ``rejected`` points.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.dates import format_date, parse_period
from cchc_criteria.errors import CchcError, InvalidValueError, require_all
from cchc_criteria.model import Band, Criterion, Finding, Outcome, Role, Scale, finding
from cchc_criteria.piecewise import Shape
from cchc_criteria.rules._answers import figure_text, refusal, unexpected
from cchc_criteria.rules._deadlines import (
    DECLARED,
    Deadline,
    Recurring,
    country_calendar,
    days_late,
    days_off,
    explain_late,
    read_deadline,
    read_limit,
    words,
    write_deadline,
)
from cchc_criteria.rules._late_findings import FINDINGS
from cchc_criteria.rules.bands import KIND as BANDS
from cchc_criteria.rules.bands import BandRule, read_band, write_band
from cchc_criteria.rules.keys import choice_error, plain_number, read_day, read_decimal
from cchc_criteria.rules.kinds import AnswerCell, FastScorer, Improvement, RuleKind, RuleKinds
from cchc_criteria.text import Lang, LazyText, Text, shown

__all__ = ["DECLARED", "KIND", "LatenessRule", "Recurring", "days_late"]


def _dates(value: Iterable[date]) -> tuple[date, ...]:
    return tuple(sorted(set(value)))


MAX_LATE_DAYS = 3660
"""The largest number of days late a band edge may name: ten years. Published sets count days and
weeks; the bound keeps lint's walk over every day short."""


def _bands(value: Iterable[Band]) -> tuple[Band, ...]:
    bands = require_all(value, Band, "bands")
    if not bands:
        raise InvalidValueError(
            Text(
                "quy tắc chậm hạn cần các khoảng theo số ngày chậm",
                "a lateness rule needs bands over the days late",
            )
        )
    for number, band in enumerate(bands, start=1):
        for edge in (band.lower, band.upper):
            if edge is not None and abs(edge.value) > MAX_LATE_DAYS:
                raise InvalidValueError(
                    Text(
                        f"khoảng {number}: {edge.value} ngày chậm; cận của một khoảng tối đa "
                        f"{MAX_LATE_DAYS} ngày (mười năm)",
                        f"band {number}: {edge.value} days late; a band's edge is at most "
                        f"{MAX_LATE_DAYS} days (ten years)",
                    )
                )
    return bands


@attrs.frozen
class LatenessRule:
    """Bands over the days a report was late, from the date it was sent.

    Attributes:
        deadline: the day it was due (thời hạn): a date; a `Recurring` day of the
            period assessed (bound to the unit's period when it is scored); or
            ``"declared"``, the days counted between two dates the unit declares (``{ from =
            "1/3/2024", to = "20/3/2024" }``: "trong vòng 30 ngày kể từ ngày ban hành kế
            hoạch").
        bands: bands over the days late (0 = on time), as a band rule over a count.
        working: True to count working days, False for calendar days.
        holidays: days off that are not counted (working days only).
        working_days: compensatory working days that are counted (working days only).
        calendar: a country whose public holidays (Tết included) and make-up working days
            count too, from the ``holidays`` package ("VN"); "" for none.
        on_day_off: ``"keep"`` the deadline as published, or ``"next_working_day"``: a
            deadline on a weekend or a holiday moves to the next working day.
        not_after: the last day a report is accepted; later it scores ``rejected``.
        rejected: the points of a report sent after ``not_after`` (0 unless published).
        beyond_limit: what a report after ``not_after`` does beyond its row: ``"row"`` (the
            row scores ``rejected``, nothing more) or ``"card"`` (the unit's whole evaluation
            is not accepted: ``evaluation-not-accepted``, ``Scorecard.accepted`` False).
    """

    deadline: Deadline
    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    working: bool = False
    holidays: tuple[date, ...] = attrs.field(default=(), converter=_dates)
    working_days: tuple[date, ...] = attrs.field(default=(), converter=_dates)
    calendar: str = ""
    on_day_off: str = attrs.field(
        default="keep", validator=attrs.validators.in_(("keep", "next_working_day"))
    )
    not_after: date | Recurring | None = None
    rejected: Decimal = attrs.field(default=Decimal(0), converter=read_decimal)
    beyond_limit: str = attrs.field(default="row", validator=attrs.validators.in_(("row", "card")))

    @property
    def scale(self) -> Scale:
        """Days late are counted: a count scale."""
        return Scale.COUNT

    def _by_days(self) -> BandRule:
        return BandRule(self.bands, Scale.COUNT)

    @property
    def needs_unit(self) -> bool:
        """Whether the rule's dates are days of the unit's period (``RuleKind.bind``)."""
        return isinstance(self.deadline, Recurring) or isinstance(self.not_after, Recurring)

    def bound(self, period: str) -> LatenessRule:
        """The rule for a unit assessed for ``period``: its recurring dates made days of the
        period (itself when it has none, or when the period cannot be read)."""
        if not isinstance(self.deadline, Recurring) and not isinstance(self.not_after, Recurring):
            return self
        try:
            end = parse_period(period).end
        except CchcError:
            return self
        deadline = self.deadline.on(end) if isinstance(self.deadline, Recurring) else self.deadline
        limit = self.not_after.on(end) if isinstance(self.not_after, Recurring) else self.not_after
        return attrs.evolve(self, deadline=deadline, not_after=limit)

    def late(self, sent: date, deadline: date | None = None) -> int:
        """The days late of a report sent on ``sent`` (after ``deadline``, by default the
        rule's own)."""
        due = self.deadline if deadline is None else deadline
        assert isinstance(due, date), "a recurring deadline is bound to the period first"
        off = days_off(self.calendar, due, max(due, sent), self.holidays, self.working_days)
        if self.on_day_off == "next_working_day":
            due = off.next_working_day(due)
        return days_late(
            due, sent, working=self.working, holidays=off.holidays, working_days=off.working_days
        )

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score the date a report was sent (a date, or text such as "23/12/2024"), or, for a
        declared deadline, the table of the two dates."""
        if isinstance(self.deadline, Recurring) or isinstance(self.not_after, Recurring):
            return refusal("needs-period", answer, deadline=self._duewords())
        if self.deadline == DECLARED:
            return self._between(answer, max_points)
        try:
            sent = read_day(answer)
        except CchcError as error:
            return refusal(
                "invalid-answer",
                answer,
                expected=Text(
                    "ngày gửi báo cáo, như 23/12/2024", "the day it was sent, as 23/12/2024"
                ),
                alternative="",
                error=_date_problem(answer, error),
            )
        assert isinstance(self.deadline, date)
        return self._scored(answer, sent, self.deadline, max_points)

    def _duewords(self) -> Text:
        due = self.deadline if isinstance(self.deadline, Recurring) else self.not_after
        assert isinstance(due, Recurring)
        return Text(due.describe("vi"), due.describe("en"))

    def _between(self, answer: object, max_points: Decimal) -> Outcome:
        """Days between the two dates the unit declares: ``{ from = …, to = … }``."""
        expected = Text(
            "hai ngày: { from = ngày bắt đầu tính, to = ngày hoàn thành }",
            "two dates: { from = the day counting starts, to = the day it was done }",
        )
        if not isinstance(answer, Mapping) or set(answer) != {"from", "to"}:
            return unexpected(answer, expected)
        try:
            start, sent = read_day(answer["from"], "from"), read_day(answer["to"], "to")
        except CchcError as error:
            return refusal(
                "invalid-answer", answer, expected=expected, alternative="", error=error.text
            )
        return self._scored(answer, sent, start, max_points)

    def _scored(self, answer: object, sent: date, deadline: date, max_points: Decimal) -> Outcome:
        if isinstance(self.not_after, date) and sent > self.not_after:
            problem = finding(
                "late-not-accepted",
                sent=format_date(sent),
                limit=format_date(self.not_after),
                points=self.rejected,
            )
            found: tuple[Finding, ...] = (problem,)
            if self.beyond_limit == "card":
                said = Text(
                    f"gửi ngày {format_date(sent)}, sau ngày {format_date(self.not_after)}",
                    f"sent on {sent.isoformat()}, after {self.not_after.isoformat()}",
                )
                found += (finding("evaluation-not-accepted", reason=said),)
            return Outcome(
                self.rejected,
                exact=self.rejected,
                figure=figure_text(answer),
                explanation=problem.text,
                findings=found,
            )
        late = self.late(sent, deadline)
        outcome = self._by_days().score(late, max_points)
        declared = self.deadline == DECLARED
        said = LazyText(
            explain_late, sent, deadline, late, self.working, outcome.explanation, declared
        )
        return attrs.evolve(outcome, figure=figure_text(answer), explanation=said)

    def shape(self, max_points: Decimal) -> Shape:
        """The bands' exact shape over the days late — up to the last accepted day, when the
        rule has one (a report after it scores ``rejected``, whatever the bands say)."""
        shape = self._by_days().shape(max_points)
        limit = self.accepted_days()
        return shape if limit is None else shape.up_to(Fraction(limit))

    def accepted_days(self) -> int | None:
        """The most days late a report can be and still be accepted (the days from the
        deadline to ``not_after``); ``None`` when there is no fixed limit."""
        if isinstance(self.deadline, date) and isinstance(self.not_after, date):
            return self.late(self.not_after)
        return None

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The bands' range, and the points of a report not accepted."""
        low, high = self._by_days().points_range(max_points)
        if self.not_after is not None:
            low = None if low is None else min(low, self.rejected)
            high = None if high is None else max(high, self.rejected)
        return low, high

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The deadline, how days are counted, the bands."""
        bands = self._by_days().describe(max_points, lang=lang)
        due, limit = words(self.deadline, lang), words(self.not_after, lang)
        if lang == "vi":
            days = "ngày làm việc" if self.working else "ngày"
            if self.deadline == DECLARED:
                text = f"số {days} từ ngày bắt đầu tính đến ngày hoàn thành: {bands}"
            else:
                text = f"hạn {due}, tính theo {days} trễ: {bands}"
            if self.not_after is not None:
                text += f"; gửi sau ngày {limit}: không được tính"
            return text
        days = "working days" if self.working else "days"
        if self.deadline == DECLARED:
            text = f"{days} from the day counting starts to the day it was done: {bands}"
        else:
            text = f"due {due}, {days} late: {bands}"
        if self.not_after is not None:
            text += f"; sent after {limit}: not accepted"
        return text


def _date_problem(answer: object, error: CchcError) -> Text:
    """What is wrong with a day that could not be read: the reader's own words for a text
    ("there is no month 20"), else what was given."""
    if isinstance(answer, str):
        return Text(error.text.vi.split("; ")[0], error.text.en.split("; ")[0])
    given = shown(answer, quoted=True)
    return Text(f"nhận được {given:.60}", f"got {given:.60}")


def _sent(answer: object) -> date | None:
    """The day a report was sent, or ``None`` when the answer is not a day."""
    try:
        return read_day(answer)
    except CchcError:
        return None


def _rises(criterion: Criterion, rule: LatenessRule) -> Iterator[Finding]:
    """Sending later must never earn more: the points over whole days late never rise — or,
    for a row that deducts (``role = "deduction"``, itself or a part above it), never fall:
    a later report never deducts less. Days past the last accepted day are not walked."""
    edges = [b.lower.value for b in rule.bands if b.lower] + [
        b.upper.value for b in rule.bands if b.upper
    ]
    last = int(max(edges, default=Decimal(0))) + 2
    limit = rule.accepted_days()
    if limit is not None:
        last = min(last, limit)
    deducts = criterion.role is Role.DEDUCTION
    previous: tuple[int, Decimal] | None = None
    for days in range(last + 1):
        points = rule._by_days().score(days, criterion.max_points).points
        if points is None:
            previous = None  # a gap (lint reports it as band-gap)
            continue
        if previous is not None and (points < previous[1] if deducts else points > previous[1]):
            yield finding(
                "not-monotone",
                criterion.code,
                variant="deducts-less" if deducts else "rises",
                value=Decimal(days),
                at=days,
                after=points,
                before=previous[1],
                earlier=previous[0],
            )
            return
        previous = (days, points)


def _on_time(
    rule: LatenessRule, answer: object, points: Decimal, max_points: Decimal, kinds: RuleKinds
) -> Improvement | None:
    sent = _sent(answer)
    if sent is None or not isinstance(rule.deadline, date) or sent <= rule.deadline:
        return None
    return Improvement("answer", rule.deadline, f"gửi đúng hạn ({format_date(rule.deadline)})")


def _read(keys: Mapping[str, Any]) -> LatenessRule:
    if "deadline" not in keys:
        raise InvalidValueError(
            Text("quy tắc chậm hạn cần hạn (deadline)", "a lateness rule needs its deadline")
        )
    count = keys.get("days", "calendar")
    if count not in ("calendar", "working"):
        raise choice_error("days", ("calendar", "working"), count)
    bands = keys.get("bands")
    if not isinstance(bands, list) or not bands:
        raise InvalidValueError(
            Text(
                "quy tắc chậm hạn cần bands = [ … ] theo số ngày chậm",
                "a lateness rule needs bands = [ … ] over the days late",
            )
        )
    lists = {}
    for key in ("holidays", "working_days"):
        value = keys.get(key, [])
        if not isinstance(value, list):
            raise InvalidValueError(
                Text(f"{key} phải là một danh sách ngày", f"{key} must be a list of dates")
            )
        lists[key] = [read_day(v, key) for v in value]
    not_after = keys.get("not_after")
    return LatenessRule(
        read_deadline(keys["deadline"], "deadline"),
        [read_band(b) for b in bands],
        working=count == "working",
        holidays=lists["holidays"],
        working_days=lists["working_days"],
        calendar=_calendar(keys.get("calendar", "")),
        on_day_off=_choice("on_day_off", ("keep", "next_working_day"), keys, "keep"),
        not_after=None if not_after is None else read_limit(not_after),
        rejected=read_decimal(keys.get("rejected", 0)),
        beyond_limit=_beyond(keys.get("beyond_limit", "row")),
    )


def _beyond(value: object) -> str:
    return _choice("beyond_limit", ("row", "card"), {"beyond_limit": value}, "row")


def _choice(key: str, choices: tuple[str, ...], keys: Mapping[str, Any], default: str) -> str:
    value = keys.get(key, default)
    if value not in choices:
        raise choice_error(key, choices, value)
    return str(value)


def _calendar(value: object) -> str:
    """A country's code for its public holidays ("VN"), checked now: a set naming one the
    ``holidays`` package does not know (or without the package) fails when it is read."""
    if not isinstance(value, str):
        raise InvalidValueError(
            Text('calendar là mã nước, như "VN"', 'calendar is a country\'s code, such as "VN"')
        )
    if value:
        country_calendar(value, (2024,))
    return value


def _write(rule: LatenessRule) -> dict[str, Any]:
    result: dict[str, Any] = {"deadline": write_deadline(rule.deadline)}
    if rule.working:
        result["days"] = "working"
    if rule.holidays:
        result["holidays"] = [d.isoformat() for d in rule.holidays]
    if rule.working_days:
        result["working_days"] = [d.isoformat() for d in rule.working_days]
    if rule.calendar:
        result["calendar"] = rule.calendar
    if rule.on_day_off != "keep":
        result["on_day_off"] = rule.on_day_off
    if rule.not_after is not None:
        result["not_after"] = write_deadline(rule.not_after)
    if rule.rejected:
        result["rejected"] = plain_number(rule.rejected)
    if rule.beyond_limit != "row":
        result["beyond_limit"] = rule.beyond_limit
    result["bands"] = [write_band(b) for b in rule.bands]
    return result


_DATE = {"description": "A date, day first", "anyOf": [{"type": "string"}]}


def _hint(rule: LatenessRule) -> str:
    if rule.deadline == DECLARED:
        return "hai ngày: { from = ngày bắt đầu tính, to = ngày hoàn thành }"
    return f"ngày gửi báo cáo, như 23/12/2024 (hạn {words(rule.deadline, 'vi')})"


#: The kind ``rule = "lateness"``.
def _compile(rule: LatenessRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer | None:
    """A day sent (a ``date``): its days late through the bands' fast scorer. The points of
    each day are remembered (at most 512: a cohort sends on a handful of days)."""
    assert BANDS.compile is not None
    by_days = BANDS.compile(rule._by_days(), max_points, kinds)
    if by_days is None:
        return None
    seen: dict[date, Decimal | None] = {}

    def fast(answer: object) -> Decimal | None:
        if type(answer) is not date or not isinstance(rule.deadline, date):
            return None  # a text, a date-time, a table of dates: score reads it
        if answer in seen:
            return seen[answer]
        accepted = not isinstance(rule.not_after, date) or answer <= rule.not_after
        points = by_days(rule.late(answer)) if accepted else None
        if len(seen) < 512:
            seen[answer] = points
        return points

    return fast


KIND = RuleKind(
    findings=FINDINGS,
    name="lateness",
    pure=True,
    compile=_compile,
    rule_class=LatenessRule,
    keys={
        "deadline",
        "days",
        "holidays",
        "working_days",
        "calendar",
        "on_day_off",
        "not_after",
        "rejected",
        "beyond_limit",
        "bands",
    },
    read=lambda keys, kinds: _read(keys),
    write=lambda rule, kinds: _write(rule),
    schema={
        "properties": {
            "deadline": {
                "description": 'A date, "declared", or a recurring day { day = 21 } or '
                "{ day = 15, month = 12 }",
                "anyOf": [{"type": "string"}, {"type": "object"}],
            },
            "days": {"type": "string", "enum": ["calendar", "working"]},
            "holidays": {"type": "array", "items": _DATE},
            "working_days": {"type": "array", "items": _DATE},
            "calendar": {
                "description": 'A country whose public holidays count ("VN": Tết included)',
                "type": "string",
            },
            "on_day_off": {"type": "string", "enum": ["keep", "next_working_day"]},
            "not_after": {"anyOf": [{"type": "string"}, {"type": "object"}]},
            "rejected": {"$ref": "#/$defs/number"},
            "beyond_limit": {"type": "string", "enum": ["row", "card"]},
        },
        "required": ["deadline", "bands"],
    },
    hint=lambda rule, max_points: _hint(rule),
    bind=lambda rule, assessment: rule.bound(assessment.period),
    answer_keys=lambda rule: (
        (frozenset({"from", "to"}),) * 2 if rule.deadline == DECLARED else None
    ),
    cell=lambda rule, max_points: AnswerCell(),
    shape=lambda rule, max_points: rule.shape(max_points),
    lint=_rises,
    improve=_on_time,
)
