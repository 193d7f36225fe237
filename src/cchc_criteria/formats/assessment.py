"""Assessment files (TOML): one unit's declared figures and scores against one set.

The layout::

    set = "quangngai.so.2019"          # the criterion set's id
    unit = "Sở Giáo dục và Đào tạo"
    period = "2019"

    [answers]                          # declared figures, by criterion code
    "7.1.2" = { band = "Từ 90% số văn bản trả lên" }   # the band the unit marked
    "7.1.3" = true                     # yes / no: true, false, "Có", "Không"
    "7.2.2" = "3/41"                   # a rate: 93, "93%", "93,5 %", "3/41"
    "7.4.1" = "NA"                     # not applicable: "NA", "N/A", "Không áp dụng"

    [self_assessed]                    # điểm tự đánh giá (optional)
    "7" = "7,5"

    [appraised]                        # điểm thẩm định (optional)

    [evidence]                         # tài liệu kiểm chứng (optional): text or list of texts
    [explanations]                     # giải trình (optional)

Codes are TOML keys and must be quoted ("7.1.2"), otherwise TOML reads the dots as nesting.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cchc_criteria.errors import InputError
from cchc_criteria.model import NA, Assessment, ChosenBand, nfc
from cchc_criteria.numbers import to_decimal
from cchc_criteria.rules._answers import fold

__all__ = ["load_assessment", "read_assessment"]

_NA_WORDS = frozenset({"na", "n/a", "khong ap dung", "khong phat sinh"})
_TOP_KEYS = frozenset(
    {"set", "unit", "period", "answers", "self_assessed", "appraised", "evidence", "explanations"}
)


def load_assessment(path: str | Path) -> Assessment:
    """Read an assessment file; :class:`~cchc_criteria.InputError` names what is wrong."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot read the file: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            name, f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
    return read_assessment(text, source=name)


def read_assessment(text: str, *, source: str = "<text>") -> Assessment:
    """Read an assessment from TOML text; ``source`` names it in error messages."""
    try:
        document = tomllib.loads(nfc(text))
    except tomllib.TOMLDecodeError as error:
        raise InputError(source, f"not valid TOML: {error}") from None
    problems: list[str] = []
    unknown = sorted(set(document) - _TOP_KEYS)
    if unknown:
        problems.append(
            "unknown key(s) "
            + ", ".join(repr(k) for k in unknown)
            + "; expected: "
            + ", ".join(sorted(_TOP_KEYS))
        )
    tables: dict[str, dict[str, Any]] = {}
    for table in ("answers", "self_assessed", "appraised", "evidence", "explanations"):
        value = document.get(table, {})
        if not isinstance(value, Mapping):
            problems.append(f"[{table}] must be a table of criterion codes")
            value = {}
        tables[table] = dict(value)
    answers: dict[str, object] = {}
    for code, value in tables["answers"].items():
        try:
            answers[code] = _answer(value)
        except ValueError as error:
            problems.append(f"[answers] {code!r}: {error}")
    for table in ("self_assessed", "appraised"):
        for code, value in tables[table].items():
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                problems.append(
                    f'[{table}] {code!r}: expected a number of points such as 1.5 or "1,5", '
                    f"got {value!r}"
                )
    for code, value in tables["evidence"].items():
        if not (
            isinstance(value, str)
            or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            problems.append(f"[evidence] {code!r}: expected a text or a list of texts")
    for code, value in tables["explanations"].items():
        if not isinstance(value, str):
            problems.append(f"[explanations] {code!r}: expected a text")
    for key in ("set", "unit", "period"):
        if key in document and not isinstance(document[key], str | int):
            problems.append(f"{key!r} must be a text")
    if problems:
        raise InputError(source, "; ".join(problems))
    return Assessment(
        answers=answers,
        set_id=_text(document.get("set")),
        unit=str(document.get("unit", "")),
        period=str(document.get("period", "")),
        self_assessed={k: _float_safe(v) for k, v in tables["self_assessed"].items()},
        appraised={k: _float_safe(v) for k, v in tables["appraised"].items()},
        evidence=tables["evidence"],
        explanations=tables["explanations"],
        source=source,
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _float_safe(value: object) -> object:
    # TOML floats become Decimal from their shortest repr, never through binary arithmetic.
    return to_decimal(value) if isinstance(value, float) else value


def _answer(value: object) -> object:
    if isinstance(value, Mapping):
        if set(value) != {"band"}:
            raise ValueError(
                'an inline table answer names a band: { band = 2 } or { band = "label" }'
            )
        ref = value["band"]
        if isinstance(ref, bool) or not isinstance(ref, int | str):
            raise ValueError("band must be a 1-based position or a band's label")
        return ChosenBand(ref)
    if isinstance(value, str):
        if fold(value) in _NA_WORDS:
            return NA
        return value
    if isinstance(value, float):
        return to_decimal(value)
    if isinstance(value, bool | int):
        return value
    raise ValueError(
        'expected a number, a text ("93%", "3/41", "Có"), true/false, "NA" '
        f"or {{ band = … }}, got {type(value).__name__}"
    )
