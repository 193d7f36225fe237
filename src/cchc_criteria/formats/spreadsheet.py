"""Self-assessment workbooks (XLSX): a blank one to fill in, and reading it back.

Needs the ``xlsx`` extra (openpyxl). The workbook's first sheet, "Kê khai", lists every
criterion as the published table does; the unit fills in the figure (with drop-down lists for
yes/no answers, verdicts and band labels, and number ranges validated), optionally the band it
reached and its self-assessed points. ``cchc score SET filled.xlsx`` reads it back.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterator
from datetime import datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cchc_criteria.errors import CchcError, InputError, Problem
from cchc_criteria.formats._files import read_bytes
from cchc_criteria.formats.template import expected_answer
from cchc_criteria.model import NA, Assessment, ChosenBand, CriterionSet
from cchc_criteria.numbers import to_decimal
from cchc_criteria.registry import rule_kinds
from cchc_criteria.rules.kinds import AnswerCell, RuleKinds
from cchc_criteria.text import fold, nfc

__all__ = ["keep_text", "read_workbook", "template_workbook"]

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
    "Giải trình",
)
_FIRST_ROW = 4  # rows 1–2: the set and the unit; row 3: the headers
_NA_WORDS = frozenset({"na", "n/a", "khong ap dung", "khong phat sinh"})
_YES_NO = ("Có", "Không", "Không áp dụng")


def keep_text(book: Workbook, formulas: Collection[tuple[str, str]] = ()) -> None:
    """Turn back into text every cell that openpyxl took for a formula, except ``formulas``
    (pairs of sheet title and cell coordinate that the library wrote as formulas).

    openpyxl reads any text that starts with "=" as a formula, so a unit named
    ``=HYPERLINK("http://…","x")`` would become a live link; every workbook the library
    writes passes through here before it is saved.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and (sheet.title, cell.coordinate) not in formulas:
                    cell.data_type = "s"


def template_workbook(criterion_set: CriterionSet, *, kinds: RuleKinds | None = None) -> bytes:
    """A blank self-assessment workbook for ``criterion_set``, as XLSX bytes: each answer
    cell offers what the criterion's rule kind says (a drop-down, a validated range)."""
    kinds = kinds or rule_kinds()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    sheet["A1"], sheet["B1"] = "Bộ tiêu chí", criterion_set.id
    sheet["C1"] = criterion_set.title
    sheet["A2"], sheet["B2"] = "Đơn vị", ""
    sheet["C2"], sheet["D2"] = "Kỳ đánh giá", ""
    for column, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=3, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF7")
    yes_no = DataValidation(type="list", formula1=f'"{",".join(_YES_NO)}"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    list_column = 0
    row = _FIRST_ROW
    for criterion in criterion_set.walk():
        sheet.cell(row=row, column=1, value=criterion.code)
        sheet.cell(row=row, column=2, value=criterion.title)
        sheet.cell(row=row, column=3, value=float(criterion.max_points))
        rule = criterion.rule
        if rule is None:
            for column in (1, 2, 3):
                sheet.cell(row=row, column=column).font = Font(bold=True)
        else:
            hint = expected_answer(rule, criterion, kinds)
            how = f"{rule.describe(criterion.max_points)}\n({hint})"
            sheet.cell(row=row, column=4, value=how).alignment = Alignment(wrap_text=True)
            answer = sheet.cell(row=row, column=5)
            kind = kinds.of_rule(rule)
            offer = kind.cell(rule, criterion.max_points) if kind is not None else AnswerCell()
            if offer.choices == _YES_NO:
                yes_no.add(answer.coordinate)
            elif offer.choices:
                list_column += 1
                _list(sheet, lists, list_column, list(offer.choices), answer.coordinate)
            elif offer.low is not None or offer.high is not None:
                check = DataValidation(
                    type="whole" if offer.whole else "decimal",
                    operator="between" if offer.high is not None else "greaterThanOrEqual",
                    formula1=str(offer.low if offer.low is not None else 0),
                    formula2=None if offer.high is None else str(offer.high),
                    allow_blank=True,
                )
                if offer.high is not None:
                    check.error = f"Nhập số từ {offer.low or 0} đến {offer.high}"
                sheet.add_data_validation(check)
                check.add(answer.coordinate)
            if offer.bands:
                list_column += 1
                _list(sheet, lists, list_column, list(offer.bands), f"F{row}")
        row += 1
    widths = {"A": 8, "B": 60, "C": 10, "D": 60, "E": 18, "F": 40, "G": 14, "H": 40}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    keep_text(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _list(sheet: Worksheet, lists: Worksheet, column: int, labels: list[str], cell: str) -> None:
    """A drop-down list in ``cell`` of the labels, kept in a column of the hidden sheet."""
    letter = get_column_letter(column)
    for number, label in enumerate(labels, start=1):
        lists.cell(row=number, column=column, value=label)
    validation = DataValidation(
        type="list", formula1=f"'{LISTS}'!${letter}$1:${letter}${len(labels)}", allow_blank=True
    )
    sheet.add_data_validation(validation)
    validation.add(cell)


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
        raise InputError(
            name, f"not a readable XLSX workbook: {type(error).__name__}: {error}"
        ) from None


def _read_workbook(path: str | Path, name: str) -> Assessment:
    # Read once into memory (bounded like every data file): a damaged sheet that fails half
    # way through cannot leave a file handle open.
    data = read_bytes(path)
    formulas = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    values = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    try:
        if SHEET not in formulas.sheetnames:
            raise InputError(name, f"the workbook has no sheet {SHEET!r} (made by cchc template)")
        rows = zip(
            formulas[SHEET].iter_rows(max_col=len(HEADERS)),
            values[SHEET].iter_rows(max_col=len(HEADERS), values_only=True),
            strict=False,
        )
        return _assessment(rows, name)
    finally:
        formulas.close()
        values.close()


def _assessment(rows: Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]], name: str) -> Assessment:
    problems: list[Problem] = []
    answers: dict[str, object] = {}
    declared: dict[str, object] = {}
    explanations: dict[str, str] = {}
    set_id = unit = period = ""
    for number, (cells, cached) in enumerate(rows, start=1):
        shown = [_shown(cell, value) for cell, value in zip(cells, cached, strict=False)]
        shown += [None] * (len(HEADERS) - len(shown))
        missing = [
            cell.coordinate
            for cell, value in zip(cells, cached, strict=False)
            if getattr(cell, "data_type", None) == "f" and value is None
        ]
        if number == 1:
            set_id = str(shown[1] or "")
            continue
        if number == 2:
            unit, period = str(shown[1] or ""), str(shown[3] or "")
            continue
        if number < _FIRST_ROW or shown[0] is None:
            continue
        code = nfc(str(shown[0]))
        for coordinate in missing:
            problems.append(
                Problem(
                    f"cell {coordinate} holds a formula with no saved value: open the "
                    "workbook in Excel or LibreOffice and save it, or type the figure",
                    line=number,
                    criterion=code,
                )
            )
        figure, band, self_score, explanation = shown[4], shown[5], shown[6], shown[7]
        if figure is not None and str(figure).strip() != "":
            if isinstance(figure, str) and fold(figure) in _NA_WORDS:
                answers[code] = NA
            elif isinstance(figure, str) and _TABLE.fullmatch(figure.strip()):
                answers[code] = _table(figure)
            else:
                answers[code] = figure
        elif band is not None and str(band).strip() != "":
            answers[code] = ChosenBand(nfc(str(band)))
        if self_score is not None and str(self_score).strip() != "":
            try:
                declared[code] = to_decimal(self_score)
            except CchcError as error:
                problems.append(Problem(f"Điểm tự đánh giá: {error}", line=number, criterion=code))
        if explanation:
            explanations[code] = nfc(str(explanation))
    if problems:
        raise InputError(name, problems=problems)
    return Assessment(
        answers=answers,
        set_id=nfc(set_id) or None,
        unit=unit,
        period=period,
        self_assessed=declared,
        explanations=explanations,
        source=name,
    )


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
        table[nfc(name.strip())] = NA if fold(cleaned) in _NA_WORDS else cleaned
    return table


def _shown(cell: Any, value: object) -> object:
    """A cell's value as the person sees it on screen."""
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return value.date() if value.time() == time() else value
    if isinstance(value, int | float):
        number = to_decimal(value)
        if "%" in str(getattr(cell, "number_format", "") or ""):
            return f"{number * 100}%"  # 0.93 shown as 93 % is 93 %
        return number
    if isinstance(value, str):
        return nfc(value)
    return value
