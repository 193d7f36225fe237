"""Excel workbooks of scorecards and rankings in the official layout (needs openpyxl).

The scorecard sheet has the columns of the published forms — STT | Lĩnh vực/Tiêu chí/Tiêu chí
thành phần | Điểm tối đa | Điểm tự đánh giá | Điểm thẩm định | Ghi chú — and, after them, the
points the figures give. Group rows are bold and are spreadsheet formulas (SUM of their
sub-criteria), so the sheet adds up by itself when a council edits a score.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cchc_criteria.formats.spreadsheet import keep_text
from cchc_criteria.reports._common import LABELS, rows
from cchc_criteria.reports.data import Ranked
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang

__all__ = ["ranking_workbook", "scorecard_workbook"]

#: "0.###" tagged with the Vietnamese locale (0x42A); Excel shows the decimal separator of the
#: reader's system, LibreOffice that of the tag.
NUMBER_FORMAT = "[$-42A]0.###"
_HEADERS = {
    "vi": (
        "STT",
        "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Điểm thẩm định",
        "Ghi chú",
        "Điểm tính theo số liệu",
    ),
    "en": (
        "Code",
        "Area/Criterion/Sub-criterion",
        "Max points",
        "Self-assessed",
        "Appraised",
        "Note",
        "Points from the figures",
    ),
}


def _float(value: Decimal | None) -> float | None:
    # Excel cells hold binary floats; the exact value stays in the JSON and CSV formats.
    return None if value is None else float(value)


def scorecard_workbook(card: Scorecard, *, lang: Lang = "vi") -> bytes:
    """The scorecard as an XLSX workbook (bytes)."""
    lang = "vi" if lang == "vi" else "en"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phiếu điểm" if lang == "vi" else "Scorecard"
    cs = card.criterion_set
    sheet["A1"] = cs.title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = " — ".join(v for v in (cs.id, card.assessment.unit, card.assessment.period) if v)
    header_row = 4
    for column, header in enumerate(_HEADERS[lang], start=1):
        cell = sheet.cell(row=header_row, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    table = rows(card, lang)
    where = {row.node.code: header_row + 1 + i for i, row in enumerate(table)}
    formulas: set[tuple[str, str]] = set()
    for row in table:
        node = row.node
        number = where[node.code]
        sheet.cell(row=number, column=1, value=node.code)
        sheet.cell(row=number, column=2, value=node.title)
        sheet.cell(row=number, column=6, value=row.note or None)
        if node.is_leaf:
            values = (node.published_max, node.self_assessed, node.appraised, node.points)
            for column, value in zip((3, 4, 5, 7), values, strict=True):
                sheet.cell(row=number, column=column, value=_float(value))
        else:
            children = [where[c] for c in node.children if c in where]
            for column in (3, 4, 5, 7):
                letter = get_column_letter(column)
                cells = ",".join(f"{letter}{r}" for r in children)
                cell = sheet.cell(row=number, column=column, value=f"=SUM({cells})")
                formulas.add((sheet.title, cell.coordinate))
            for column in range(1, 8):
                sheet.cell(row=number, column=column).font = Font(bold=True)
        for column in (3, 4, 5, 7):
            sheet.cell(row=number, column=column).number_format = NUMBER_FORMAT
    last = header_row + len(table) + 2
    labels = LABELS[lang]
    sheet.cell(row=last, column=2, value=labels["total"]).font = Font(bold=True)
    sheet.cell(row=last, column=3, value=_float(card.max_points))
    sheet.cell(row=last, column=7, value=_float(card.points))
    sheet.cell(row=last + 1, column=2, value=labels["index"])
    sheet.cell(row=last + 1, column=7, value=None if card.index is None else float(card.index))
    sheet.cell(row=last + 2, column=2, value=labels["grade"])
    sheet.cell(row=last + 2, column=7, value=card.grade or "—")
    for letter, width in zip("ABCDEFG", (9, 70, 12, 14, 14, 30, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    return _save(book, formulas)


def ranking_workbook(ranking: Sequence[Ranked], *, lang: Lang = "vi") -> bytes:
    """A ranking sheet: group, rank, unit, points, max, index, grade, index per area."""
    lang = "vi" if lang == "vi" else "en"
    labels = LABELS[lang]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = labels["ranking"]
    areas: list[str] = []
    for entry in ranking:
        areas += [code for code in entry.card.roots if code not in areas]
    headers = [
        labels["group"],
        labels["rank"],
        labels["unit"],
        labels["total"],
        labels["max"],
        labels["index"],
        labels["grade"],
        *areas,
    ]
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=column, value=header).font = Font(bold=True)
    for number, entry in enumerate(ranking, start=2):
        card = entry.card
        values = [
            entry.group or None,
            entry.rank,
            card.assessment.unit or entry.source,
            float(card.points),
            float(card.max_points),
            _float(card.index),
            card.grade,
            *(_float(card.nodes[c].index) if c in card.nodes else None for c in areas),
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)
    sheet.column_dimensions["C"].width = 50
    return _save(book)


def _save(book: Workbook, formulas: set[tuple[str, str]] | None = None) -> bytes:
    keep_text(book, formulas or set())
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
