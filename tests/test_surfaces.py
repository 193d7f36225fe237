"""Every surface tells the core's number.

For generated criterion sets and units, each thing a person or a program reads — the text
table, Markdown, HTML, JSON, CSV in both dialects, the workbook's saved values and the
workbook as LibreOffice recalculates it, ``to_frame``, a ranking and both comparisons — is read
back and compared with the scorecard itself (``NodeScore``), never with the surface's own
expectation. Each surface is allowed the rounding it states: the tables show at most four
decimals ("≈" beyond), indices two; JSON, the RFC 4180 CSV and ``to_frame(numbers="decimal")``
are exact; the Excel dialect writes the exact value with a decimal comma; workbook cells hold
binary floats (to 1e-9).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import cchc_criteria as cc
from cchc_criteria.analysis.compare import compare_declared, compare_years
from cchc_criteria.reports import rank, render
from cchc_criteria.reports.csv import ranking_csv_rows, render_csv
from cchc_criteria.reports.data import ranking_data
from cchc_criteria.reports.xlsx import scorecard_workbook
from cchc_criteria.reports.xlsx_ranking import comparison_workbook, ranking_workbook
from cchc_criteria.scoring import NodeScore
from cchc_criteria.testing import assessments, criterion_sets

TOOLS = Path(__file__).resolve().parents[1] / "tools"

# A table shows a max or a declared score to at most four decimals, an index to two; points
# are shown as the card's own ``points_display`` (rounded as the set says, else to two).
TABLE = Decimal("0.00005")
INDEX = Decimal("0.005")
EXACT = Decimal(0)


def shown(text: str, lang: str) -> Decimal | None:
    """A number as a table shows it: "7,5", "≈ 0,3333", "3+?" (incomplete), "" (none)."""
    text = text.replace("≈", "").replace("+?", "").replace("%", "").strip()
    if text in ("", "—"):
        return None
    vietnamese = text.replace(".", "").replace(",", ".")
    return Decimal(vietnamese if lang == "vi" else text.replace(",", ""))


def agrees(surface: Decimal | float | None, core: Decimal | None, tolerance: Decimal) -> bool:
    if surface is None or core is None:
        return surface is None and core is None
    if isinstance(surface, float):
        return math.isclose(surface, float(core), rel_tol=1e-9, abs_tol=1e-9)
    return abs(surface - core) <= tolerance


def shown_points(node: NodeScore) -> Decimal | None:
    """The points a table row shows — the node's ``points_display``, to the digit — none
    for a criterion taken out as not applicable."""
    return node.points_display if node.applicable else None


def check_table(card: cc.Scorecard, table: dict[str, list[str]], lang: str, where: str) -> None:
    """``table`` maps a code to its cells: max, points, self-assessed, appraised."""
    assert list(table) == [node.code for node in card], where
    for node in card:
        cells = table[node.code]
        expected = (node.published_max, shown_points(node), node.self_assessed, node.appraised)
        for name, cell, core in zip(
            ("max", "points", "self", "appraised"), cells, expected, strict=True
        ):
            tolerance = EXACT if name == "points" else TABLE
            assert agrees(shown(cell, lang), core, tolerance), (where, node.code, name, cell, core)
        if node.points is not None and not node.complete:
            assert cells[1].endswith("+?"), (where, node.code)


def check_summary(card: cc.Scorecard, text: str, lang: str, where: str) -> None:
    total, maximum = ("Tổng điểm", "Chỉ số") if lang == "vi" else ("Total", "Index")
    number = r"(?:≈ )?[\d.,]+"
    found = re.search(rf"{total}: ({number}) / ({number})", text)
    assert found, where
    shown_max = card.criterion_set.rounding.display(card.max_points)
    assert agrees(shown(found.group(1), lang), card.points_display, EXACT), (where, found.group(0))
    assert agrees(shown(found.group(2), lang), shown_max, EXACT), (where, found.group(0))
    index = re.search(rf"{maximum}: (—|[\d.,]+ %)", text)
    assert index, where
    assert agrees(shown(index.group(1), lang), card.index_display, EXACT), (where, index.group(0))
    assert agrees(shown(index.group(1), lang), card.index, INDEX), (where, index.group(0))
    assert card.criterion_set.rounding.describe(lang) in " ".join(text.split()), where


def text_table(text: str) -> tuple[dict[str, list[str]], bool]:
    """The rows of ``render_text``'s table, cut at the columns its dashes mark."""
    lines = text.splitlines()
    dashes = next(i for i, line in enumerate(lines) if re.fullmatch(r"-+(?:  -+)+", line))
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[dashes])]
    appraised = len(spans) == 7
    table = {}
    for line in lines[dashes + 1 :]:
        if not line:
            break
        cells = [line[start:end].strip() for start, end in spans]
        values = cells[2:5] + ([cells[5]] if appraised else [""])
        table[cells[0]] = values
    return table, appraised


def markdown_table(text: str) -> dict[str, list[str]]:
    table = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith(("| STT", "| Code")):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            table[cells[0]] = cells[2:6]
    return table


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).replace("\xa0", " ").strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_table(text: str) -> dict[str, list[str]]:
    parser = _Cells()
    parser.feed(text)
    # The card's table: its rows of seven cells, but the heading (the letterhead and the
    # signatures are tables of two cells).
    return {
        row[0]: row[2:6] for row in parser.rows if len(row) == 7 and row[0] not in ("STT", "Code")
    }


def csv_rows(text: str, dialect: str) -> list[dict[str, str]]:
    if dialect == "excel":
        assert text.startswith("\ufeff")
        return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    return list(csv.DictReader(io.StringIO(text)))


def exact(text: str | None, dialect: str = "rfc4180") -> Decimal | None:
    """An exact number as JSON or CSV writes it ("" or None for none); the Excel dialect has a
    decimal comma and no thousands separator."""
    if text in (None, ""):
        return None
    assert text is not None
    if dialect == "excel":
        assert "." not in text, text
        text = text.replace(",", ".")
    return Decimal(text)


def check_exact(card: cc.Scorecard) -> None:
    """JSON, both CSV dialects and ``to_frame``: every number exact."""
    data = json.loads(render(card, "json"))
    assert [n["code"] for n in data["nodes"]] == [n.code for n in card]
    for item, node in zip(data["nodes"], card, strict=True):
        for key in ("published_max", "max_points", "points", "self_assessed", "appraised", "index"):
            assert exact(item[key]) == getattr(node, key), (node.code, key)
    assert exact(data["points"]) == card.points
    assert exact(data["max_points"]) == card.max_points
    assert exact(data["index"]) == card.index
    for dialect in ("rfc4180", "excel"):
        rows = csv_rows(render_csv(card, dialect=dialect), dialect)  # type: ignore[arg-type]
        assert [r["code"] for r in rows] == [n.code for n in card]
        for row, node in zip(rows, card, strict=True):
            for key in ("published_max", "max_points", "points", "self_assessed", "appraised"):
                assert exact(row[key], dialect) == getattr(node, key), (dialect, node.code, key)
            assert exact(row["index"], dialect) == node.index, (dialect, node.code)
            assert agrees(exact(row["index_display"], dialect), node.index, INDEX), (
                dialect,
                node.code,
            )
    frame = cc.to_frame(card, numbers="decimal")
    assert list(frame["code"]) == [n.code for n in card]
    for record, node in zip(frame.to_dict("records"), card, strict=True):
        assert record["points"] == node.points, node.code
        assert record["max_points"] == node.max_points, node.code
        assert record["index"] == node.index, node.code
        assert agrees(record["points_display"], node.points_display, Decimal(0)), node.code
    floats = cc.to_frame(card)
    for record, node in zip(floats.to_dict("records"), card, strict=True):
        value = record["points"]
        assert (node.points is None and math.isnan(value)) or agrees(value, node.points, TABLE)


def check_tables(card: cc.Scorecard) -> None:
    for lang in ("vi", "en"):
        text = render(card, "text", lang=lang)  # type: ignore[arg-type]
        table, appraised = text_table(text)
        assert appraised == any(n.appraised is not None for n in card)
        check_table(card, table, lang, f"text {lang}")
        check_summary(card, text, lang, f"text {lang}")
        markdown = render(card, "markdown", lang=lang)  # type: ignore[arg-type]
        check_table(card, markdown_table(markdown), lang, f"markdown {lang}")
        check_summary(card, markdown, lang, f"markdown {lang}")
        page = render(card, "html", lang=lang)  # type: ignore[arg-type]
        check_table(card, html_table(page), lang, f"html {lang}")
        check_summary(card, page, lang, f"html {lang}")


def workbook_cells(data: bytes) -> dict[str, dict[str, Any]]:
    book = load_workbook(io.BytesIO(data), data_only=True)
    return {
        sheet.title: {c.coordinate: c.value for row in sheet.iter_rows() for c in row}
        for sheet in book.worksheets
    }


def check_workbook(card: cc.Scorecard, data: bytes) -> None:
    """The saved values of the scorecard sheet: every node's max, points and declared scores,
    the total, the max that counts and the index."""
    sheet = workbook_cells(data)["Phiếu điểm"]
    # The table: from under its heading row to the total (a letterhead is above it, the
    # rounding and the signatures below).
    header = next(int(key[1:]) for key, value in sheet.items() if key[0] == "A" and value == "STT")
    total = next(int(k[1:]) for k, value in sheet.items() if k[0] == "B" and value == "Tổng điểm")
    codes = {
        value: int(key[1:])
        for key, value in sheet.items()
        if key[0] == "A" and value and header < int(key[1:]) < total
    }
    for node in card:
        row = codes[node.code]
        assert agrees(sheet[f"C{row}"], node.published_max, Decimal(0)), node.code
        assert agrees(sheet[f"G{row}"], node.points if node.applicable else None, Decimal(0)) or (
            not node.is_leaf and not node.applicable
        ), (node.code, sheet[f"G{row}"], node.points)
        assert agrees(sheet[f"D{row}"], node.self_assessed, Decimal(0)) or (
            node.self_assessed is None and not node.is_leaf
        ), (node.code, sheet[f"D{row}"], node.self_assessed)
        assert agrees(sheet[f"E{row}"], node.appraised, Decimal(0)) or (
            node.appraised is None and not node.is_leaf
        ), (node.code, sheet[f"E{row}"], node.appraised)
    assert total == max(codes.values()) + 1
    assert agrees(sheet[f"C{total}"], card.max_points, Decimal(0))
    assert agrees(sheet[f"G{total}"], card.points, Decimal(0))
    assert agrees(sheet[f"G{total + 1}"], card.index, Decimal(0))


def check_ranking_and_comparisons(cards: list[cc.Scorecard]) -> None:
    ranking = rank([(card, card.assessment.group, str(i)) for i, card in enumerate(cards)])
    rows = {row["source"]: row for row in ranking_data(ranking)}
    for i, card in enumerate(cards):
        row = rows[str(i)]
        assert exact(row["points"]) == card.points
        assert exact(row["max_points"]) == card.max_points
        assert exact(row["index"]) == card.index
        assert row["grade"] == card.grade
        better = [c for c in cards if c.complete and card.index is not None and c.index is not None]
        if card.complete and card.index is not None:
            assert row["rank"] == 1 + sum(1 for c in better if c.index > card.index)
        else:
            assert row["rank"] is None
    for dialect in ("rfc4180", "excel"):  # the CSV, written row by row, read back whole
        text = "".join(ranking_csv_rows(ranking, dialect=dialect))  # type: ignore[arg-type]
        by_source = {row["source"]: row for row in csv_rows(text, dialect)}
        for i, card in enumerate(cards):
            row = by_source[str(i)]
            assert exact(row["points"], dialect) == card.points, (dialect, i)
            assert exact(row["index"], dialect) == card.index, (dialect, i)
            assert agrees(exact(row["index_display"], dialect), card.index, INDEX), (dialect, i)
            for code, index in zip(card.roots, card.area_indices, strict=True):
                shown_area = exact(row[f"index_display_{code}"], dialect)
                assert agrees(shown_area, index, INDEX), (dialect, i, code)
    sheet = workbook_cells(ranking_workbook(ranking))["Xếp hạng"]
    header = next(int(key[1:]) for key, value in sheet.items() if key[0] == "A" and value == "Nhóm")
    for number, entry in enumerate(ranking, start=header + 1):
        assert sheet[f"B{number}"] == entry.rank
        assert agrees(sheet[f"D{number}"], entry.standing.points, Decimal(0))
        assert agrees(sheet[f"F{number}"], entry.standing.index, Decimal(0))
        why = None if entry.rank is not None else entry.standing.unranked_reason("vi")
        assert sheet[f"H{number}"] == why  # why a unit has no place
    for card in cards:
        declared = {line.code: line for line in compare_declared(card).lines}
        for node in card:
            line = declared[node.code]
            assert (line.before, line.after) == (node.self_assessed, node.appraised)
    first, second = cards[0], cards[-1]
    years = {line.code: line for line in compare_years(first, second).lines}
    for node in first:
        other = second[node.code]
        line = years[node.code]
        assert (line.before, line.after) == (node.points, other.points)
        if line.difference is not None:
            assert line.difference == other.points - node.points  # type: ignore[operator]
    comparison = compare_years(first, second)
    book = workbook_cells(comparison_workbook(comparison))["So sánh"]
    total = next(int(k[1:]) for k, value in book.items() if k[0] == "B" and value == "Tổng điểm")
    assert agrees(book[f"D{total}"], comparison.before_total, Decimal(0))
    assert agrees(book[f"E{total}"], comparison.after_total, Decimal(0))
    assert agrees(book[f"F{total}"], comparison.difference, Decimal(0))


def cohorts() -> st.SearchStrategy[tuple[cc.CriterionSet, list[cc.Assessment]]]:
    def units(cs: cc.CriterionSet) -> st.SearchStrategy[tuple[cc.CriterionSet, list[Any]]]:
        one = assessments(cs, declared=True).map(
            lambda a: cc.Assessment(
                a.answers, unit=a.unit, self_assessed=a.self_assessed, appraised=a.appraised
            )
        )
        return st.tuples(st.just(cs), st.lists(one, min_size=2, max_size=4))

    sets = criterion_sets(max_depth=3).map(
        lambda cs: cc.CriterionSet(id=cs.id, title=cs.title, criteria=cs.criteria)
    )
    return sets.flatmap(units)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts())
def test_every_surface_tells_the_cards_numbers(
    cohort: tuple[cc.CriterionSet, list[cc.Assessment]],
) -> None:
    criterion_set, units = cohort
    cards = cc.score_many(criterion_set, units)
    for card in cards:
        check_tables(card)
        check_exact(card)
        check_workbook(card, scorecard_workbook(card))
    check_ranking_and_comparisons(cards)


def test_the_seed_card_on_every_surface() -> None:
    example = (
        Path(__file__).resolve().parents[1]
        / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
    )
    seed = cc.get_set("quangngai.so.2019")
    card = cc.score(seed, cc.load_assessment(example))
    # With one criterion not applicable and a group's own declared score, as offices file it.
    answers = {**card.assessment.answers, "7.4.1": cc.NA, "7.3.2": "50%"}
    declared = cc.Assessment(
        answers, unit="Sở", self_assessed={**card.assessment.self_assessed, "7": 10}
    )
    for one in (card, cc.score(seed, declared)):
        check_tables(one)
        check_exact(one)
        check_workbook(one, scorecard_workbook(one))
    check_ranking_and_comparisons([card, cc.score(seed, declared)])


# --------------------------------------------------------------------------- LibreOffice


def _recalculated(workbooks: list[bytes], folder: Path) -> list[str]:
    """Every cell of every workbook that LibreOffice recalculates to another value."""
    sys.path.insert(0, str(TOOLS))
    try:
        from check_recalc import differences, recalculate
    finally:
        sys.path.remove(str(TOOLS))
    paths = []
    for number, data in enumerate(workbooks):
        path = folder / f"book{number}.xlsx"
        path.write_bytes(data)
        paths.append(path)
    copies = recalculate(paths, folder)
    return [d for p, c in zip(paths, copies, strict=True) for d in differences(p, c)]


@pytest.mark.libreoffice
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(cohorts(), min_size=6, max_size=6))
def test_workbooks_recalculate_to_their_saved_values(
    batch: list[tuple[cc.CriterionSet, list[cc.Assessment]]], tmp_path_factory: Any
) -> None:
    books = []
    for criterion_set, units in batch:
        cards = cc.score_many(criterion_set, units)
        books += [scorecard_workbook(card) for card in cards]
        books.append(ranking_workbook(rank([(c, "", str(i)) for i, c in enumerate(cards)])))
        books.append(comparison_workbook(compare_years(cards[0], cards[-1])))
    assert _recalculated(books, tmp_path_factory.mktemp("recalc")) == []


@pytest.mark.libreoffice
def test_the_seed_workbook_with_na_and_a_declared_group_recalculates(tmp_path: Path) -> None:
    seed = cc.get_set("quangngai.so.2019")
    declared = cc.Assessment(
        {"7.1.2": "93%", "7.4.1": cc.NA, "7.4.2": "Thực hiện đúng"},
        self_assessed={"7": 10, "7.1.2": 1},
        appraised={"7.1": 2},
    )
    card = cc.score(seed, declared)
    data = scorecard_workbook(card)
    check_workbook(card, data)
    sheet = workbook_cells(data)["Phiếu điểm"]
    assert sheet["D9"] == 10  # the group's own declared score, not the sum of its leaves
    assert _recalculated([data], tmp_path) == []
