"""File keys shared by the rule kinds: awards, band edges, numbers.

A criterion set file writes a band as ``{ label = "…", from = 90, points = 1 }`` and an option as
``{ label = "Tốt", share = "75%" }``. These functions read such tables (a person's numbers read
leniently, edges in English or in the table's Vietnamese words) and write them back in one
canonical form, so that read → write → read gives equal objects. Each rule kind uses them for
its own keys; every problem raises `InvalidValueError`.

``what`` and ``where`` name the table being read ("a band", "option 'Tốt'") in both
languages — a `Text`, or a plain string used for both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from cchc_criteria.dates import day_in_vietnam, parse_date
from cchc_criteria.errors import InvalidValueError, Message, as_text
from cchc_criteria.model import Formula, FractionOfMax, Linear, Lower, Points, Upper
from cchc_criteria.numbers import decimal_of, parse_rate, plain, to_decimal
from cchc_criteria.text import Text, fold

__all__ = [
    "award_keys",
    "choice_error",
    "edge_keys",
    "mapping",
    "no_leftovers",
    "plain_number",
    "read_award",
    "read_day",
    "read_decimal",
    "read_edges",
]

_LOWER = {"from": True, "tu": True, "above": False, "tren": False}
_UPPER = {"to": True, "den": True, "below": False, "duoi": False}
_AWARDS = ("points", "share", "formula", "multiplier")


def read_decimal(value: object) -> Decimal:
    """A number from a file, read as a person typed it (``numbers.to_decimal``)."""
    return to_decimal(value)


def read_day(value: object, where: Message = "") -> date:
    """A day from a file: a TOML date, a date-time (the day it is in Vietnam, UTC+7:
    ``dates.day_in_vietnam``) or text such as "23/8/2019" or "ngày 23 tháng 8 năm 2019"
    (``dates.parse_date``). ``where`` names the key in the message, when the caller's message
    does not already."""
    if isinstance(value, datetime):
        return day_in_vietnam(value)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    place = as_text(where)
    vi, en = (f"{place.vi}: ", f"{place.en}: ") if place.en else ("", "")
    raise InvalidValueError(
        Text(
            f'{vi}cần một ngày như "23/8/2019", nhận được {value!r}',
            f'{en}expected a date such as "23/8/2019", got {value!r}',
        )
    )


def plain_number(value: Decimal) -> int | float | str:
    """A Decimal as the plainest value a file can hold and read back exactly.

    Whole numbers become integers; a value whose shortest float repr is itself becomes a float
    (1.5); anything longer is written as text with a decimal comma ("0,3333…"), never rounded.
    """
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return plain(value).replace(".", ",")


def mapping(value: object, what: Message) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        name = as_text(what)
        raise InvalidValueError(
            Text(
                f"cần {name.vi} (một bảng), nhận được {value!r}",
                f"expected {name.en} (a table), got {value!r}",
            )
        )
    return {str(k): v for k, v in value.items()}


def read_award(data: dict[str, Any], where: Message) -> Points | FractionOfMax | Linear | Formula:
    place = as_text(where)
    present = [k for k in _AWARDS if k in data]
    if len(present) != 1:
        raise InvalidValueError(
            Text(
                f'{place.vi} cần đúng một cách cho điểm: points = 1, share = "75%", '
                f'formula = "value * 1.5 / 100" hoặc multiplier = …; '
                f"nhận được {present or 'không có'}",
                f'{place.en} needs exactly one award: points = 1, share = "75%", '
                f'formula = "value * 1.5 / 100" or multiplier = …; got {present or "none"}',
            )
        )
    kind = present[0]
    extra = {"cap", "round"} if kind in ("formula", "multiplier") else set()
    if kind == "multiplier":
        extra |= {"divisor", "offset"}
    if kind == "points":
        return Points(read_decimal(data.pop("points")))
    if kind == "share":
        share = data.pop("share")
        if isinstance(share, str) and "%" in share:
            return FractionOfMax(decimal_of(parse_rate(share, percent=False)))
        return FractionOfMax(read_decimal(share))
    cap = data.pop("cap", None)
    places = data.pop("round", None)
    if places is not None and (isinstance(places, bool) or not isinstance(places, int)):
        raise InvalidValueError(
            Text(
                f"{place.vi}: round là số chữ số thập phân, nhận được {places!r}",
                f"{place.en}: round is a number of decimals, got {places!r}",
            )
        )
    cap_value = None if cap is None else read_decimal(cap)
    if kind == "formula":
        text = data.pop("formula")
        if not isinstance(text, str):
            raise InvalidValueError(
                Text(
                    f"{place.vi}: formula phải là một chuỗi, nhận được {text!r}",
                    f"{place.en}: formula must be a text, got {text!r}",
                )
            )
        return Formula(text, cap=cap_value, places=places)
    return Linear(
        read_decimal(data.pop("multiplier")),
        read_decimal(data.pop("divisor", 1)),
        read_decimal(data.pop("offset", 0)),
        cap=cap_value,
        places=places,
    )


def award_keys(award: Points | FractionOfMax | Linear | Formula) -> dict[str, Any]:
    if isinstance(award, Points):
        return {"points": plain_number(award.points)}
    if isinstance(award, FractionOfMax):
        return {"share": plain_number(award.fraction)}
    result: dict[str, Any]
    if isinstance(award, Formula):
        result = {"formula": award.text}
    else:
        result = {"multiplier": plain_number(award.multiplier)}
        if award.divisor != 1:
            result["divisor"] = plain_number(award.divisor)
        if award.offset:
            result["offset"] = plain_number(award.offset)
    if award.cap is not None:
        result["cap"] = plain_number(award.cap)
    if award.places is not None:
        result["round"] = award.places
    return result


def read_edges(data: dict[str, Any], where: Message) -> tuple[Lower | None, Upper | None]:
    place = as_text(where)
    lower: Lower | None = None
    upper: Upper | None = None
    for key in list(data):
        folded = fold(key)
        if folded in _LOWER:
            if lower is not None:
                raise InvalidValueError(
                    Text(f"{place.vi} có hai cận dưới", f"{place.en} has two lower edges")
                )
            lower = Lower(read_decimal(data.pop(key)), inclusive=_LOWER[folded])
        elif folded in _UPPER:
            if upper is not None:
                raise InvalidValueError(
                    Text(f"{place.vi} có hai cận trên", f"{place.en} has two upper edges")
                )
            upper = Upper(read_decimal(data.pop(key)), inclusive=_UPPER[folded])
    return lower, upper


def edge_keys(lower: Lower | None, upper: Upper | None) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if lower is not None:
        result["from" if lower.inclusive else "above"] = plain_number(lower.value)
    if upper is not None:
        result["to" if upper.inclusive else "below"] = plain_number(upper.value)
    return result


def no_leftovers(data: dict[str, Any], where: Message, allowed: str) -> None:
    """Refuse the keys left in ``data`` after reading; ``allowed`` lists the keys (file words,
    the same in both languages)."""
    if data:
        place = as_text(where)
        keys = ", ".join(sorted(data))
        raise InvalidValueError(
            Text(
                f"{place.vi}: không có khóa {keys}; các khóa được dùng: {allowed}",
                f"{place.en}: unknown key(s) {keys}; expected {allowed}",
            )
        )


def choice_error(key: str, choices: Sequence[str], got: object) -> InvalidValueError:
    """The error for a ``key`` whose value is not one of ``choices`` ('days must be "calendar"
    or "working", got …')."""
    quoted = [f'"{c}"' for c in choices]
    if len(quoted) == 2:
        vi, en = f"{quoted[0]} hoặc {quoted[1]}", f"{quoted[0]} or {quoted[1]}"
    else:
        vi, en = "một trong " + ", ".join(quoted), "one of " + ", ".join(quoted)
    return InvalidValueError(
        Text(f"{key} phải là {vi}, nhận được {got!r}", f"{key} must be {en}, got {got!r}")
    )
