"""A plugin's own rule kind, complete: the kind ``cchc new-plugin --with-kind`` writes into a
new plugin (as ``kinds.py``, named after the plugin) and docs/writing-a-rule-kind.md walks
through. "Từ {minimum} trở lên: {points} điểm; dưới {minimum}: 0".

It is part of the library so that it is type-checked and tested here: the plugin gets this
very text, with the kind's name and the place of its strategies made its own.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

import cchc_criteria as cc
from cchc_criteria.rules.kinds import AnswerCell, Improvement, RuleKind, RuleKinds

__all__ = ["KIND", "AtLeastRule", "answers", "register_rule_kinds"]


@attrs.frozen
class AtLeastRule:
    """ "Từ {minimum} trở lên: {points} điểm; dưới {minimum}: 0"."""

    minimum: Decimal = attrs.field(converter=cc.numbers.to_decimal)
    points: Decimal = attrs.field(converter=cc.numbers.to_decimal)

    def score(self, answer: object, max_points: Decimal) -> cc.Outcome:
        """The points of a figure; an answer that is not a number is a finding, never an
        exception."""
        try:
            value = cc.numbers.to_decimal(answer)
        except cc.CchcError as error:
            problem = cc.finding(
                "invalid-answer", variant="manual", max=max_points, error=error.text
            )
            return cc.Outcome(
                None, figure=str(answer), explanation=problem.text, findings=(problem,)
            )
        points = self.points_of(value)
        return cc.Outcome(
            points,
            exact=points,
            value=value,
            figure=str(answer),
            explanation=cc.Text(f"{value} → {points} điểm", f"{value} → {points} points"),
        )

    def points_of(self, value: Decimal | int) -> Decimal:
        """The kind's one computation of points: ``score`` and the fast scorer both call it."""
        return self.points if value >= self.minimum else Decimal(0)

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The least and the most points the rule gives."""
        return Decimal(0), self.points

    def describe(self, max_points: Decimal, *, lang: cc.Lang = "vi") -> str:
        """The rule in words, as the published table says it."""
        if lang == "vi":
            return f"từ {self.minimum} trở lên: {self.points} điểm; dưới {self.minimum}: 0"
        return f"{self.minimum} or more: {self.points} points; less: 0"


def answers(rule: AtLeastRule, max_points: Decimal) -> tuple[Any, Any]:
    """(valid, invalid) Hypothesis strategies of answers, for the testing kit (imported only
    when it asks: a plugin does not need Hypothesis to run)."""
    from hypothesis import strategies as st

    return st.integers(0, 100), st.sampled_from(["nhiều", "", "1.500"])


def fast(rule: AtLeastRule, max_points: Decimal, kinds: RuleKinds) -> Callable[[object], Any]:
    """The fast scorer: a whole number is read at once; anything else is left to ``score``."""

    def points(answer: object) -> Decimal | None:
        if type(answer) is not int or not -(10**9) < answer < 10**9:
            return None
        return rule.points_of(answer)

    return points


def _read(keys: Any, kinds: RuleKinds) -> AtLeastRule:
    return AtLeastRule(keys["minimum"], keys["points"])


KIND = RuleKind(
    name="at_least",
    rule_class=AtLeastRule,
    keys={"minimum", "points"},
    read=_read,
    write=lambda rule, kinds: {"minimum": str(rule.minimum), "points": str(rule.points)},
    schema={
        "properties": {"minimum": {"$ref": "#/$defs/number"}, "points": {"$ref": "#/$defs/number"}},
        "required": ["minimum", "points"],
    },
    hint=lambda rule, max_points: f"một số; đạt từ {rule.minimum} được {rule.points} điểm",
    cell=lambda rule, max_points: AnswerCell(low=Decimal(0)),
    strategies="cchc_criteria.scaffold_kind:answers",
    improve=lambda rule, answer, points, max_points, kinds: Improvement(
        "raise", rule.minimum, Fraction(rule.minimum), cc.Scale.NUMBER
    ),
    pure=True,
    compile=fast,
)


@cc.hookimpl
def register_rule_kinds(register: Callable[[RuleKind], None]) -> None:
    """Register the kind with cchc-criteria (the plugin's entry point names this module's
    package, whose ``__init__`` imports this hook)."""
    register(KIND)
