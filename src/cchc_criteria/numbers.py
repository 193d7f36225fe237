"""Exact numbers: Decimal conversion, Vietnamese number parsing and formatting, rounding.

Points are :class:`decimal.Decimal` from input to output. Rates that arrive as ratios of counts
("3/41") are kept as exact :class:`fractions.Fraction` values until a band has been matched, so
that no rounding ever happens before matching (89.999… must never become 90).

Reading rules for a typed number (số liệu kê khai):

* a comma is a decimal separator: ``"7,5"`` is 7.5;
* a dot followed by groups of exactly three digits is a thousands separator:
  ``"1.112.320.000"`` is 1112320000, and ``"1.234,5"`` is 1234.5;
* a single dot followed by other than three digits is a decimal point: ``"7.5"`` is 7.5;
* ``"1.500"`` is ambiguous (one thousand five hundred, or one and a half) and is refused with a
  message that says how to write either reading unambiguously.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from fractions import Fraction
from typing import Final

from cchc_criteria.errors import NumberFormatError

__all__ = [
    "DECIMAL_CONTEXT",
    "decimal_of",
    "format_number",
    "optional_decimal",
    "parse_number",
    "parse_rate",
    "round_points",
    "to_decimal",
]

#: Precision used whenever an exact fraction has to become a Decimal (formulas, indices).
DECIMAL_CONTEXT: Final = Context(prec=34, rounding=ROUND_HALF_UP)

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"[+-]?\d+")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_DECIMAL_DOT = re.compile(r"[+-]?\d+\.\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def to_decimal(value: object) -> Decimal:
    """Convert ``value`` to an exact Decimal.

    Accepts Decimal, int, Fraction (when it has a finite decimal expansion within the library's
    precision), float (converted once from its shortest repr, so ``0.1`` is ``Decimal("0.1")``)
    and text in the forms described in the module docstring. ``bool`` is refused: ``True`` is not
    a number of points.
    """
    if isinstance(value, bool):
        raise NumberFormatError(f"expected a number, got the yes/no value {value!r}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberFormatError(f"expected a finite number, got {value}")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # The shortest repr, read as a plain decimal (not as typed text: "1.125" is 1.125).
        number = Decimal(repr(value))
        if not number.is_finite():
            raise NumberFormatError(f"expected a finite number, got {value}")
        return number
    if isinstance(value, Fraction):
        return decimal_of(value)
    if isinstance(value, str):
        return parse_number(value)
    raise NumberFormatError(f"expected a number, got {type(value).__name__} {value!r}")


def optional_decimal(value: object) -> Decimal | None:
    """:func:`to_decimal`, letting ``None`` through (an attrs converter for optional numbers)."""
    return None if value is None else to_decimal(value)


def parse_number(text: str) -> Decimal:
    """Read a number typed the Vietnamese way (decimal comma, dot thousands) or the plain way."""
    cleaned = _SPACES.sub("", unicodedata.normalize("NFC", text))
    if not cleaned:
        raise NumberFormatError("expected a number, got an empty text")
    if _PLAIN.fullmatch(cleaned) or _DECIMAL_COMMA.fullmatch(cleaned):
        return _decimal(cleaned.replace(",", "."), text)
    if _DECIMAL_DOT.fullmatch(cleaned):
        whole, fraction = cleaned.split(".")
        if len(fraction) == 3 and whole.lstrip("+-") != "0":
            raise NumberFormatError(
                f"{text!r} is ambiguous: write {whole}{fraction} for the whole number, or "
                f"{whole},{fraction} for the decimal (a comma marks decimals, as in Vietnamese)"
            )
        return _decimal(cleaned, text)
    if _GROUPED.fullmatch(cleaned):
        return _decimal(cleaned.replace(".", "").replace(",", "."), text)
    # Also accept scientific notation and the like, as Decimal itself reads them.
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise NumberFormatError(
            f"expected a number such as 7,5 or 1.112.320.000, got {text!r}"
        ) from None
    if not number.is_finite():
        raise NumberFormatError(f"expected a finite number, got {text!r}")
    return number


def _decimal(normalised: str, original: str) -> Decimal:
    try:
        return Decimal(normalised)
    except InvalidOperation:  # pragma: no cover - the patterns above only pass valid digits
        raise NumberFormatError(f"expected a number, got {original!r}") from None


def parse_rate(value: object, *, percent: bool) -> Fraction:
    """Read a rate exactly, in percent units when ``percent`` is true, else as a ratio in [0, 1].

    ``"93%"``, ``"93,5 %"``, ``93``, ``Decimal("93.5")`` and ``"3/41"`` (three out of forty-one)
    are all accepted. A bare number is taken in the requested unit; a number with a ``%`` sign
    or a ratio of counts is converted. ``"n/0"`` is refused: a ratio needs a non-zero
    denominator.
    """
    scale = Fraction(100) if percent else Fraction(1)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, str):
        cleaned = _SPACES.sub("", unicodedata.normalize("NFC", value))
        if cleaned.endswith("%"):
            return Fraction(parse_number(cleaned[:-1])) * scale / 100
        if "/" in cleaned:
            numerator_text, _, denominator_text = cleaned.partition("/")
            numerator = parse_number(numerator_text)
            denominator = parse_number(denominator_text)
            if denominator == 0:
                if numerator == 0:
                    raise NumberFormatError(
                        f"{value!r} is 0 out of 0: the rate is undefined; "
                        "mark the criterion not applicable (NA) if nothing arose"
                    )
                raise NumberFormatError(f"{value!r} divides by zero: the denominator must be > 0")
            return Fraction(numerator) / Fraction(denominator) * scale
    return Fraction(to_decimal(value))


def decimal_of(value: Fraction) -> Decimal:
    """The Decimal nearest ``value`` (exact whenever its expansion fits 34 digits)."""
    with localcontext(DECIMAL_CONTEXT):
        return Decimal(value.numerator) / Decimal(value.denominator)


def round_points(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round ``value`` to ``places`` decimals with a :mod:`decimal` rounding mode."""
    with localcontext(DECIMAL_CONTEXT):
        return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def format_number(
    value: Decimal | int,
    *,
    lang: str = "vi",
    places: int | None = None,
    max_places: int | None = None,
    group: bool = False,
) -> str:
    """Format a number for people: ``7,5`` in Vietnamese (``lang="vi"``), ``7.5`` in English.

    Trailing zeros are dropped unless ``places`` fixes the number of decimals. With
    ``max_places``, a value with more decimals is shown rounded and marked "≈" (for display
    only; the exact value is kept where it is computed). With ``group``, thousands are grouped
    with a dot in Vietnamese and a comma in English — except where that would make a Vietnamese
    number ambiguous ("1.500" with no decimals), so that :func:`parse_number` always reads back
    what this function writes.
    """
    number = Decimal(value)
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
