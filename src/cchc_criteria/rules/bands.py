"""Bands over a number (ngưỡng): "từ 60% đến dưới 90%: 0,5 điểm"."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, DecimalException
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError, require_all
from cchc_criteria.formulas import DecimalFormula, FormulaError
from cchc_criteria.model import (
    Band,
    ChosenBand,
    Criterion,
    Finding,
    Formula,
    FractionOfMax,
    Linear,
    Outcome,
    Points,
    Scale,
    describe_interval,
    finding,
)
from cchc_criteria.model.bands import Award
from cchc_criteria.numbers import (
    EXACT_CONTEXT,
    decimal_of,
    format_number,
    quotient_form,
    round_points,
)
from cchc_criteria.piecewise import Shape
from cchc_criteria.rules._answers import (
    Figure,
    fast_reader,
    figure_text,
    figure_value,
    points_word,
    read_exact,
    refusal,
)
from cchc_criteria.rules._band_findings import FINDINGS
from cchc_criteria.rules._band_shape import award_span, points_range_of, shape_of
from cchc_criteria.rules._scales import SCALE_SCHEMA, scale_cell, scale_hint
from cchc_criteria.rules.keys import (
    award_keys,
    edge_keys,
    mapping,
    no_leftovers,
    read_award,
    read_edges,
)
from cchc_criteria.rules.kinds import FastScorer, RuleKind, RuleKinds
from cchc_criteria.text import Lang, LazyText, Text, fold

__all__ = ["KIND", "BandRule", "read_band", "scale_cell", "scale_hint", "write_band"]


def _bands(value: Iterable[Band]) -> tuple[Band, ...]:
    bands: tuple[Band, ...] = require_all(value, Band, "bands")
    if not bands:
        raise InvalidValueError(
            Text(
                "quy tắc theo khoảng cần ít nhất một khoảng", "a band rule needs at least one band"
            )
        )
    return bands


@attrs.frozen
class BandRule:
    """Points by the band a figure falls in, bands in document order.

    A value that falls in two bands (a published overlap) is scored by the first in document
    order, with a warning; a value in no band (a published gap) is left unscored, with an error.
    An answer may also name the band the unit reached (`ChosenBand`).

    Attributes:
        bands: the bands as published.
        scale: the unit of the figure (percent by default; ``count`` for "met 4 times a year").
    """

    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    scale: Scale = Scale.PERCENT

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score a figure, or a named band."""
        if isinstance(answer, ChosenBand):
            if answer.figure is not None:
                return self._score_both(answer, max_points)
            return self._score_chosen(answer, max_points)
        value = read_exact(answer, self.scale, alternative="a band's label")
        if isinstance(value, Outcome):
            return value
        matches = _matching(_edges(self.bands), value)
        unit = self.scale.symbol
        figure = figure_value(value)
        if not matches:
            return refusal(
                "no-band",
                answer,
                shown=figure,
                unit=unit,
                bands=Text(self.describe(max_points), self.describe(max_points, lang="en")),
            )
        index = matches[0]
        band = self.bands[index]
        findings: tuple[Finding, ...] = ()
        if len(matches) > 1:
            others = ", ".join(str(i + 1) for i in matches[1:])
            findings = (
                finding(
                    "overlapping-bands", band=index + 1, shown=figure, unit=unit, others=others
                ),
            )
        try:
            exact = _award(band.award, max_points).exact(value, max_points)
        except FormulaError as error:
            return refusal(
                "formula-error",
                answer,
                band=index + 1,
                shown=figure,
                unit=unit,
                reason=error.reason,
            )
        points = _rounded(band.award, exact)
        return Outcome(
            points=points,
            exact=exact,
            value=figure,
            figure=figure_text(answer),
            matched=band.label,
            explanation=LazyText(_explain_band, band, index, unit, figure, points),
            findings=findings,
        )

    def find_band(self, ref: int | str) -> int | None:
        """The 0-based index of the band named by ``ref`` (1-based position or label)."""
        if isinstance(ref, int) and not isinstance(ref, bool):
            return ref - 1 if 1 <= ref <= len(self.bands) else None
        wanted = fold(str(ref))
        for i, band in enumerate(self.bands):
            if fold(band.label) == wanted:
                return i
        return None

    def _score_both(self, answer: ChosenBand, max_points: Decimal) -> Outcome:
        """A figure and the band the unit says it reached: the figure is scored; a band it
        does not fall in (or no band of this rule) is said."""
        outcome = self.score(answer.figure, max_points)
        index = self.find_band(answer.ref)
        said = self.bands[index].label if index is not None else str(answer.ref)
        if outcome.matched is not None and index is not None and outcome.matched == said:
            return outcome
        problem = finding(
            "band-contradicts-figure",
            chosen=said,
            shown=outcome.figure if outcome.figure is not None else answer.figure,
            matched=outcome.matched or "—",
        )
        return attrs.evolve(outcome, findings=(*outcome.findings, problem))

    def _score_chosen(self, answer: ChosenBand, max_points: Decimal) -> Outcome:
        index = self.find_band(answer.ref)
        if index is None:
            labels = "; ".join(f"{i + 1}. {b.label}" for i, b in enumerate(self.bands))
            return refusal("unknown-band", answer.ref, ref=answer.ref, labels=labels)
        band = self.bands[index]
        if isinstance(band.award, Linear | Formula):
            least, most = award_span(band, self.scale, max_points)
            bounded = not isinstance(least, float) and not isinstance(most, float)
            problem = finding(
                "band-needs-figure",
                band=index + 1,
                label=band.label,
                least=least if bounded else None,
                most=most if bounded else None,
            )
            return Outcome(
                points=None,
                figure=band.label,
                matched=band.label,
                explanation=problem.text,
                findings=(problem,),
            )
        points = decimal_of(band.award.exact(Fraction(0), max_points))
        return Outcome(
            points=points,
            exact=points,
            figure=band.label,
            matched=band.label,
            explanation=LazyText(_explain_named, band, index, self.scale.symbol, points),
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The lowest and highest award over every band's part of the domain.

        For a formula band the range is taken over the closure of the band (an open edge's
        value counts), which is what a reader checks against the max.
        """
        return points_range_of(self.bands, self.scale, max_points)

    def shape(self, max_points: Decimal) -> Shape:
        """The rule's exact shape: its domain cut at every band edge, with the band that
        applies on each part and what it awards there (for lint and advice)."""
        return shape_of(self.bands, self.scale, max_points)

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """Every band in words, in document order."""
        return "; ".join(band.describe(lang=lang, unit=self.scale.symbol) for band in self.bands)


def _explain_band(
    lang: Lang, band: Band, index: int, unit: str, figure: Decimal, points: Decimal
) -> str:
    interval = describe_interval(band.lower, band.upper, lang=lang, unit=unit)
    shown = format_number(figure, lang=lang, max_places=4) + unit
    where = "thuộc khoảng" if lang == "vi" else "is in band"
    award = points_word(points, lang)
    if isinstance(band.award, Linear):
        award = f"{band.award.describe(lang=lang)} = {award}"
    return f"{shown} {where} {index + 1} ({interval}): {award}"


def _explain_named(lang: Lang, band: Band, index: int, unit: str, points: Decimal) -> str:
    named = "đơn vị chọn khoảng" if lang == "vi" else "the unit names band"
    interval = describe_interval(band.lower, band.upper, lang=lang, unit=unit)
    return f"{named} {index + 1} ({interval}): {points_word(points, lang)}"


# --------------------------------------------------------------------------- the kind


def read_band(value: object, _: object = None) -> Band:
    """A band from its table: label, edges and one award."""
    data = mapping(value, Text("một khoảng", "a band"))
    label = data.pop("label", "")
    if not isinstance(label, str):
        raise InvalidValueError(
            Text(
                f"nhãn của khoảng phải là một chuỗi, nhận được {label!r}",
                f"a band's label must be a text, got {label!r}",
            )
        )
    where = Text(f"khoảng {label!r}", f"band {label!r}") if label else Text("khoảng", "a band")
    lower, upper = read_edges(data, where)
    award = read_award(data, where)
    no_leftovers(data, where, "label, from/above (từ/trên), below/to (dưới/đến) and one award")
    return Band(label, award, lower, upper)


def write_band(band: Band) -> dict[str, Any]:
    return {
        "label": band.label,
        **edge_keys(band.lower, band.upper),
        **award_keys(band.award),
    }


def _read(keys: Mapping[str, Any]) -> BandRule:
    bands = keys.get("bands")
    if not isinstance(bands, list) or not bands:
        raise InvalidValueError(
            Text(
                "quy tắc theo khoảng cần bands = [ … ], mỗi khoảng một bảng",
                "a bands rule needs bands = [ … ], one table per band",
            )
        )
    return BandRule([read_band(b) for b in bands], _scale(keys.get("scale", "percent")))


def _scale(value: object) -> Scale:
    if isinstance(value, Scale):
        return value
    if isinstance(value, str):
        for scale in Scale:
            if fold(value) in (scale.value, fold(scale.name)):
                return scale
    choices = ", ".join(f'"{s.value}"' for s in Scale)
    raise InvalidValueError(
        Text(
            f"cần một thang đo: một trong {choices}, nhận được {value!r}",
            f"expected a scale: one of {choices}, got {value!r}",
        )
    )


def _write(rule: BandRule) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if rule.scale is not Scale.PERCENT:
        result["scale"] = rule.scale.value
    result["bands"] = [write_band(b) for b in rule.bands]
    return result


def _lint(criterion: Criterion, rule: BandRule) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for position, label in enumerate((b.label for b in rule.bands), start=1):
        key = fold(label)
        if key and key in seen:
            yield finding("label-collision", criterion.code, band=position, first=seen[key])
        seen.setdefault(key, position)


_Edges = tuple[Decimal | None, bool, Decimal | None, bool]
"""A band's edges for matching a figure: its lower edge and whether it is included, its upper edge
and whether it is included (``None``: unbounded)."""


def _edges(bands: tuple[Band, ...]) -> tuple[_Edges, ...]:
    """Every band's edges, in document order."""
    return tuple(
        (
            None if band.lower is None else band.lower.value,
            band.lower is not None and band.lower.inclusive,
            None if band.upper is None else band.upper.value,
            band.upper is not None and band.upper.inclusive,
        )
        for band in bands
    )


def _matching(edges: tuple[_Edges, ...], value: Figure) -> list[int]:
    """The positions of the bands ``value`` falls in, compared exactly with the Decimal edges
    (a Fraction figure too): the kind's one matching of a figure, for both paths."""
    found = []
    for position, (low, from_low, high, to_high) in enumerate(edges):
        if low is not None and (value < low if from_low else value <= low):
            continue
        if high is not None and (value > high if to_high else value >= high):
            continue
        found.append(position)
    return found


@attrs.frozen
class _Award:
    """A band's award for one max: fixed when it does not depend on the figure (points, a
    share of the max), a formula over Decimals where it has one — the kind's one computation
    of a band's points, for both paths."""

    award: Award
    fixed: Decimal | None
    formula: DecimalFormula | None

    def exact(self, value: Figure, max_points: Decimal) -> Decimal:
        """The band's exact award for ``value`` (before the award's own rounding);
        FormulaError where a formula is undefined there."""
        if self.fixed is not None:
            return self.fixed
        award = self.award
        if self.formula is not None and type(value) is Decimal:
            assert isinstance(award, Formula)
            names = {"value": value, "rate": value, "count": value, "max_points": max_points}
            try:
                result = self.formula(names)
                if award.cap is not None:
                    result = min(result, award.cap)
                return quotient_form(result)
            except DecimalException:
                pass  # a digit would be lost, or a division by 0: the exact path decides
        return decimal_of(award.exact(Fraction(value), max_points))

    def points(self, value: Figure, max_points: Decimal) -> Decimal | None:
        """The band's points for ``value``, rounded where the award says; ``None`` where a
        formula is undefined (``score`` reports it)."""
        if self.fixed is not None:
            return self.fixed  # points or a share of the max: never rounded
        try:
            return _rounded(self.award, self.exact(value, max_points))
        except FormulaError:
            return None


def _award(award: Award, max_points: Decimal) -> _Award:
    return _Award(
        award,
        decimal_of(award.exact(Fraction(0), max_points))
        if isinstance(award, Points | FractionOfMax)
        else None,
        award.expression.over_decimals(EXACT_CONTEXT) if isinstance(award, Formula) else None,
    )


def _rounded(award: Award, exact: Decimal) -> Decimal:
    """A band's points from its award's exact value: rounded where a formula says so."""
    if isinstance(award, Linear | Formula) and award.places is not None:
        return round_points(exact, award.places)
    return exact


def _compile(rule: BandRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer:
    """The points of a plain figure that falls in exactly one band, by the kind's own
    matching and award; ``None`` (``score`` decides) in no band or in more than one. A named
    band (`ChosenBand`) alone gives its fixed award, and with a figure the figure's points
    where it falls in that band alone; ``None`` for anything ``score`` says more of (a
    formula without its figure, a band the figure contradicts, a band not in the rule)."""
    edges = _edges(rule.bands)
    awards = tuple(_award(band.award, max_points) for band in rule.bands)
    read = fast_reader(rule.scale)

    def fast(answer: object) -> Decimal | None:
        named = None
        if type(answer) is ChosenBand:
            named = rule.find_band(answer.ref)
            if named is None or answer.figure is None:
                return None if named is None else awards[named].fixed
            answer = answer.figure
        value = read(answer)
        if value is None:
            return None
        found = _matching(edges, value)
        if len(found) != 1 or (named is not None and found[0] != named):
            return None
        return awards[found[0]].points(value, max_points)

    return fast


KIND = RuleKind(
    findings=FINDINGS,
    name="bands",
    pure=True,
    compile=_compile,
    rule_class=BandRule,
    keys={"scale", "bands"},
    read=lambda keys, kinds: _read(keys),
    write=lambda rule, kinds: _write(rule),
    schema={
        "properties": {
            "scale": SCALE_SCHEMA,
            "bands": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/band"}},
        },
        "required": ["bands"],
    },
    hint=lambda rule, max_points: (
        f"{scale_hint(rule.scale)}; hoặc khoảng đạt được: {{ band = 1 … {len(rule.bands)} }}"
    ),
    cell=lambda rule, max_points: attrs.evolve(
        scale_cell(rule.scale), bands=tuple(b.label for b in rule.bands)
    ),
    shape=lambda rule, max_points: rule.shape(max_points),
    lint=_lint,
)
"""The kind ``rule = "bands"``."""
