"""Relative to the cohort's average (so với mức trung bình): "bằng hoặc cao hơn mức trung bình
của các đơn vị: 2 điểm; thấp hơn: 0 điểm".

The unit's figure is compared with the average of the figures of every unit scored with it
(``cc.score_many``, ``cchc rank``; or, with ``cohort = "group"``, the units of its group), or
with an average the set publishes. The comparison is exact: the average is kept as the sum of
the figures and their count, never rounded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model import NA, FractionOfMax, Outcome, Points, Scale, finding
from cchc_criteria.numbers import decimal_of, format_number, optional_decimal
from cchc_criteria.rules._answers import (
    Figure,
    fast_reader,
    figure_text,
    figure_value,
    points_word,
    read_exact,
)
from cchc_criteria.rules._scales import (
    SCALE_SCHEMA,
    read_scale_and_direction,
    scale_cell,
    scale_hint,
)
from cchc_criteria.rules.keys import (
    award_keys,
    mapping,
    plain_number,
    read_award,
    read_decimal,
)
from cchc_criteria.rules.kinds import FastScorer, Improvement, RuleKind, RuleKinds
from cchc_criteria.rules.relative import FINDINGS as RELATIVE_FINDINGS
from cchc_criteria.text import Lang, LazyText, Text

__all__ = ["KIND", "AverageRule", "bind_average"]


@attrs.frozen
class AverageRule:
    """``meets`` when the unit's figure is at or above the average (at or below, when lower
    is better), ``misses`` otherwise.

    Attributes:
        scale: the figure's scale (a rate in percent by default).
        lower_is_better: True when a smaller figure is the better one (days, costs).
        meets, misses: the awards (points, or a share of the max).
        reference: the average, when the set publishes it or the cohort gave it (the sum of
            the cohort's figures ÷ ``count``, kept exact).
        count: how many figures ``reference`` adds up (1 for a published average).
        from_cohort: True when the average is the cohort's.
    """

    meets: Points | FractionOfMax
    misses: Points | FractionOfMax
    scale: Scale = Scale.PERCENT
    lower_is_better: bool = False
    reference: Decimal | None = attrs.field(default=None, converter=optional_decimal)
    count: int = 1
    from_cohort: bool = False

    @property
    def average(self) -> Fraction | None:
        """The average, exactly (``None`` until a cohort or the set gives it)."""
        return None if self.reference is None else Fraction(self.reference) / self.count

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score a figure against the average."""
        value = read_exact(answer, self.scale)
        if isinstance(value, Outcome):
            return value
        figure = figure_value(value)
        average = self.average
        if average is None:
            problem = finding("needs-cohort")
            return Outcome(
                None,
                value=figure,
                figure=figure_text(answer),
                explanation=problem.text,
                findings=(problem,),
            )
        met = _meets(value, average, self.lower_is_better)
        points = _points(self.meets if met else self.misses, max_points)
        return Outcome(
            points,
            exact=points,
            value=figure,
            figure=figure_text(answer),
            matched=None,
            explanation=LazyText(_explain, self, figure, decimal_of(average), met, points),
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From the lower to the higher of the two awards."""
        both = (_points(self.meets, max_points), _points(self.misses, max_points))
        return min(both), max(both)

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The rule in words."""
        meets, misses = self.meets.describe(lang=lang), self.misses.describe(lang=lang)
        if lang == "vi":
            side = "thấp hơn hoặc bằng" if self.lower_is_better else "cao hơn hoặc bằng"
            return f"{side} mức trung bình của các đơn vị: {meets}; còn lại: {misses}"
        side = "at or below" if self.lower_is_better else "at or above"
        return f"{side} the average of the units: {meets}; otherwise: {misses}"


def _meets(value: Figure, average: Fraction, lower_is_better: bool) -> bool:
    """Whether a figure reaches the average: the kind's one comparison, exact."""
    figure = Fraction(value)
    return figure <= average if lower_is_better else figure >= average


def _points(award: Points | FractionOfMax, max_points: Decimal) -> Decimal:
    return decimal_of(award.exact(Fraction(0), max_points))


def _explain(
    lang: Lang, rule: AverageRule, figure: Decimal, average: Decimal, met: bool, points: Decimal
) -> str:
    unit = rule.scale.symbol
    shown = format_number(figure, lang=lang, max_places=4) + unit
    mean = format_number(average, lang=lang, max_places=4) + unit
    if lang == "vi":
        word = (
            ("không cao hơn" if met else "cao hơn")
            if rule.lower_is_better
            else ("không thấp hơn" if met else "thấp hơn")
        )
        return f"{shown} {word} mức trung bình {mean} → {points_word(points, 'vi')}"
    word = (
        ("not above" if met else "above")
        if rule.lower_is_better
        else ("not below" if met else "below")
    )
    return f"{shown} is {word} the average {mean} → {points_word(points, 'en')}"


def bind_average(rule: AverageRule, answers: Sequence[object]) -> AverageRule:
    """``rule`` with the average of the figures among ``answers`` (the cohort's) as its
    reference; a published average is kept. Only figures a unit is scored on count: an
    answer the rule refuses (not a figure, outside the scale) is left out."""
    if rule.reference is not None and not rule.from_cohort:
        return rule
    total = Fraction(0)
    count = 0
    for answer in answers:
        if answer is None or answer is NA:
            continue
        value = read_exact(answer, rule.scale)  # the reader scoring uses, fast first
        if isinstance(value, Outcome):
            continue
        total += Fraction(value)
        count += 1
    if not count:
        return attrs.evolve(rule, reference=None, count=1, from_cohort=False)
    # The sum of accepted figures is a finite decimal: kept exactly, divided only to compare.
    return attrs.evolve(rule, reference=decimal_of(total), count=count, from_cohort=True)


def _compile(rule: AverageRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer | None:
    """The points of a plain figure once the average is known, by the kind's one comparison."""
    average = rule.average
    if average is None:
        return None
    read = fast_reader(rule.scale)
    meets, misses = _points(rule.meets, max_points), _points(rule.misses, max_points)
    lower = rule.lower_is_better

    def fast(answer: object) -> Decimal | None:
        value = read(answer)
        if value is None:
            return None
        return meets if _meets(value, average, lower) else misses

    return fast


def _improve(
    rule: AverageRule, answer: object, points: Decimal, max_points: Decimal, kinds: RuleKinds
) -> Improvement | None:
    average = rule.average
    if average is None or points >= _points(rule.meets, max_points):
        return None
    target = decimal_of(average)
    return Improvement("lower" if rule.lower_is_better else "raise", target, average, rule.scale)


def _read(keys: Mapping[str, Any]) -> AverageRule:
    scale, lower = read_scale_and_direction(keys)
    awards: dict[str, Points | FractionOfMax] = {}
    for key in ("meets", "misses"):
        data = mapping(keys.get(key), Text(f"{key} (một mức điểm)", f"{key} (an award)"))
        award = read_award(data, Text(key, key))
        if not isinstance(award, Points | FractionOfMax):
            raise InvalidValueError(
                Text(
                    f"{key}: cần points = … hoặc share = … (không có số liệu để tính công thức)",
                    f"{key}: expected points = … or share = … (there is no figure for a formula)",
                )
            )
        awards[key] = award
    reference = keys.get("reference")
    return AverageRule(
        awards["meets"],
        awards["misses"],
        scale,
        lower_is_better=lower,
        reference=None if reference is None else read_decimal(reference),
    )


def _write(rule: AverageRule) -> dict[str, Any]:
    result: dict[str, Any] = {"meets": award_keys(rule.meets), "misses": award_keys(rule.misses)}
    if rule.scale is not Scale.PERCENT:
        result["scale"] = rule.scale.value
    if rule.lower_is_better:
        result["better"] = "lower"
    if rule.reference is not None and not rule.from_cohort:
        result["reference"] = plain_number(rule.reference)
    return result


_AWARD = {"type": "object", "description": "points = …, or share = … of the max"}

KIND = RuleKind(
    findings=RELATIVE_FINDINGS[:1],  # needs-cohort, as relative has it
    name="average",
    pure=True,
    rule_class=AverageRule,
    keys={"scale", "better", "meets", "misses", "reference"},
    read=lambda keys, kinds: _read(keys),
    write=lambda rule, kinds: _write(rule),
    schema={
        "properties": {
            "scale": SCALE_SCHEMA,
            "better": {"type": "string", "enum": ["higher", "lower"]},
            "meets": _AWARD,
            "misses": _AWARD,
            "reference": {"$ref": "#/$defs/number"},
        },
        "required": ["meets", "misses"],
    },
    hint=lambda rule, max_points: (
        f"{scale_hint(rule.scale)}; điểm tính so với mức trung bình của các đơn vị"
    ),
    cell=lambda rule, max_points: scale_cell(rule.scale),
    improve=_improve,
    cohort=bind_average,
    compile=_compile,
)
"""The kind ``rule = "average"``."""
