"""Excel workbooks of a province's ranking and of two years compared (needs openpyxl).

The ranking workbook opens on a one-page summary for the leadership (how many units, how
many ranked and why the others are not, the grades, the best and the last of each group, the
mean index of each area), then the ranking itself under a letterhead — every unit with its
group, place (or why it has none), points, index, grade and the index of each area — and a
bar chart of the units' indices. The comparison workbook lists each criterion in both years,
the difference and its split into the rules' change and the unit's, its totals as formulas.
Every sheet prints on A4, one page wide, in Times New Roman, and says how it rounds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cchc_criteria.formats.sheets import NUMBER_FORMAT, cell_text, grid, header_row, print_setup
from cchc_criteria.model import CriterionSet, RoundingPolicy
from cchc_criteria.numbers import decimal_of, format_number
from cchc_criteria.reports._common import LABELS, rounding_note
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
from cchc_criteria.reports.data import Ranked, ranking_areas
from cchc_criteria.reports.text import ranking_title
from cchc_criteria.text import Lang

if TYPE_CHECKING:
    from cchc_criteria.analysis.compare import Comparison

__all__ = ["comparison_workbook", "ranking_workbook"]

_SUMMARY = {
    "vi": {
        "sheet": "Tóm tắt",
        "units": "Số đơn vị",
        "ranked": "Được xếp hạng",
        "incomplete": "Chưa đủ (không xếp hạng)",
        "not_accepted": "Không được công nhận (không xếp hạng)",
        "grades": "Xếp loại",
        "best": "Dẫn đầu",
        "last": "Cuối bảng",
        "areas": "Chỉ số bình quân theo lĩnh vực (các đơn vị được xếp hạng)",
        "chart": "Biểu đồ",
        "chart_title": "Chỉ số của các đơn vị (%)",
        "note": "Ghi chú",
    },
    "en": {
        "sheet": "Summary",
        "units": "Units",
        "ranked": "Ranked",
        "incomplete": "Incomplete (not ranked)",
        "not_accepted": "Not accepted (not ranked)",
        "grades": "Grades",
        "best": "Leading",
        "last": "Last",
        "areas": "Mean index by area (ranked units)",
        "chart": "Chart",
        "chart_title": "The units' indices (%)",
        "note": "Note",
    },
}
_SIGNATURE_SPANS = ((1, 3), (4, 5), (6, 8))


def _index_format(rounding: RoundingPolicy) -> str:
    """An index cell: the set's decimals (else two), always written, and a percent sign."""
    places = rounding.display_places
    return f'[$-42A]0.{"0" * places}" %"' if places else '[$-42A]0" %"'


def ranking_workbook(
    ranking: Sequence[Ranked], *, lang: Lang = "vi", letterhead: Letterhead | None = None
) -> bytes:
    """The ranking as an XLSX workbook (bytes): a summary for the leadership, the ranking
    under a letterhead (the set's authority, by default) with the signatures below it, and a
    bar chart of the indices."""
    lang = "vi" if lang == "vi" else "en"
    labels, words = LABELS[lang], _SUMMARY[lang]
    sets = list(dict.fromkeys(entry.standing.criterion_set for entry in ranking))
    first: CriterionSet | None = sets[0] if sets else None
    rounding = first.rounding if first is not None else RoundingPolicy()
    if letterhead is None:
        letterhead = Letterhead.of(first, "") if first is not None else Letterhead()
    book = Book()
    summary = book.sheet(words["sheet"])
    sheet = book.sheet(labels["ranking"])
    title = ranking_title(ranking, lang) if ranking else labels["ranking"]
    areas = ranking_areas(ranking)
    headers = [
        labels["group"],
        labels["rank"],
        labels["unit"],
        labels["total"],
        labels["max"],
        labels["index"],
        labels["grade"],
        words["note"],
        *(f"{labels['index']} {code}" for code in areas),
    ]
    widths = [12, 7, 38, 10, 9, 11, 12, 18] + [10] * len(areas)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    columns = len(headers)
    top = letterhead_rows(sheet, letterhead, lang, (1, 3), (4, columns))
    note_row(sheet, top, columns, title, font(bold=True, size=13))
    header = top + 2
    header_row(sheet, header, headers)
    index_format = _index_format(rounding)
    for number, entry in enumerate(ranking, start=header + 1):
        standing = entry.standing
        why = "" if entry.rank is not None else standing.unranked_reason(lang)
        values = [
            entry.group or None,
            entry.rank,
            standing.unit or entry.source,
            float(standing.points),
            float(standing.max_points),
            as_float(standing.index),
            standing.grade,
            why or None,
            *(as_float(standing.area(c)) for c in areas),
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column, value=cell_text(value))
            if column in (4, 5):
                cell.number_format = points_format(float(value), rounding)  # type: ignore[arg-type]
            elif column == 6 or column > 8:
                cell.number_format = index_format
    last = header + len(ranking)
    grid(sheet, header, last, columns)
    rounded = rounding_note(first, lang) if first else rounding.describe(lang)
    note_row(sheet, last + 1, columns, rounded, font(italic=True, size=11))
    signature_rows(sheet, last + 3, letterhead, lang, _SIGNATURE_SPANS)
    sheet.freeze_panes = f"D{header + 1}"
    print_setup(sheet, title_rows=f"{header}:{header}")
    if ranking:
        _chart_sheet(book, sheet, header, last, words)
    _summary_sheet(summary, ranking, areas, title, lang, index_format)
    return book.save()


def _chart_sheet(
    book: Book, sheet: Worksheet, header: int, last: int, words: dict[str, str]
) -> None:
    """A horizontal bar per unit: its index (the ranking sheet's column F), on a sheet of its
    own that prints on one A4 page."""
    chart_sheet = book.sheet(words["chart"])
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = words["chart_title"]
    chart.legend = None
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorGridlines = None
    chart.x_axis.scaling.orientation = "maxMin"  # the first unit on top, as in the table
    chart.x_axis.tickLblSkip = 1  # every unit named
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    data = Reference(sheet, min_col=6, min_row=header + 1, max_row=last)
    names = Reference(sheet, min_col=3, min_row=header + 1, max_row=last)
    chart.add_data(data, titles_from_data=False)
    chart.set_categories(names)
    chart.width = 18  # cm: the A4 page's width within its margins
    chart.height = min(23.0, max(8.0, 0.35 * (last - header) + 3))
    chart_sheet.add_chart(chart, "A1")
    # A sheet of a chart alone: printed at its size on one A4 page (fitting it to the width
    # of its cells, of which it has none, would shrink the chart to nothing).
    chart_sheet.page_setup.paperSize = chart_sheet.PAPERSIZE_A4
    chart_sheet.page_setup.orientation = "portrait"
    chart_sheet.page_margins.left = chart_sheet.page_margins.right = 0.5
    chart_sheet.print_area = "A1:J46"
    chart_sheet.page_setup.fitToWidth = chart_sheet.page_setup.fitToHeight = 1
    chart_sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _mean(values: Sequence[Decimal]) -> Decimal:
    return decimal_of(sum((Fraction(v) for v in values), Fraction(0)) / len(values))


def _summary_sheet(
    sheet: Worksheet,
    ranking: Sequence[Ranked],
    areas: Sequence[str],
    title: str,
    lang: Lang,
    index_format: str,
) -> None:
    """One page for the leadership: the counts, the grades, the best and the last units of
    each group, the mean index of each area over the ranked units."""
    labels, words = LABELS[lang], _SUMMARY[lang]
    for letter, width in zip("ABCD", (34, 44, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    note_row(sheet, 1, 4, title, font(bold=True, size=13))
    ranked = [e for e in ranking if e.rank is not None]
    incomplete = [e for e in ranking if e.rank is None and e.standing.accepted]
    refused = [e for e in ranking if e.rank is None and not e.standing.accepted]
    lines: list[tuple[str, int]] = [
        (words["units"], len(ranking)),
        (words["ranked"], len(ranked)),
        (words["incomplete"], len(incomplete)),
        (words["not_accepted"], len(refused)),
    ]
    grades = Counter(e.standing.grade for e in ranked if e.standing.grade)
    lines += [(f"{words['grades']}: {grade}", count) for grade, count in sorted(grades.items())]
    row = 3
    for label, count in lines:
        sheet.cell(row=row, column=1, value=cell_text(label)).font = font(bold=True)
        sheet.cell(row=row, column=2, value=count)
        row += 1
    grid(sheet, 3, row - 1, 2)
    row += 1
    header_row(sheet, row, [labels["group"], labels["unit"], labels["rank"], labels["index"]])
    start = row
    for group in dict.fromkeys(e.group for e in ranked):
        members = [e for e in ranked if e.group == group]
        shown = members[:3] + [e for e in members[-3:] if e not in members[:3]]
        for entry in shown:
            row += 1
            place = words["best"] if entry in members[:3] else words["last"]
            values = (
                f"{entry.group or '—'} — {place}",
                entry.standing.unit or entry.source,
                entry.rank,
                as_float(entry.standing.index),
            )
            for column, value in enumerate(values, start=1):
                sheet.cell(row=row, column=column, value=cell_text(value))
            sheet.cell(row=row, column=4).number_format = index_format
    grid(sheet, start, row, 4)
    row += 2
    sheet.cell(row=row, column=1, value=words["areas"]).font = font(bold=True)
    for code in areas:
        indices = [i for e in ranked if (i := e.standing.area(code)) is not None]
        if not indices:
            continue
        row += 1
        sheet.cell(row=row, column=1, value=cell_text(f"{labels['index']} {code}"))
        cell = sheet.cell(row=row, column=2, value=float(_mean(indices)))
        cell.number_format = index_format
    print_setup(sheet, title_rows="1:1", landscape=False)


def comparison_workbook(
    comparison: Comparison, *, lang: Lang = "vi", letterhead: Letterhead | None = None
) -> bytes:
    """Two years (or self-assessed against appraised) compared, as an XLSX workbook: every
    criterion's max, before, after, difference and — for two years — its split into the
    rules' change and the unit's; the totals of the comparable criteria are formulas."""
    lang = "vi" if lang == "vi" else "en"
    vi = lang == "vi"
    book = Book()
    sheet = book.sheet("So sánh" if vi else "Comparison")
    before, after = comparison.before, comparison.after
    unit = (after.unit if after else "") or (before.unit if before else "")
    letterhead = letterhead or Letterhead(unit=unit)
    years = before is not None and before.scores == "points"
    heads = (
        ["STT", "Tiêu chí", "Tối đa", "Trước", "Sau", "Chênh lệch", "Do cách tính", "Do đơn vị"]
        if vi
        else ["Code", "Criterion", "Max", "Before", "After", "Difference", "Rules", "Unit"]
    )
    if not years:
        heads[3:5] = ["Tự đánh giá", "Thẩm định"] if vi else ["Self-assessed", "Appraised"]
    heads.append("Ghi chú" if vi else "Note")
    for column, width in enumerate((8, 44, 9, 9, 9, 11, 11, 11, 30), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    top = letterhead_rows(sheet, letterhead, lang, (1, 2), (3, 9))
    sides = " → ".join(f"{s.set_id} ({s.period})" for s in (before, after) if s is not None)
    title = f"{'So sánh' if vi else 'Comparison'}: {unit} — {sides}" if unit else sides
    note_row(sheet, top, 9, title, font(bold=True, size=13))
    header = top + 2
    header_row(sheet, header, heads)
    compared: list[int] = []
    for number, line in enumerate(comparison.lines, start=header + 1):
        values = (
            line.code,
            line.title,
            as_float(line.max_after if line.max_after is not None else line.max_before),
            as_float(line.before),
            as_float(line.after),
        )
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=cell_text(value))
        if line.difference is not None:
            book.formula(sheet, f"F{number}", f"=E{number}-D{number}", float(line.difference))
            if line.counted:
                compared.append(number)
        for column, split in ((7, line.rule_change), (8, line.unit_change)):
            sheet.cell(row=number, column=column, value=as_float(split))
        sheet.cell(row=number, column=9, value=cell_text(line.note.get(lang)) or None)
        for letter in "CDEFGH":
            sheet[f"{letter}{number}"].number_format = NUMBER_FORMAT
    total = header + len(comparison.lines) + 1
    sheet.cell(row=total, column=2, value=LABELS[lang]["total"]).font = font(bold=True)
    cells = ",".join(f"{{letter}}{r}" for r in compared)
    for letter, sum_of in (("D", comparison.before_total), ("E", comparison.after_total)):
        expression = f"=SUM({cells.format(letter=letter)})" if compared else "=0"
        book.formula(sheet, f"{letter}{total}", expression, float(sum_of))
    book.formula(sheet, f"F{total}", f"=E{total}-D{total}", float(comparison.difference))
    if comparison.rule_change is not None:
        sheet[f"G{total}"] = float(comparison.rule_change)
    if comparison.unit_change is not None:
        sheet[f"H{total}"] = float(comparison.unit_change)
    if comparison.undecomposed:  # a merged criterion's change: said, so the parts add up
        rest = format_number(comparison.undecomposed, lang=lang)
        said = f"không tách được: {rest}" if vi else f"not split: {rest}"
        sheet.cell(row=total, column=9, value=said)
    for letter in "DEFGH":
        sheet[f"{letter}{total}"].font = font(bold=True)
        sheet[f"{letter}{total}"].number_format = NUMBER_FORMAT
    grid(sheet, header, total, 9)
    # A comparison spans two sets: its figures are rounded as a set that says nothing is.
    note_row(sheet, total + 1, 9, RoundingPolicy().describe(lang), font(italic=True, size=11))
    signature_rows(sheet, total + 3, letterhead, lang, ((1, 2), (3, 5), (6, 9)))
    sheet.freeze_panes = f"A{header + 1}"
    print_setup(sheet, title_rows=f"{header}:{header}")
    return book.save()
