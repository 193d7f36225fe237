"""Proportional scoring: "điểm = tỷ lệ × điểm tối đa"."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model import Outcome, Scale
from cchc_criteria.numbers import decimal_of, exact_ratio, format_number
from cchc_criteria.rules._answers import (
    fast_reader,
    figure_value,
    points_word,
    read_exact,
    scored,
)
from cchc_criteria.rules._scales import scale_cell, scale_hint
from cchc_criteria.rules.kinds import FastScorer, Improvement, RuleKind, RuleKinds
from cchc_criteria.text import Lang, Text

__all__ = ["KIND", "ProportionalRule"]


def _rate_scale(value: Scale) -> Scale:
    if value not in (Scale.PERCENT, Scale.RATIO):
        raise _scale_error(value.value)
    return value


def _scale_error(scale: object) -> InvalidValueError:
    return InvalidValueError(
        Text(
            f'quy tắc tỷ lệ đọc một tỷ lệ: scale phải là "percent" hoặc "ratio", '
            f"nhận được {scale!r}",
            f'a proportional rule reads a rate: scale must be "percent" or "ratio", got {scale!r}',
        )
    )


@attrs.frozen
class ProportionalRule:
    """Points = rate × max points.

    Attributes:
        scale: ``ratio`` when the rate is written 0–1, ``percent`` when 0–100 (the default).
    """

    scale: Scale = attrs.field(default=Scale.PERCENT, converter=_rate_scale)

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score a rate."""
        value = read_exact(answer, self.scale)
        if isinstance(value, Outcome):
            return value
        points = exact_ratio(value, _DIVISORS[self.scale], max_points)
        figure = figure_value(value)
        return scored(
            points, figure, answer, _explain, figure, self.scale.symbol, max_points, points
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From 0 to the max."""
        return Decimal(0), max_points

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The rule in words."""
        return "tỷ lệ × điểm tối đa" if lang == "vi" else "rate × max points"


def _to_the_top(
    rule: ProportionalRule, answer: object, points: Decimal, max_points: Decimal, kinds: RuleKinds
) -> Improvement | None:
    top = Fraction(100) if rule.scale is Scale.PERCENT else Fraction(1)
    return Improvement("raise", decimal_of(top), top, rule.scale, continuous=True)


_DIVISORS = {Scale.PERCENT: Decimal(100), Scale.RATIO: Decimal(1)}


def _compile(rule: ProportionalRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer:
    """rate × max of a plain figure, by the rule's own computation (``exact_ratio``)."""
    read = fast_reader(rule.scale)
    divisor = _DIVISORS[rule.scale]

    def fast(answer: object) -> Decimal | None:
        value = read(answer)
        return None if value is None else exact_ratio(value, divisor, max_points)

    return fast


def _explain(lang: Lang, figure: Decimal, symbol: str, max_points: Decimal, points: Decimal) -> str:
    shown = format_number(figure, lang=lang, max_places=4) + symbol
    most = format_number(max_points, lang=lang)
    if lang == "vi":
        return f"{shown} × {most} điểm tối đa = {points_word(points, 'vi')}"
    return f"{shown} × {most} max points = {points_word(points, 'en')}"


def _read(keys: Mapping[str, Any]) -> ProportionalRule:
    scale = keys.get("scale", "percent")
    if not isinstance(scale, str) or scale not in (Scale.PERCENT.value, Scale.RATIO.value):
        raise _scale_error(scale)
    return ProportionalRule(Scale(scale))


KIND = RuleKind(
    name="proportional",
    pure=True,
    compile=_compile,
    rule_class=ProportionalRule,
    keys={"scale"},
    read=lambda keys, kinds: _read(keys),
    write=lambda rule, kinds: {"scale": rule.scale.value},
    schema={"properties": {"scale": {"type": "string", "enum": ["percent", "ratio"]}}},
    hint=lambda rule, max_points: scale_hint(rule.scale),
    cell=lambda rule, max_points: scale_cell(rule.scale),
    improve=_to_the_top,
)
"""The kind ``rule = "proportional"``."""
