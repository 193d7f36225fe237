"""Exact numbers: Decimal conversion, Vietnamese number parsing and formatting, rounding.

Points are `decimal.Decimal` from input to output. Rates that arrive as ratios of counts
("3/41") are kept as exact `fractions.Fraction` values until a band has been matched, so
that no rounding ever happens before matching (89.999… must never become 90).

Reading rules for a typed number (số liệu kê khai):

* a comma is a decimal separator: ``"7,5"`` is 7.5;
* a dot followed by groups of exactly three digits is a thousands separator:
  ``"1.112.320.000"`` is 1112320000, and ``"1.234,5"`` is 1234.5;
* a single dot followed by other than three digits is a decimal point: ``"7.5"`` is 7.5;
* ``"1.500"`` is ambiguous (one thousand five hundred, or one and a half) and is refused with a
  message that says how to write either reading unambiguously.

Every number the library accepts is bounded, so that the work done for one figure is bounded
too: a typed number has at most `MAX_NUMBER_TEXT` characters, its magnitude is under
10^18 (`MAX_MAGNITUDE`) and it has at most `MAX_DECIMALS` decimal places.
Anything beyond is refused as out of range, never rounded.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import (
    Decimal,
    InvalidOperation,
)
from fractions import Fraction
from typing import Final

from cchc_criteria._exact import (
    DECIMAL_CONTEXT,
    EXACT_CONTEXT,
    SUM_CONTEXT,
    WIDE_CONTEXT,
    canonical,
    decimal_of,
    exact_quotient,
    exact_ratio,
    exact_value,
    format_number,
    plain,
    quotient_form,
    round_points,
)
from cchc_criteria.errors import NumberFormatError
from cchc_criteria.text import Text, shown

__all__ = [
    "DECIMAL_CONTEXT",
    "EXACT_CONTEXT",
    "MAX_DECIMALS",
    "MAX_MAGNITUDE",
    "MAX_NUMBER_TEXT",
    "SUM_CONTEXT",
    "WIDE_CONTEXT",
    "canonical",
    "check_range",
    "decimal_of",
    "exact_quotient",
    "exact_ratio",
    "exact_value",
    "format_number",
    "optional_decimal",
    "parse_number",
    "parse_rate",
    "plain",
    "quotient_form",
    "round_points",
    "to_decimal",
]


MAX_NUMBER_TEXT: Final = 100
"""The longest text read as one number (a figure, a max, a band edge)."""
MAX_MAGNITUDE: Final = 18
"""Accepted numbers are smaller than 10 ** MAX_MAGNITUDE in absolute value."""
MAX_DECIMALS: Final = 40
"""Accepted numbers have at most this many decimal places (trailing zeros aside)."""

_ZERO = Decimal(0)
_ONE = Decimal(1)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Spaces inside a number: only as a thousands separator ("1 234", "1 234 567,5"), or after a
# sign ("- 5").
_SPACE_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[,.]\d+)?")
_SIGN_SPACE = re.compile(r"([+-])[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"[+-]?\d+")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_DECIMAL_DOT = re.compile(r"[+-]?\d+\.\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
# What most answers look like ("93,5", "12"): ASCII digits within the bounds, read at once.
_SIMPLE = re.compile(r"[+-]?[0-9]{1,18}(?:,[0-9]{1,40})?")


def to_decimal(value: object) -> Decimal:
    """Convert ``value`` to an exact Decimal.

    Accepts Decimal, int, Fraction (when it has a finite decimal expansion within the library's
    precision), float (converted once from its shortest repr, so ``0.1`` is ``Decimal("0.1")``)
    and text in the forms described in the module docstring. ``bool`` is refused: ``True`` is not
    a number of points.

    Args:
        value: the number: Decimal, int, Fraction, float or text.

    Returns:
        The number, exactly.

    Raises:
        NumberFormatError: for text that is not a number, a bool, a non-finite value, or a
            number out of range.
    """
    if isinstance(value, bool):
        raise NumberFormatError(
            Text(
                f"cần một số, nhận được giá trị có/không {value!r}",
                f"expected a number, got the yes/no value {value!r}",
            )
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberFormatError(
                Text(
                    f"cần một số hữu hạn, nhận được {value}",
                    f"expected a finite number, got {value}",
                )
            )
        return check_range(value, value)
    if isinstance(value, int):
        if abs(value) >= 10**MAX_MAGNITUDE:
            raise _out_of_range(_magnitude(value))
        return Decimal(value)
    if isinstance(value, float):
        # The shortest repr, read as a plain decimal (not as typed text: "1.125" is 1.125).
        number = Decimal(repr(value))
        if not number.is_finite():
            raise NumberFormatError(
                Text(
                    f"cần một số hữu hạn, nhận được {value}",
                    f"expected a finite number, got {value}",
                )
            )
        return check_range(number, value)
    if isinstance(value, Fraction):
        if abs(value) >= 10**MAX_MAGNITUDE or (
            value and abs(value) < Fraction(1, 10**MAX_DECIMALS)
        ):
            raise _out_of_range(_magnitude(value))
        return decimal_of(value)
    if isinstance(value, str):
        return parse_number(value)
    raise NumberFormatError(
        Text(
            f"cần một số, nhận được {type(value).__name__} {_shown(value)}",
            f"expected a number, got {type(value).__name__} {_shown(value)}",
        )
    )


def check_range(number: Decimal, original: object) -> Decimal:
    """``number`` if it is within the library's bounds (see the module docstring), else a
    `NumberFormatError` that says it is out of range.

    Args:
        number: the number read.
        original: what was typed, for the message.

    Returns:
        ``number`` itself.

    Raises:
        NumberFormatError: when ``number`` is out of range.
    """
    if number.is_zero():
        return number
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if number.adjusted() >= MAX_MAGNITUDE:
        raise _out_of_range(_shown(original))
    if exponent >= -MAX_DECIMALS:
        return number  # at most MAX_DECIMALS places, trailing zeros or not
    trailing = 0
    for digit in reversed(digits):
        if digit != 0:
            break
        trailing += 1
    if exponent + trailing < -MAX_DECIMALS:
        raise NumberFormatError(
            Text(
                f"{_shown(original)} có quá {MAX_DECIMALS} chữ số thập phân: "
                "ngoài phạm vi cho phép",
                f"{_shown(original)} has more than {MAX_DECIMALS} decimal places: out of range",
            )
        )
    return number


def _magnitude(value: int | Fraction) -> str:
    """A number too large or too small to write out, by its order of magnitude ("≈ 10^400"):
    neither a float (it overflows) nor its digits (Python refuses more than 4,300) can show
    it."""
    exact = Fraction(value)
    if exact.numerator == 0:
        return "0"
    sign = "-" if exact < 0 else ""
    # Each bit is log10(2) ≈ 0.30103 of a decimal digit: close enough to say how far out.
    bits = abs(exact.numerator).bit_length() - exact.denominator.bit_length()
    return f"{sign}≈ 10^{round(bits * 0.30103)}"


def _out_of_range(shown: str) -> NumberFormatError:
    return NumberFormatError(
        Text(
            f"{shown} ngoài phạm vi cho phép: giá trị tuyệt đối phải nhỏ hơn 10^{MAX_MAGNITUDE}",
            f"{shown} is out of range: numbers must be smaller than 10^{MAX_MAGNITUDE} "
            "in absolute value",
        )
    )


def _shown(value: object) -> str:
    """``repr(value)``, shortened for a message (a pasted megabyte stays out of it)."""
    text = shown(value, quoted=True)
    size = len(value) if isinstance(value, str) else len(text)
    return text if len(text) <= 60 else f"{text[:40]}…{text[-10:]} ({size} characters)"


def optional_decimal(value: object) -> Decimal | None:
    """`to_decimal`, letting ``None`` through (an attrs converter for optional numbers).

    Args:
        value: what `to_decimal` accepts, or ``None``.

    Returns:
        The Decimal, or ``None``.
    """
    return None if value is None else to_decimal(value)


def _squeezed(text: str, original: str) -> str:
    """``text`` without its spaces, which may stand around it, after a sign, or between
    groups of three digits ("1 234"); anywhere else ("9 3", "1 5") they make it two numbers."""
    text = _SIGN_SPACE.sub(r"\1", text.strip())
    if _SPACES.search(text) and not _SPACE_GROUPED.fullmatch(text):
        raise NumberFormatError(
            Text(
                f"{original!r} có khoảng trắng giữa các chữ số: đó là hai số hay một? Hãy viết "
                "liền (93) hoặc dùng dấu phẩy thập phân (9,3); khoảng trắng chỉ dùng để tách "
                "hàng nghìn (1 234)",
                f"{original!r} has a space between its digits: is it one number or two? Write "
                "it without the space (93) or with a decimal comma (9,3); a space only groups "
                "thousands (1 234)",
            )
        )
    return _SPACES.sub("", text)


def parse_number(text: str) -> Decimal:
    """Read a number typed the Vietnamese way (decimal comma, dot thousands) or the plain way.

    Args:
        text: the typed number.

    Returns:
        The number, exactly.

    Raises:
        NumberFormatError: for text that is not a number, is ambiguous ("1.500"), or is out of
            range.
    """
    if _SIMPLE.fullmatch(text):
        return Decimal(text.replace(",", "."))
    if len(text) > MAX_NUMBER_TEXT:
        raise NumberFormatError(
            Text(
                f"cần một số, nhận được một chuỗi {len(text)} ký tự (tối đa {MAX_NUMBER_TEXT}): "
                f"{_shown(text)}",
                f"expected a number, got a text of {len(text)} characters (at most "
                f"{MAX_NUMBER_TEXT}): {_shown(text)}",
            )
        )
    cleaned = _squeezed(unicodedata.normalize("NFC", text), text)
    if not cleaned:
        raise NumberFormatError(
            Text("cần một số, nhận được chuỗi rỗng", "expected a number, got an empty text")
        )
    if _PLAIN.fullmatch(cleaned) or _DECIMAL_COMMA.fullmatch(cleaned):
        return _decimal(cleaned.replace(",", "."), text)
    if _DECIMAL_DOT.fullmatch(cleaned):
        whole, fraction = cleaned.split(".")
        if len(fraction) == 3 and whole.lstrip("+-") != "0":
            raise NumberFormatError(
                Text(
                    f"{text!r} không rõ nghĩa: viết {whole}{fraction} nếu là số nguyên, hoặc "
                    f"{whole},{fraction} nếu là số thập phân (dấu phẩy ngăn cách phần thập phân)",
                    f"{text!r} is ambiguous: write {whole}{fraction} for the whole number, or "
                    f"{whole},{fraction} for the decimal (a comma marks decimals, as in "
                    "Vietnamese)",
                )
            )
        return _decimal(cleaned, text)
    if _GROUPED.fullmatch(cleaned):
        return _decimal(cleaned.replace(".", "").replace(",", "."), text)
    # Also accept scientific notation and the like, as Decimal itself reads them.
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise NumberFormatError(
            Text(
                f"cần một số như 7,5 hoặc 1.112.320.000, nhận được {_shown(text)}",
                f"expected a number such as 7,5 or 1.112.320.000, got {_shown(text)}",
            )
        ) from None
    if not number.is_finite():
        raise NumberFormatError(
            Text(
                f"cần một số hữu hạn, nhận được {text!r}", f"expected a finite number, got {text!r}"
            )
        )
    return check_range(number, text)


def _decimal(normalised: str, original: str) -> Decimal:
    try:
        number = Decimal(normalised)
    except InvalidOperation:  # pragma: no cover - the patterns above only pass valid digits
        raise NumberFormatError(
            Text(f"cần một số, nhận được {original!r}", f"expected a number, got {original!r}")
        ) from None
    return check_range(number, original)


def parse_rate(value: object, *, percent: bool) -> Fraction:
    """Read a rate exactly, in percent units when ``percent`` is true, else as a ratio in [0, 1].

    ``"93%"``, ``"93,5 %"``, ``93``, ``Decimal("93.5")`` and ``"3/41"`` (three out of forty-one)
    are all accepted. A bare number is taken in the requested unit; a number with a ``%`` sign
    or a ratio of counts is converted. ``"n/0"`` is refused: a ratio needs a non-zero
    denominator.

    Args:
        value: the rate: a number, or text such as "93%", "93,5 %" or "3/41".
        percent: ``True`` for percent units (93), ``False`` for a ratio (0.93).

    Returns:
        The rate, as an exact fraction.

    Raises:
        NumberFormatError: for an answer that is not a rate, or a ratio over 0.
    """
    scale = Fraction(100) if percent else Fraction(1)
    if isinstance(value, Fraction):
        to_decimal(value)  # the same bounds as every other number
        return value
    if isinstance(value, str):
        if _SIMPLE.fullmatch(value):
            return Fraction(Decimal(value.replace(",", ".")))
        cleaned = unicodedata.normalize("NFC", value).strip()
        if cleaned.endswith("%"):
            return Fraction(parse_number(cleaned[:-1])) * scale / 100
        if "/" in cleaned:
            numerator_text, _, denominator_text = cleaned.partition("/")
            numerator = parse_number(numerator_text)
            denominator = parse_number(denominator_text)
            if denominator == 0:
                if numerator == 0:
                    raise NumberFormatError(
                        Text(
                            f"{value!r} là 0 trên 0: tỷ lệ không xác định; đánh dấu tiêu chí "
                            "không áp dụng (NA) nếu không phát sinh",
                            f"{value!r} is 0 out of 0: the rate is undefined; "
                            "mark the criterion not applicable (NA) if nothing arose",
                        )
                    )
                raise NumberFormatError(
                    Text(
                        f"{value!r} chia cho 0: mẫu số phải lớn hơn 0",
                        f"{value!r} divides by zero: the denominator must be > 0",
                    )
                )
            return Fraction(numerator) / Fraction(denominator) * scale
    return Fraction(to_decimal(value))
