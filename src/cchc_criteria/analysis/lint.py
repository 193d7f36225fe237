"""Static checks of a criterion set: what it can and cannot score, proved from its bands.

``lint(criterion_set)`` returns findings with stable codes (see ``docs/lint/``). Every check of
a band rule is exact: the domain is cut at the band edges (`.shape`) and each part is
examined with fractions, so a gap, an overlap or an award above the max is found wherever it
is, and never reported where it is not.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import require
from cchc_criteria.model import (
    LINT_CODES,
    Band,
    Criterion,
    CriterionSet,
    Finding,
    Formula,
    Grade,
    Linear,
    Lower,
    Points,
    Role,
    Rule,
    Scale,
    Upper,
    describe_interval,
    finding,
)
from cchc_criteria.model.codes import level_of, sort_key
from cchc_criteria.numbers import decimal_of, format_number
from cchc_criteria.piecewise import Part, Segment, Shape
from cchc_criteria.rules import BandRule
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.text import Lang, Text

__all__ = ["LINT_CODES", "lint"]


def lint(criterion_set: CriterionSet, *, kinds: RuleKinds) -> tuple[Finding, ...]:
    """Every finding about ``criterion_set`` as published, in document order.

    Findings the set acknowledges (``CriterionSet.acknowledged``) carry the reason in
    ``Finding.acknowledged``.
    """
    require(criterion_set, CriterionSet, "lint()")
    return _lint(criterion_set, kinds)


@functools.lru_cache(maxsize=64)
def _lint(criterion_set: CriterionSet, kinds: RuleKinds) -> tuple[Finding, ...]:
    found: list[Finding] = []
    found += _codes(criterion_set)
    deducting = _deducting(criterion_set)
    for criterion in criterion_set.walk():
        if criterion.rule is not None:
            # A row inside a deduction part deducts: its rule is checked as a deduction's.
            seen = criterion
            if criterion.code in deducting and criterion.role is Role.SCORE:
                seen = attrs.evolve(criterion, role=Role.DEDUCTION)
            found += _rule(seen, criterion.rule, kinds)
        else:
            found += _group(criterion)
    found += _grades(criterion_set.grades)
    reasons = {(a.code, a.criterion): a.reason for a in criterion_set.acknowledged}
    return tuple(
        attrs.evolve(f, acknowledged=reasons[(f.code, f.criterion)])
        if (f.code, f.criterion) in reasons
        else f
        for f in found
    )


def _num(value: Fraction | Decimal, lang: Lang = "en", unit: str = "") -> str:
    number = decimal_of(value) if isinstance(value, Fraction) else value
    return format_number(number, lang=lang, max_places=4) + unit


# --------------------------------------------------------------------------- codes, groups


def _codes(criterion_set: CriterionSet) -> Iterator[Finding]:
    seen: set[str] = set()
    levels = criterion_set.code_scheme
    for parent, siblings in _families(criterion_set):
        previous: tuple[int, ...] | None = None
        for criterion in siblings:
            code = criterion.code
            if code in seen:
                yield finding("duplicate-code", code, code=code)
            seen.add(code)
            number = criterion.number  # as printed: a set numbered per part checks that
            if level_of(number, levels) is None:
                fixed = re.sub(r"[,;:]", ".", number.replace(" ", "")).strip(".")
                suggestion = fixed if level_of(fixed, levels) is not None else None
                if levels == ("dotted",):
                    yield finding("code-typo", code, code=code, suggestion=suggestion)
                else:
                    yield finding(
                        "code-typo",
                        code,
                        variant="scheme",
                        code=code,
                        scheme=", ".join(levels),
                        suggestion=suggestion,
                    )
            if parent is not None:
                expected = code.rsplit(".", 1)[0] if "." in code else None
                # A parent whose code is a typo of the expected one is reported as code-typo.
                typo = parent.code.replace(",", ".").replace(" ", "") == expected
                if expected is not None and expected != parent.code and not typo:
                    yield finding(
                        "missing-parent", code, code=code, expected=expected, parent=parent.code
                    )
            key = sort_key(number, levels)
            if key is not None and previous is not None and key <= previous:
                yield finding("code-order", code, code=code)
            if key is not None:
                previous = key


def _families(
    criterion_set: CriterionSet,
) -> Iterator[tuple[Criterion | None, tuple[Criterion, ...]]]:
    yield None, criterion_set.criteria
    for criterion in criterion_set.walk():
        if criterion.children:
            yield criterion, criterion.children


def _group(criterion: Criterion) -> Iterator[Finding]:
    children = sum((c.max_points for c in criterion.children if c.role is Role.SCORE), Decimal(0))
    if children != criterion.max_points:
        yield finding(
            "max-not-sum",
            criterion.code,
            value=criterion.max_points,
            max=criterion.max_points,
            sum=children,
        )


# --------------------------------------------------------------------------- rules


def _deducting(criterion_set: CriterionSet) -> frozenset[str]:
    """The codes of the criteria whose points come off the total: below an odd number of
    deduction rows (a row of a deduction part deducts; a deduction inside one adds back)."""
    found: set[str] = set()
    stack = [(c, False) for c in criterion_set.criteria]
    while stack:
        criterion, above = stack.pop()
        deducts = above != (criterion.role is Role.DEDUCTION)
        if deducts:
            found.add(criterion.code)
        stack.extend((child, deducts) for child in criterion.children)
    return frozenset(found)


def _rule(criterion: Criterion, rule: Rule, kinds: RuleKinds) -> Iterator[Finding]:
    """The kind's own checks; its shape's (gaps, overlaps, awards out of range, …) where it
    has one; else the range its rule declares (a plugin's kind included)."""
    kind = kinds.of_rule(rule)
    if kind is not None and kind.parts is not None:
        # A rule made of others: each is checked as a criterion's rule within its own max.
        for _, part, maximum in kind.parts(rule, criterion.max_points):
            inner = attrs.evolve(criterion, max_points=maximum, rule=part)
            yield from _rule(inner, part, kinds)
    if kind is not None and kind.lint is not None:
        yield from kind.lint(criterion, rule)
    if kind is not None and kind.shape is not None:
        yield from _shaped(criterion, rule, kind.shape(rule, criterion.max_points))
        return
    if kind is not None and kind.lint is not None:
        return
    low, high = rule.points_range(criterion.max_points)
    if high is not None and high > criterion.max_points:
        yield finding(
            "award-above-max",
            criterion.code,
            variant="range",
            points=high,
            max=criterion.max_points,
        )
    if low is not None and low < 0:
        yield finding("award-below-zero", criterion.code, variant="range", points=low)


def _shaped(criterion: Criterion, rule: Any, shape: Shape) -> Iterator[Finding]:
    """Everything a rule's exact shape shows. A shaped rule has ``bands`` (each with its
    award) and a ``scale``, as `BandRule` has."""
    code, maximum = criterion.code, criterion.max_points
    unit = rule.scale.symbol
    # On a count scale only whole numbers can be answered: a part without one is no gap.
    counts = rule.scale is Scale.COUNT
    for low, high in _runs(shape, lambda part: not part.bands and _answerable(part, counts)):
        yield finding("band-gap", code, value=_first_value(low), where=_span(low, high, unit))
    for (first, second), runs in _overlaps(shape, counts):
        for low, high in runs:
            yield finding(
                "band-overlap",
                code,
                band=second + 1,
                value=_first_value(low),
                first=first + 1,
                where=_span(low, high, unit),
            )
    applied = {part.band for part in shape}
    covered = {index for part in shape for index in part.bands}
    for index, band in enumerate(rule.bands):
        if index not in applied:
            outside = index not in covered
            yield finding(
                "band-unreachable",
                code,
                variant="" if outside else "covered",
                band=index + 1,
                label=band.label,
            )
    if not shape.analysable():
        for index, band in enumerate(rule.bands):
            if isinstance(band.award, Formula) and any(
                part.band == index and part.segments is None for part in shape
            ):
                yield finding("formula-not-linear", code, band=index + 1)
    for number, value, award, inclusive in _extremes(shape, maximum, above=True):
        yield finding(
            "award-above-max",
            code,
            band=number,
            value=value,
            max=maximum,
            where=_from(value, inclusive, unit),
            award=award,
        )
    for number, value, award, inclusive in _extremes(shape, Decimal(0), above=False):
        yield finding(
            "award-below-zero",
            code,
            band=number,
            value=value,
            where=_from(value, inclusive, unit),
            award=award,
        )
    yield from _monotony(code, rule, shape, unit)


def _overlaps(shape: Shape, counts: bool) -> list[tuple[tuple[int, int], list[tuple[Part, Part]]]]:
    """For every pair of bands that share an answerable part, the maximal runs of consecutive
    parts they share, by pair (in band order).

    One pass over the parts, looking only at the pairs within each part: the work grows with
    the parts and the bands that overlap there, not with every pair of bands.
    """
    runs: dict[tuple[int, int], list[list[Part]]] = {}
    last: dict[tuple[int, int], int] = {}  # the index of the last part of a pair's open run
    for index, part in enumerate(shape):
        if len(part.bands) < 2 or not _answerable(part, counts):
            continue
        bands = sorted(part.bands)
        for i, first in enumerate(bands):
            for second in bands[i + 1 :]:
                pair = (first, second)
                if last.get(pair) == index - 1:
                    runs[pair][-1][1] = part
                else:
                    runs.setdefault(pair, []).append([part, part])
                last[pair] = index
    return [(pair, [(low, high) for low, high in runs[pair]]) for pair in sorted(runs)]


def _answerable(part: Part, counts: bool) -> bool:
    """Whether an answer can fall in ``part``: any value, or on a count scale a whole number."""
    if not counts:
        return True
    if part.point:
        return part.start is not None and part.start.denominator == 1
    if part.start is None or part.end is None:
        return True
    return math.floor(part.start) + 1 < part.end


def _runs(shape: Shape, test: object) -> Iterator[tuple[Part, Part]]:
    """Maximal runs of consecutive parts that pass ``test``, as (first part, last part)."""
    assert callable(test)
    run: list[Part] = []
    for part in shape:
        if test(part):
            run.append(part)
        elif run:
            yield run[0], run[-1]
            run = []
    if run:
        yield run[0], run[-1]


def _span(first: Part, last: Part, unit: str) -> Text:
    """The values from ``first`` to ``last`` in words, in both languages."""
    lower = None if first.start is None else Lower(decimal_of(first.start), first.point)
    upper = None if last.end is None else Upper(decimal_of(last.end), last.point)
    return Text(
        describe_interval(lower, upper, lang="vi", unit=unit),
        describe_interval(lower, upper, lang="en", unit=unit),
    )


def _first_value(part: Part) -> Fraction | None:
    return part.start


def _from(value: Fraction, inclusive: bool, unit: str) -> Text:
    """ "from 10 %" (inclusive) or "above 10 %", in both languages."""
    vi, en = _num(value, "vi", unit), _num(value, "en", unit)
    return Text(f"từ {vi}", f"from {en}") if inclusive else Text(f"trên {vi}", f"above {en}")


def _extremes(
    shape: Shape, limit: Decimal, *, above: bool
) -> Iterator[tuple[int, Fraction, Fraction, bool]]:
    """For each band, the first value where its award passes ``limit`` (upwards when
    ``above``, else downwards): (1-based band, value, the most it reaches, whether the value
    itself passes)."""
    reported: set[int] = set()
    for part in shape:
        if part.band is None or part.band in reported or not part.segments:
            continue
        for segment in part.segments:
            hit = _crossing(segment, part, Fraction(limit), 1 if above else -1)
            if hit is not None:
                reported.add(part.band)
                yield part.band + 1, *hit
                break


def _crossing(
    segment: Segment, part: Part, limit: Fraction, sign: int
) -> tuple[Fraction, Fraction, bool] | None:
    """(first value past the limit, the most the award reaches, whether that value itself is
    past the limit) for one segment of a part, or ``None``. ``sign`` is 1 for "above" and -1
    for "below"."""
    start, end = segment.start, segment.end
    values = [segment.at(x) for x in (start, end) if x is not None]
    unbounded = (end is None and sign * segment.slope > 0) or (
        start is None and sign * segment.slope < 0
    )
    worst = max(values, key=lambda v: sign * v) if values else None
    if not unbounded and (worst is None or sign * worst <= sign * limit):
        return None
    reach = worst if worst is not None else limit
    if start is not None and sign * segment.at(start) > sign * limit:
        return start, reach, part.point or start != part.start
    if segment.slope == 0:
        return None
    threshold = (limit - segment.intercept) / segment.slope
    return threshold, reach, False


def _monotony(code: str, rule: Any, shape: Shape, unit: str) -> Iterator[Finding]:
    scored = [p for p in shape if p.bands and p.segments]
    if len(scored) < 2:
        return
    first, last = scored[0].entry, scored[-1].exit
    if first is None or last is None or last <= first:
        return  # only a rule that rewards a higher figure is checked
    previous: Part | None = None
    for part in shape:
        if not part.bands or not part.segments:
            previous = None  # a gap: nothing to compare across it
            continue
        band = (part.band or 0) + 1
        for segment in part.segments:
            if segment.slope < 0 and segment.start is not None:
                yield finding(
                    "not-monotone",
                    code,
                    band=band,
                    value=segment.start,
                    start=segment.start,
                    unit=unit,
                )
                return
        if previous is not None and previous.exit is not None and part.entry is not None:
            where = part.start
            assert where is not None
            if part.entry < previous.exit:
                yield finding(
                    "not-monotone",
                    code,
                    variant="drop",
                    band=band,
                    value=where,
                    at=where,
                    unit=unit,
                    before=previous.exit,
                    after=part.entry,
                )
                return
            before = previous.band
            ends_formula = before is not None and isinstance(
                rule.bands[before].award, Linear | Formula
            )
            if ends_formula and before != part.band and part.entry != previous.exit:
                yield finding(
                    "band-jump",
                    code,
                    band=band,
                    value=where,
                    at=where,
                    unit=unit,
                    previous=(before or 0) + 1,
                    before=previous.exit,
                    after=part.entry,
                )
        previous = part


# --------------------------------------------------------------------------- grades


def _grades(grades: Iterable[Grade]) -> Iterator[Finding]:
    grade_list = list(grades)
    if not grade_list:
        return
    fake = BandRule(
        [_grade_band(g) for g in grade_list],
        Scale.PERCENT,
    )
    shape = fake.shape(Decimal(0))
    for low, high in _runs(shape, lambda part: not part.bands):
        yield finding("grade-gap", value=low.start, where=_span(low, high, " %"))
    for low, high in _runs(shape, lambda part: len(part.bands) > 1):
        labels = [f"“{grade_list[i].label}”" for i in low.bands]
        yield finding(
            "grade-overlap",
            value=low.start,
            where=_span(low, high, " %"),
            names=Text(" và ".join(labels), " and ".join(labels)),
        )


def _grade_band(grade: Grade) -> Band:
    return Band(grade.label, Points(0), grade.lower, grade.upper)
