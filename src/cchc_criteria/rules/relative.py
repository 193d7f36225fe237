"""Relative to the best unit: "tỷ lệ chuẩn hóa = tỷ lệ của đơn vị / tỷ lệ cao nhất × điểm tối đa".

The points of one unit depend on every unit scored with it: the best figure among them is the
reference. ``cc.score_many`` (and ``cchc rank``) binds the rule to its cohort's best figure;
scored alone, the rule needs a reference stated in the set (a published best) or in the answer
(``{ value = 93, best = 95 }``), and otherwise leaves the criterion unscored with
``needs-cohort``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import NumberFormatError
from cchc_criteria.model import NA, Outcome, Scale, finding
from cchc_criteria.numbers import decimal_of, format_number, optional_decimal
from cchc_criteria.rules._answers import figure_text, points_word, read_figure, read_quantity
from cchc_criteria.rules.bands import SCALE_SCHEMA, scale_cell, scale_hint
from cchc_criteria.rules.keys import choice_error, plain_number, read_decimal
from cchc_criteria.rules.kinds import Improvement, RuleKind, RuleKinds
from cchc_criteria.text import Lang, LazyText, Text

__all__ = ["KIND", "RelativeRule"]

_ZERO_POLICIES = ("zero", "full")


def _policy(value: str) -> str:
    if value not in _ZERO_POLICIES:
        raise choice_error("if_zero", _ZERO_POLICIES, value)
    return value


@attrs.frozen
class RelativeRule:
    """Points = this unit's figure ÷ the best figure × max (higher is better), or the best ÷
    this unit's figure × max (``lower_is_better``: days, costs).

    Attributes:
        scale: the figure's scale (a rate in percent by default).
        lower_is_better: True when the smallest figure is the best.
        reference: the best figure, when the set publishes it or the cohort gave it.
        from_cohort: True when ``reference`` is the best of the units scored together.
        if_zero: what a unit gets when the ratio is undefined — the best figure is 0 (or,
            lower is better, the unit's figure is 0): ``"zero"`` points (the default) or the
            ``"full"`` max; either way with a finding.
    """

    scale: Scale = Scale.PERCENT
    lower_is_better: bool = False
    reference: Decimal | None = attrs.field(default=None, converter=optional_decimal)
    from_cohort: bool = False
    if_zero: str = attrs.field(default="zero", converter=_policy)

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score a figure against the reference (the answer may state it: ``{value, best}``)."""
        reference = self.reference
        figure = answer
        if isinstance(answer, Mapping):
            figure = answer.get("value")
            if answer.get("best") is not None:
                try:
                    reference = decimal_of(read_quantity(answer["best"], self.scale))
                except NumberFormatError as error:
                    return _refused(answer, error)
        value = read_figure(figure, self.scale)
        if isinstance(value, Outcome):
            return value
        if reference is None:
            problem = finding("needs-cohort")
            return Outcome(
                None,
                value=decimal_of(value),
                figure=figure_text(answer),
                explanation=problem.text,
                findings=(problem,),
            )
        best = Fraction(reference)
        undefined = value == 0 if self.lower_is_better else best == 0
        if undefined:
            points = max_points if self.if_zero == "full" else Decimal(0)
            why = (
                Text("số liệu của đơn vị là 0", "the unit's figure is 0")
                if self.lower_is_better
                else Text("giá trị tốt nhất là 0", "the best figure is 0")
            )
            problem = finding("zero-reference", why=why, points=points)
            return Outcome(
                points,
                exact=points,
                value=decimal_of(value),
                figure=figure_text(answer),
                explanation=problem.text,
                findings=(problem,),
            )
        ratio = best / value if self.lower_is_better else value / best
        ratio = min(max(ratio, Fraction(0)), Fraction(1))  # no unit beats the best
        points = decimal_of(ratio * Fraction(max_points))
        return Outcome(
            points,
            exact=points,
            value=decimal_of(value),
            figure=figure_text(answer),
            explanation=LazyText(_explain, self, value, best, max_points, points),
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From 0 to the max: the best unit gets the max, nobody more."""
        return Decimal(0), max_points

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The rule in words."""
        best = "" if self.reference is None else format_number(self.reference, lang=lang)
        if lang == "vi":
            text = (
                "điểm = giá trị tốt nhất ÷ số liệu của đơn vị × điểm tối đa (thấp hơn là tốt hơn)"
                if self.lower_is_better
                else "điểm = số liệu của đơn vị ÷ giá trị cao nhất trong các đơn vị × điểm tối đa"
            )
            return text + (f"; giá trị tốt nhất: {best}{self.scale.symbol}" if best else "")
        text = (
            "points = the best figure ÷ the unit's figure × max (lower is better)"
            if self.lower_is_better
            else "points = the unit's figure ÷ the highest figure among the units × max"
        )
        return text + (f"; best figure: {best}{self.scale.symbol}" if best else "")


def _refused(answer: object, error: NumberFormatError) -> Outcome:
    problem = finding(
        "invalid-answer",
        expected=Text("giá trị tốt nhất là một số", "the best figure as a number"),
        alternative="",
        error=error.text,
    )
    return Outcome(None, figure=figure_text(answer), explanation=problem.text, findings=(problem,))


def bind_cohort(rule: RelativeRule, answers: Sequence[object]) -> RelativeRule:
    """``rule`` with the best figure among ``answers`` (the cohort's) as its reference; a
    published reference is kept. Answers that are not figures are left out."""
    if rule.reference is not None and not rule.from_cohort:
        return rule
    figures: list[Fraction] = []
    for answer in answers:
        figure = answer.get("value") if isinstance(answer, Mapping) else answer
        if figure is None or figure is NA:
            continue
        try:
            figures.append(read_quantity(figure, rule.scale))
        except NumberFormatError:
            continue
    if not figures:
        return attrs.evolve(rule, reference=None, from_cohort=False)
    best = min(figures) if rule.lower_is_better else max(figures)
    return attrs.evolve(rule, reference=decimal_of(best), from_cohort=True)


def _improve(
    rule: RelativeRule, answer: object, points: Decimal, max_points: Decimal, kinds: RuleKinds
) -> Improvement | None:
    if rule.reference is None or isinstance(answer, Mapping):
        return None
    target = Fraction(rule.reference)
    kind = "lower" if rule.lower_is_better else "raise"
    return Improvement(kind, rule.reference, target, rule.scale)


def _explain(
    lang: Lang,
    rule: RelativeRule,
    value: Fraction,
    best: Fraction,
    max_points: Decimal,
    points: Decimal,
) -> str:
    unit = rule.scale.symbol

    def num(x: Fraction | Decimal) -> str:
        shown = decimal_of(x) if isinstance(x, Fraction) else x
        return format_number(shown, lang=lang, max_places=4)

    if lang == "vi":
        whose = "tốt nhất trong các đơn vị" if rule.from_cohort else "tốt nhất đã công bố"
    else:
        whose = "the best unit's" if rule.from_cohort else "the published best"
    first, second = (best, value) if rule.lower_is_better else (value, best)
    names = (f"{num(first)}{unit}", f"{num(second)}{unit}")
    if rule.lower_is_better:
        names = (f"{names[0]} ({whose})", names[1])
    else:
        names = (names[0], f"{names[1]} ({whose})")
    return f"{names[0]} ÷ {names[1]} × {num(max_points)} = {points_word(points, lang)}"


def _read(keys: Mapping[str, Any]) -> RelativeRule:
    scale = keys.get("scale", "percent")
    scales = {s.value: s for s in Scale}
    if scale not in scales:
        raise choice_error("scale", list(scales), scale)
    better = keys.get("better", "higher")
    if better not in ("higher", "lower"):
        raise choice_error("better", ("higher", "lower"), better)
    reference = keys.get("reference")
    if_zero = keys.get("if_zero", "zero")
    if not isinstance(if_zero, str):
        raise choice_error("if_zero", _ZERO_POLICIES, if_zero)
    return RelativeRule(
        scales[scale],
        lower_is_better=better == "lower",
        reference=None if reference is None else read_decimal(reference),
        if_zero=if_zero,
    )


def _write(rule: RelativeRule) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if rule.scale is not Scale.PERCENT:
        result["scale"] = rule.scale.value
    if rule.lower_is_better:
        result["better"] = "lower"
    if rule.reference is not None and not rule.from_cohort:
        result["reference"] = plain_number(rule.reference)
    if rule.if_zero != "zero":
        result["if_zero"] = rule.if_zero
    return result


#: The kind ``rule = "relative"``.
KIND = RuleKind(
    name="relative",
    pure=True,
    rule_class=RelativeRule,
    keys={"scale", "better", "reference", "if_zero"},
    read=lambda keys, kinds: _read(keys),
    write=lambda rule, kinds: _write(rule),
    schema={
        "properties": {
            "scale": SCALE_SCHEMA,
            "better": {"type": "string", "enum": ["higher", "lower"]},
            "reference": {"$ref": "#/$defs/number"},
            "if_zero": {"type": "string", "enum": list(_ZERO_POLICIES)},
        }
    },
    hint=lambda rule, max_points: (
        f"{scale_hint(rule.scale)}; điểm tính so với đơn vị tốt nhất "
        "(hoặc { value = …, best = … } khi biết giá trị tốt nhất)"
    ),
    cell=lambda rule, max_points: scale_cell(rule.scale),
    strategies="cchc_criteria.testing.kinds:relative_answers",
    improve=_improve,
    answer_keys=lambda rule: (frozenset({"value", "best"}), frozenset({"value"})),
    cohort=bind_cohort,
)
