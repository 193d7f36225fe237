"""The criterion-set model: pure, frozen data with no I/O.

A criterion set (bộ tiêu chí) is a tree of criteria (lĩnh vực → tiêu chí → tiêu chí thành phần).
Leaves carry a scoring rule (cách tính điểm); groups sum their children. Everything here is an
:func:`attrs.frozen` value: equal when its fields are equal, safe to share, never half-built.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Protocol, runtime_checkable

import attrs

from cchc_criteria.errors import ArgumentError, InvalidValueError
from cchc_criteria.formulas import Expression
from cchc_criteria.numbers import format_number, optional_decimal, to_decimal
from cchc_criteria.text import nfc

__all__ = [
    "FINDING_CODES",
    "FORMULA_NAMES",
    "NA",
    "Acknowledgement",
    "Assessment",
    "Band",
    "ChosenBand",
    "Criterion",
    "CriterionSet",
    "Finding",
    "Formula",
    "FractionOfMax",
    "Grade",
    "Linear",
    "Lower",
    "NAPolicy",
    "Outcome",
    "Points",
    "Role",
    "RoundingPolicy",
    "Rule",
    "Scale",
    "Severity",
    "UnitKind",
    "Upper",
    "above",
    "at_least",
    "at_most",
    "below",
]


# --------------------------------------------------------------------------- enumerations


class _NotApplicable(enum.Enum):
    NA = "NA"

    def __repr__(self) -> str:
        return "NA"

    def __str__(self) -> str:
        return "Không áp dụng"


#: The answer "not applicable" (không áp dụng, không phát sinh).
NA = _NotApplicable.NA


class Severity(enum.StrEnum):
    """How much a finding matters: ``error`` makes a scorecard unreliable, ``info`` only tells."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Role(enum.StrEnum):
    """How a criterion's points count towards its parent.

    * ``score``: an ordinary criterion; its max is part of the parent's max.
    * ``bonus`` (điểm cộng, điểm thưởng): its points are added to the parent's, its max is not
      part of the parent's max (it is the bonus cap); the parent never exceeds its own max.
    * ``deduction`` (điểm trừ): its points are subtracted from the parent's; its max is the most
      that can be deducted; the parent never goes below 0.
    """

    SCORE = "score"
    BONUS = "bonus"
    DEDUCTION = "deduction"


class NAPolicy(enum.StrEnum):
    """What "not applicable" (không áp dụng) does to a criterion.

    * ``exclude``: the criterion's max leaves the totals and the index is re-normalised;
    * ``full_points``: the criterion earns its max;
    * ``not_allowed``: the answer N/A is refused for this criterion.
    """

    EXCLUDE = "exclude"
    FULL_POINTS = "full_points"
    NOT_ALLOWED = "not_allowed"


class UnitKind(enum.StrEnum):
    """The kind of unit a criterion set scores."""

    MINISTRY = "bộ"
    PROVINCE = "tỉnh"
    DEPARTMENT = "sở"
    DISTRICT = "huyện"
    COMMUNE = "xã"


class Scale(enum.StrEnum):
    """The unit of the figure a rule reads.

    * ``percent``: a rate in percent, 0 to 100 ("93%", ``93``, "3/41");
    * ``ratio``: a rate as a fraction, 0 to 1 ("3/41", ``0.93``, "93%");
    * ``count``: a whole number of things or events, 0 and up;
    * ``number``: any number.
    """

    PERCENT = "percent"
    RATIO = "ratio"
    COUNT = "count"
    NUMBER = "number"

    @property
    def symbol(self) -> str:
        """The suffix used when a value of this scale is written for people."""
        return " %" if self is Scale.PERCENT else ""

    def domain(self) -> tuple[Fraction | None, Fraction | None]:
        """The lowest and highest value an answer may take (``None``: unbounded)."""
        if self is Scale.PERCENT:
            return Fraction(0), Fraction(100)
        if self is Scale.RATIO:
            return Fraction(0), Fraction(1)
        if self is Scale.COUNT:
            return Fraction(0), None
        return None, None


# --------------------------------------------------------------------------- findings


@attrs.frozen
class Finding:
    """Something about a scorecard or a set that a person should look at.

    Attributes:
        code: a stable, documented identifier such as ``"no-band"``.
        severity: ``error``, ``warning`` or ``info``.
        criterion: the code of the criterion concerned ("" for the whole set).
        message: what is wrong and what was expected, in English.
        message_vi: the same in Vietnamese.
        band: the band concerned (1-based, in document order), for findings about a band.
        value: the value concerned (the first value in a gap, above the max, …).
        acknowledged: the reason the set's own data gives for accepting this finding; an
            acknowledged finding is still shown but no longer fails a check.
    """

    code: str
    severity: Severity
    criterion: str
    message: str
    message_vi: str = ""
    band: int | None = None
    value: Decimal | None = None
    acknowledged: str | None = None

    def __str__(self) -> str:
        where = f"{self.criterion}: " if self.criterion else ""
        note = f" (acknowledged: {self.acknowledged})" if self.acknowledged else ""
        return f"{self.severity} [{self.code}] {where}{self.message}{note}"


#: Every finding code scoring can report, with its severity. Documented one by one in
#: ``docs/findings.md``; the codes are stable: tools may match on them.
FINDING_CODES: Mapping[str, Severity] = {
    "unanswered": Severity.WARNING,
    "invalid-answer": Severity.ERROR,
    "out-of-domain": Severity.ERROR,
    "no-band": Severity.ERROR,
    "formula-error": Severity.ERROR,
    "overlapping-bands": Severity.WARNING,
    "band-needs-figure": Severity.WARNING,
    "unknown-band": Severity.ERROR,
    "held-to-max": Severity.WARNING,
    "held-to-zero": Severity.WARNING,
    "group-held": Severity.WARNING,
    "na-not-allowed": Severity.ERROR,
    "unknown-criterion": Severity.ERROR,
    "answer-for-group": Severity.ERROR,
    "self-assessed-differs": Severity.WARNING,
    "appraised-differs": Severity.WARNING,
    "self-assessed-missing": Severity.INFO,
    "appraised-missing": Severity.INFO,
    "self-assessed-unchecked": Severity.INFO,
    "appraised-unchecked": Severity.INFO,
    "invalid-declared-score": Severity.ERROR,
    "declared-score-out-of-range": Severity.ERROR,
    "no-grade": Severity.ERROR,
    "fraction-for-percent": Severity.WARNING,
}


#: The most decimal places a set may round to.
MAX_ROUNDING_PLACES = 20


def _places(_: object, __: object, value: int | None) -> None:
    """attrs validator of rounding places: a whole number from 0 to MAX_ROUNDING_PLACES."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentError(f"rounding places are a whole number, got {value!r:.60}")
    if not 0 <= value <= MAX_ROUNDING_PLACES:
        raise ArgumentError(f"rounding places must be from 0 to {MAX_ROUNDING_PLACES}, got {value}")


# --------------------------------------------------------------------------- edges and bands


@attrs.frozen
class Lower:
    """The lower edge of a band: ``inclusive`` is "từ X" (≥ X), exclusive is "trên X" (> X)."""

    value: Decimal = attrs.field(converter=to_decimal)
    inclusive: bool = True

    def admits(self, x: Fraction) -> bool:
        """Whether ``x`` lies on the admitted side of this edge."""
        edge = Fraction(self.value)
        return x >= edge if self.inclusive else x > edge


@attrs.frozen
class Upper:
    """The upper edge of a band: ``inclusive`` is "đến X" (≤ X), exclusive is "dưới X" (< X)."""

    value: Decimal = attrs.field(converter=to_decimal)
    inclusive: bool = False

    def admits(self, x: Fraction) -> bool:
        """Whether ``x`` lies on the admitted side of this edge."""
        edge = Fraction(self.value)
        return x <= edge if self.inclusive else x < edge


def at_least(value: object) -> Lower:
    """ "từ X", "X trở lên": a lower edge that includes X."""
    return Lower(value, inclusive=True)


def above(value: object) -> Lower:
    """ "trên X": a lower edge that excludes X."""
    return Lower(value, inclusive=False)


def below(value: object) -> Upper:
    """ "dưới X": an upper edge that excludes X."""
    return Upper(value, inclusive=False)


def at_most(value: object) -> Upper:
    """ "đến X", "không quá X": an upper edge that includes X."""
    return Upper(value, inclusive=True)


def interval_contains(lower: Lower | None, upper: Upper | None, x: Fraction) -> bool:
    """Whether ``x`` lies between the two edges (a missing edge is unbounded)."""
    return (lower is None or lower.admits(x)) and (upper is None or upper.admits(x))


def describe_interval(
    lower: Lower | None, upper: Upper | None, *, lang: str = "vi", unit: str = ""
) -> str:
    """The interval in words, as published: "từ 60 % đến dưới 90 %", "from 60 % to under 90 %"."""
    vi = lang == "vi"
    if (
        lower is not None
        and upper is not None
        and lower.inclusive
        and upper.inclusive
        and lower.value == upper.value
    ):
        return format_number(lower.value, lang=lang) + unit
    words: list[str] = []
    if lower is not None:
        if vi:
            words.append("từ" if lower.inclusive else "trên")
        else:
            words.append("from" if lower.inclusive else "above")
        words.append(format_number(lower.value, lang=lang) + unit)
    if upper is not None:
        if lower is not None:
            words.append("đến" if vi else "to")
        if vi:
            words.append(
                ""
                if upper.inclusive and lower is not None
                else "đến"
                if upper.inclusive
                else "dưới"
            )
        else:
            words.append(
                ""
                if upper.inclusive and lower is not None
                else "up to"
                if upper.inclusive
                else "under"
            )
        words.append(format_number(upper.value, lang=lang) + unit)
    elif lower is not None and lower.inclusive:
        words.append("trở lên" if vi else "or more")
    if not words:
        return "mọi giá trị" if vi else "any value"
    return " ".join(word for word in words if word)


@attrs.frozen
class Points:
    """A band award of a fixed number of points ("0,5 điểm")."""

    points: Decimal = attrs.field(converter=to_decimal)

    def exact(self, value: Fraction, max_points: Decimal) -> Fraction:
        """The award for ``value``, before any rounding."""
        return Fraction(self.points)

    def describe(self, *, lang: str = "vi") -> str:
        """The award in words."""
        return f"{format_number(self.points, lang=lang)} " + ("điểm" if lang == "vi" else "points")


@attrs.frozen
class FractionOfMax:
    """A band award of a share of the criterion's max ("75 % số điểm tối đa" is ``0.75``)."""

    fraction: Decimal = attrs.field(converter=to_decimal)

    def exact(self, value: Fraction, max_points: Decimal) -> Fraction:
        """The award for ``value``, before any rounding."""
        return Fraction(self.fraction) * Fraction(max_points)

    def describe(self, *, lang: str = "vi") -> str:
        """The award in words."""
        share = format_number(self.fraction * 100, lang=lang)
        return f"{share} % điểm tối đa" if lang == "vi" else f"{share} % of the max"


@attrs.frozen
class Linear:
    """A formula award: ``value × multiplier / divisor + offset``, optionally capped and rounded.

    "[tỷ lệ % hoàn thành x 1.5/100%]" is ``Linear(multiplier=1.5, divisor=100)``; "(rate / 85 %)
    × 10, at most 10, rounded to 2 decimals" is ``Linear(10, 85, cap=10, places=2)``. Multiplier
    and divisor are kept apart so that a published "1/30" stays exact.
    """

    multiplier: Decimal = attrs.field(converter=to_decimal)
    divisor: Decimal = attrs.field(default=Decimal(1), converter=to_decimal)
    offset: Decimal = attrs.field(default=Decimal(0), converter=to_decimal)
    cap: Decimal | None = attrs.field(default=None, converter=optional_decimal)
    places: int | None = attrs.field(default=None, validator=_places)

    @divisor.validator
    def _divisor_not_zero(self, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
        if value == 0:
            raise InvalidValueError("a formula's divisor must not be 0")

    def exact(self, value: Fraction, max_points: Decimal) -> Fraction:
        """The formula's value at ``value`` (after its cap, before its rounding)."""
        result = value * Fraction(self.multiplier) / Fraction(self.divisor) + Fraction(self.offset)
        if self.cap is not None:
            result = min(result, Fraction(self.cap))
        return result

    def describe(self, *, lang: str = "vi") -> str:
        """The formula in words."""

        def num(value: Decimal) -> str:
            return format_number(value, lang=lang)

        name = "giá trị" if lang == "vi" else "value"
        text = f"{name} × {num(self.multiplier)}"
        if self.divisor != 1:
            text += f" / {num(self.divisor)}"
        if self.offset:
            text += f" + {num(self.offset)}"
        if self.cap is not None:
            text += (", tối đa " if lang == "vi" else ", at most ") + num(self.cap)
        if self.places is not None:
            text += (
                f", làm tròn {self.places} chữ số thập phân"
                if lang == "vi"
                else f", rounded to {self.places} decimals"
            )
        return text


#: The names a band formula may use: the figure (``value``, also called ``rate`` and
#: ``count``) and the criterion's max (``max_points``).
FORMULA_NAMES: frozenset[str] = frozenset({"value", "rate", "count", "max_points"})


@attrs.frozen
class Formula:
    """A band award given by a formula as published: ``Formula("rate * 1.5 / 100")``.

    The text is parsed once by the safe formula parser (:mod:`cchc_criteria.formulas`) and
    evaluated exactly; a text that is not a formula raises
    :class:`~cchc_criteria.FormulaError`. Names: ``value`` (the figure; ``rate`` and ``count``
    are the same value) and ``max_points``. ``cap`` and ``places`` are as in :class:`Linear`.
    """

    text: str = attrs.field(converter=nfc)
    cap: Decimal | None = attrs.field(default=None, converter=optional_decimal)
    places: int | None = attrs.field(default=None, validator=_places)
    expression: Expression = attrs.field(init=False, eq=False, repr=False)

    @expression.default
    def _parse(self) -> Expression:
        return Expression.parse(self.text, FORMULA_NAMES)

    def _values(self, value: Fraction, max_points: Decimal) -> dict[str, Fraction]:
        return {"value": value, "rate": value, "count": value, "max_points": Fraction(max_points)}

    def exact(self, value: Fraction, max_points: Decimal) -> Fraction:
        """The formula's value at ``value`` (after its cap, before its rounding)."""
        result = self.expression.evaluate(self._values(value, max_points))
        if self.cap is not None:
            result = min(result, Fraction(self.cap))
        return result

    def bounds(
        self, low: Fraction | None, high: Fraction | None, max_points: Decimal
    ) -> tuple[Fraction | None, Fraction | None]:
        """Bounds of the award for values in [low, high] (``None``: unbounded)."""
        span = (low, high)
        maximum = (Fraction(max_points), Fraction(max_points))
        least, most = self.expression.bounds(
            {"value": span, "rate": span, "count": span, "max_points": maximum}
        )
        if self.cap is not None:
            cap = Fraction(self.cap)
            least = None if least is None else min(least, cap)  # unbounded below stays so
            most = cap if most is None else min(most, cap)
        return least, most

    def describe(self, *, lang: str = "vi") -> str:
        """The formula in words."""
        text = self.text
        if self.cap is not None:
            text += (", tối đa " if lang == "vi" else ", at most ") + format_number(
                self.cap, lang=lang
            )
        if self.places is not None:
            text += (
                f", làm tròn {self.places} chữ số thập phân"
                if lang == "vi"
                else f", rounded to {self.places} decimals"
            )
        return text


Award = Points | FractionOfMax | Linear | Formula


@attrs.frozen
class Band:
    """One row of a banded rule: an interval of values and what it awards.

    Attributes:
        label: the row's text as published ("Từ 60% - dưới 90% số văn bản").
        award: :class:`Points`, :class:`FractionOfMax`, :class:`Linear` or :class:`Formula`.
        lower: the lower edge (:func:`at_least` = từ, :func:`above` = trên), ``None`` if unbounded.
        upper: the upper edge (:func:`below` = dưới, :func:`at_most` = đến), ``None`` if unbounded.
    """

    label: str = attrs.field(converter=nfc)
    award: Award
    lower: Lower | None = None
    upper: Upper | None = None

    def contains(self, x: Fraction) -> bool:
        """Whether the value ``x`` falls in this band."""
        return interval_contains(self.lower, self.upper, x)

    def describe(self, *, lang: str = "vi", unit: str = "") -> str:
        """The band's interval and award in words."""
        interval = describe_interval(self.lower, self.upper, lang=lang, unit=unit)
        return f"{interval}: {self.award.describe(lang=lang)}"


@attrs.frozen
class Grade:
    """A grade band over the index in percent (xếp loại), e.g. ``Grade("Tốt", at_least(90))``."""

    label: str = attrs.field(converter=nfc)
    lower: Lower | None = None
    upper: Upper | None = None

    def contains(self, index: Decimal) -> bool:
        """Whether an index (in percent) earns this grade."""
        return interval_contains(self.lower, self.upper, Fraction(index))


@attrs.frozen
class RoundingPolicy:
    """How a set rounds points for reporting (quy tắc làm tròn).

    ``places=None`` (the default) means the set says nothing about rounding and nothing is
    rounded. Whatever the policy, bands are matched on exact values, groups add exact values, and
    the exact value is kept beside the rounded one.
    """

    places: int | None = attrs.field(default=None, validator=_places)
    mode: str = ROUND_HALF_UP


# --------------------------------------------------------------------------- rules


@attrs.frozen
class Outcome:
    """What a rule made of one answer.

    Attributes:
        points: the points the rule awards (after its own published rounding), ``None`` when
            the answer could not be scored.
        exact: the points before the rule's own rounding.
        value: the figure the rule used, in its scale (e.g. the rate in percent).
        figure: the answer as it was given, as text.
        matched: the label of the band or option that applied.
        explanation_vi / explanation_en: one line saying why.
        findings: problems with the answer (their criterion code is filled in by scoring).
    """

    points: Decimal | None
    exact: Decimal | None = None
    value: Decimal | None = None
    figure: str = ""
    matched: str | None = None
    explanation_vi: str = ""
    explanation_en: str = ""
    findings: tuple[Finding, ...] = ()


@runtime_checkable
class Rule(Protocol):
    """A scoring rule (cách tính điểm): scores one answer and knows its own range of points."""

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score ``answer`` for a criterion whose max is ``max_points``."""

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The lowest and highest points the rule as written can award over its whole domain.

        ``None`` means unbounded. The range is of the rule's own output, before scoring holds it
        to ``[0, max_points]``; a rule that can exceed its criterion's max shows it here.
        """

    def describe(self, max_points: Decimal, *, lang: str = "vi") -> str:
        """The rule in words, for reports and templates."""


# --------------------------------------------------------------------------- criteria


def _criteria(value: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return tuple(value)


def _grades(value: Iterable[Grade]) -> tuple[Grade, ...]:
    return tuple(value)


def _to_points(value: object) -> Decimal:
    points = to_decimal(value)
    if points < 0:
        raise InvalidValueError(f"max points must not be negative, got {points}")
    return points


@attrs.frozen(cache_hash=True)
class Criterion:
    """A node of a criterion set: an area, a criterion or a sub-criterion.

    Attributes:
        code: the published "STT" string ("7.1.1"), kept exactly as published.
        title: the published title.
        max_points: điểm tối đa.
        rule: the scoring rule of a leaf; ``None`` for a group.
        children: the sub-criteria of a group, in document order.
        role: ``score``, ``bonus`` or ``deduction`` (see :class:`Role`).
        na_policy: overrides the set's not-applicable policy for this criterion.
        evidence: the evidence required (tài liệu kiểm chứng), as published.
        notes: anything else worth keeping (ghi chú).
    """

    code: str = attrs.field(converter=nfc)
    title: str = attrs.field(converter=nfc)
    max_points: Decimal = attrs.field(converter=_to_points)
    rule: Rule | None = None
    children: tuple[Criterion, ...] = attrs.field(default=(), converter=_criteria)
    role: Role = Role.SCORE
    na_policy: NAPolicy | None = None
    evidence: str = attrs.field(default="", converter=nfc)
    notes: str = attrs.field(default="", converter=nfc)

    def __attrs_post_init__(self) -> None:
        if (self.rule is None) == (not self.children):
            raise InvalidValueError(
                f"criterion {self.code!r} must have either a rule (a leaf) or children (a group)"
            )

    @property
    def is_leaf(self) -> bool:
        """True for a criterion scored by a rule, False for a group."""
        return self.rule is not None

    def walk(self) -> Iterator[Criterion]:
        """This criterion and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class Acknowledgement:
    """A lint finding the set's maintainers accept, with the reason (e.g. "as published;
    the province's reading is …"). It matches findings by ``code`` and ``criterion``."""

    code: str
    criterion: str = attrs.field(default="", converter=nfc)
    reason: str = attrs.field(default="", converter=nfc)


def _acknowledgements(value: Iterable[Acknowledgement]) -> tuple[Acknowledgement, ...]:
    return tuple(value)


@attrs.frozen(cache_hash=True)
class CriterionSet:
    """A published criterion set (bộ tiêu chí), as published.

    Attributes:
        id: a stable id, ``province.unit_kind.year`` by convention ("quangngai.so.2019").
        title: the set's title.
        criteria: the top-level criteria (areas), in document order.
        province: the issuing province ("Quảng Ngãi"), "" for a central set.
        unit_kind: the kind of unit scored.
        authority: who issued it (UBND tỉnh Quảng Ngãi).
        legal_basis: the decision that issued it ("Quyết định số …/QĐ-UBND").
        source: the document it was transcribed from, when not the decision itself.
        scope: what the set covers when it is not the whole published set.
        valid_from, valid_until: the period it is in force (inclusive; ``None``: open).
        grades: grade bands over the index in percent.
        rounding: the set's rounding policy.
        na_policy: what "not applicable" does unless a criterion says otherwise.
        acknowledged: lint findings accepted in the set's own data, with reasons.
    """

    id: str
    title: str = attrs.field(converter=nfc)
    criteria: tuple[Criterion, ...] = attrs.field(converter=_criteria)
    province: str = attrs.field(default="", converter=nfc)
    unit_kind: UnitKind | None = None
    authority: str = attrs.field(default="", converter=nfc)
    legal_basis: str = attrs.field(default="", converter=nfc)
    source: str = attrs.field(default="", converter=nfc)
    scope: str = attrs.field(default="", converter=nfc)
    valid_from: date | None = None
    valid_until: date | None = None
    grades: tuple[Grade, ...] = attrs.field(default=(), converter=_grades)
    rounding: RoundingPolicy = RoundingPolicy()
    na_policy: NAPolicy = NAPolicy.EXCLUDE
    acknowledged: tuple[Acknowledgement, ...] = attrs.field(default=(), converter=_acknowledgements)

    @property
    def max_points(self) -> Decimal:
        """The sum of the top-level criteria's max points (bonus and deductions excluded)."""
        return sum((c.max_points for c in self.criteria if c.role is Role.SCORE), Decimal(0))

    def walk(self) -> Iterator[Criterion]:
        """Every criterion, in document order."""
        for criterion in self.criteria:
            yield from criterion.walk()

    def find(self, code: str) -> Criterion | None:
        """The first criterion with this code, or ``None``."""
        code = nfc(code)
        return next((c for c in self.walk() if c.code == code), None)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every criterion code, in document order."""
        return tuple(c.code for c in self.walk())

    def in_force(self, day: date) -> bool:
        """Whether the set is in force on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


# --------------------------------------------------------------------------- answers


def _band_ref(ref: int | str) -> int | str:
    return nfc(ref) if isinstance(ref, str) else ref


@attrs.frozen
class ChosenBand:
    """An answer that names the band a unit reached instead of giving the figure.

    ``ref`` is the band's 1-based position in the rule or its published label. Where the band
    awards a formula, the points cannot be known without the figure.
    """

    ref: int | str = attrs.field(converter=_band_ref)


def _nfc_keys(mapping: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(mapping, Mapping):
        raise ArgumentError(
            "expected a mapping of criterion codes such as {'7.1.2': …}, got "
            f"{type(mapping).__name__} {mapping!r:.60}"
        )
    result: dict[str, Any] = {}
    for key, value in mapping.items():
        if not isinstance(key, str):
            raise ArgumentError(
                f'criterion codes are texts such as "7.1.2", got {type(key).__name__} {key!r:.60}'
            )
        result[nfc(key)] = value
    return result


def _nfc_texts(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """Keys and text values in NFC (answers and explanations typed by people)."""
    return {key: nfc(v) if isinstance(v, str) else v for key, v in _nfc_keys(mapping).items()}


def _evidence(mapping: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for key, value in _nfc_keys(mapping).items():
        items = (value,) if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            raise ArgumentError(
                f"evidence for {key!r} is a text or a list of texts, got "
                f"{type(value).__name__} {value!r:.60}"
            )
        result[key] = tuple(nfc(item) for item in items)
    return result


def _optional_text(value: str | None) -> str | None:
    return None if value is None else nfc(value)


@attrs.frozen(eq=True, hash=False)
class Assessment:
    """One unit's declared figures and scores against one criterion set.

    Attributes:
        answers: declared figures (số liệu kê khai) by criterion code: a number, a rate
            ("93%", "3/41"), ``True``/``False`` or "Có"/"Không", an option's label,
            a :class:`ChosenBand`, or :data:`NA`.
        set_id: the id of the set the assessment is for.
        unit: the unit assessed ("Sở Giáo dục và Đào tạo").
        period: the period assessed ("2019").
        group: the unit group it is ranked within (nhóm), "" when there is one.
        self_assessed: the unit's own score per criterion code (điểm tự đánh giá), as declared.
        appraised: the appraisal council's score per code (điểm thẩm định), as declared.
        evidence: references to evidence per code (tài liệu kiểm chứng).
        explanations: the unit's explanation per code (giải trình).
        source: the file the assessment was read from, if any (not part of equality).
    """

    answers: Mapping[str, object] = attrs.field(factory=dict, converter=_nfc_texts)
    set_id: str | None = attrs.field(default=None, converter=_optional_text)
    unit: str = attrs.field(default="", converter=nfc)
    period: str = attrs.field(default="", converter=nfc)
    group: str = attrs.field(default="", converter=nfc)
    self_assessed: Mapping[str, object] = attrs.field(factory=dict, converter=_nfc_keys)
    appraised: Mapping[str, object] = attrs.field(factory=dict, converter=_nfc_keys)
    evidence: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_evidence)
    explanations: Mapping[str, str] = attrs.field(factory=dict, converter=_nfc_texts)
    source: str | None = attrs.field(default=None, eq=False, converter=_optional_text)
