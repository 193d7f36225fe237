"""The province's ranking workbook and the comparison workbook (issue 27): every number the
core's own, the summary's counts the ranking's, a chart of the indices."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.analysis.compare import compare_years
from cchc_criteria.reports.xlsx_ranking import comparison_workbook, ranking_workbook
from cchc_criteria.testing import assessments
from cchc_support import S

SEED = cc.get_set(S)
cohort = st.lists(
    st.tuples(st.sampled_from(["Nhóm A", "Nhóm B"]), assessments(SEED, valid_only=True)),
    min_size=1,
    max_size=12,
)


def _cards(drawn: list[tuple[str, cc.Assessment]]) -> list[cc.Scorecard]:
    return [
        cc.score(SEED, cc.Assessment(a.answers, unit=f"Sở {i:02d}", group=g))
        for i, (g, a) in enumerate(drawn)
    ]


@settings(max_examples=15, deadline=None)
@given(cohort)
def test_the_summary_and_the_chart_tell_the_rankings_numbers(
    drawn: list[tuple[str, cc.Assessment]],
) -> None:
    ranking = cc.rank(_cards(drawn))
    book = openpyxl.load_workbook(io.BytesIO(ranking_workbook(ranking)), data_only=True)
    assert book.sheetnames == ["Tóm tắt", "Xếp hạng", "Biểu đồ"]
    summary = {row[0].value: row[1].value for row in book["Tóm tắt"].iter_rows(min_row=3)}
    ranked = [e for e in ranking if e.rank is not None]
    assert summary["Số đơn vị"] == len(ranking)
    assert summary["Được xếp hạng"] == len(ranked)
    assert summary["Chưa đủ (không xếp hạng)"] == sum(
        1 for e in ranking if e.rank is None and e.standing.accepted
    )
    for grade in {e.standing.grade for e in ranked if e.standing.grade}:
        assert summary[f"Xếp loại: {grade}"] == sum(1 for e in ranked if e.standing.grade == grade)
    if ranked:  # the mean index of the area over the ranked units, exactly as they add up
        mean = sum((e.standing.area("7") or Decimal(0) for e in ranked), Decimal(0)) / len(ranked)
        assert abs(Decimal(str(summary["Chỉ số 7"])) - mean) < Decimal("1e-9")
    sheet = book["Xếp hạng"]
    header = next(r[0].row for r in sheet.iter_rows() if r[0].value == "Nhóm")
    for number, entry in enumerate(ranking, start=header + 1):
        assert sheet[f"C{number}"].value == entry.standing.unit
        assert sheet[f"B{number}"].value == entry.rank
    (chart,) = openpyxl.load_workbook(io.BytesIO(ranking_workbook(ranking)))["Biểu đồ"]._charts
    reference = chart.series[0].val.numRef.f
    cells = f"$F${header + 1}" + (f":$F${header + len(ranking)}" if len(ranking) > 1 else "")
    assert reference == f"'Xếp hạng'!{cells}"  # the index column of every unit


def test_the_comparison_workbook_adds_up_to_the_comparisons_totals() -> None:
    old = cc.score(
        SEED, cc.Assessment({"7.1.2": "55%", "7.1.3": False}, unit="Sở A", period="2018")
    )
    new = cc.score(SEED, cc.Assessment({"7.1.2": "93%", "7.1.3": True}, unit="Sở A", period="2019"))
    comparison = compare_years(old, new)
    book = openpyxl.load_workbook(io.BytesIO(comparison_workbook(comparison)), data_only=True)
    sheet = book["So sánh"]
    formulas = openpyxl.load_workbook(io.BytesIO(comparison_workbook(comparison)))["So sánh"]
    total = next(r[1].row for r in sheet.iter_rows() if r[1].value == "Tổng điểm")
    assert Decimal(str(sheet[f"D{total}"].value)) == comparison.before_total
    assert Decimal(str(sheet[f"E{total}"].value)) == comparison.after_total
    assert Decimal(str(sheet[f"F{total}"].value)) == comparison.difference
    assert str(formulas[f"D{total}"].value).startswith("=SUM(")
    rows = {r[0].value: r for r in sheet.iter_rows() if r[0].value in ("7.1.2", "7.1.3")}
    assert set(rows) == {"7.1.2", "7.1.3"}
    for line in comparison.lines:
        if line.code in rows and line.difference is not None:
            assert Decimal(str(rows[line.code][5].value)) == line.difference
