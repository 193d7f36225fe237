"""Workbook reports: no formula and no control character reaches a cell from the data."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

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
