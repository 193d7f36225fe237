"""Bands over a number (ngưỡng): "từ 60% đến dưới 90%: 0,5 điểm"."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, DecimalException
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError, require_all
from cchc_criteria.formulas import DecimalFormula, FormulaError, piecewise
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
from cchc_criteria.piecewise import Part, Segment, Shape, envelope, inside
from cchc_criteria.rules._answers import (
    Figure,
    fast_reader,
    figure_text,
    figure_value,
    points_word,
    read_exact,
    refusal,
)
from cchc_criteria.rules.keys import (
    award_keys,
    edge_keys,
    mapping,
    no_leftovers,
    read_award,
    read_edges,
)
from cchc_criteria.rules.kinds import AnswerCell, FastScorer, RuleKind, RuleKinds
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
    An answer may also name the band the unit reached (:class:`~cchc_criteria.ChosenBand`).

    Attributes:
        bands: the bands as published.
        scale: the unit of the figure (percent by default; ``count`` for "met 4 times a year").
    """

    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    scale: Scale = Scale.PERCENT

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score a figure, or a named band."""
        if isinstance(answer, ChosenBand):
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

    def _score_chosen(self, answer: ChosenBand, max_points: Decimal) -> Outcome:
        index = self.find_band(answer.ref)
        if index is None:
            labels = "; ".join(f"{i + 1}. {b.label}" for i, b in enumerate(self.bands))
            return refusal("unknown-band", answer.ref, ref=answer.ref, labels=labels)
        band = self.bands[index]
        if isinstance(band.award, Linear | Formula):
            least, most = _award_span(band, self.scale, max_points)
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
        lows: list[Fraction | float] = []
        highs: list[Fraction | float] = []
        for band in self.bands:
            low, high = _span(band, self.scale)
            if low is not None and high is not None and low > high:
                continue  # the band lies wholly outside the domain
            band_low, band_high = _award_span(band, self.scale, max_points)
            lows.append(band_low)
            highs.append(band_high)
        if not lows:
            return Decimal(0), Decimal(0)
        return _finite(min(lows)), _finite(max(highs))

    def shape(self, max_points: Decimal) -> Shape:
        """The rule's exact shape: its domain cut at every band edge, with the band that
        applies on each part and what it awards there (for lint and advice)."""
        return _shape(self, max_points)

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """Every band in words, in document order."""
        return "; ".join(band.describe(lang=lang, unit=self.scale.symbol) for band in self.bands)


def _award_span(
    band: Band, scale: Scale, max_points: Decimal
) -> tuple[Fraction | float, Fraction | float]:
    """The least and most a band awards over its part of the domain; ±inf where unbounded."""
    low, high = _span(band, scale)
    award = band.award
    if isinstance(award, Linear):
        least, most = _linear_range(award, low, high)
    elif isinstance(award, Formula):
        bound_low, bound_high = award.bounds(low, high, max_points)
        least = -math.inf if bound_low is None else bound_low
        most = math.inf if bound_high is None else bound_high
    else:
        points = award.exact(Fraction(0), max_points)
        return points, points
    if award.places is not None:
        # Rounding is monotone: the rounded awards lie between the rounded ends.
        least = min(least, _round_end(least, award.places))
        most = max(most, _round_end(most, award.places))
    return least, most


def _round_end(value: Fraction | float, places: int) -> Fraction | float:
    if isinstance(value, float):  # ±inf
        return value
    return Fraction(round_points(decimal_of(value), places))


def _linear_range(
    award: Linear, low: Fraction | None, high: Fraction | None
) -> tuple[Fraction | float, Fraction | float]:
    """The range of a capped linear formula over [low, high]; ±inf where it is unbounded."""
    slope = Fraction(award.multiplier) / Fraction(award.divisor)
    ends: list[Fraction | float] = []
    for end, direction in ((low, -1), (high, 1)):
        if end is not None:
            ends.append(slope * end + Fraction(award.offset))
        elif slope == 0:
            ends.append(Fraction(award.offset))
        else:
            ends.append(math.inf if (slope > 0) == (direction > 0) else -math.inf)
    least, most = min(ends), max(ends)
    if award.cap is not None:
        cap = Fraction(award.cap)
        least, most = min(least, cap), min(most, cap)
    return least, most


def _finite(value: Fraction | float) -> Decimal | None:
    if isinstance(value, float):  # only ever ±inf here
        return None
    return decimal_of(value)


def _span(band: Band, scale: Scale) -> tuple[Fraction | None, Fraction | None]:
    """The closure of the band's interval clipped to the scale's domain."""
    dom_low, dom_high = scale.domain()
    low = None if band.lower is None else Fraction(band.lower.value)
    high = None if band.upper is None else Fraction(band.upper.value)
    if dom_low is not None:
        low = dom_low if low is None else max(low, dom_low)
    if dom_high is not None:
        high = dom_high if high is None else min(high, dom_high)
    return low, high


_FIGURE = frozenset({"value", "rate", "count"})


def _award_segments(
    rule: BandRule, band: int, start: Fraction | None, end: Fraction | None, max_points: Decimal
) -> tuple[Segment, ...] | None:
    award = rule.bands[band].award
    if isinstance(award, Linear | Formula):
        if isinstance(award, Linear):
            slope = Fraction(award.multiplier) / Fraction(award.divisor)
            segments = [Segment(start, end, slope, Fraction(award.offset))]
        else:
            found = piecewise(
                award.expression, _FIGURE, {"max_points": Fraction(max_points)}, start, end
            )
            if found is None:
                return None
            segments = found
        if award.cap is not None:
            cap = [Segment(start, end, Fraction(0), Fraction(award.cap))]
            segments = envelope(segments, cap, larger=False)
        return tuple(segments)
    value = award.exact(Fraction(0), max_points)
    return (Segment(start, end, Fraction(0), value),)


def _shape(rule: BandRule, max_points: Decimal) -> Shape:
    """Cut the rule's domain at its band edges and find what applies on each part."""
    low, high = rule.scale.domain()
    edges = {b.lower.value for b in rule.bands if b.lower} | {
        b.upper.value for b in rule.bands if b.upper
    }
    points = sorted(
        {Fraction(e) for e in edges}
        | ({low} if low is not None else set())
        | ({high} if high is not None else set())
    )
    points = [p for p in points if (low is None or p >= low) and (high is None or p <= high)]
    spans: list[tuple[Fraction | None, Fraction | None, bool]] = []
    if low is None:
        spans.append((None, points[0] if points else None, False))
    for i, point in enumerate(points):
        spans.append((point, point, True))
        following = points[i + 1] if i + 1 < len(points) else None
        if following is not None or high is None:
            spans.append((point, following, False))
    probes = [
        start if is_point and start is not None else inside(start, end)
        for start, end, is_point in spans
    ]
    covering = _covering(rule.bands, probes)
    parts: list[Part] = []
    for (start, end, is_point), bands in zip(spans, covering, strict=True):
        segments: tuple[Segment, ...] | None = ()
        if bands:
            segments = _award_segments(rule, bands[0], start, end, max_points)
        parts.append(Part(start, end, is_point, tuple(bands), segments))
    return Shape(tuple(parts), len(rule.bands))


def _covering(bands: tuple[Band, ...], probes: list[Fraction]) -> list[list[int]]:
    """For each probe (in increasing order), the bands that contain it, in band order.

    A band is an interval, so the probes it contains are one run: two binary searches find
    it. The work grows with the bands times log(probes), plus the answer's own size — not
    with every band times every probe.
    """
    covering: list[list[int]] = [[] for _ in probes]
    positions = range(len(probes))
    for index, band in enumerate(bands):
        lower, upper = band.lower, band.upper
        first = (
            0
            if lower is None
            else bisect.bisect_left(positions, True, key=lambda k: lower.admits(probes[k]))
        )
        stop = (
            len(probes)
            if upper is None
            else bisect.bisect_left(positions, True, key=lambda k: not upper.admits(probes[k]))
        )
        for k in range(first, stop):
            covering[k].append(index)
    return covering


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


_SCALE_HINTS = {
    Scale.PERCENT: 'tỷ lệ phần trăm: 93, "93,5%" hoặc "3/41"',
    Scale.RATIO: 'tỷ lệ: 0.93, "93%" hoặc "3/41"',
    Scale.COUNT: "số lượng (số nguyên): 4",
    Scale.NUMBER: 'một số: 7 hoặc "7,5"',
}


def scale_hint(scale: Scale) -> str:
    """What a figure on ``scale`` looks like, in Vietnamese (for templates)."""
    return _SCALE_HINTS[scale]


def scale_cell(scale: Scale) -> AnswerCell:
    """The Excel cell of a figure on ``scale``: rates validated from 0 to 100 % (or 1)."""
    if scale is Scale.PERCENT:
        return AnswerCell(low=Decimal(0), high=Decimal(100))
    if scale is Scale.RATIO:
        return AnswerCell(low=Decimal(0), high=Decimal(1))
    if scale is Scale.COUNT:
        return AnswerCell(low=Decimal(0), whole=True)
    return AnswerCell()


def _lint(criterion: Criterion, rule: BandRule) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for position, label in enumerate((b.label for b in rule.bands), start=1):
        key = fold(label)
        if key and key in seen:
            yield finding("label-collision", criterion.code, band=position, first=seen[key])
        seen.setdefault(key, position)


#: A band's edges for matching a figure: its lower edge and whether it is included, its
#: upper edge and whether it is included (``None``: unbounded).
_Edges = tuple[Decimal | None, bool, Decimal | None, bool]


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
    matching and award; ``None`` (``score`` decides) in no band or in more than one."""
    edges = _edges(rule.bands)
    awards = tuple(_award(band.award, max_points) for band in rule.bands)
    read = fast_reader(rule.scale)

    def fast(answer: object) -> Decimal | None:
        value = read(answer)
        if value is None:
            return None
        found = _matching(edges, value)
        return awards[found[0]].points(value, max_points) if len(found) == 1 else None

    return fast


SCALE_SCHEMA: dict[str, Any] = {"type": "string", "enum": [s.value for s in Scale]}

#: The kind ``rule = "bands"``.
KIND = RuleKind(
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
    strategies="cchc_criteria.testing.kinds:band_answers",
    shape=lambda rule, max_points: rule.shape(max_points),
    lint=_lint,
)
