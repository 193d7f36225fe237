"""The blank self-assessment workbook (needs openpyxl): every criterion as the published
table lists it, and the cells a unit fills in — with drop-downs, validated ranges, a prompt in
plain Vietnamese for each answer, and the rows whose figure may be a ratio ("3/41") kept as
text, so that Excel does not turn it into a date. Read back by
`cchc_criteria.formats.spreadsheet.read_workbook`."""

from __future__ import annotations

import io
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from cchc_criteria.formats.sheets import (
    NUMBER_FORMAT,
    cell_text,
    grid,
    header_row,
    keep_text,
    print_setup,
)
from cchc_criteria.formats.spreadsheet import FIRST_ROW, HEADER_ROW, HEADERS, LISTS, SHEET
from cchc_criteria.formats.template import expected_answer
from cchc_criteria.model import CriterionSet
from cchc_criteria.numbers import format_number
from cchc_criteria.rules.kinds import AnswerCell, RuleKinds

__all__ = ["write_template"]

_Kind = Literal["whole", "decimal", "list"]
_WIDTHS = (11, 48, 9, 48, 16, 28, 11, 11, 28, 30)
_YES_NO = ("Có", "Không", "Không áp dụng")
_ANSWER_FILL = PatternFill("solid", fgColor="FFF9E0")
# Excel refuses validation texts longer than these.
_TITLE_LIMIT, _MESSAGE_LIMIT = 32, 250


def _validation(kind: _Kind, *, title: str, message: str, **options: Any) -> DataValidation:
    """A data validation that stops an impossible entry, with its reason shown."""
    return DataValidation(
        type=kind,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=title[:_TITLE_LIMIT],
        error=message[:_MESSAGE_LIMIT],
        **options,
    )


def write_template(criterion_set: CriterionSet, *, kinds: RuleKinds) -> bytes:
    """A blank self-assessment workbook for ``criterion_set``, as XLSX bytes.

    Each answer cell offers what the criterion's rule kind says (a drop-down, a validated
    range) and stops an impossible entry. The sheet is protected without a password: the
    codes, titles, max points and rules are locked; the cells a unit fills in (the unit, the
    period, its group; figures, bands, self-assessed and appraised points, evidence and
    explanations of every scored criterion) are not. It prints on A4, one page wide.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    sheet["A1"], sheet["B1"] = "Bộ tiêu chí", criterion_set.id
    sheet["C1"] = cell_text(criterion_set.title)
    sheet["A2"], sheet["C2"], sheet["E2"] = "Đơn vị", "Kỳ đánh giá", "Nhóm"
    for coordinate in ("A1", "A2", "C2", "E2"):
        sheet[coordinate].font = Font(bold=True)
    for coordinate in ("B2", "D2", "F2"):
        _answer(sheet[coordinate])
    # The period as text: "2019" or "quý I/2019" stays as typed, never a date.
    sheet["D2"].number_format = "@"
    if criterion_set.groups:
        list_column = 1
        _list(sheet, lists, list_column, list(criterion_set.groups), "F2")
    else:
        list_column = 0
    header_row(sheet, HEADER_ROW, HEADERS)
    yes_no = _validation(
        "list",
        formula1=f'"{",".join(_YES_NO)}"',
        title="Có hoặc Không",
        message="Chọn trong danh sách: " + ", ".join(_YES_NO),
    )
    sheet.add_data_validation(yes_no)
    row = FIRST_ROW
    for criterion in criterion_set.walk():
        sheet.cell(row=row, column=1, value=cell_text(criterion.code))
        sheet.cell(row=row, column=2, value=cell_text(criterion.title))
        top = sheet.cell(row=row, column=3, value=float(criterion.max_points))
        top.number_format = NUMBER_FORMAT
        rule = criterion.rule
        points = _validation(
            "decimal",
            operator="between",
            formula1="0",
            formula2=str(criterion.max_points),
            title=f"Tiêu chí {criterion.code}"[:_TITLE_LIMIT],
            message=f"Điểm từ 0 đến {format_number(criterion.max_points)}",
        )
        sheet.add_data_validation(points)
        points.add(f"G{row}:H{row}")
        if rule is None:
            # A group: its self-assessed and appraised totals may be typed (the scorecard then
            # shows them as declared and checks them against the sum of its criteria).
            for column in (1, 2, 3):
                sheet.cell(row=row, column=column).font = Font(bold=True)
            for column in (7, 8):
                _answer(sheet.cell(row=row, column=column))
            row += 1
            continue
        kind = kinds.of_rule(rule)
        offer = kind.cell(rule, criterion.max_points) if kind is not None else AnswerCell()
        hint = _plain_hint(offer, expected_answer(rule, criterion, kinds=kinds))
        sheet.cell(
            row=row, column=4, value=cell_text(f"{rule.describe(criterion.max_points)}\n({hint})")
        )
        for column in range(5, len(HEADERS) + 1):
            _answer(sheet.cell(row=row, column=column))
        answer = sheet.cell(row=row, column=5)
        if offer.choices == _YES_NO:
            yes_no.add(answer.coordinate)
        elif offer.choices:
            list_column += 1
            _list(sheet, lists, list_column, list(offer.choices), answer.coordinate)
        elif offer.ratio:
            # A rate may be typed as a ratio of counts ("3/41"): the cell is text, so Excel
            # keeps what was typed (a number cell would make 3/41 a date); the prompt says
            # what to type and scoring checks the range.
            answer.number_format = "@"
            prompt = DataValidation(
                type=None,
                allow_blank=True,
                showInputMessage=True,
                promptTitle=f"Tiêu chí {criterion.code}"[:_TITLE_LIMIT],
                prompt=hint[:_MESSAGE_LIMIT],
            )
            sheet.add_data_validation(prompt)
            prompt.add(answer.coordinate)
        elif offer.low is not None or offer.high is not None:
            low = offer.low if offer.low is not None else 0
            check = _validation(
                "whole" if offer.whole else "decimal",
                operator="between" if offer.high is not None else "greaterThanOrEqual",
                formula1=str(low),
                formula2=None if offer.high is None else str(offer.high),
                title=f"Tiêu chí {criterion.code}"[:_TITLE_LIMIT],
                message=(
                    f"Nhập số từ {low} đến {offer.high}"
                    if offer.high is not None
                    else f"Nhập số từ {low} trở lên"
                )
                + (" (số nguyên)" if offer.whole else "")
                + f". {hint}",
            )
            sheet.add_data_validation(check)
            check.add(answer.coordinate)
        if offer.bands:
            list_column += 1
            _list(sheet, lists, list_column, list(offer.bands), f"F{row}")
        row += 1
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    grid(sheet, HEADER_ROW, row - 1, len(HEADERS))
    sheet.freeze_panes = f"C{FIRST_ROW}"
    print_setup(sheet, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    # No password: the lock keeps hands off the published text, it is not a secret.
    sheet.protection = SheetProtection(
        sheet=True, formatColumns=False, formatRows=False, formatCells=False
    )
    keep_text(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _plain_hint(offer: AnswerCell, hint: str) -> str:
    """What to type, in plain Vietnamese for a person at a spreadsheet (the kind's hint is
    written for a TOML file: ``true``, ``{ band = 1 }``)."""
    if offer.choices:
        said = "Chọn trong danh sách: " + " / ".join(offer.choices)
    elif offer.ratio and offer.high is not None:
        top = format_number(offer.high)
        said = (
            f"Gõ tỷ lệ từ 0 đến {top}: 93 hoặc 93,5%; hoặc tỷ số như 3/41"
            if offer.high == 100
            else f"Gõ tỷ lệ từ 0 đến {top}: 0,93; hoặc tỷ số như 3/41"
        )
    elif offer.whole:
        said = "Gõ số lượng (số nguyên), ví dụ 4"
    else:
        said = "Gõ " + _untoml(hint)
    if offer.bands:
        said += "; hoặc chọn khoảng đạt được ở cột «Khoảng đạt được»"
    if "Không áp dụng" in offer.choices:
        return said
    return said + "; không áp dụng: gõ «Không áp dụng»"


def _untoml(hint: str) -> str:
    """A kind's hint without the syntax of a TOML file: a table's braces go (the cell reads
    "tên = giá trị; tên = giá trị"), true/false are Có/Không."""
    text = hint.replace("true / false", "Có / Không").replace("true/false", "Có/Không")
    if "{" in text:
        inside = text[text.index("{") + 1 : text.rindex("}")] if "}" in text else ""
        pairs = "; ".join(part.strip() for part in inside.split(","))
        text = text[: text.index("{")] + pairs + text[text.rindex("}") + 1 :]
    return " ".join(text.split())


def _answer(cell: Any) -> None:
    """A cell the unit fills in: unlocked on the protected sheet, shaded."""
    cell.protection = Protection(locked=False)
    cell.fill = _ANSWER_FILL


def _list(sheet: Worksheet, lists: Worksheet, column: int, labels: list[str], cell: str) -> None:
    """A drop-down list in ``cell`` of the labels, kept in a column of the hidden sheet."""
    letter = get_column_letter(column)
    for number, label in enumerate(labels, start=1):
        lists.cell(row=number, column=column, value=cell_text(label))
    validation = _validation(
        "list",
        formula1=f"'{LISTS}'!${letter}$1:${letter}${len(labels)}",
        title="Chọn trong danh sách",
        message="Chọn một mục trong danh sách thả xuống.",
    )
    sheet.add_data_validation(validation)
    validation.add(cell)
