"""The exact analysis of a band rule: the range of points it can award and its shape (its
domain cut at every band edge, with the band and the award on each part), for lint and
advice. Scoring never needs it."""

from __future__ import annotations

import bisect
import math
from decimal import Decimal
from fractions import Fraction

from cchc_criteria.formulas import piecewise
from cchc_criteria.model import (
    Band,
    Formula,
    Linear,
    Scale,
)
from cchc_criteria.model.bands import Award
from cchc_criteria.numbers import (
    decimal_of,
    round_points,
)
from cchc_criteria.piecewise import Part, Segment, Shape, envelope, inside

__all__ = ["award_span", "points_range_of", "shape_of"]


def points_range_of(
    bands: tuple[Band, ...], scale: Scale, max_points: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    """The lowest and highest award over every band's part of the domain (``None``:
    unbounded). For a formula band the range is taken over the closure of the band (an open
    edge's value counts), which is what a reader checks against the max."""
    lows: list[Fraction | float] = []
    highs: list[Fraction | float] = []
    for band in bands:
        low, high = _span(band, scale)
        if low is not None and high is not None and low > high:
            continue  # the band lies wholly outside the domain
        band_low, band_high = award_span(band, scale, max_points)
        lows.append(band_low)
        highs.append(band_high)
    if not lows:
        return Decimal(0), Decimal(0)
    return _finite(min(lows)), _finite(max(highs))


def award_span(
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
    award: Award, start: Fraction | None, end: Fraction | None, max_points: Decimal
) -> tuple[Segment, ...] | None:
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


def shape_of(bands: tuple[Band, ...], scale: Scale, max_points: Decimal) -> Shape:
    """The exact shape of a band rule: its domain cut at every band edge, with the band that
    applies on each part and what it awards there (for lint and advice)."""
    low, high = scale.domain()
    edges = {b.lower.value for b in bands if b.lower} | {b.upper.value for b in bands if b.upper}
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
    covering = _covering(bands, probes)
    parts: list[Part] = []
    for (start, end, is_point), found in zip(spans, covering, strict=True):
        segments: tuple[Segment, ...] | None = ()
        if found:
            segments = _award_segments(bands[found[0]].award, start, end, max_points)
        parts.append(Part(start, end, is_point, tuple(found), segments))
    return Shape(tuple(parts), len(bands))


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
