"""Excel and CSV as a provincial office uses them: the template filled in as a person types,
the report as it prints and as pandas reads it, CSV for Excel in a Vietnamese locale."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import cchc_criteria as cc
from cchc_criteria.cli import cli
from cchc_criteria.formats.sheets import INDEX_FORMAT, NUMBER_FORMAT

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
S = "quangngai.so.2019"

LATE_SET = """\
id = "demo.late.2025"
title = "Báo cáo đúng hạn"

[[criteria]]
code = "1"
title = "BÁO CÁO"
max = 3

[[criteria]]
code = "1.1"
title = "Gửi báo cáo năm"
max = 2
rule = "lateness"
deadline = "2024-12-20"
days = "working"
not_after = "2025-01-10"
bands = [
  { label = "Đúng hạn", to = 0, points = 2 },
  { label = "Chậm đến 2 ngày", above = 0, to = 2, points = 1 },
  { label = "Từ ngày thứ 3", above = 2, points = 0 },
]

[[criteria]]
code = "1.2"
title = "Tỷ lệ hồ sơ đúng hạn"
max = 1
rule = "proportional"
"""


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    """``cchc ARGS``, with messages in ``lang`` (English unless a test asks for Vietnamese)."""
    result = CliRunner().invoke(cli, list(args), env={"CCHC_LANG": lang})
    return result.exit_code, result.stdout, result.stderr


def template(tmp_path: Path, set_id: str = S) -> openpyxl.Workbook:
    path = tmp_path / "template.xlsx"
    code, _, err = run("template", set_id, "-f", "xlsx", "-o", str(path))
    assert code == 0, err
    return openpyxl.load_workbook(path)


def rows_by_code(sheet: object) -> dict[str, int]:
    return {
        str(row[0].value): row[0].row
        for row in sheet.iter_rows(min_row=4)  # type: ignore[attr-defined]
        if row[0].value
    }


def headings(sheet: object) -> dict[str, int]:
    return {str(c.value): c.column for c in sheet[3] if c.value}  # type: ignore[index]


# ------------------------------------------------------------------------------------ template


@pytest.mark.parametrize(
    ("stored", "number_format", "points"),
    [
        (0.8999999999999999, "0%", "1"),  # =1-0.1 in a percent cell shows 90 %: 90 %
        (0.9, "0%", "1"),
        (0.8999, "0.00%", "0.5"),  # 89,99 % is below 90 %, as shown
        (89.99999999999999, "General", "1"),  # a formula's noise around 90
        (0.6 - 0.1 + 0.0000000000000001, "0%", "0.25"),  # 50 %, not 49,99… %
    ],
)
def test_a_cell_is_read_at_the_15_digits_excel_shows(
    tmp_path: Path, stored: float, number_format: str, points: str
) -> None:
    book = template(tmp_path)
    sheet = book["Kê khai"]
    row, column = rows_by_code(sheet), headings(sheet)
    # 7.1.2: from 90 %: 1 point; 60 % to under 90 %: 0,5; 50 % to under 60 %: 0,25.
    cell = sheet.cell(row=row["7.1.2"], column=column["Số liệu kê khai"], value=stored)
    cell.number_format = number_format
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    card = cc.score(cc.get_set(S), cc.load_assessment(filled))
    assert card["7.1.2"].points == Decimal(points)


def test_a_code_on_two_rows_is_refused_naming_both(tmp_path: Path) -> None:
    book = template(tmp_path)
    sheet = book["Kê khai"]
    row, column = rows_by_code(sheet), headings(sheet)
    sheet.cell(row=row["7.1.2"], column=column["Số liệu kê khai"], value="93%")
    # A row copied below the table with the same code and another figure.
    last = max(row.values()) + 1
    sheet.cell(row=last, column=1, value="7.1.2")
    sheet.cell(row=last, column=column["Số liệu kê khai"], value="10%")
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    with pytest.raises(cc.InputError) as caught:
        cc.load_assessment(filled)
    message = str(caught.value)
    assert f"row {last} repeats the code '7.1.2' of row {row['7.1.2']}" in message
    code, _, err = run("score", S, str(filled))
    assert code == 2
    assert "filled.xlsx" in err
    assert "repeats the code '7.1.2'" in err


def test_template_filled_as_a_person_types_scores_like_the_same_answers_in_toml(
    tmp_path: Path,
) -> None:
    book = template(tmp_path)
    sheet = book["Kê khai"]
    row, column = rows_by_code(sheet), headings(sheet)
    sheet["B2"], sheet["D2"], sheet["F2"] = "Sở Thử nghiệm", "2019", "Khối sở"

    def put(code: str, heading: str, value: object, number_format: str | None = None) -> None:
        cell = sheet.cell(row=row[code], column=column[heading], value=value)
        if number_format:
            cell.number_format = number_format

    put("7.1.2", "Số liệu kê khai", 0.93, "0%")  # 93 typed into a percent cell
    put("7.2.1", "Số liệu kê khai", "93,5")  # typed as text, decimal comma
    put("7.1.3", "Số liệu kê khai", "Có")  # from the drop-down
    put("7.4.1", "Số liệu kê khai", "Không")
    put("7.3.2", "Khoảng đạt được", "Từ 10% số hồ sơ TTHC trả lên")
    put("7.1.2", "Điểm tự đánh giá", 1)
    put("7.1.2", "Điểm thẩm định", 0.5)
    put("7.1.2", "Tài liệu kiểm chứng", "Báo cáo số 12/BC-SGD; Quyết định 45/QĐ-SGD")
    put("7.1.2", "Giải trình", "Số liệu từ hệ thống quản lý văn bản")
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    toml = tmp_path / "same.toml"
    toml.write_text(
        "\n".join(
            [
                f'set = "{S}"',
                'unit = "Sở Thử nghiệm"',
                'period = "2019"',
                'group = "Khối sở"',
                "[answers]",
                '"7.1.2" = "93%"',
                '"7.2.1" = "93,5"',
                '"7.1.3" = "Có"',
                '"7.4.1" = "Không"',
                '"7.3.2" = { band = "Từ 10% số hồ sơ TTHC trả lên" }',
                "[self_assessed]",
                '"7.1.2" = 1',
                "[appraised]",
                '"7.1.2" = "0,5"',
                "[evidence]",
                '"7.1.2" = ["Báo cáo số 12/BC-SGD", "Quyết định 45/QĐ-SGD"]',
                "[explanations]",
                '"7.1.2" = "Số liệu từ hệ thống quản lý văn bản"',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    cs = cc.get_set(S)
    from_excel, from_toml = cc.load_assessment(filled), cc.load_assessment(toml)
    assert from_excel == from_toml
    assert cc.score(cs, from_excel) == cc.score(cs, from_toml)
    card = cc.score(cs, from_excel)
    assert card["7.1.2"].value == 93
    assert card["7.2.1"].value == Decimal("93.5")
    assert card["7.1.2"].appraised == Decimal("0.5")
    assert card["7.1.2"].evidence == ("Báo cáo số 12/BC-SGD", "Quyết định 45/QĐ-SGD")


def test_a_date_cell_is_a_date(tmp_path: Path) -> None:
    set_file = tmp_path / "late.toml"
    set_file.write_text(LATE_SET, encoding="utf-8")
    book = template(tmp_path, str(set_file))
    sheet = book["Kê khai"]
    row, column = rows_by_code(sheet), headings(sheet)
    answer = sheet.cell(row=row["1.1"], column=column["Số liệu kê khai"])
    answer.value = datetime(2024, 12, 23)  # typed as 23/12/2024 into a date cell
    answer.number_format = "dd/mm/yyyy"
    sheet.cell(row=row["1.2"], column=column["Số liệu kê khai"]).value = "45/50"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    cs = cc.load_set(set_file)
    from_excel = cc.score(cs, cc.load_assessment(filled))
    from_toml = cc.score(cs, {"1.1": date(2024, 12, 23), "1.2": "45/50"})
    assert from_excel.nodes == from_toml.nodes
    assert from_excel["1.1"].points == 1  # one working day late


def test_template_is_protected_with_its_answer_cells_open(tmp_path: Path) -> None:
    sheet = template(tmp_path)["Kê khai"]
    assert sheet.protection.sheet is True
    assert not sheet.protection.password  # a lock against slips, not a secret
    row, column = rows_by_code(sheet), headings(sheet)
    leaf, group = row["7.1.2"], row["7.1"]
    for heading in ("STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa"):
        assert sheet.cell(row=leaf, column=column[heading]).protection.locked
    for heading in (
        "Số liệu kê khai",
        "Khoảng đạt được",
        "Điểm tự đánh giá",
        "Điểm thẩm định",
        "Tài liệu kiểm chứng",
        "Giải trình",
    ):
        assert not sheet.cell(row=leaf, column=column[heading]).protection.locked, heading
        # A group's own self-assessed and appraised totals may be typed; nothing else.
        typed = heading in ("Điểm tự đánh giá", "Điểm thẩm định")
        assert sheet.cell(row=group, column=column[heading]).protection.locked != typed, heading
    for coordinate in ("B2", "D2", "F2"):  # unit, period, group
        assert not sheet[coordinate].protection.locked
    assert sheet["E2"].value == "Nhóm"


def test_template_stops_impossible_values(tmp_path: Path) -> None:
    sheet = template(tmp_path)["Kê khai"]
    row, column = rows_by_code(sheet), headings(sheet)
    validations = sheet.data_validations.dataValidation
    assert validations
    for validation in validations:
        if validation.type is None:  # a prompt only: a rate's cell, which takes "3/41"
            assert validation.showInputMessage
            assert validation.prompt.startswith("Gõ tỷ lệ từ 0 đến 100")
            continue
        assert validation.showErrorMessage
        assert validation.errorStyle == "stop"
        assert validation.error
    self_cell = sheet.cell(row=row["7.4.1"], column=column["Điểm tự đánh giá"]).coordinate
    (points,) = [v for v in validations if self_cell in v.sqref]
    assert (points.type, points.formula1, points.formula2) == ("decimal", "0", "1.5")


def test_template_prints_on_a4_one_page_wide(tmp_path: Path) -> None:
    sheet = template(tmp_path)["Kê khai"]
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"


def test_a_template_of_an_earlier_release_still_reads(tmp_path: Path) -> None:
    # Earlier templates had no appraised and evidence columns: columns go by their heading.
    book = template(tmp_path)
    sheet = book["Kê khai"]
    sheet.protection.sheet = False
    sheet.delete_cols(8, 2)
    row = rows_by_code(sheet)
    sheet.cell(row=row["7.1.3"], column=5, value="Có")
    sheet.cell(row=row["7.1.3"], column=8, value="Đã kết nối")  # now "Giải trình"
    path = tmp_path / "old.xlsx"
    book.save(path)
    read = cc.load_assessment(path)
    assert read.answers == {"7.1.3": "Có"}
    assert read.explanations == {"7.1.3": "Đã kết nối"}


def test_a_workbook_without_the_headings_is_refused_by_name(tmp_path: Path) -> None:
    book = template(tmp_path)
    book["Kê khai"]["E3"] = "Số liệu"
    path = tmp_path / "renamed.xlsx"
    book.save(path)
    code, _, err = run("score", S, str(path))
    assert code == 2
    assert "renamed.xlsx" in err
    assert "'Số liệu kê khai'" in err
    assert "Traceback" not in err


# ------------------------------------------------------------------------------------- report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "card.xlsx"
    code, _, err = run("score", S, str(EXAMPLE), "-f", "xlsx", "-o", str(path), lang="vi")
    assert code in (0, 1), err
    return path


def test_report_sheets_print_on_a4_one_page_wide(report: Path) -> None:
    book = openpyxl.load_workbook(report)
    assert book.sheetnames == ["Phiếu điểm", "Cách tính", "Phát hiện"]
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9, sheet.title  # A4
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows
    card = book["Phiếu điểm"]
    assert card.print_title_rows == "$8:$8"  # under the letterhead and the title
    title = card["B10"]
    assert title.alignment.wrap_text
    assert title.border.left.style == "thin"


def test_report_number_formats_show_the_vietnamese_comma(report: Path) -> None:
    sheet = openpyxl.load_workbook(report)["Phiếu điểm"]
    rows = {str(r[0].value): r for r in sheet.iter_rows(min_row=9) if r[0].value}
    for cell in (rows["7.1.1"][2], rows["7"][6], rows["7.4.1"][6]):
        assert cell.number_format == NUMBER_FORMAT
    index = next(r for r in sheet.iter_rows(min_row=9) if r[1].value == "Chỉ số")[6]
    assert index.number_format == INDEX_FORMAT
    assert index.value.startswith("=G")
    assert index.value.endswith("*100")


def test_every_formula_is_saved_with_its_value(report: Path) -> None:
    formulas = openpyxl.load_workbook(report)
    values = openpyxl.load_workbook(report, data_only=True)
    seen = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    seen += 1
                    cached = values[sheet.title][cell.coordinate].value
                    assert isinstance(cached, int | float), (sheet.title, cell.coordinate)
    # The groups' points and the totals (the seed's self-assessed group scores are declared,
    # so they are values, not formulas).
    assert seen >= 7
    with zipfile.ZipFile(report) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<v />" not in xml
    assert "<v></v>" not in xml


def test_report_totals_are_formulas_that_match_the_scorecard(report: Path) -> None:
    card = cc.score(cc.get_set(S), cc.load_assessment(EXAMPLE))
    formulas = openpyxl.load_workbook(report)["Phiếu điểm"]
    values = openpyxl.load_workbook(report, data_only=True)["Phiếu điểm"]
    by_label = {r[1].value: r[0].row for r in formulas.iter_rows(min_row=9) if r[0].value is None}
    total = by_label["Tổng điểm"]
    assert formulas[f"G{total}"].value == "=MIN(MAX(0,SUM(G9)),13)"  # over the area row
    assert values[f"G{total}"].value == float(card.points)
    assert values[f"G{by_label['Chỉ số']}"].value == pytest.approx(float(card.index or 0))
    rows = {str(r[0].value): r[0].row for r in formulas.iter_rows(min_row=9) if r[0].value}
    for code in ("7", "7.1", "7.2", "7.3", "7,4"):
        node = card[code]
        assert values[f"G{rows[code]}"].value == pytest.approx(float(node.points or 0)), code
        # Nothing was appraised: the appraised column of a group is empty, not 0.
        assert values[f"E{rows[code]}"].value is None


def test_pandas_reads_every_group_total_as_a_number(report: Path) -> None:
    frame = pd.read_excel(report, sheet_name="Phiếu điểm", header=7)  # under the letterhead
    frame = frame[frame["STT"].notna()]
    groups = frame[frame["STT"].astype(str).isin(["7", "7.1", "7.2", "7.3", "7,4"])]
    assert len(groups) == 5
    for column in ("Điểm tối đa", "Điểm tự đánh giá", "Điểm tính theo số liệu"):
        assert all(isinstance(v, int | float) and v == v for v in groups[column]), column
    assert groups["Điểm thẩm định"].isna().all()
    assert groups.iloc[0]["Điểm tính theo số liệu"] == 6


def test_report_says_how_each_criterion_was_scored_and_lists_the_findings(report: Path) -> None:
    book = openpyxl.load_workbook(report)
    card = cc.score(cc.get_set(S), cc.load_assessment(EXAMPLE))
    how = book["Cách tính"]
    assert [c.value for c in how[1]][:3] == ["STT", "Tiêu chí", "Cách tính điểm"]
    leaves = [n.code for n in card if n.is_leaf]
    assert [r[0].value for r in how.iter_rows(min_row=2)] == leaves
    row = next(r for r in how.iter_rows(min_row=2) if r[0].value == "7.1.2")
    assert row[2].value.startswith("từ 90 % trở lên: 1 điểm")
    findings = book["Phát hiện"]
    codes = [r[1].value for r in findings.iter_rows(min_row=2)]
    assert codes == [f.code for f in (*card.findings, *card.lint_findings)]
    assert "band-gap" in codes


def test_ranking_workbook_prints_and_shows_indices_as_percent(tmp_path: Path) -> None:
    path = tmp_path / "rank.xlsx"
    code, _, err = run("rank", S, str(EXAMPLE), "-f", "xlsx", "-o", str(path), lang="vi")
    assert code == 0, err
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Tóm tắt", "Xếp hạng", "Biểu đồ"]
    sheet = book["Xếp hạng"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$7:$7"  # under the letterhead and the title
    assert sheet["F8"].number_format == INDEX_FORMAT
    assert sheet["D8"].number_format == NUMBER_FORMAT


# ---------------------------------------------------------------------------------------- CSV


def test_csv_for_excel_has_a_bom_semicolons_and_decimal_commas() -> None:
    code, out, err = run("score", S, str(EXAMPLE), "-f", "csv", "--excel")
    assert code in (0, 1), err
    assert out.startswith("\ufeffcode;title;")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    area = rows[0]
    assert (area["code"], area["max_points"], area["index_display"]) == ("7", "13", "46,15")
    assert area["index"].startswith("46,153846153846")
    assert rows[1]["max_points"] == "4,5"
    assert all("." not in r["points"] for r in rows)
    code, out, _ = run("rank", S, str(EXAMPLE), "-f", "csv", "--excel")
    assert code == 0
    assert out.startswith("\ufeffgroup;rank;unit;")
    assert ";46,15;" in out


def test_default_csv_stays_rfc_4180_for_programs() -> None:
    _, out, _ = run("score", S, str(EXAMPLE), "-f", "csv")
    assert out.startswith("code,title,")
    area = next(csv.DictReader(io.StringIO(out)))
    assert (area["max_points"], area["index_display"]) == ("13", "46.15")
    assert area["index"].startswith("46.1538461538461538461538")


def test_excel_flag_only_goes_with_csv() -> None:
    code, _, err = run("score", S, str(EXAMPLE), "-f", "json", "--excel")
    assert code == 2
    assert "--excel goes with -f csv" in err


def test_json_keeps_the_exact_index_beside_the_rounded_one() -> None:
    _, out, _ = run("score", S, str(EXAMPLE), "-f", "json")
    data = json.loads(out)
    assert data["index_display"] == "46.15"
    assert data["index"].startswith("46.153846153846")
    assert data["nodes"][0]["index_display"] == "46.15"


def fill_template(tmp_path: Path, figures: dict[str, object], percent: set[str]) -> Path:
    code, out, _ = run("template", S, "-f", "xlsx", "-o", str(tmp_path / "t.xlsx"))
    assert code == 0, out
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book["Kê khai"]
    for row in range(4, sheet.max_row + 1):
        code_cell = sheet.cell(row=row, column=1).value
        if code_cell in figures:
            cell = sheet.cell(row=row, column=5)
            cell.value = figures[str(code_cell)]
            if code_cell in percent:
                cell.number_format = "0.0%"
    path = tmp_path / "filled.xlsx"
    book.save(path)
    return path


def test_excel_percent_cell_is_read_as_shown(tmp_path: Path) -> None:
    # 93 % typed into a percent cell is stored as 0.93; "93,5" typed as text.
    path = fill_template(tmp_path, {"7.2.2": 0.93, "7.2.1": "93,5"}, percent={"7.2.2"})
    card = cc.score(cc.get_set(S), cc.load_assessment(path))
    same = cc.score(cc.get_set(S), {"7.2.2": "93%", "7.2.1": "93,5"})
    assert card["7.2.2"].value == Decimal(93)
    assert card["7.2.2"].points == same["7.2.2"].points == 1
    assert card["7.2.1"].value == Decimal("93.5")
    assert card.points == same.points


def test_excel_formula_without_a_saved_value_names_the_cell(tmp_path: Path) -> None:
    path = fill_template(tmp_path, {"7.2.2": "=B1*2"}, percent=set())
    with pytest.raises(cc.InputError, match=r"filled\.xlsx:\d+: criterion 7\.2\.2: cell E\d+"):
        cc.load_assessment(path)


def damaged_workbook(tmp_path: Path, change: str) -> Path:
    template = tmp_path / "t.xlsx"
    assert run("template", S, "-f", "xlsx", "-o", str(template))[0] == 0
    damaged = tmp_path / f"{change}.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                if change == "doctype":
                    data = data.replace(
                        b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1
                    )
                else:
                    data = data[: len(data) // 2]
            target.writestr(item, data)
    return damaged


def test_truncated_sheet_xml_is_one_message(tmp_path: Path) -> None:
    path = damaged_workbook(tmp_path, "truncated")
    code, _, err = run("score", S, str(path))
    assert code == 2
    assert err.startswith(f"cchc: error: {path}: not a readable XLSX workbook")


def test_a_doctype_in_sheet_xml_expands_nothing(tmp_path: Path) -> None:
    path = damaged_workbook(tmp_path, "doctype")
    code, out, err = run("score", S, str(path))
    assert code in (1, 2)  # read without the entity, or refused with one message
    assert "root:" not in out + err
    assert code == 1 or err.startswith(f"cchc: error: {path}: not a readable XLSX workbook")


def test_a_workbook_sharing_a_million_texts_is_refused_at_once(tmp_path: Path) -> None:
    import io
    import time
    import zipfile

    template = tmp_path / "template.xlsx"
    code, _, err = run("template", S, "-f", "xlsx", "-o", str(template))
    assert code == 0, err
    huge = tmp_path / "huge.xlsx"
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            out.writestr(item, data)
        strings = io.BytesIO()
        strings.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/')
        strings.write(b'spreadsheetml/2006/main">')
        for number in range(1_000_000):
            strings.write(b"<si><t>s%d</t></si>" % number)
        strings.write(b"</sst>")
        out.writestr("xl/sharedStrings.xml", strings.getvalue())
    started = time.perf_counter()
    code, _, err = run("score", S, str(huge))
    assert code == 2
    assert "shares 1,000,000 texts between its cells; at most 400,000" in err
    assert time.perf_counter() - started < 5
