"""Band edges (từ, trên, dưới, đến), awards and bands."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from cchc_criteria.errors import ArgumentError, InvalidValueError, require
from cchc_criteria.formulas import Expression
from cchc_criteria.numbers import format_number, optional_decimal, to_decimal
from cchc_criteria.text import Lang, Text, nfc, shown

__all__ = [
    "FORMULA_NAMES",
    "MAX_ROUNDING_PLACES",
    "Band",
    "Formula",
    "FractionOfMax",
    "Linear",
    "Lower",
    "Points",
    "Upper",
    "above",
    "at_least",
    "at_most",
    "below",
    "describe_interval",
    "interval_contains",
]


MAX_ROUNDING_PLACES = 20
"""The most decimal places a set may round to."""


def _places(_: object, __: object, value: int | None) -> None:
    """attrs validator of rounding places: a whole number from 0 to MAX_ROUNDING_PLACES."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentError(
            f"rounding places are a whole number, got {shown(value, quoted=True):.60}"
        )
    if not 0 <= value <= MAX_ROUNDING_PLACES:
        raise ArgumentError(f"rounding places must be from 0 to {MAX_ROUNDING_PLACES}, got {value}")


_EXACT_EDGE = attrs.Factory(lambda edge: Fraction(edge.value), takes_self=True)
"""An edge's value as a Fraction, made once with the edge (scoring compares every answer with it);
the field is outside equality, hashing and repr."""


@attrs.frozen
class Lower:
    """The lower edge of a band: ``inclusive`` is "từ X" (≥ X), exclusive is "trên X" (> X)."""

    value: Decimal = attrs.field(converter=to_decimal)
    inclusive: bool = True
    _edge: Fraction = attrs.field(init=False, eq=False, hash=False, repr=False, default=_EXACT_EDGE)

    def admits(self, x: Fraction) -> bool:
        """Whether ``x`` lies on the admitted side of this edge."""
        return x >= self._edge if self.inclusive else x > self._edge


@attrs.frozen
class Upper:
    """The upper edge of a band: ``inclusive`` is "đến X" (≤ X), exclusive is "dưới X" (< X)."""

    value: Decimal = attrs.field(converter=to_decimal)
    inclusive: bool = False
    _edge: Fraction = attrs.field(init=False, eq=False, hash=False, repr=False, default=_EXACT_EDGE)

    def admits(self, x: Fraction) -> bool:
        """Whether ``x`` lies on the admitted side of this edge."""
        return x <= self._edge if self.inclusive else x < self._edge


def at_least(value: object) -> Lower:
    """ "từ X", "X trở lên": a lower edge that includes X.

    Args:
        value: the edge's value: a number, or text such as "60" or "7,5".

    Returns:
        The `Lower` edge, which includes ``value``.
    """
    return Lower(value, inclusive=True)


def above(value: object) -> Lower:
    """ "trên X": a lower edge that excludes X.

    Args:
        value: the edge's value: a number, or text such as "60" or "7,5".

    Returns:
        The `Lower` edge, which excludes ``value``.
    """
    return Lower(value, inclusive=False)


def below(value: object) -> Upper:
    """ "dưới X": an upper edge that excludes X.

    Args:
        value: the edge's value: a number, or text such as "60" or "7,5".

    Returns:
        The `Upper` edge, which excludes ``value``.
    """
    return Upper(value, inclusive=False)


def at_most(value: object) -> Upper:
    """ "đến X", "không quá X": an upper edge that includes X.

    Args:
        value: the edge's value: a number, or text such as "60" or "7,5".

    Returns:
        The `Upper` edge, which includes ``value``.
    """
    return Upper(value, inclusive=True)


def interval_contains(lower: Lower | None, upper: Upper | None, x: Fraction) -> bool:
    """Whether ``x`` lies between the two edges (a missing edge is unbounded).

    Args:
        lower: the lower edge, or ``None``.
        upper: the upper edge, or ``None``.
        x: the value, exactly.

    Returns:
        ``True`` when ``x`` lies within the edges.
    """
    return (lower is None or lower.admits(x)) and (upper is None or upper.admits(x))


def describe_interval(
    lower: Lower | None, upper: Upper | None, *, lang: Lang = "vi", unit: str = ""
) -> str:
    """The interval in words, as published: "từ 60 % đến dưới 90 %", "from 60 % to under 90 %".

    Args:
        lower: the lower edge, or ``None`` for no lower bound.
        upper: the upper edge, or ``None`` for no upper bound.
        lang: ``"vi"`` or ``"en"``.
        unit: what follows each number (" %", " ngày"), if anything.

    Returns:
        The interval in words.
    """
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

    def describe(self, *, lang: Lang = "vi") -> str:
        """The award in words."""
        return f"{format_number(self.points, lang=lang)} " + ("điểm" if lang == "vi" else "points")


@attrs.frozen
class FractionOfMax:
    """A band award of a share of the criterion's max ("75 % số điểm tối đa" is ``0.75``)."""

    fraction: Decimal = attrs.field(converter=to_decimal)

    def exact(self, value: Fraction, max_points: Decimal) -> Fraction:
        """The award for ``value``, before any rounding."""
        return Fraction(self.fraction) * Fraction(max_points)

    def describe(self, *, lang: Lang = "vi") -> str:
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
            raise InvalidValueError(
                Text("số chia của công thức không được bằng 0", "a formula's divisor must not be 0")
            )

    def exact(self, value: Fraction, max_points: Decimal) -> Fraction:
        """The formula's value at ``value`` (after its cap, before its rounding)."""
        result = value * Fraction(self.multiplier) / Fraction(self.divisor) + Fraction(self.offset)
        if self.cap is not None:
            result = min(result, Fraction(self.cap))
        return result

    def describe(self, *, lang: Lang = "vi") -> str:
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


FORMULA_NAMES: frozenset[str] = frozenset({"value", "rate", "count", "max_points"})
"""The names a band formula may use: the figure (``value``, also called ``rate`` and ``count``) and
the criterion's max (``max_points``)."""


@attrs.frozen
class Formula:
    """A band award given by a formula as published: ``Formula("rate * 1.5 / 100")``.

    The text is parsed once by the safe formula parser (`cchc_criteria.formulas`) and
    evaluated exactly; a text that is not a formula raises
    `FormulaError`. Names: ``value`` (the figure; ``rate`` and ``count``
    are the same value) and ``max_points``. ``cap`` and ``places`` are as in `Linear`.
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

    def describe(self, *, lang: Lang = "vi") -> str:
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
_AWARDS = (Points, FractionOfMax, Linear, Formula)


@attrs.frozen
class Band:
    """One row of a banded rule: an interval of values and what it awards.

    Attributes:
        label: the row's text as published ("Từ 60% - dưới 90% số văn bản").
        award: `Points`, `FractionOfMax`, `Linear` or `Formula`.
        lower: the lower edge (`at_least` = từ, `above` = trên), ``None`` if unbounded.
        upper: the upper edge (`below` = dưới, `at_most` = đến), ``None`` if unbounded.
    """

    label: str = attrs.field(converter=nfc)
    award: Award = attrs.field(validator=lambda _, __, value: require(value, _AWARDS, "Band"))
    lower: Lower | None = None
    upper: Upper | None = None

    def contains(self, x: Fraction) -> bool:
        """Whether the value ``x`` falls in this band."""
        return interval_contains(self.lower, self.upper, x)

    def describe(self, *, lang: Lang = "vi", unit: str = "") -> str:
        """The band's interval and award in words."""
        interval = describe_interval(self.lower, self.upper, lang=lang, unit=unit)
        return f"{interval}: {self.award.describe(lang=lang)}"
