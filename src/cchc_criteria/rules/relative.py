"""Relative to the best unit: "tỷ lệ chuẩn hóa = tỷ lệ của đơn vị / tỷ lệ cao nhất × điểm tối đa".

The points of one unit depend on every unit scored with it: the best figure among them is the
reference. ``cc.score_many`` (and ``cchc rank``) binds the rule to its cohort's best figure;
scored alone, the rule needs a reference stated in the set (a published best) or in the answer
(``{ value = 93, best = 95 }``), and otherwise leaves the criterion unscored with
``needs-cohort``.

The domain is the published formula's: a ratio of two figures, so figures are 0 or more (a
negative figure is refused, as a figure outside its scale is). Only a figure the unit is
scored on enters its cohort: a refused answer never sets the best. Within a cohort the best is
the cohort's, so an answer that states its own ``best`` is refused. When the best figure is 0
(higher is better, every unit at 0) the ratio is undefined and ``if_zero`` decides; lower is
better, a unit at 0 is the best unit and gets the max, and every other unit gets 0 ÷ its
figure = 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import NumberFormatError
from cchc_criteria.model import NA, Outcome, Scale, finding
from cchc_criteria.model.finding_kinds import Category, FindingKind, Severity, entry
from cchc_criteria.numbers import (
    decimal_of,
    exact_ratio,
    exact_value,
    format_number,
    optional_decimal,
)
from cchc_criteria.rules._answers import (
    Figure,
    fast_reader,
    figure_text,
    figure_value,
    points_word,
    read_exact,
    read_quantity,
    refusal,
)
from cchc_criteria.rules._scales import (
    SCALE_SCHEMA,
    read_scale_and_direction,
    scale_cell,
    scale_hint,
)
from cchc_criteria.rules.keys import choice_error, plain_number, read_decimal
from cchc_criteria.rules.kinds import FastScorer, Improvement, RuleKind, RuleKinds
from cchc_criteria.text import Lang, LazyText, Text

__all__ = ["KIND", "RelativeRule"]

_ZERO_POLICIES = ("zero", "full")
_ZERO = Decimal(0)


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
        """Score a figure against the reference (scored alone, the answer may state it:
        ``{value, best}``; in a cohort, it may not)."""
        reference = self.reference
        whose = "cohort" if self.from_cohort else "published"
        figure = answer
        if isinstance(answer, Mapping):
            figure = answer.get("value")
            if answer.get("best") is not None:
                if self.from_cohort:
                    return _own_best_refused(answer)
                try:
                    stated = read_quantity(answer["best"], self.scale)
                except NumberFormatError as error:
                    return _refused(answer, error)
                if stated < 0:
                    return _negative(answer, stated, self.scale)
                reference = decimal_of(stated)
                whose = "declared"
        value = read_relative(figure, self.scale)
        if isinstance(value, Outcome):
            return value
        if reference is None:
            problem = finding("needs-cohort")
            return Outcome(
                None,
                value=figure_value(value),
                figure=figure_text(answer),
                explanation=problem.text,
                findings=(problem,),
            )
        best = reference
        figure = figure_value(value)
        if self.lower_is_better and value == 0 and best >= 0:
            # Nothing is lower than 0: the unit is the best unit, and the best gets the max.
            full = exact_value(max_points)
            return Outcome(
                full,
                exact=full,
                value=figure,
                figure=figure_text(answer),
                explanation=LazyText(_explain_best, max_points),
            )
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
                value=figure,
                figure=figure_text(answer),
                explanation=problem.text,
                findings=(problem,),
            )
        points = _ratio_points(value, best, self.lower_is_better, max_points)
        return Outcome(
            points,
            exact=points,
            value=figure,
            figure=figure_text(answer),
            explanation=LazyText(
                _explain, self, whose, Fraction(value), Fraction(best), max_points, points
            ),
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


def read_relative(figure: object, scale: Scale) -> Figure | Outcome:
    """A figure as the rule reads it (``read_exact``, and 0 or more), or the outcome that
    refuses it: the one reader of scoring and of the cohort's best."""
    value = read_exact(figure, scale)
    if not isinstance(value, Outcome) and value < 0:
        return _negative(figure, Fraction(value), scale)
    return value


def _ratio_points(value: Figure, best: Decimal, lower: bool, max_points: Decimal) -> Decimal:
    """The points of a figure against the best where the ratio is defined (the figure is
    not 0 when lower is better, the best is not 0 otherwise): the ratio held between 0 and
    1 (nobody beats the best), times the max — the kind's one computation of points."""
    top, bottom = (best, value) if lower else (value, best)
    if bottom < 0 or top <= 0:
        return _ZERO
    if top >= bottom:
        return exact_value(max_points)
    return exact_ratio(top, bottom, max_points)


def _negative(answer: object, value: Fraction, scale: Scale) -> Outcome:
    return refusal(
        "out-of-domain",
        answer,
        figure=figure_text(answer),
        shown=decimal_of(value),
        unit=scale.symbol,
        span=Text(
            "từ 0 trở lên: điểm là tỷ số của hai số liệu", "0 or more: the points are a ratio"
        ),
    )


def _own_best_refused(answer: object) -> Outcome:
    return refusal(
        "invalid-answer",
        answer,
        expected=Text(
            "chỉ số liệu của đơn vị (khi chấm cùng các đơn vị khác, giá trị tốt nhất là của "
            "đơn vị tốt nhất)",
            "only the unit's figure (scored with a cohort, the best figure is the best unit's)",
        ),
        alternative="",
        error=Text("câu trả lời tự nêu giá trị tốt nhất", "the answer states its own best"),
    )


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
    published reference is kept. Only figures a unit is scored on count: an answer the rule
    refuses (not a figure, outside the scale, negative, or stating its own best) is left out,
    so that it cannot set every other unit's points."""
    if rule.reference is not None and not rule.from_cohort:
        return rule
    figures: list[Fraction | Decimal] = []
    for answer in answers:
        figure = answer
        if isinstance(answer, Mapping):
            if answer.get("best") is not None:
                continue
            figure = answer.get("value")
        if figure is None or figure is NA:
            continue
        value = read_relative(figure, rule.scale)  # the reader scoring uses, fast first
        if not isinstance(value, Outcome):
            figures.append(value)
    if not figures:
        return attrs.evolve(rule, reference=None, from_cohort=False)
    best = min(figures) if rule.lower_is_better else max(figures)
    return attrs.evolve(rule, reference=decimal_of(Fraction(best)), from_cohort=True)


def _compile(rule: RelativeRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer | None:
    """The points of a plain figure for a rule whose best is known (a cohort's, or a
    published one), by the rule's own computation (``_ratio_points``); the zero cases and
    every finding are left to ``score``."""
    best = rule.reference
    if best is None:
        return None
    read = fast_reader(rule.scale)
    lower = rule.lower_is_better
    full = exact_value(max_points)

    def fast(answer: object) -> Decimal | None:
        value = read(answer)
        if value is None or value < 0:
            return None  # a negative figure is refused by score
        if lower and value == 0 and best >= 0:
            return full  # the best unit gets the max
        if (value == 0) if lower else (best == 0):
            return None  # an undefined ratio: score says so
        return _ratio_points(value, best, lower, max_points)

    return fast


def _improve(
    rule: RelativeRule, answer: object, points: Decimal, max_points: Decimal, kinds: RuleKinds
) -> Improvement | None:
    if rule.reference is None or isinstance(answer, Mapping):
        return None
    target = Fraction(rule.reference)
    kind = "lower" if rule.lower_is_better else "raise"
    return Improvement(kind, rule.reference, target, rule.scale)


def _explain_best(lang: Lang, max_points: Decimal) -> str:
    if lang == "vi":
        return f"0 là giá trị tốt nhất (thấp hơn là tốt hơn): {points_word(max_points, lang)}"
    return f"0 is the best figure (lower is better): {points_word(max_points, lang)}"


_WHOSE = {
    "cohort": ("tốt nhất trong các đơn vị", "the best unit's"),
    "published": ("tốt nhất đã công bố", "the published best"),
    "declared": ("tốt nhất do đơn vị nêu", "the best as the unit states it"),
}


def _explain(
    lang: Lang,
    rule: RelativeRule,
    source: str,
    value: Fraction,
    best: Fraction,
    max_points: Decimal,
    points: Decimal,
) -> str:
    unit = rule.scale.symbol

    def num(x: Fraction | Decimal) -> str:
        shown = decimal_of(x) if isinstance(x, Fraction) else x
        return format_number(shown, lang=lang, max_places=4)

    whose = _WHOSE[source][0 if lang == "vi" else 1]
    first, second = (best, value) if rule.lower_is_better else (value, best)
    names = (f"{num(first)}{unit}", f"{num(second)}{unit}")
    if rule.lower_is_better:
        names = (f"{names[0]} ({whose})", names[1])
    else:
        names = (names[0], f"{names[1]} ({whose})")
    return f"{names[0]} ÷ {names[1]} × {num(max_points)} = {points_word(points, lang)}"


def _read(keys: Mapping[str, Any]) -> RelativeRule:
    scale, lower = read_scale_and_direction(keys)
    reference = keys.get("reference")
    if_zero = keys.get("if_zero", "zero")
    if not isinstance(if_zero, str):
        raise choice_error("if_zero", _ZERO_POLICIES, if_zero)
    return RelativeRule(
        scale,
        lower_is_better=lower,
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


FINDINGS: tuple[FindingKind, ...] = (
    entry(
        "needs-cohort",
        Severity.WARNING,
        Category.SCORING,
        {
            "": (
                "điểm tính so với đơn vị tốt nhất: cần chấm cùng các đơn vị khác (cchc rank, "
                "cc.score_many) hoặc nêu giá trị tốt nhất ({{ value = …, best = … }}); chưa chấm",
                "points are relative to the best unit: score the cohort together (cchc rank, "
                "cc.score_many) or state the best figure ({{ value = …, best = … }}); unscored",
            )
        },
    ),
    entry(
        "zero-reference",
        Severity.WARNING,
        Category.SCORING,
        {
            "": (
                "{why}: theo bộ tiêu chí được {points} điểm",
                "{why}: the set awards {points} points",
            )
        },
    ),
)
"""The finding codes of the kind's own (``RuleKind.findings``)."""


KIND = RuleKind(
    findings=FINDINGS,
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
    improve=_improve,
    answer_keys=lambda rule: (frozenset({"value", "best"}), frozenset({"value"})),
    cohort=bind_cohort,
    compile=_compile,
)
"""The kind ``rule = "relative"``."""
