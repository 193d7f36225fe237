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

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from openpyxl.worksheet.worksheet import Worksheet

from cchc_criteria.formats.sheets import (
    INDEX_FORMAT,
    NUMBER_FORMAT,
    cell_text,
    grid,
    header_row,
    print_setup,
)
from cchc_criteria.model import Role
from cchc_criteria.reports._common import LABELS, SEVERITY, points_text, rounding_note, rows
from cchc_criteria.reports._official import Letterhead
from cchc_criteria.reports._workbook import (
    Book,
    as_float,
    font,
    letterhead_rows,
    note_row,
    points_format,
    signature_rows,
)

# The ranking's and the comparison's workbooks, from their own module.
from cchc_criteria.reports.xlsx_ranking import ranking_workbook
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
# (points, self-assessed, appraised) columns of the scorecard sheet; C holds the max.
_MAX, _SELF, _APPRAISED, _POINTS = "C", "D", "E", "G"


def scorecard_workbook(
    card: Scorecard, *, lang: Lang = "vi", letterhead: Letterhead | None = None
) -> bytes:
    """The scorecard as an XLSX workbook (bytes): the table under a letterhead (the set's
    authority and the unit, by default) with the signatures below it, how each criterion was
    scored, and the findings."""
    lang = "vi" if lang == "vi" else "en"
    if letterhead is None:
        letterhead = Letterhead.of(card.criterion_set, card.assessment.unit)
    book = Book()
    _scorecard_sheet(book, card, lang, letterhead)
    _how_sheet(book, card, lang)
    _findings_sheet(book, card, lang)
    return book.save()


def _scorecard_sheet(book: Book, card: Scorecard, lang: Lang, letterhead: Letterhead) -> None:
    sheet = book.sheet("Phiếu điểm" if lang == "vi" else "Scorecard")
    cs = card.criterion_set
    for letter, width in zip("ABCDEFG", _WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    title_row = letterhead_rows(sheet, letterhead, lang, (1, 2), (3, 7))
    note_row(sheet, title_row, 7, cs.title, font(bold=True, size=13))
    about = " — ".join(v for v in (cs.id, card.assessment.unit, card.assessment.period) if v)
    note_row(sheet, title_row + 1, 7, about, font(italic=True))
    header = title_row + 3
    header_row(sheet, header, _HEADERS[lang])
    table = rows(card, lang)
    where = {row.node.code: header + 1 + i for i, row in enumerate(table)}
    partial = _partly_appraised(card)
    # What each column holds, row by row, as written (the formulas add these up).
    written: dict[str, dict[int, float]] = {_SELF: {}, _APPRAISED: {}, _POINTS: {}}
    for row in reversed(table):  # children before their parents
        node, number = row.node, where[row.node.code]
        note = ", ".join(n for n in (row.note, _PARTIAL[lang] if node.code in partial else "") if n)
        sheet.cell(row=number, column=1, value=cell_text(row.number))
        sheet.cell(row=number, column=2, value=cell_text(node.title))
        sheet.cell(row=number, column=3, value=as_float(node.published_max))
        sheet.cell(row=number, column=6, value=cell_text(note) or None)
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
                sheet.cell(row=number, column=column).font = font(bold=True)
    last_node = header + len(table)
    total = last_node + 1
    labels = LABELS[lang]
    sheet.cell(row=total, column=2, value=labels["total"])
    roots = [card.nodes[c] for c in card.roots if c in where]
    _max_formula(book, sheet, card, roots, where, f"{_MAX}{total}")
    _group_formulas(book, sheet, total, roots, where, written, card.max_points)
    if total not in written[_POINTS]:
        # Nothing scored yet: the card's total is 0 points (of which all are open), as the
        # other reports say.
        sheet[f"{_POINTS}{total}"] = written[_POINTS][total] = float(card.points)
    if partial and total in written[_APPRAISED]:
        sheet.cell(row=total, column=6, value=_PARTIAL[lang])
    for column in range(1, 8):
        sheet.cell(row=total, column=column).font = font(bold=True)
    for letter in (_MAX, _SELF, _APPRAISED, _POINTS):
        for number in range(header + 1, total + 1):
            shown = written[letter].get(number) if letter != _MAX else None
            sheet[f"{letter}{number}"].number_format = points_format(shown, cs.rounding)
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
    grid(sheet, header, grade_row, 7)
    below = grade_row + 1
    for line in _state_lines(card, lang):
        note_row(sheet, below, 7, line, font(bold=True))
        below += 1
    note_row(sheet, below, 7, rounding_note(cs, lang), font(italic=True, size=11))
    signature_rows(sheet, below + 2, letterhead, lang, _SIGNATURE_SPANS)
    sheet.freeze_panes = f"A{header + 1}"
    print_setup(sheet, title_rows=f"{header}:{header}")


_WIDTHS = (8, 60, 10, 11, 11, 22, 13)
# Where the signers sign on the scorecard sheet (first and last column), left to right.
_SIGNATURE_SPANS = ((1, 2), (3, 4), (5, 7))
_PARTIAL = {"vi": "thẩm định chưa đủ", "en": "partly appraised"}


def _state_lines(card: Scorecard, lang: Lang) -> list[str]:
    """What a signer must see before signing: the card incomplete, with the points still
    open ("Phiếu điểm CHƯA ĐẦY ĐỦ — 3,5 điểm chưa chấm"), or its evaluation not accepted."""
    labels = LABELS[lang]
    lines = []
    if not card.complete:
        open_points = points_text(card.open_points, card.criterion_set, lang)
        lines.append(f"{labels['incomplete']} — {open_points} {labels['open']}")
    if not card.accepted:
        lines.append(labels["not_accepted"])
    return lines


def _partly_appraised(card: Scorecard) -> set[str]:
    """The groups whose appraised total adds up only some of their criteria: at least one
    applicable criterion below is appraised and another is not (the total is partial)."""
    partial: set[str] = set()
    seen: dict[str, tuple[bool, bool]] = {}
    for node in reversed(list(card)):  # children first
        if node.is_leaf:
            counted = node.applicable and node.role is not Role.MONITOR
            seen[node.code] = (
                counted and node.appraised is not None,
                counted and node.appraised is None,
            )
            continue
        if node.appraised is not None:  # the council appraised the group as a whole
            seen[node.code] = (True, False)
            continue
        some = any(seen[c][0] for c in node.children if c in seen)
        missing = any(seen[c][1] for c in node.children if c in seen)
        seen[node.code] = (some, missing)
        if some and missing:
            partial.add(node.code)
    return partial


def _max_formula(
    book: Book,
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
    book: Book,
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


def _how_sheet(book: Book, card: Scorecard, lang: Lang) -> None:
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
            as_float(node.points),
            node.explanation.get(lang) or None,
        )
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=cell_text(value))
        sheet.cell(row=number, column=6).number_format = points_format(
            as_float(node.points), card.criterion_set.rounding
        )
    for letter, width in zip("ABCDEFG", (8, 40, 45, 16, 28, 9, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    grid(sheet, 1, number, 7)
    sheet.freeze_panes = "A2"
    print_setup(sheet, title_rows="1:1")


def _findings_sheet(book: Book, card: Scorecard, lang: Lang) -> None:
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
