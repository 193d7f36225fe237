"""Static checks of a criterion set: what it can and cannot score, proved from its bands.

``lint(criterion_set)`` returns findings with stable codes (see ``docs/lint/``). Every check of
a band rule is exact: the domain is cut at the band edges (:mod:`.shape`) and each part is
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

import attrs

from cchc_criteria.analysis.shape import Part, Shape, shape_of
from cchc_criteria.formulas import Segment
from cchc_criteria.model import (
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
    Severity,
    Upper,
    describe_interval,
)
from cchc_criteria.numbers import decimal_of, format_number
from cchc_criteria.rules import BandRule, ChoiceRule, DeductionRule, PerItemRule, YesNoRule
from cchc_criteria.text import fold

__all__ = ["LINT_CODES", "lint"]

#: Every lint code with its severity; each is documented on its own page in ``docs/lint/``.
LINT_CODES: dict[str, Severity] = {
    "band-gap": Severity.ERROR,
    "band-overlap": Severity.WARNING,
    "band-unreachable": Severity.WARNING,
    "award-above-max": Severity.ERROR,
    "award-below-zero": Severity.ERROR,
    "not-monotone": Severity.WARNING,
    "band-jump": Severity.INFO,
    "formula-not-linear": Severity.INFO,
    "max-not-sum": Severity.ERROR,
    "duplicate-code": Severity.ERROR,
    "missing-parent": Severity.ERROR,
    "code-typo": Severity.WARNING,
    "code-order": Severity.WARNING,
    "grade-gap": Severity.ERROR,
    "grade-overlap": Severity.ERROR,
    "label-collision": Severity.ERROR,
}

_CODE = re.compile(r"\d+(?:\.\d+)*")


def lint(criterion_set: CriterionSet) -> tuple[Finding, ...]:
    """Every finding about ``criterion_set`` as published, in document order.

    Findings the set acknowledges (``CriterionSet.acknowledged``) carry the reason in
    ``Finding.acknowledged``.
    """
    return _lint(criterion_set)


@functools.lru_cache(maxsize=64)
def _lint(criterion_set: CriterionSet) -> tuple[Finding, ...]:
    found: list[Finding] = []
    found += _codes(criterion_set)
    for criterion in criterion_set.walk():
        if criterion.rule is not None:
            found += _rule(criterion, criterion.rule)
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


def _finding(
    code: str,
    criterion: str,
    message: str,
    message_vi: str,
    *,
    band: int | None = None,
    value: Fraction | Decimal | None = None,
) -> Finding:
    number = decimal_of(value) if isinstance(value, Fraction) else value
    return Finding(code, LINT_CODES[code], criterion, message, message_vi, band, number)


def _num(value: Fraction | Decimal, lang: str = "en", unit: str = "") -> str:
    number = decimal_of(value) if isinstance(value, Fraction) else value
    return format_number(number, lang=lang, max_places=4) + unit


# --------------------------------------------------------------------------- codes, groups


def _codes(criterion_set: CriterionSet) -> Iterator[Finding]:
    seen: set[str] = set()
    for parent, siblings in _families(criterion_set):
        previous: tuple[int, ...] | None = None
        for criterion in siblings:
            code = criterion.code
            if code in seen:
                yield _finding(
                    "duplicate-code",
                    code,
                    f"the code {code!r} is used by more than one criterion",
                    f"mã {code!r} được dùng cho nhiều tiêu chí",
                )
            seen.add(code)
            if not _CODE.fullmatch(code):
                fixed = re.sub(r"[,;:]", ".", code.replace(" ", "")).strip(".")
                hint_en = f"; did you mean {fixed!r}?" if _CODE.fullmatch(fixed) else ""
                hint_vi = f"; có phải {fixed!r}?" if _CODE.fullmatch(fixed) else ""
                yield _finding(
                    "code-typo",
                    code,
                    f"the code {code!r} is not numbers separated by dots{hint_en}",
                    f"mã {code!r} không phải dãy số cách nhau bởi dấu chấm{hint_vi}",
                )
            if parent is not None:
                expected = code.rsplit(".", 1)[0] if "." in code else None
                # A parent whose code is a typo of the expected one is reported as code-typo.
                typo = parent.code.replace(",", ".").replace(" ", "") == expected
                if expected is not None and expected != parent.code and not typo:
                    yield _finding(
                        "missing-parent",
                        code,
                        f"by its code {code!r} belongs to {expected!r}, which is not in the set; "
                        f"it is published under {parent.code!r}",
                        f"theo mã, {code!r} thuộc {expected!r} nhưng bộ tiêu chí không có mã này; "
                        f"tiêu chí được đặt dưới {parent.code!r}",
                    )
            key = _sort_key(code)
            if key is not None and previous is not None and key <= previous:
                yield _finding(
                    "code-order",
                    code,
                    f"{code!r} comes after a sibling with a later or equal code",
                    f"{code!r} đứng sau một tiêu chí cùng cấp có mã lớn hơn hoặc bằng",
                )
            if key is not None:
                previous = key


def _families(
    criterion_set: CriterionSet,
) -> Iterator[tuple[Criterion | None, tuple[Criterion, ...]]]:
    yield None, criterion_set.criteria
    for criterion in criterion_set.walk():
        if criterion.children:
            yield criterion, criterion.children


def _sort_key(code: str) -> tuple[int, ...] | None:
    parts = re.split(r"[.,]", code)
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def _group(criterion: Criterion) -> Iterator[Finding]:
    children = sum((c.max_points for c in criterion.children if c.role is Role.SCORE), Decimal(0))
    if children != criterion.max_points:
        yield _finding(
            "max-not-sum",
            criterion.code,
            f"the max {_num(criterion.max_points)} differs from the sum of its sub-criteria's "
            f"max, {_num(children)}",
            f"điểm tối đa {_num(criterion.max_points, 'vi')} khác tổng điểm tối đa các tiêu chí "
            f"thành phần, {_num(children, 'vi')}",
            value=criterion.max_points,
        )


# --------------------------------------------------------------------------- rules


def _rule(criterion: Criterion, rule: Rule) -> Iterator[Finding]:
    if isinstance(rule, BandRule):
        yield from _bands(criterion, rule)
    elif isinstance(rule, YesNoRule | ChoiceRule):
        yield from _options(criterion, rule)
    elif isinstance(rule, PerItemRule):
        per = rule.points_per_item
        cap = rule.cap
        if per > 0 and (cap is None or cap > criterion.max_points):
            first = criterion.max_points // per + 1
            yield _finding(
                "award-above-max",
                criterion.code,
                f"from {first} items the rule gives {_num(per * first)}, more than the max "
                f"{_num(criterion.max_points)}",
                f"từ {first} trường hợp, cách tính cho {_num(per * first, 'vi')} điểm, vượt "
                f"điểm tối đa {_num(criterion.max_points, 'vi')}",
                value=Decimal(first),
            )
    elif isinstance(rule, DeductionRule):
        if rule.floor < 0:
            yield _finding(
                "award-below-zero",
                criterion.code,
                f"the floor {_num(rule.floor)} lets the criterion score below 0",
                f"mức sàn {_num(rule.floor, 'vi')} cho phép điểm âm",
                value=rule.floor,
            )
    else:
        # Any other rule (a plugin's own included) is checked by the range it declares.
        low, high = rule.points_range(criterion.max_points)
        if high is not None and high > criterion.max_points:
            yield _finding(
                "award-above-max",
                criterion.code,
                f"the rule can give up to {_num(high)}, more than the max "
                f"{_num(criterion.max_points)}",
                f"cách tính cho tối đa {_num(high, 'vi')} điểm, vượt điểm tối đa "
                f"{_num(criterion.max_points, 'vi')}",
            )
        if low is not None and low < 0:
            yield _finding(
                "award-below-zero",
                criterion.code,
                f"the rule can give {_num(low)}, less than 0",
                f"cách tính có thể cho {_num(low, 'vi')} điểm, nhỏ hơn 0",
            )


def _options(criterion: Criterion, rule: YesNoRule | ChoiceRule) -> Iterator[Finding]:
    options = (rule.yes, rule.no) if isinstance(rule, YesNoRule) else rule.options
    seen: dict[str, str] = {}
    for position, option in enumerate(options, start=1):
        points = decimal_of(option.award.exact(Fraction(0), criterion.max_points))
        if points > criterion.max_points:
            yield _finding(
                "award-above-max",
                criterion.code,
                f"option “{option.label}” gives {_num(points)}, more than the max "
                f"{_num(criterion.max_points)}",
                f"lựa chọn “{option.label}” cho {_num(points, 'vi')} điểm, vượt điểm tối đa "
                f"{_num(criterion.max_points, 'vi')}",
                band=position,
                value=points,
            )
        if points < 0:
            yield _finding(
                "award-below-zero",
                criterion.code,
                f"option “{option.label}” gives {_num(points)}, less than 0",
                f"lựa chọn “{option.label}” cho {_num(points, 'vi')} điểm, nhỏ hơn 0",
                band=position,
                value=points,
            )
        for label in (option.label, *option.aliases):
            key = fold(label)
            if key in seen and seen[key] != option.label:
                yield _finding(
                    "label-collision",
                    criterion.code,
                    f"“{label}” and “{seen[key]}” are the same answer once case, spaces and "
                    "diacritics are folded",
                    f"“{label}” và “{seen[key]}” trùng nhau khi bỏ dấu, hoa thường, khoảng trắng",
                    band=position,
                )
            seen.setdefault(key, option.label)


def _bands(criterion: Criterion, rule: BandRule) -> Iterator[Finding]:
    code, maximum = criterion.code, criterion.max_points
    unit = rule.scale.symbol
    shape = shape_of(rule, maximum)
    yield from _label_collisions(code, [b.label for b in rule.bands])
    # On a count scale only whole numbers can be answered: a part without one is no gap.
    counts = rule.scale is Scale.COUNT
    for low, high in _runs(shape, lambda part: not part.bands and _answerable(part, counts)):
        where_en = _span(low, high, "en", unit)
        where_vi = _span(low, high, "vi", unit)
        yield _finding(
            "band-gap",
            code,
            f"values {where_en} fall in no band: the rule cannot score them",
            f"giá trị {where_vi} không thuộc khoảng nào: không chấm được",
            value=_first_value(low),
        )
    for first in range(len(rule.bands)):
        for second in range(first + 1, len(rule.bands)):
            for low, high in _runs(
                shape,
                lambda part, a=first, b=second: (
                    a in part.bands and b in part.bands and _answerable(part, counts)
                ),
            ):
                yield _finding(
                    "band-overlap",
                    code,
                    f"bands {first + 1} and {second + 1} both contain the values "
                    f"{_span(low, high, 'en', unit)}; scoring uses band {first + 1}",
                    f"khoảng {first + 1} và {second + 1} cùng chứa {_span(low, high, 'vi', unit)}; "
                    f"khi chấm dùng khoảng {first + 1}",
                    band=second + 1,
                    value=_first_value(low),
                )
    for index, band in enumerate(rule.bands):
        if not shape.applies(index):
            reason_en = (
                "it lies outside the possible values"
                if not any(index in part.bands for part in shape)
                else "bands above it in the document cover all its values"
            )
            yield _finding(
                "band-unreachable",
                code,
                f"band {index + 1} (“{band.label}”) can never apply: {reason_en}",
                f"khoảng {index + 1} (“{band.label}”) không bao giờ được áp dụng",
                band=index + 1,
            )
    if not shape.analysable():
        for index, band in enumerate(rule.bands):
            if isinstance(band.award, Formula) and any(
                part.band == index and part.segments is None for part in shape
            ):
                yield _finding(
                    "formula-not-linear",
                    code,
                    f"band {index + 1}'s formula multiplies or divides by the figure; its "
                    "range is checked with bounds only",
                    f"công thức của khoảng {index + 1} nhân hoặc chia cho số liệu; chỉ kiểm tra "
                    "được theo cận",
                    band=index + 1,
                )
    for number, value, award, inclusive in _extremes(shape, maximum, above=True):
        yield _finding(
            "award-above-max",
            code,
            f"band {number} gives more than the max {_num(maximum)} "
            f"{_from(value, inclusive, 'en', unit)} (up to {_num(award)})",
            f"khoảng {number} cho điểm vượt điểm tối đa {_num(maximum, 'vi')} "
            f"{_from(value, inclusive, 'vi', unit)} (đến {_num(award, 'vi')})",
            band=number,
            value=value,
        )
    for number, value, award, inclusive in _extremes(shape, Decimal(0), above=False):
        yield _finding(
            "award-below-zero",
            code,
            f"band {number} gives less than 0 {_from(value, inclusive, 'en', unit)} "
            f"(down to {_num(award)})",
            f"khoảng {number} cho điểm âm {_from(value, inclusive, 'vi', unit)} "
            f"(đến {_num(award, 'vi')})",
            band=number,
            value=value,
        )
    yield from _monotony(code, rule, shape, unit)


def _answerable(part: Part, counts: bool) -> bool:
    """Whether an answer can fall in ``part``: any value, or on a count scale a whole number."""
    if not counts:
        return True
    if part.point:
        return part.start is not None and part.start.denominator == 1
    if part.start is None or part.end is None:
        return True
    return math.floor(part.start) + 1 < part.end


def _label_collisions(code: str, labels: list[str]) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for position, label in enumerate(labels, start=1):
        key = fold(label)
        if key and key in seen:
            yield _finding(
                "label-collision",
                code,
                f"bands {seen[key]} and {position} have the same label once case, spaces and "
                "diacritics are folded: an answer naming it is ambiguous",
                f"khoảng {seen[key]} và {position} trùng tên khi bỏ dấu, hoa thường, khoảng trắng",
                band=position,
            )
        seen.setdefault(key, position)


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


def _span(first: Part, last: Part, lang: str, unit: str) -> str:
    lower = None if first.start is None else Lower(decimal_of(first.start), first.point)
    upper = None if last.end is None else Upper(decimal_of(last.end), last.point)
    return describe_interval(lower, upper, lang=lang, unit=unit)


def _first_value(part: Part) -> Fraction | None:
    return part.start


def _from(value: Fraction, inclusive: bool, lang: str, unit: str) -> str:
    shown = _num(value, lang, unit)
    if inclusive:
        return f"from {shown}" if lang == "en" else f"từ {shown}"
    return f"above {shown}" if lang == "en" else f"trên {shown}"


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


def _monotony(code: str, rule: BandRule, shape: Shape, unit: str) -> Iterator[Finding]:
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
                yield _finding(
                    "not-monotone",
                    code,
                    f"from {_num(segment.start, 'en', unit)} a higher figure scores fewer points "
                    f"(band {band})",
                    f"từ {_num(segment.start, 'vi', unit)} số liệu cao hơn lại được ít điểm hơn "
                    f"(khoảng {band})",
                    band=band,
                    value=segment.start,
                )
                return
        if previous is not None and previous.exit is not None and part.entry is not None:
            where = part.start
            assert where is not None
            if part.entry < previous.exit:
                yield _finding(
                    "not-monotone",
                    code,
                    f"at {_num(where, 'en', unit)} the award drops from {_num(previous.exit)} to "
                    f"{_num(part.entry)}: a higher figure scores fewer points",
                    f"tại {_num(where, 'vi', unit)} điểm giảm từ {_num(previous.exit, 'vi')} "
                    f"xuống {_num(part.entry, 'vi')}: số liệu cao hơn lại được ít điểm hơn",
                    band=band,
                    value=where,
                )
                return
            before = previous.band
            ends_formula = before is not None and isinstance(
                rule.bands[before].award, Linear | Formula
            )
            if ends_formula and before != part.band and part.entry != previous.exit:
                yield _finding(
                    "band-jump",
                    code,
                    f"at {_num(where, 'en', unit)} band {(before or 0) + 1}'s formula has reached "
                    f"{_num(previous.exit)}, and band {band} gives {_num(part.entry)}",
                    f"tại {_num(where, 'vi', unit)} công thức của khoảng {(before or 0) + 1} cho "
                    f"{_num(previous.exit, 'vi')}, còn khoảng {band} cho {_num(part.entry, 'vi')}",
                    band=band,
                    value=where,
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
    shape = shape_of(fake, Decimal(0))
    for low, high in _runs(shape, lambda part: not part.bands):
        yield _finding(
            "grade-gap",
            "",
            f"an index {_span(low, high, 'en', ' %')} earns no grade",
            f"chỉ số {_span(low, high, 'vi', ' %')} không thuộc mức xếp loại nào",
            value=low.start,
        )
    for low, high in _runs(shape, lambda part: len(part.bands) > 1):
        names = " and ".join(f"“{grade_list[i].label}”" for i in low.bands)
        yield _finding(
            "grade-overlap",
            "",
            f"an index {_span(low, high, 'en', ' %')} earns both {names}",
            f"chỉ số {_span(low, high, 'vi', ' %')} thuộc cả {names.replace(' and ', ' và ')}",
            value=low.start,
        )


def _grade_band(grade: Grade) -> Band:
    return Band(grade.label, Points(0), grade.lower, grade.upper)
