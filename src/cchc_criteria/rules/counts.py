"""Counts: points per item with a cap, and deductions per event with a floor.

Bands over a count ("họp 4 lần: 20 điểm; 3 lần: 15; …") are a
`BandRule` with ``scale=Scale.COUNT``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model import Criterion, Finding, Outcome, Scale, finding
from cchc_criteria.numbers import (
    WIDE_CONTEXT,
    exact_value,
    format_number,
    optional_decimal,
    quotient_form,
    to_decimal,
)
from cchc_criteria.rules._answers import (
    fast_reader,
    points_word,
    read_exact,
    read_quantity,
    scored,
)
from cchc_criteria.rules.keys import plain_number, read_decimal
from cchc_criteria.rules.kinds import AnswerCell, FastScorer, Improvement, RuleKind, RuleKinds
from cchc_criteria.text import Lang, Text

__all__ = ["DEDUCTION", "PER_ITEM", "DeductionRule", "PerItemRule"]


@attrs.frozen
class PerItemRule:
    """Points per item, at most ``cap``: "1 điểm cho mỗi ứng dụng, tối đa 5 điểm".

    Without a cap the rule as written has no upper bound; scoring holds it to the max and says so.
    """

    points_per_item: Decimal = attrs.field(converter=to_decimal)
    cap: Decimal | None = attrs.field(default=None, converter=optional_decimal)

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score a count of items."""
        count = _read_count(answer)
        if isinstance(count, Outcome):
            return count
        points = _items_points(count, self.points_per_item, self.cap)
        items = quotient_form(count)
        return scored(
            points, items, answer, _explain_items, items, self.points_per_item, self.cap, points
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From 0 (or the per-item points when negative) to the cap."""
        if self.points_per_item >= 0:
            return Decimal(0), self.cap
        return None, Decimal(0) if self.cap is None else min(Decimal(0), self.cap)

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The rule in words."""
        per = format_number(self.points_per_item, lang=lang)
        if lang == "vi":
            text = f"{per} điểm cho mỗi trường hợp"
            return text + (f", tối đa {format_number(self.cap)} điểm" if self.cap else "")
        text = f"{per} points per item"
        return text + (f", at most {format_number(self.cap, lang='en')}" if self.cap else "")


@attrs.frozen
class DeductionRule:
    """Start from the max and deduct per event, never below ``floor``: "mỗi báo cáo trễ trừ 0,5".

    Attributes:
        points_per_event: the deduction for each event (a positive number).
        floor: the least the criterion can score (0 unless published otherwise).
    """

    points_per_event: Decimal = attrs.field(converter=to_decimal)
    floor: Decimal = attrs.field(default=Decimal(0), converter=to_decimal)

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score a count of events."""
        count = _read_count(answer)
        if isinstance(count, Outcome):
            return count
        points = _events_points(count, self.points_per_event, self.floor, max_points)
        events = quotient_form(count)
        return scored(
            points,
            events,
            answer,
            _explain_events,
            max_points,
            events,
            self.points_per_event,
            self.floor,
            points,
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From the floor to the max."""
        return min(self.floor, max_points), max(self.floor, max_points)

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The rule in words."""
        per = format_number(self.points_per_event, lang=lang)
        floor = format_number(self.floor, lang=lang)
        if lang == "vi":
            return f"trừ {per} điểm cho mỗi trường hợp, không dưới {floor} điểm"
        return f"minus {per} points per event, not below {floor}"


# --------------------------------------------------------------------------- points


def _read_count(answer: object) -> Decimal | Outcome:
    """A count, read once for both paths (a whole number: exact as a Decimal)."""
    count = read_exact(answer, Scale.COUNT)
    if isinstance(count, Fraction):
        return Decimal(count.numerator)  # read_figure gives whole counts only
    return count


def _items_points(count: Decimal, per: Decimal, cap: Decimal | None) -> Decimal:
    """count × points per item, at most the cap: the kind's one computation of points."""
    points = WIDE_CONTEXT.multiply(count, per)
    return exact_value(points if cap is None else min(points, cap))


def _events_points(count: Decimal, per: Decimal, floor: Decimal, max_points: Decimal) -> Decimal:
    """max − events × points per event, not below the floor: the kind's one computation."""
    left = WIDE_CONTEXT.subtract(max_points, WIDE_CONTEXT.multiply(count, per))
    return exact_value(max(left, floor))


def _compile_per_item(rule: PerItemRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer:
    """The points of a plain count, by the rule's own computation."""
    per, cap = rule.points_per_item, rule.cap
    read = fast_reader(Scale.COUNT)

    def fast(answer: object) -> Decimal | None:
        count = read(answer)
        return None if count is None else _items_points(count, per, cap)

    return fast


def _compile_deduction(rule: DeductionRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer:
    """The points of a plain count of events, by the rule's own computation."""
    per, floor = rule.points_per_event, rule.floor
    read = fast_reader(Scale.COUNT)

    def fast(answer: object) -> Decimal | None:
        count = read(answer)
        return None if count is None else _events_points(count, per, floor, max_points)

    return fast


# --------------------------------------------------------------------------- the kinds


def _per_item_lint(criterion: Criterion, rule: PerItemRule) -> Iterator[Finding]:
    per, cap, maximum = rule.points_per_item, rule.cap, criterion.max_points
    if per > 0 and (cap is None or cap > maximum):
        first = maximum // per + 1
        yield finding(
            "award-above-max",
            criterion.code,
            variant="items",
            value=Decimal(first),
            items=first,
            points=per * first,
            max=maximum,
        )


def _deduction_lint(criterion: Criterion, rule: DeductionRule) -> Iterator[Finding]:
    if rule.floor < 0:
        yield finding(
            "award-below-zero", criterion.code, variant="floor", value=rule.floor, floor=rule.floor
        )


def _one_more(
    rule: PerItemRule, answer: object, points: Decimal, max_points: Decimal, kinds: RuleKinds
) -> Improvement | None:
    if rule.points_per_item <= 0:
        return None
    count = read_quantity(answer, Scale.COUNT) + 1
    return Improvement("raise", _whole(count), count, Scale.COUNT)


def _one_fewer(
    rule: DeductionRule, answer: object, points: Decimal, max_points: Decimal, kinds: RuleKinds
) -> Improvement | None:
    count = read_quantity(answer, Scale.COUNT)
    if count <= 0:
        return None
    return Improvement("lower", _whole(count - 1), count - 1, Scale.COUNT)


def _explain_items(
    lang: Lang, items: Decimal, per: Decimal, cap: Decimal | None, points: Decimal
) -> str:
    text = f"{format_number(items)} × {format_number(per, lang=lang)}"
    if cap is not None:
        most = "tối đa" if lang == "vi" else "at most"
        text += f", {most} {format_number(cap, lang=lang)}"
    return f"{text} = {points_word(points, lang)}"


def _explain_events(
    lang: Lang, max_points: Decimal, events: Decimal, per: Decimal, floor: Decimal, points: Decimal
) -> str:
    not_below = "không dưới" if lang == "vi" else "not below"
    return (
        f"{format_number(max_points, lang=lang)} − {format_number(events)} × "
        f"{format_number(per, lang=lang)}, {not_below} {format_number(floor, lang=lang)}"
        f" = {points_word(points, lang)}"
    )


def _whole(count: Fraction) -> Decimal:
    return Decimal(int(count))


def _read_per_item(keys: Mapping[str, Any]) -> PerItemRule:
    if "points_per_item" not in keys:
        raise InvalidValueError(
            Text("quy tắc per_item cần points_per_item", "a per_item rule needs points_per_item")
        )
    cap = keys.get("cap")
    return PerItemRule(
        read_decimal(keys["points_per_item"]), None if cap is None else read_decimal(cap)
    )


def _write_per_item(rule: PerItemRule) -> dict[str, Any]:
    result: dict[str, Any] = {"points_per_item": plain_number(rule.points_per_item)}
    if rule.cap is not None:
        result["cap"] = plain_number(rule.cap)
    return result


def _read_deduction(keys: Mapping[str, Any]) -> DeductionRule:
    if "points_per_event" not in keys:
        raise InvalidValueError(
            Text("quy tắc trừ điểm cần points_per_event", "a deduction rule needs points_per_event")
        )
    return DeductionRule(read_decimal(keys["points_per_event"]), read_decimal(keys.get("floor", 0)))


_COUNT_HINT = "số lượng (số nguyên): 4"
_NUMBER = {"$ref": "#/$defs/number"}

PER_ITEM = RuleKind(
    name="per_item",
    pure=True,
    compile=_compile_per_item,
    rule_class=PerItemRule,
    keys={"points_per_item", "cap"},
    read=lambda keys, kinds: _read_per_item(keys),
    write=lambda rule, kinds: _write_per_item(rule),
    schema={
        "properties": {"points_per_item": _NUMBER, "cap": _NUMBER},
        "required": ["points_per_item"],
    },
    hint=lambda rule, max_points: _COUNT_HINT,
    cell=lambda rule, max_points: AnswerCell(low=Decimal(0), whole=True),
    lint=_per_item_lint,
    improve=_one_more,
)
"""The kind ``rule = "per_item"``."""

DEDUCTION = RuleKind(
    name="deduction",
    pure=True,
    compile=_compile_deduction,
    rule_class=DeductionRule,
    keys={"points_per_event", "floor"},
    read=lambda keys, kinds: _read_deduction(keys),
    write=lambda rule, kinds: {
        "points_per_event": plain_number(rule.points_per_event),
        "floor": plain_number(rule.floor),
    },
    schema={
        "properties": {"points_per_event": _NUMBER, "floor": _NUMBER},
        "required": ["points_per_event"],
    },
    hint=lambda rule, max_points: _COUNT_HINT,
    cell=lambda rule, max_points: AnswerCell(low=Decimal(0), whole=True),
    lint=_deduction_lint,
    improve=_one_fewer,
)
"""The kind ``rule = "deduction"``."""
