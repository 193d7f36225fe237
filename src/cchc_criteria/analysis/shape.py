"""The exact shape of a band rule: which band applies where, and what it awards.

The domain of the figure is cut at every band edge into single values and open intervals
between them ("parts"). No edge lies inside a part, so one representative value tells which
bands contain the whole part; the first of them in document order applies (as in scoring).
On each part the award is an exact piecewise-linear function (fixed points, a share of the
max, a linear award or a formula without products of the figure). Everything below is
computed with exact fractions from these parts: no sampling.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import attrs

from cchc_criteria.formulas import Segment, envelope, inside, piecewise
from cchc_criteria.model import Formula, Linear
from cchc_criteria.rules import BandRule

__all__ = ["Part", "Shape", "shape_of"]

_FIGURE = frozenset({"value", "rate", "count"})


@attrs.frozen
class Part:
    """A single value (``start == end``, ``point``) or an open interval of the domain.

    Attributes:
        bands: 0-based indices of the bands that contain the part, in document order.
        segments: the applying band's award as exact linear segments over the part's closure
            (empty when no band applies, ``None`` when the award is not piecewise linear).
    """

    start: Fraction | None
    end: Fraction | None
    point: bool
    bands: tuple[int, ...]
    segments: tuple[Segment, ...] | None

    @property
    def band(self) -> int | None:
        """The band that applies here (the first in document order), if any."""
        return self.bands[0] if self.bands else None

    @property
    def entry(self) -> Fraction | None:
        """The award at (or just after) the part's start; ``None`` if unknown or unbounded."""
        if not self.segments:
            return None
        first = self.segments[0]
        return None if first.start is None else first.at(first.start)

    @property
    def exit(self) -> Fraction | None:
        """The award at (or just before) the part's end; ``None`` if unknown or unbounded."""
        if not self.segments:
            return None
        last = self.segments[-1]
        return None if last.end is None else last.at(last.end)


@attrs.frozen
class Shape:
    """The parts of a band rule's domain, in ascending order of value."""

    parts: tuple[Part, ...]
    band_count: int

    def __iter__(self) -> Iterator[Part]:
        return iter(self.parts)

    def analysable(self) -> bool:
        """False when some award is a formula that is not piecewise linear in the figure."""
        return all(part.segments is not None for part in self.parts if part.bands)

    def applies(self, band: int) -> bool:
        """Whether band ``band`` applies to some value of the domain."""
        return any(part.band == band for part in self.parts)


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


def shape_of(rule: BandRule, max_points: Decimal) -> Shape:
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
    parts: list[Part] = []
    for start, end, is_point in spans:
        probe = start if is_point and start is not None else inside(start, end)
        bands = tuple(i for i, band in enumerate(rule.bands) if band.contains(probe))
        segments: tuple[Segment, ...] | None = ()
        if bands:
            segments = _award_segments(rule, bands[0], start, end, max_points)
        parts.append(Part(start, end, is_point, bands, segments))
    return Shape(tuple(parts), len(rule.bands))
