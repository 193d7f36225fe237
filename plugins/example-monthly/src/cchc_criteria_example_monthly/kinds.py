"""The example plugin's own rule kind, ``per_step``: "cứ mỗi 10 % đạt thêm (từ mức 50 %) được
0,25 điểm" — points for every full step a rate climbs above a starting level, which no built-in
kind says in one row (bands would need a band per step).

A plugin kind as docs/writing-a-rule-kind.md describes it: a frozen rule that never raises for
a unit's answer, one computation of points, and the record that makes set files, templates,
lint, advice and the testing kit know it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

import cchc_criteria as cc
from cchc_criteria.rules.kinds import AnswerCell, Improvement, RuleKind, RuleKinds

__all__ = ["KIND", "PerStepRule", "answers", "register_rule_kinds"]


def _positive(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value <= 0:
        raise cc.errors.InvalidValueError(
            cc.Text(f"{attribute.name} phải lớn hơn 0", f"{attribute.name} must be above 0")
        )


@attrs.frozen
class PerStepRule:
    """ "Cứ mỗi {step} % đạt thêm từ mức {start} % được {points} điểm".

    Attributes:
        step: the size of a step, in percentage points (above 0).
        points: the points of each full step (above 0).
        start: the level the steps are counted from (0 by default).
    """

    step: Decimal = attrs.field(converter=cc.numbers.to_decimal, validator=_positive)
    points: Decimal = attrs.field(converter=cc.numbers.to_decimal, validator=_positive)
    start: Decimal = attrs.field(default=Decimal(0), converter=cc.numbers.to_decimal)

    def score(self, answer: object, max_points: Decimal) -> cc.Outcome:
        """The points of a rate; an answer that is not one is a finding, never an exception."""
        try:
            rate = cc.numbers.parse_rate(answer, percent=True)
        except cc.CchcError as error:
            expected = cc.Text('một tỷ lệ như 93 hoặc "93,5%"', 'a rate such as 93 or "93.5%"')
            problem = cc.finding(
                "invalid-answer", expected=expected, alternative="", error=error.text
            )
            return cc.Outcome(
                None, figure=str(answer), explanation=problem.text, findings=(problem,)
            )
        if not 0 <= rate <= 100:
            problem = cc.finding(
                "out-of-domain",
                figure=answer,
                shown=cc.numbers.plain(cc.numbers.decimal_of(rate)),
                unit=" %",
                span="0–100 %",
            )
            return cc.Outcome(
                None, figure=str(answer), explanation=problem.text, findings=(problem,)
            )
        steps = self.steps(rate)
        points = self.points * steps
        value = cc.numbers.decimal_of(rate)
        return cc.Outcome(
            points,
            exact=points,
            value=value,
            figure=str(answer),
            explanation=cc.Text(
                self._said(value, steps, points, "vi"), self._said(value, steps, points, "en")
            ),
        )

    def _said(self, value: Decimal, steps: int, points: Decimal, lang: cc.Lang) -> str:
        def num(number: Decimal) -> str:
            return cc.numbers.format_number(number, lang=lang)

        if lang == "vi":
            return (
                f"{num(value)} %: {steps} bước {num(self.step)} % từ mức {num(self.start)} % "
                f"→ {num(points)} điểm"
            )
        return (
            f"{num(value)} %: {steps} step(s) of {num(self.step)} % above {num(self.start)} % "
            f"→ {num(points)} points"
        )

    def steps(self, rate: Fraction | Decimal | int) -> int:
        """The kind's one computation: the full steps ``rate`` climbs above ``start``."""
        climbed = Fraction(rate) - Fraction(self.start)
        return max(0, math.floor(climbed / Fraction(self.step)))

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From 0 to the points of a rate of 100 %."""
        return Decimal(0), self.points * self.steps(100)

    def describe(self, max_points: Decimal, *, lang: cc.Lang = "vi") -> str:
        """The rule in words, as a published table says it."""
        step, start, points = (
            cc.numbers.format_number(n, lang=lang) for n in (self.step, self.start, self.points)
        )
        if lang == "vi":
            return f"cứ mỗi {step} % đạt thêm từ mức {start} % được {points} điểm"
        return f"{points} points for every {step} % above {start} %"


def answers(rule: PerStepRule, max_points: Decimal) -> tuple[Any, Any]:
    """(valid, invalid) Hypothesis strategies of answers, for the testing kit."""
    from hypothesis import strategies as st

    valid = st.integers(0, 100) | st.integers(0, 1000).map(lambda n: f"{n // 10},{n % 10}%")
    return valid, st.sampled_from(["nhiều", "", "150%", "-5"])


def _read(keys: Mapping[str, Any], kinds: RuleKinds) -> PerStepRule:
    return PerStepRule(keys["step"], keys["points"], keys.get("start", 0))


def _write(rule: PerStepRule, kinds: RuleKinds) -> dict[str, Any]:
    written = {"step": str(rule.step), "points": str(rule.points)}
    return {**written, "start": str(rule.start)} if rule.start else written


def _next_step(
    rule: PerStepRule, answer: object, points: Decimal, max_points: Decimal, kinds: RuleKinds
) -> Improvement | None:
    """The rate of the next full step, while it is within 100 %."""
    try:
        rate = cc.numbers.parse_rate(answer, percent=True)
    except cc.CchcError:
        return None
    target = Fraction(rule.start) + (rule.steps(rate) + 1) * Fraction(rule.step)
    if target > 100 or points >= max_points:
        return None
    return Improvement("raise", cc.numbers.decimal_of(target), target, cc.Scale.PERCENT)


_NUMBER = {"$ref": "#/$defs/number"}

#: The kind ``rule = "per_step"``.
KIND = RuleKind(
    name="per_step",
    rule_class=PerStepRule,
    keys={"step", "points", "start"},
    read=_read,
    write=_write,
    schema={
        "properties": {"step": _NUMBER, "points": _NUMBER, "start": _NUMBER},
        "required": ["step", "points"],
    },
    hint=lambda rule, max_points: (
        f'tỷ lệ phần trăm: 93 hoặc "93,5%"; cứ mỗi {rule.step} % trên {rule.start} % '
        f"được {rule.points} điểm"
    ),
    cell=lambda rule, max_points: AnswerCell(low=Decimal(0), high=Decimal(100), ratio=True),
    strategies="cchc_criteria_example_monthly.kinds:answers",
    improve=_next_step,
    pure=True,
)


@cc.hookimpl
def register_rule_kinds(register: Callable[[RuleKind], None]) -> None:
    """Register ``per_step`` with cchc-criteria."""
    register(KIND)
