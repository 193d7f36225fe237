"""What every workbook the reports write shares (needs openpyxl): the book and the values
saved beside its formulas, the official font, the letterhead above a sheet's table and the
signatures below it, and the number format that shows points rounded as the set says."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc_criteria.formats.sheets import NUMBER_FORMAT, cell_text, keep_text
from cchc_criteria.model import RoundingPolicy
from cchc_criteria.reports._official import Letterhead
from cchc_criteria.text import Lang

__all__ = [
    "FONT_NAME",
    "Book",
    "as_float",
    "font",
    "letterhead_rows",
    "note_row",
    "points_format",
    "signature_rows",
]

FONT_NAME = "Times New Roman"
"""Official documents are set in Times New Roman, 12 to 13 points."""
_SIZE = 12


def font(*, bold: bool = False, italic: bool = False, size: float = _SIZE) -> Font:
    """The official font, bold or italic as asked."""
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


_Cached = dict[tuple[str, str], float]


def _float(value: Decimal | None) -> float | None:
    # Excel cells hold binary floats; the exact value stays in the JSON and CSV formats.
    return None if value is None else float(value)


class Book:
    """A workbook being written: the formulas it holds and the values to save with them."""

    def __init__(self) -> None:
        self.book = Workbook()
        default = self.book.active
        if default is not None:
            self.book.remove(default)
        # Every cell in the official font unless it says otherwise (openpyxl has no public
        # setter for the workbook's default font: its "Normal" style is changed).
        for style in self.book._named_styles:  # type: ignore[attr-defined]
            if style.name == "Normal":
                style.font = font()
        self.formulas: set[tuple[str, str]] = set()
        self.cached: _Cached = {}

    def sheet(self, title: str) -> Worksheet:
        sheet: Worksheet = self.book.create_sheet(title)
        return sheet

    def formula(self, sheet: Worksheet, coordinate: str, formula: str, value: float) -> None:
        """Write ``formula`` with the value it computes, saved beside it."""
        sheet[coordinate] = formula
        sheet[coordinate].number_format = NUMBER_FORMAT
        self.formulas.add((sheet.title, coordinate))
        self.cached[(sheet.title, coordinate)] = value

    def save(self) -> bytes:
        keep_text(self.book, self.formulas)
        _official_fonts(self.book)
        buffer = io.BytesIO()
        self.book.save(buffer)
        titles = [sheet.title for sheet in self.book.worksheets]
        return with_cached_values(buffer.getvalue(), titles, self.cached)


def _official_fonts(book: Workbook) -> None:
    """Every cell written in another font (openpyxl's default, or a bold one made without a
    name) in the official font, its weight, slant and size kept (11 points becomes 12)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                current = cell.font
                if current.name == FONT_NAME:
                    continue
                size = current.sz if current.sz not in (None, 11) else _SIZE
                cell.font = Font(
                    name=FONT_NAME,
                    size=size,
                    bold=current.b,
                    italic=current.i,
                    underline=current.u,
                    color=current.color,
                )


# openpyxl writes a formula with an empty value (<v />); the cells named here get theirs.
_FORMULA_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"[^>]*>)(<f>[^<]*</f>)<v\s*/>')


def with_cached_values(data: bytes, titles: Sequence[str], cached: _Cached) -> bytes:
    """The saved workbook ``data`` with the value of every formula cell in ``cached`` written
    beside its formula (openpyxl cannot write them itself)."""
    if not cached:
        return data
    by_part = {
        f"xl/worksheets/sheet{number}.xml": title for number, title in enumerate(titles, start=1)
    }
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            title = by_part.get(item.filename)
            if title is not None:

                def fill(match: re.Match[bytes], title: str = title) -> bytes:
                    value = cached.get((title, match.group(2).decode()))
                    if value is None:
                        return match.group(0)
                    return match.group(1) + match.group(3) + f"<v>{value!r}</v>".encode()

                content = _FORMULA_CELL.sub(fill, content)
            target.writestr(item, content)
    return out.getvalue()


def as_float(value: Decimal | None) -> float | None:
    """A cell's value: Excel cells hold binary floats; the exact value stays in the JSON and
    CSV formats."""
    return None if value is None else float(value)


def points_format(value: float | None, rounding: RoundingPolicy) -> str:
    """The number format of a points cell holding ``value``: as many decimals as the value
    has, up to the set's rounding (else two) — a value with more is shown rounded to them
    ("7,57"; the cell keeps the exact value the formulas add up)."""
    if value is None:
        return NUMBER_FORMAT
    places = rounding.display_places
    if abs(round(value, places) - value) < 1e-9:
        return NUMBER_FORMAT
    return f"[$-42A]0.{'0' * places}" if places else "[$-42A]0"


def _merged(sheet: Worksheet, row: int, first: int, last: int, text: str, style: Font) -> None:
    cell = sheet.cell(row=row, column=first, value=cell_text(text) or None)
    cell.font = style
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if last > first:
        sheet.merge_cells(f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}")


def letterhead_rows(
    sheet: Worksheet,
    letterhead: Letterhead,
    lang: Lang,
    left: tuple[int, int],
    right: tuple[int, int],
) -> int:
    """The letterhead in the first three rows — the authority, the unit and the document
    number in the ``left`` columns, the national name, the motto and the place and date in
    the ``right`` ones (first and last column of each) — and the next free row."""
    national, motto = letterhead.motto(lang)
    lefts = (letterhead.authority.upper(), letterhead.unit.upper(), letterhead.number)
    rights = (national, motto, letterhead.place_date)
    styles = (
        (font(), font(bold=True)),
        (font(bold=True), font(bold=True)),
        (font(), font(italic=True)),
    )
    for row, (one, other, (left_style, right_style)) in enumerate(
        zip(lefts, rights, styles, strict=True), start=1
    ):
        _merged(sheet, row, *left, one, left_style)
        _merged(sheet, row, *right, other, right_style)
    return 5


def note_row(sheet: Worksheet, row: int, columns: int, text: str, style: Font) -> None:
    """A line of text across the sheet (what the card's state is, how it is rounded)."""
    cell = sheet.cell(row=row, column=1, value=cell_text(text))
    cell.font = style
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(f"A{row}:{get_column_letter(columns)}{row}")
    widths = sum(
        sheet.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, columns + 1)
    )
    lines = max(1, -(-len(text) // max(int(widths), 1)))
    sheet.row_dimensions[row].height = 17 * lines


def signature_rows(
    sheet: Worksheet,
    row: int,
    letterhead: Letterhead,
    lang: Lang,
    spans: Sequence[tuple[int, int]],
) -> int:
    """The signature block from ``row``: each signer's title and what to write under it,
    in one of ``spans`` (first and last column) each, left to right; the last span is the
    head of the unit's. Room to sign below; the row after the block is returned."""
    signers = letterhead.signers(lang)
    if len(signers) == 1:
        places = [spans[-1]]  # the head of the unit signs on the right
    elif len(signers) == 2:
        places = [spans[0], spans[-1]]
    else:
        places = list(spans)
    for (title, how), (first, last) in zip(signers, places, strict=False):
        _merged(sheet, row, first, last, title, font(bold=True))
        _merged(sheet, row + 1, first, last, how, font(italic=True))
    for blank in range(row + 2, row + 6):
        sheet.row_dimensions[blank].height = 18
    return row + 6
