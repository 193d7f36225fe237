"""Excel workbooks of scorecards and rankings in the official layout (needs openpyxl).

The scorecard sheet has the columns of the published forms — STT | Lĩnh vực/Tiêu chí/Tiêu chí
thành phần | Điểm tối đa | Điểm tự đánh giá | Điểm thẩm định | Ghi chú — and, after them, the
points the figures give. Group rows and the totals are spreadsheet formulas (a group adds its
sub-criteria as the set does: deductions subtract, the sum is held to [0, max]; the total adds
the areas; the index divides), so the sheet adds up by itself when a council edits a score.
Every formula is saved with its value, so readers without a calculation engine (pandas,
viewers, previews) see numbers. Two more sheets say how each criterion was scored ("Cách
tính") and list the findings ("Phát hiện"). Every sheet prints on A4, one page wide.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc_criteria.formats.sheets import (
    INDEX_FORMAT,
    NUMBER_FORMAT,
    cell_text,
    grid,
    header_row,
    keep_text,
    print_setup,
)
from cchc_criteria.model import Role
from cchc_criteria.reports._common import LABELS, SEVERITY, rows
from cchc_criteria.reports.data import Ranked, ranking_areas
from cchc_criteria.scoring import NodeScore, Scorecard
from cchc_criteria.text import Lang

__all__ = ["INDEX_FORMAT", "NUMBER_FORMAT", "ranking_workbook", "scorecard_workbook"]


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
_HOW_HEADERS = {
    "vi": (
        "STT",
        "Tiêu chí",
        "Cách tính điểm",
        "Số liệu kê khai",
        "Khoảng áp dụng",
        "Điểm",
        "Giải thích",
    ),
    "en": ("Code", "Criterion", "Rule", "Figure", "Band applied", "Points", "Explanation"),
}
_FINDING_HEADERS = {
    "vi": ("Mức độ", "Mã phát hiện", "Tiêu chí", "Nội dung", "Nguồn"),
    "en": ("Severity", "Finding", "Criterion", "Message", "Source"),
}
_SOURCE = {"vi": ("phiếu điểm", "bộ tiêu chí"), "en": ("scorecard", "criterion set")}
_HEADER_ROW = 4
# (points, self-assessed, appraised) columns of the scorecard sheet; C holds the max.
_MAX, _SELF, _APPRAISED, _POINTS = "C", "D", "E", "G"

_Cached = dict[tuple[str, str], float]


def _float(value: Decimal | None) -> float | None:
    # Excel cells hold binary floats; the exact value stays in the JSON and CSV formats.
    return None if value is None else float(value)


class _Book:
    """A workbook being written: the formulas it holds and the values to save with them."""

    def __init__(self) -> None:
        self.book = Workbook()
        default = self.book.active
        if default is not None:
            self.book.remove(default)
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
        buffer = io.BytesIO()
        self.book.save(buffer)
        titles = [sheet.title for sheet in self.book.worksheets]
        return _with_cached_values(buffer.getvalue(), titles, self.cached)


def scorecard_workbook(card: Scorecard, *, lang: Lang = "vi") -> bytes:
    """The scorecard as an XLSX workbook (bytes): the table, how each criterion was scored,
    and the findings."""
    lang = "vi" if lang == "vi" else "en"
    book = _Book()
    _scorecard_sheet(book, card, lang)
    _how_sheet(book, card, lang)
    _findings_sheet(book, card, lang)
    return book.save()


def _scorecard_sheet(book: _Book, card: Scorecard, lang: Lang) -> None:
    sheet = book.sheet("Phiếu điểm" if lang == "vi" else "Scorecard")
    cs = card.criterion_set
    sheet["A1"] = cell_text(cs.title)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = cell_text(
        " — ".join(v for v in (cs.id, card.assessment.unit, card.assessment.period) if v)
    )
    header_row(sheet, _HEADER_ROW, _HEADERS[lang])
    table = rows(card, lang)
    where = {row.node.code: _HEADER_ROW + 1 + i for i, row in enumerate(table)}
    # What each column holds, row by row, as written (the formulas add these up).
    written: dict[str, dict[int, float]] = {_SELF: {}, _APPRAISED: {}, _POINTS: {}}
    for row in reversed(table):  # children before their parents
        node, number = row.node, where[row.node.code]
        sheet.cell(row=number, column=1, value=cell_text(row.number))
        sheet.cell(row=number, column=2, value=cell_text(node.title))
        sheet.cell(row=number, column=3, value=_float(node.published_max))
        sheet.cell(row=number, column=6, value=cell_text(row.note) or None)
        if node.is_leaf:
            values = {_SELF: node.self_assessed, _APPRAISED: node.appraised, _POINTS: node.points}
            for letter, value in values.items():
                if value is not None:
                    sheet[f"{letter}{number}"] = written[letter][number] = float(value)
        else:
            children = [card.nodes[c] for c in node.children if c in where]
            declared = {_SELF: node.self_assessed, _APPRAISED: node.appraised}
            _group_formulas(
                book, sheet, number, children, where, written, node.max_points, declared
            )
            for column in range(1, 8):
                sheet.cell(row=number, column=column).font = Font(bold=True)
        for letter in (_MAX, _SELF, _APPRAISED, _POINTS):
            sheet[f"{letter}{number}"].number_format = NUMBER_FORMAT
    last_node = _HEADER_ROW + len(table)
    total = last_node + 1
    labels = LABELS[lang]
    sheet.cell(row=total, column=2, value=labels["total"])
    roots = [card.nodes[c] for c in card.roots if c in where]
    _max_formula(book, sheet, card, roots, where, f"{_MAX}{total}")
    _group_formulas(book, sheet, total, roots, where, written, card.max_points)
    if total not in written[_POINTS]:
        # Nothing scored yet: the card's total is 0 points (of which all are open), as the
        # other reports say.
        sheet[f"{_POINTS}{total}"] = float(card.points)
    for column in range(1, 8):
        sheet.cell(row=total, column=column).font = Font(bold=True)
    sheet[f"{_MAX}{total}"].number_format = NUMBER_FORMAT
    index_row, grade_row = total + 1, total + 2
    sheet.cell(row=index_row, column=2, value=labels["index"])
    if card.index is not None:
        # The points total over the max that counts (that of the card: not-applicable
        # criteria are out of it), as a percentage.
        book.formula(
            sheet,
            f"{_POINTS}{index_row}",
            f"={_POINTS}{total}/{_MAX}{total}*100",
            float(card.index),
        )
        sheet[f"{_POINTS}{index_row}"].number_format = INDEX_FORMAT
    sheet.cell(row=grade_row, column=2, value=labels["grade"])
    grade = card.grade or ("—" if card.accepted else labels["not_accepted"])
    sheet.cell(row=grade_row, column=7, value=cell_text(grade))
    for letter, width in zip("ABCDEFG", (8, 60, 10, 11, 11, 22, 13), strict=True):
        sheet.column_dimensions[letter].width = width
    grid(sheet, _HEADER_ROW, grade_row, 7)
    sheet.freeze_panes = f"A{_HEADER_ROW + 1}"
    print_setup(sheet, title_rows=f"{_HEADER_ROW}:{_HEADER_ROW}")


def _max_formula(
    book: _Book,
    sheet: Worksheet,
    card: Scorecard,
    roots: Sequence[NodeScore],
    where: Mapping[str, int],
    coordinate: str,
) -> None:
    """The max that counts: the areas' published maxima less every criterion taken out as
    not applicable (the topmost of them: its max holds those below), as a formula when it
    gives the card's max, else the card's max as a value."""
    scored = [r for r in roots if r.role is Role.SCORE]
    out: list[NodeScore] = []
    stack = list(scored)
    while stack:
        node = stack.pop()
        if not node.applicable:
            out.append(node)
        else:
            stack.extend(card.nodes[c] for c in node.children if c in where)
    value = sum((r.published_max for r in scored), Decimal(0)) - sum(
        (n.published_max for n in out), Decimal(0)
    )
    if not scored or value != card.max_points:
        sheet[coordinate] = float(card.max_points)
        return
    expression = _sum(_MAX, (where[r.code] for r in scored))
    if out:
        expression += f"-{_sum(_MAX, sorted(where[n.code] for n in out))}"
    book.formula(sheet, coordinate, f"={expression}", float(card.max_points))


def _group_formulas(
    book: _Book,
    sheet: Worksheet,
    number: int,
    children: Sequence[NodeScore],
    where: Mapping[str, int],
    written: dict[str, dict[int, float]],
    maximum: Decimal,
    declared: Mapping[str, Decimal | None] | None = None,
) -> None:
    """The formulas of a group row: its children added as the set adds them (deductions
    subtract, monitored criteria count for nothing; points are held to [0, max]). A column
    none of whose children holds a value
    stays empty (no "0" where nothing was appraised). A score the unit or the council
    declared for the group itself is written as declared, never replaced by a sum."""
    adds = [where[c.code] for c in children if c.role in (Role.SCORE, Role.BONUS)]
    subtracts = [where[c.code] for c in children if c.role is Role.DEDUCTION]
    for letter, cells in written.items():
        given = (declared or {}).get(letter)
        if given is not None:
            sheet[f"{letter}{number}"] = cells[number] = float(given)
            continue
        if not any(r in cells for r in adds + subtracts):
            continue
        value = sum(cells.get(r, 0.0) for r in adds) - sum(cells.get(r, 0.0) for r in subtracts)
        expression = _sum(letter, adds)
        if subtracts:
            expression += f"-{_sum(letter, subtracts)}"
        if letter == _POINTS:
            limit = float(maximum)
            value = min(max(value, 0.0), limit)
            expression = f"MIN(MAX(0,{expression}),{_number(limit)})"
        cells[number] = value
        book.formula(sheet, f"{letter}{number}", f"={expression}", value)


def _sum(letter: str, rows: Iterable[int]) -> str:
    cells = ",".join(f"{letter}{r}" for r in rows)
    return f"SUM({cells})" if cells else "0"


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def _how_sheet(book: _Book, card: Scorecard, lang: Lang) -> None:
    """One row per scored criterion: its rule, the figure, the band applied, the points, why."""
    sheet = book.sheet("Cách tính" if lang == "vi" else "How scored")
    header_row(sheet, 1, _HOW_HEADERS[lang])
    number = 1
    for node in card:
        if not node.is_leaf:
            continue
        number += 1
        criterion = card.criterion_set.find(node.code)
        rule = criterion.rule if criterion is not None else None
        values = (
            node.code,
            node.title,
            None if rule is None or criterion is None else rule.describe(criterion.max_points),
            node.figure,
            node.matched,
            _float(node.points),
            node.explanation.get(lang) or None,
        )
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=cell_text(value))
        sheet.cell(row=number, column=6).number_format = NUMBER_FORMAT
    for letter, width in zip("ABCDEFG", (8, 40, 45, 16, 28, 9, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    grid(sheet, 1, number, 7)
    sheet.freeze_panes = "A2"
    print_setup(sheet, title_rows="1:1")


def _findings_sheet(book: _Book, card: Scorecard, lang: Lang) -> None:
    """Every finding on the answers, then the set's own published mistakes."""
    sheet = book.sheet("Phát hiện" if lang == "vi" else "Findings")
    header_row(sheet, 1, _FINDING_HEADERS[lang])
    number = 1
    sources = _SOURCE[lang]
    for source, findings in zip(sources, (card.findings, card.lint_findings), strict=True):
        for finding in findings:
            number += 1
            values = (
                SEVERITY[lang][finding.severity.value],
                finding.code,
                finding.criterion or None,
                finding.text.get(lang),
                source,
            )
            for column, value in enumerate(values, start=1):
                sheet.cell(row=number, column=column, value=cell_text(value))
    if number == 1:
        sheet.cell(row=2, column=4, value=LABELS[lang]["none"])
        number = 2
    for letter, width in zip("ABCDE", (12, 22, 10, 80, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    grid(sheet, 1, number, 5)
    sheet.freeze_panes = "A2"
    print_setup(sheet, title_rows="1:1")


def ranking_workbook(ranking: Sequence[Ranked], *, lang: Lang = "vi") -> bytes:
    """A ranking sheet: group, rank, unit, points, max, index, grade, index per area; it
    prints on A4, one page wide, its header repeated."""
    lang = "vi" if lang == "vi" else "en"
    labels = LABELS[lang]
    book = _Book()
    sheet = book.sheet(labels["ranking"])
    areas = ranking_areas(ranking)
    headers = [
        labels["group"],
        labels["rank"],
        labels["unit"],
        labels["total"],
        labels["max"],
        labels["index"],
        labels["grade"],
        *(f"{labels['index']} {code}" for code in areas),
    ]
    header_row(sheet, 1, headers)
    for number, entry in enumerate(ranking, start=2):
        card = entry.standing
        values = [
            entry.group or None,
            entry.rank,
            card.unit or entry.source,
            float(card.points),
            float(card.max_points),
            _float(card.index),
            card.grade or (None if card.accepted else labels["not_accepted"]),
            *(_float(card.area(c)) for c in areas),
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column, value=cell_text(value))
            if column in (4, 5):
                cell.number_format = NUMBER_FORMAT
            elif column == 6 or column > 7:
                cell.number_format = INDEX_FORMAT
    widths = [14, 7, 40, 10, 10, 11, 14] + [11] * len(areas)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    grid(sheet, 1, len(ranking) + 1, len(headers))
    sheet.freeze_panes = "D2"
    print_setup(sheet, title_rows="1:1")
    return book.save()


# openpyxl writes a formula with an empty value (<v />); the cells named here get theirs.
_FORMULA_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"[^>]*>)(<f>[^<]*</f>)<v\s*/>')


def _with_cached_values(data: bytes, titles: Sequence[str], cached: _Cached) -> bytes:
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
