"""Workbook reports: no formula and no control character reaches a cell from the data."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from cchc_support import QN_SET, S, assessment, run, unit

HOSTILE = '=HYPERLINK("http://evil.example","x")'


def test_no_formula_reaches_a_workbook(tmp_path: Path) -> None:
    unit = assessment(
        tmp_path, f"unit = '{HOSTILE}'\ngroup = '@SUM(1)'\n[answers]\n\"7.1.3\" = \"Có\"\n"
    )
    set_file = tmp_path / "hostile.toml"
    set_file.write_text(
        QN_SET.read_text(encoding="utf-8").replace(
            'title = "HIỆN ĐẠI HÓA HÀNH CHÍNH"', f"title = '{HOSTILE}'"
        ),
        encoding="utf-8",
    )
    outputs = {
        "score.xlsx": ["score", S, unit, "-f", "xlsx"],
        "rank.xlsx": ["rank", S, unit, "-f", "xlsx"],
        "template.xlsx": ["template", str(set_file), "-f", "xlsx"],
    }
    unit_for_file = tmp_path / "unit2.toml"
    unit_for_file.write_text(f"unit = '{HOSTILE}'\n[answers]\n", encoding="utf-8")
    outputs["hostile-score.xlsx"] = ["score", str(set_file), str(unit_for_file), "-f", "xlsx"]
    for name, command in outputs.items():
        code, _, err = run(*command, "-o", str(tmp_path / name))
        assert code in (0, 1), err
        book = openpyxl.load_workbook(tmp_path / name)
        texts = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and "HYPERLINK" in cell.value:
                        texts.append(cell)
                    if cell.data_type == "f":  # only the sums the library writes
                        assert re.fullmatch(r"=[A-Z0-9(),.*/+-]+", str(cell.value)), cell.value
        assert texts, f"{name}: the hostile text is missing"
        assert all(cell.data_type == "s" for cell in texts), name


def test_control_characters_in_a_name_or_explanation_reach_a_workbook_escaped(
    tmp_path: Path,
) -> None:
    path = unit(
        tmp_path,
        'unit = "Sở\\u0007\\u001b[31mđỏ"\n[answers]\n"7.1.2" = "93%"\n'
        '[explanations]\n"7.1.2" = "x\\u0001y"\n',
    )
    target = tmp_path / "card.xlsx"
    code, _, err = run("score", S, path, "-f", "xlsx", "-o", str(target))
    assert code == 1, err  # incomplete, not a crash
    texts = [
        cell.value
        for sheet in openpyxl.load_workbook(target).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert any("Sở\\u0007\\u001b[31mđỏ" in text for text in texts)
    code, _, err = run("rank", S, path, "-f", "xlsx", "-o", str(tmp_path / "rank.xlsx"))
    assert code == 0, err


# --------------------------------------------------------------------------- the printout


def _card_sheet(tmp_path: Path, body: str, *options: str) -> Worksheet:
    """The scorecard sheet of the workbook ``cchc score`` writes for ``body``, in Vietnamese."""
    path = tmp_path / "card.xlsx"
    unit_file = assessment(tmp_path, body)
    code, _, err = run("score", S, unit_file, "-f", "xlsx", "-o", str(path), *options, lang="vi")
    assert code in (0, 1), err
    return openpyxl.load_workbook(path)["Phiếu điểm"]


def _texts(sheet: Worksheet) -> list[str]:
    return [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]


def test_an_incomplete_card_says_so_above_its_signatures(tmp_path: Path) -> None:
    import cchc_criteria as cc
    from cchc_criteria.reports.text import _incomplete

    body = 'unit = "Sở Tư pháp"\n[answers]\n"7.1.2" = "93%"\n"7.1.3" = true\n'
    sheet = _card_sheet(tmp_path, body)
    texts = _texts(sheet)
    card = cc.score(cc.get_set(S), cc.Assessment({"7.1.2": "93%", "7.1.3": True}))
    state = _incomplete(card, "vi")
    said = re.fullmatch(r"Phiếu điểm CHƯA ĐẦY ĐỦ — ([\d,]+) điểm chưa chấm", state)
    assert said is not None, state
    assert Decimal(said.group(1).replace(",", ".")) == card.open_points  # the card's own
    assert state in texts
    # The letterhead: the set's authority, the unit, the national name and motto.
    assert texts[:6] == [
        "UBND TỈNH QUẢNG NGÃI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ TƯ PHÁP",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ……/BC-……",
        "Quảng Ngãi, ngày …… tháng …… năm ……",
    ]
    # Below the table: the state, the rounding, then who signs.
    position = {text: number for number, text in enumerate(texts)}
    assert position[state] < position["Người lập biểu"] < position["THỦ TRƯỞNG ĐƠN VỊ"]
    assert any(text.startswith("Điểm và chỉ số làm tròn đến 2 chữ số") for text in texts)
    # Every cell in the official font.
    fonts = {c.font.name for row in sheet.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}


def test_points_print_rounded_and_the_cells_keep_them_exact(tmp_path: Path) -> None:
    # 7.2.2 scores "rate / 40" between 20 % and 40 %: 31 % gives 0.775, shown 0,78.
    body = '[answers]\n"7.2.2" = "31%"\n"7.2.3" = "29,3%"\n'
    sheet = _card_sheet(tmp_path, body)
    rows = {str(r[0].value): r for r in sheet.iter_rows(min_row=9) if r[0].value}
    cell = rows["7.2.2"][6]
    assert cell.value == 0.775
    assert cell.number_format == "[$-42A]0.00"
    assert rows["7.2.1"][2].number_format == "[$-42A]General"  # 1 shows as 1


def test_a_partly_appraised_group_is_marked_partial(tmp_path: Path) -> None:
    body = '[answers]\n"7.1.2" = "93%"\n[appraised]\n"7.1.2" = 1\n'
    sheet = _card_sheet(tmp_path, body)
    rows = {str(r[0].value): r for r in sheet.iter_rows(min_row=9) if r[0].value}
    assert "thẩm định chưa đủ" in str(rows["7.1"][5].value)
    assert "thẩm định chưa đủ" in str(rows["7"][5].value)
    assert "thẩm định chưa đủ" not in str(rows["7.2"][5].value)  # nothing appraised there
    total = next(r for r in sheet.iter_rows(min_row=9) if r[1].value == "Tổng điểm")
    assert total[5].value == "thẩm định chưa đủ"


def test_the_signers_and_the_authority_are_options(tmp_path: Path) -> None:
    body = 'unit = "Sở Y tế"\n[answers]\n"7.1.3" = true\n'
    options = ("--authority", "Ủy ban nhân dân tỉnh Quảng Ngãi", "--signer", "Người kiểm tra")
    sheet = _card_sheet(tmp_path, body, *options, "--signer", "Giám đốc")
    texts = _texts(sheet)
    assert texts[0] == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"
    assert "Người kiểm tra" in texts
    assert "GIÁM ĐỐC" in texts
    assert "Người lập biểu" not in texts
