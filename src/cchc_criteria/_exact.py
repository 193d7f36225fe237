"""Exact decimal arithmetic and display: the contexts, exact quotients, rounding and the
formatting of numbers for people. Public through `cchc_criteria.numbers`, which re-exports
every name here."""

from __future__ import annotations

from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)
from fractions import Fraction
from typing import Final

from cchc_criteria.text import Lang

__all__ = [
    "DECIMAL_CONTEXT",
    "EXACT_CONTEXT",
    "SUM_CONTEXT",
    "WIDE_CONTEXT",
    "canonical",
    "decimal_of",
    "exact_quotient",
    "exact_ratio",
    "exact_value",
    "format_number",
    "plain",
    "quotient_form",
    "round_points",
]

DECIMAL_CONTEXT: Final = Context(prec=34, rounding=ROUND_HALF_UP)
"""Precision used whenever an exact fraction has to become a Decimal (formulas, indices)."""

SUM_CONTEXT: Final = Context(prec=160, rounding=ROUND_HALF_UP)
"""Precision for sums of accepted numbers: wide enough that adding them is exact."""

EXACT_CONTEXT: Final = Context(
    prec=34, rounding=ROUND_HALF_UP, traps=[Inexact, DivisionByZero, InvalidOperation, Overflow]
)
"""34 digits, as DECIMAL_CONTEXT, with every lost digit an error: a computation in it is exact or
raises (decimal.Inexact, DivisionByZero, InvalidOperation, Overflow)."""
WIDE_CONTEXT: Final = Context(prec=SUM_CONTEXT.prec + 40, rounding=ROUND_HALF_UP, traps=[Inexact])
"""Wider than any sum of accepted numbers, for a product or a difference that must stay exact (a
lost digit raises decimal.Inexact)."""
_WIDE = WIDE_CONTEXT
_ZERO = Decimal(0)
_ONE = Decimal(1)


def decimal_of(value: Fraction) -> Decimal:
    """The Decimal nearest ``value`` (exact whenever its expansion fits 34 digits).

    Args:
        value: an exact fraction.

    Returns:
        The nearest Decimal.
    """
    with localcontext(DECIMAL_CONTEXT):
        return Decimal(value.numerator) / Decimal(value.denominator)


def quotient_form(value: Decimal) -> Decimal:
    """An exact value of at most 34 digits written as `decimal_of` writes an exact
    quotient: a whole number without exponent ("200", not "2.00E+2"), any other without
    trailing zeros ("1.87", not "1.870") — as `canonical` does, faster.

    Args:
        value: an exact Decimal of at most 34 digits.

    Returns:
        The same number, as `decimal_of` writes it.
    """
    if value == value.to_integral_value(context=DECIMAL_CONTEXT):
        return value.quantize(_ONE, context=DECIMAL_CONTEXT) if value else _ZERO
    return value.normalize(context=DECIMAL_CONTEXT)


def exact_quotient(numerator: Decimal, denominator: Decimal, times: int = 1) -> Decimal:
    """``numerator × times / denominator`` as ``decimal_of`` gives the exact fraction, digit
    for digit, computed in Decimal: the exact quotient when it has at most 34 digits, else
    the quotient rounded once to 34 digits. The denominator must not be 0.

    Args:
        numerator: the dividend.
        denominator: the divisor (not 0).
        times: a whole factor of the numerator.

    Returns:
        The quotient, as `decimal_of` writes it.
    """
    try:
        scaled = _WIDE.multiply(numerator, times)
    except Inexact:
        return decimal_of(Fraction(numerator) * times / Fraction(denominator))
    try:
        return quotient_form(EXACT_CONTEXT.divide(scaled, denominator))
    except Inexact:
        return DECIMAL_CONTEXT.divide(scaled, denominator)  # correctly rounded, as decimal_of


def exact_value(value: Decimal) -> Decimal:
    """An exact ``value`` (computed in `WIDE_CONTEXT`) as `decimal_of` writes
    the same number: in `quotient_form` when it has at most 34 digits, else rounded
    once to 34 digits.

    Args:
        value: an exact Decimal.

    Returns:
        The same number, as `decimal_of` writes it.
    """
    try:
        return quotient_form(EXACT_CONTEXT.plus(value))
    except Inexact:
        return DECIMAL_CONTEXT.plus(value)  # correctly rounded, as decimal_of


def exact_ratio(top: Decimal | Fraction, bottom: Decimal | Fraction, times: Decimal) -> Decimal:
    """``top × times / bottom`` as `decimal_of` gives the exact fraction, for figures
    read exactly (a Decimal, or a Fraction where the figure is not a finite decimal: "3/41").
    ``bottom`` must not be 0.

    Args:
        top: the dividend.
        bottom: the divisor (not 0).
        times: a factor of ``top``.

    Returns:
        The ratio, as `decimal_of` writes it.
    """
    if type(top) is Decimal and type(bottom) is Decimal:
        scaled = _WIDE.multiply(top, times)
        try:
            return quotient_form(EXACT_CONTEXT.divide(scaled, bottom))
        except Inexact:
            return DECIMAL_CONTEXT.divide(scaled, bottom)  # correctly rounded, as decimal_of
    ratio = Fraction(top) * Fraction(times) / Fraction(bottom)
    return exact_quotient(Decimal(ratio.numerator), Decimal(ratio.denominator))


def plain(value: Decimal) -> str:
    """An exact decimal as plain text: "6", "0.5", "7.3170731707…" — no exponent, no trailing
    zeros, every digit kept (whatever the context's precision).

    Args:
        value: an exact Decimal.

    Returns:
        Its digits, as text.
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def canonical(value: Decimal) -> Decimal:
    """``value`` in canonical form: the same number without trailing zeros or an exponent
    (13.0 → 13, 62.550 → 62.55), exact.

    Args:
        value: an exact Decimal.

    Returns:
        The same number in canonical form.
    """
    return Decimal(plain(value))


def round_points(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round ``value`` to ``places`` decimals with a `decimal` rounding mode.

    Args:
        value: the exact value.
        places: the decimals to keep.
        rounding: a `decimal` rounding mode (half up by default).

    Returns:
        The rounded value.
    """
    with localcontext(_wide(value, places)) as context:
        context.rounding = rounding
        return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def _wide(value: Decimal, places: int = 0) -> Context:
    """A context with room for every digit of ``value`` and ``places`` decimals."""
    digits = max(value.adjusted(), 0) + max(places, 0) + len(value.as_tuple().digits) + 4
    return Context(prec=max(34, digits), rounding=ROUND_HALF_UP, Emax=10**9, Emin=-(10**9))


def format_number(
    value: Decimal | int,
    *,
    lang: Lang = "vi",
    places: int | None = None,
    max_places: int | None = None,
    group: bool = False,
) -> str:
    """Format a number for people: ``7,5`` in Vietnamese (``lang="vi"``), ``7.5`` in English.

    Trailing zeros are dropped unless ``places`` fixes the number of decimals. With
    ``max_places``, a value with more decimals is shown rounded and marked "≈" (for display
    only; the exact value is kept where it is computed). With ``group``, thousands are grouped
    with a dot in Vietnamese and a comma in English — except where that would make a Vietnamese
    number ambiguous ("1.500" with no decimals), so that `parse_number` always reads back
    what this function writes.

    Args:
        value: the number.
        lang: ``"vi"`` (decimal comma) or ``"en"`` (decimal point).
        places: a fixed number of decimals, if any.
        max_places: the most decimals shown; more are rounded and marked "≈".
        group: group thousands.

    Returns:
        The number as text.
    """
    number = Decimal(value)
    if not number.is_finite():
        return str(number)
    with localcontext(_wide(number, places or max_places or 0)):
        approx = ""
        if places is None and max_places is not None:
            exponent = number.normalize().as_tuple().exponent
            if isinstance(exponent, int) and exponent < -max_places:
                approx = "≈ "
                places = max_places
        if places is not None:
            number = round_points(number, places)
            if approx:
                number = number.normalize()
        elif number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
    text = f"{number:,f}" if group else f"{number:f}"
    if group and lang == "vi" and text.count(",") == 1 and "." not in text:
        text = f"{number:f}"  # "1.500" would read as ambiguous
    text = approx + text
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
