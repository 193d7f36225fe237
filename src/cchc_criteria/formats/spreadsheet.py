"""Self-assessment workbooks (XLSX): a blank one to fill in, and reading it back.

Needs the ``xlsx`` extra (openpyxl). The workbook's first sheet, "Kê khai", lists every
criterion as the published table does; the unit fills in the figure (with drop-down lists for
yes/no answers, verdicts and band labels, and number ranges validated), optionally the band it
reached and its self-assessed points. ``cchc score SET filled.xlsx`` reads it back.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from cchc_criteria.errors import CchcError, InputError, Problem
from cchc_criteria.formats._files import read_bytes
from cchc_criteria.model import NA, Assessment, ChosenBand, CriterionSet, says_not_applicable
from cchc_criteria.numbers import format_number, plain, to_decimal
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.text import Text, fold, nfc

__all__ = [
    "FIRST_ROW",
    "HEADERS",
    "HEADER_ROW",
    "LISTS",
    "SHEET",
    "read_workbook",
    "template_workbook",
]

SHEET = "Kê khai"
LISTS = "Danh sách"
HEADERS = (
    "STT",
    "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
    "Điểm tối đa",
    "Cách tính điểm",
    "Số liệu kê khai",
    "Khoảng đạt được",
    "Điểm tự đánh giá",
    "Điểm thẩm định",
    "Tài liệu kiểm chứng",
    "Giải trình",
)
HEADER_ROW = 3  # rows 1–2: the set, the unit, the period and the unit's group
FIRST_ROW = 4


def read_workbook(path: str | Path) -> Assessment:
    """Read a filled-in self-assessment workbook; every problem is reported at once.

    Cells are read as the person who typed them sees them: 93 typed into a percent-formatted
    cell (stored as 0.93) is 93 %, "93,5" typed as text is 93,5, a date cell is a date. A
    formula cell is read by the value Excel saved with it; one with no saved value is a
    problem that names the cell.
    """
    name = str(path)
    try:
        return _read_workbook(path, name)
    except CchcError:
        raise
    except Exception as error:  # openpyxl and its XML parser raise many kinds for bad files
        why = f"{type(error).__name__}: {error}"
        raise InputError(
            name,
            Text(f"không đọc được bảng tính XLSX: {why}", f"not a readable XLSX workbook: {why}"),
        ) from None


MAX_XLSX_BYTES = 256 * 1024 * 1024
"""The most a workbook may hold once unpacked, and the most texts it may share between cells: a
template of a set of 100,000 criteria holds about 300,000. Past either, reading would take
minutes and gigabytes (openpyxl reads every shared text before any cell)."""
MAX_SHARED_STRINGS = 400_000


def _check_size(data: bytes, name: str) -> None:
    """Refuse a workbook that unpacks to more than `MAX_XLSX_BYTES` or shares more
    than `MAX_SHARED_STRINGS` texts, before any of it is parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        return  # openpyxl says what is wrong with it
    with archive:
        unpacked = sum(item.file_size for item in archive.infolist())
        if unpacked > MAX_XLSX_BYTES:
            vi, en = _counts(unpacked, MAX_XLSX_BYTES)
            raise InputError(
                name,
                Text(
                    f"bảng tính giải nén ra {vi[0]} byte; tối đa {vi[1]}",
                    f"the workbook unpacks to {en[0]} bytes; at most {en[1]}",
                ),
            )
        shared = [i for i in archive.infolist() if i.filename.lower().endswith("sharedstrings.xml")]
        for item in shared:
            count = archive.read(item).count(b"<si")
            if count > MAX_SHARED_STRINGS:
                vi, en = _counts(count, MAX_SHARED_STRINGS)
                raise InputError(
                    name,
                    Text(
                        f"bảng tính có {vi[0]} chuỗi văn bản dùng chung; tối đa {vi[1]} (một "
                        "mẫu tự chấm không cần đến thế)",
                        f"the workbook shares {en[0]} texts between its cells; at most {en[1]} "
                        "(a self-assessment template needs far fewer)",
                    ),
                )


def _counts(*numbers: int) -> tuple[list[str], list[str]]:
    """``numbers`` with their thousands grouped, in Vietnamese and in English."""
    vi = [format_number(n, lang="vi", group=True) for n in numbers]
    en = [format_number(n, lang="en", group=True) for n in numbers]
    return vi, en


def _read_workbook(path: str | Path, name: str) -> Assessment:
    # Read once into memory (bounded like every data file): a damaged sheet that fails half
    # way through cannot leave a file handle open.
    data = read_bytes(path)
    _check_size(data, name)
    formulas = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    values = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    try:
        if SHEET not in formulas.sheetnames:
            raise InputError(
                name,
                Text(
                    f"bảng tính không có trang {SHEET!r} (do cchc template tạo)",
                    f"the workbook has no sheet {SHEET!r} (made by cchc template)",
                ),
            )
        rows = zip(
            formulas[SHEET].iter_rows(max_col=_READ_COLUMNS),
            values[SHEET].iter_rows(max_col=_READ_COLUMNS, values_only=True),
            strict=False,
        )
        return _assessment(rows, name)
    finally:
        formulas.close()
        values.close()


# Columns are found by their heading, so a template from an earlier release (without the
# appraised and evidence columns) still reads; these are the fields they fill.
_READ_COLUMNS = 2 * len(HEADERS)
_FIELDS = {
    fold(HEADERS[0]): "code",
    fold(HEADERS[4]): "figure",
    fold(HEADERS[5]): "band",
    fold(HEADERS[6]): "self_assessed",
    fold(HEADERS[7]): "appraised",
    fold(HEADERS[8]): "evidence",
    fold(HEADERS[9]): "explanation",
}


def _columns(shown: list[object], name: str) -> dict[str, int]:
    """Field name → column index, from the heading row."""
    columns: dict[str, int] = {}
    for index, heading in enumerate(shown):
        field = _FIELDS.get(fold(str(heading))) if heading is not None else None
        if field is not None and field not in columns:
            columns[field] = index
    for needed, heading in (("code", HEADERS[0]), ("figure", HEADERS[4])):
        if needed not in columns:
            raise InputError(
                name,
                Text(
                    f"dòng {HEADER_ROW} của trang {SHEET!r} không có cột tiêu đề như "
                    f"{heading!r} (bảng tính không do cchc template tạo, hoặc tiêu đề đã bị "
                    "sửa)",
                    f"row {HEADER_ROW} of sheet {SHEET!r} has no column headed like "
                    f"{heading!r} (the workbook was not made by cchc template, or its headings "
                    "were changed)",
                ),
            )
    return columns


def _assessment(rows: Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]], name: str) -> Assessment:
    problems: list[Problem] = []
    answers: dict[str, object] = {}
    scores: dict[str, dict[str, object]] = {"self_assessed": {}, "appraised": {}}
    evidence: dict[str, list[str]] = {}
    explanations: dict[str, str] = {}
    set_id = unit = period = group = ""
    columns: dict[str, int] = {}
    first_row: dict[str, int] = {}
    for number, (cells, cached) in enumerate(rows, start=1):
        shown = [_shown(cell, value) for cell, value in zip(cells, cached, strict=False)]
        shown += [None] * (_READ_COLUMNS - len(shown))
        missing = [
            cell.coordinate
            for cell, value in zip(cells, cached, strict=False)
            if getattr(cell, "data_type", None) == "f" and value is None
        ]
        if number == 1:
            set_id = str(shown[1] or "")
            continue
        if number == 2:
            unit, period = str(shown[1] or ""), _period(shown[3])
            group = str(shown[5] or "") if fold(str(shown[4] or "")) == "nhom" else ""
            continue
        if number == HEADER_ROW:
            columns = _columns(shown, name)
            continue
        if number < FIRST_ROW:
            continue
        field = {f: shown[i] for f, i in columns.items()}
        if field["code"] is None:
            continue
        code = nfc(str(field["code"]))
        if code in first_row:
            problems.append(
                Problem(
                    Text(
                        f"dòng {number} lặp lại mã {code!r} của dòng {first_row[code]}: mỗi "
                        "tiêu chí chỉ kê khai ở một dòng",
                        f"row {number} repeats the code {code!r} of row {first_row[code]}: "
                        "each criterion is filled in on one row",
                    ),
                    line=number,
                    criterion=code,
                )
            )
            continue
        first_row[code] = number
        for coordinate in missing:
            problems.append(
                Problem(
                    Text(
                        f"ô {coordinate} chứa công thức chưa có giá trị đã lưu: hãy mở bảng "
                        "tính bằng Excel hoặc LibreOffice rồi lưu lại, hoặc gõ số liệu",
                        f"cell {coordinate} holds a formula with no saved value: open the "
                        "workbook in Excel or LibreOffice and save it, or type the figure",
                    ),
                    line=number,
                    criterion=code,
                )
            )
        figure, band = field["figure"], field.get("band")
        if _filled(figure):
            if isinstance(figure, str) and says_not_applicable(figure):
                answers[code] = NA
            elif isinstance(figure, str) and _TABLE.fullmatch(figure.strip()):
                answers[code] = _table(figure)
            elif _filled(band):  # both: the figure is scored, a band it is not in is said
                answers[code] = ChosenBand(nfc(str(band)), figure=figure)
            else:
                answers[code] = figure
        elif _filled(band):
            answers[code] = ChosenBand(nfc(str(band)))
        for kind, heading in (("self_assessed", HEADERS[6]), ("appraised", HEADERS[7])):
            if _filled(field.get(kind)):
                try:
                    scores[kind][code] = to_decimal(field[kind])
                except CchcError as error:
                    said = Text(f"{heading}: {error.text.vi}", f"{heading}: {error.text.en}")
                    problems.append(Problem(said, line=number, criterion=code))
        if _filled(field.get("evidence")):
            references = re.split(r"[;\n]", str(field["evidence"]))
            evidence[code] = [nfc(r.strip()) for r in references if r.strip()]
        if _filled(field.get("explanation")):
            explanations[code] = nfc(str(field["explanation"]))
    if problems:
        raise InputError(name, problems=problems)
    return Assessment(
        answers=answers,
        set_id=nfc(set_id) or None,
        unit=unit,
        period=period,
        group=group,
        self_assessed=scores["self_assessed"],
        appraised=scores["appraised"],
        evidence=evidence,
        explanations=explanations,
        source=name,
    )


def _period(value: object) -> str:
    """The period as typed: a date (Excel turns "2019" typed as 1/1/2019, or a day typed for
    the year, into one) reads as its year."""
    if isinstance(value, datetime):
        return str(value.year)
    if isinstance(value, date):
        return str(value.year)
    return str(value or "")


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""


# Several figures typed in one cell: "rate = 45/50; items = 3" (a semicolon between them, since
# a comma is the decimal separator), braces allowed.
_PAIR = r"\s*[^=;{}\s]+\s*=\s*[^=;{}]+?\s*"
_TABLE = re.compile(rf"\{{?{_PAIR}(?:;{_PAIR})*;?\s*\}}?")


def _table(text: str) -> dict[str, object]:
    pairs = [p for p in text.strip().strip("{}").split(";") if p.strip()]
    table: dict[str, object] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        cleaned = value.strip().strip('"')
        table[nfc(name.strip())] = NA if says_not_applicable(cleaned) else cleaned
    return table


def _excel_digits(value: float) -> Decimal:
    """A cell's binary float at the 15 significant digits Excel keeps."""
    if not math.isfinite(value):
        return to_decimal(value)  # refused there with its message
    return to_decimal(Decimal(format(value, ".15g")))


def _shown(cell: Any, value: object) -> object:
    """A cell's value as the person sees it on screen."""
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return value.date() if value.time() == time() else value
    if isinstance(value, int | float):
        # Excel keeps and shows 15 significant digits: a cell holding 0.8999999999999999
        # (a formula's binary noise) shows, and is, 0.9. Every figure a person types has
        # fewer digits, so it reads back exactly as typed.
        number = to_decimal(value) if isinstance(value, int) else _excel_digits(value)
        if "%" in str(getattr(cell, "number_format", "") or ""):
            return f"{plain(number * 100)}%"  # 0.93 shown as 93 % is 93 %
        return number
    if isinstance(value, str):
        return nfc(value)
    return value


def template_workbook(criterion_set: CriterionSet, *, kinds: RuleKinds) -> bytes:
    """A blank self-assessment workbook for ``criterion_set``, as XLSX bytes (written by
    `cchc_criteria.formats._template_sheet`)."""
    from cchc_criteria.formats._template_sheet import write_template

    return write_template(criterion_set, kinds=kinds)
