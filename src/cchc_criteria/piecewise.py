"""Exact piecewise-linear functions: segments, their algebra, and the shape of a rule.

A rule whose award is linear between its edges (fixed points, a share of the max, a linear
award, a formula without products of the figure) is, over its whole domain, a list of
`Segment` on the `Part` of the domain where one band applies: its
`Shape`. Rule kinds build shapes; lint and advice read them, with exact fractions and no
sampling.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import attrs

__all__ = [
    "NotPiecewiseLinear",
    "Part",
    "Segment",
    "Shape",
    "align",
    "breaks",
    "envelope",
    "inside",
    "split",
]


@attrs.frozen
class Segment:
    """``slope * x + intercept`` for x from ``start`` to ``end`` (``None``: unbounded)."""

    start: Fraction | None
    end: Fraction | None
    slope: Fraction
    intercept: Fraction

    def at(self, x: Fraction) -> Fraction:
        """The segment's line at ``x``."""
        return self.slope * x + self.intercept


class NotPiecewiseLinear(Exception):
    """The formula multiplies or divides by the variable: no exact piecewise-linear form."""


def inside(start: Fraction | None, end: Fraction | None) -> Fraction:
    """A point strictly inside (start, end)."""
    if start is not None and end is not None:
        return (start + end) / 2
    if end is not None:
        return end - 1
    if start is not None:
        return start + 1
    return Fraction(0)


def split(segments: list[Segment], points: list[Fraction]) -> list[Segment]:
    """The segments cut at every point that falls strictly inside one of them."""
    result: list[Segment] = []
    for segment in segments:
        cuts = sorted(
            p
            for p in points
            if (segment.start is None or p > segment.start)
            and (segment.end is None or p < segment.end)
        )
        start = segment.start
        for cut in cuts:
            result.append(Segment(start, cut, segment.slope, segment.intercept))
            start = cut
        result.append(Segment(start, segment.end, segment.slope, segment.intercept))
    return result


def breaks(segments: list[Segment]) -> list[Fraction]:
    """Where one segment ends and the next begins."""
    return [s.end for s in segments[:-1] if s.end is not None]


def align(a: list[Segment], b: list[Segment]) -> list[tuple[Segment, Segment]]:
    """Two piecewise functions over the same domain, cut at each other's breaks, pairwise."""
    return list(zip(split(a, breaks(b)), split(b, breaks(a)), strict=True))


def envelope(a: list[Segment], b: list[Segment], larger: bool) -> list[Segment]:
    """The larger (or smaller) of two piecewise-linear functions, split where they cross."""
    result: list[Segment] = []
    for x, y in align(a, b):
        pieces = [(x, y)]
        if x.slope != y.slope:
            crossing = (y.intercept - x.intercept) / (x.slope - y.slope)
            crosses = (x.start is None or crossing > x.start) and (
                x.end is None or crossing < x.end
            )
            if crosses:
                pieces = list(zip(split([x], [crossing]), split([y], [crossing]), strict=True))
        for p, q in pieces:
            probe = inside(p.start, p.end)
            take_p = p.at(probe) >= q.at(probe) if larger else p.at(probe) <= q.at(probe)
            result.append(p if take_p else q)
    return result


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

    def up_to(self, limit: Fraction) -> Shape:
        """The shape over the values up to ``limit`` only (a rule that answers anything
        beyond by other means: a report after the last accepted day)."""
        kept: list[Part] = []
        for part in self.parts:
            if part.start is not None and (
                part.start > limit or (part.start == limit and not part.point)
            ):
                continue
            if part.end is not None and part.end > limit:
                segments = part.segments
                if segments is not None:
                    segments = tuple(
                        attrs.evolve(s, end=limit)
                        for s in segments
                        if s.start is None or s.start <= limit
                    )
                part = attrs.evolve(part, end=limit, segments=segments)
            kept.append(part)
        return attrs.evolve(self, parts=tuple(kept))

    def analysable(self) -> bool:
        """False when some award is a formula that is not piecewise linear in the figure."""
        return all(part.segments is not None for part in self.parts if part.bands)
