"""How every workbook the library writes looks and prints (needs openpyxl).

Shared by the self-assessment template (`cchc_criteria.formats.spreadsheet`) and the
reports (`cchc_criteria.reports.xlsx`): number formats, headings, borders, row heights,
A4 page setup, and the guard that keeps text from becoming a formula.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar, cast

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cchc_criteria.text import printable

__all__ = [
    "INDEX_FORMAT",
    "NUMBER_FORMAT",
    "cell_text",
    "grid",
    "header_row",
    "keep_text",
    "print_setup",
]

NUMBER_FORMAT = "[$-42A]General"
"""Points: as many decimals as the value has, none for a whole number ("7", "7,5"), in the
Vietnamese locale (0x42A) — LibreOffice shows the tag's decimal comma, Excel the reader's."""
INDEX_FORMAT = '[$-42A]0.00" %"'
"""Indices: two decimals and a percent sign ("46,15 %"); the cell holds the exact value."""
_Value = TypeVar("_Value")
_THIN = Side(style="thin", color="808080")
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF7")


def cell_text(value: _Value) -> _Value:
    """``value`` as a cell may hold it: a text's control characters (which a workbook cannot
    store) shown as escapes (``\\u001b``), as a terminal shows them; anything else as it is.
    Every text the library writes into a workbook passes through here."""
    return cast(_Value, printable(value)) if isinstance(value, str) else value


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


def print_setup(sheet: Worksheet, *, title_rows: str, landscape: bool = True) -> None:
    """Make ``sheet`` print on A4 as delivered: one page wide, ``title_rows`` ("4:4") repeated
    on every page, narrow margins, the sheet's name above and page numbers below."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = title_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.print_options.horizontalCentered = True
    header, footer = sheet.oddHeader, sheet.oddFooter
    if header is not None and header.center is not None:
        header.center.text = "&A"  # the sheet's name
    if footer is not None and footer.center is not None:
        footer.center.text = "&P / &N"


def header_row(sheet: Worksheet, row: int, headers: Collection[str]) -> None:
    """Column headings in ``row``: bold, shaded, wrapped, centred."""
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=column, value=cell_text(header))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def grid(sheet: Worksheet, first_row: int, last_row: int, columns: int) -> None:
    """Thin borders on every cell of the block; text wraps and sits at the top of its cell;
    each row is as tall as its longest wrapped text (neither Excel nor LibreOffice sizes the
    rows of a file they did not write, so wrapped lines would print over each other)."""
    border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    widths = [
        sheet.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, columns + 1)
    ]
    for number, row in enumerate(
        sheet.iter_rows(min_row=first_row, max_row=last_row, max_col=columns), start=first_row
    ):
        lines = 1
        for cell, width in zip(row, widths, strict=True):
            cell.border = border
            if cell.alignment.horizontal != "center":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                lines = max(lines, _lines(cell.value, width, bold=bool(cell.font.b)))
        if lines > 1:
            sheet.row_dimensions[number].height = _LINE_HEIGHT * lines + 2


_LINE_HEIGHT = 15  # points, for the default 11-point font


def _lines(text: str, width: float, *, bold: bool) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide (an estimate
    that errs on the tall side: a row too tall prints, one too short hides text)."""
    usable = max(width - 1.0, 1.0) / (1.1 if bold else 1.0)
    count = 0
    for part in text.split("\n"):
        words, line = part.split(), 0
        count += 1
        for word in words:
            if line and line + 1 + len(word) > usable:
                count += 1
                line = len(word)
            else:
                line += (1 if line else 0) + len(word)
    return count
