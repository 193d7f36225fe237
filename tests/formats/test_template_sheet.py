"""The blank workbook, filled in as a person at Excel fills it (issue 27): a rate typed as a
ratio, a group's own total, the unit's group from a drop-down, a period typed as a date, a
figure beside a band it does not fall in, and hints with no file syntax in them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

import cchc_criteria as cc
from cchc_support import S, run

GROUPED = """\
id = "demo.nhom.2024"
title = "Bộ có nhóm"
groups = ["Nhóm A", "Nhóm B"]

[[criteria]]
code = "1"
title = "Tỷ lệ"
max = 2
rule = "bands"
bands = [
  { label = "Từ 90% trở lên", from = 90, points = 2 },
  { label = "Dưới 90%", below = 90, points = 1 },
]
"""


def blank(tmp_path: Path, set_id: str = S) -> Path:
    path = tmp_path / "blank.xlsx"
    code, _, err = run("template", set_id, "-f", "xlsx", "-o", str(path))
    assert code == 0, err
    return path


def rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    return {str(r[0].value): r[0].row for r in sheet.iter_rows(min_row=4) if r[0].value}


def filled(tmp_path: Path, fill: dict[str, object], set_id: str = S) -> Path:
    """The blank workbook with ``fill`` typed in: "B2"-style cells, or "code:column"."""
    book = openpyxl.load_workbook(blank(tmp_path, set_id))
    sheet = book["Kê khai"]
    where = rows(sheet)
    for key, value in fill.items():
        if ":" in key:
            code, column = key.split(":")
            sheet[f"{column}{where[code]}"] = value
        else:
            sheet[key] = value
    path = tmp_path / "filled.xlsx"
    book.save(path)
    return path


def test_a_rate_typed_as_a_ratio_stays_text_and_scores_as_in_toml(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(blank(tmp_path))["Kê khai"]
    where = rows(sheet)
    assert sheet[f"E{where['7.2.2']}"].number_format == "@"  # Excel keeps "3/41" as typed
    assert sheet[f"E{where['7.1.3']}"].number_format != "@"  # a yes/no is a drop-down
    path = filled(tmp_path, {"B2": "Sở A", "D2": "2019", "7.2.2:E": "3/41", "7.2.1:E": "85"})
    from_sheet = cc.score(cc.get_set(S), cc.load_assessment(path))
    from_toml = cc.score(cc.get_set(S), {"7.2.2": "3/41", "7.2.1": "85"})
    for code in ("7.2.1", "7.2.2", "7.2"):
        assert from_sheet[code].points == from_toml[code].points, code


def test_a_groups_own_total_can_be_typed(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(blank(tmp_path))["Kê khai"]
    where = rows(sheet)
    assert not sheet[f"G{where['7.1']}"].protection.locked
    path = filled(tmp_path, {"7.1.3:E": "Có", "7.1:G": 3.5, "7:G": 9})
    card = cc.score(cc.get_set(S), cc.load_assessment(path))
    assert (card["7.1"].self_assessed, card["7"].self_assessed) == (3.5, 9)


def test_the_group_is_chosen_from_the_sets_groups_and_empty_heads_are_warned(
    tmp_path: Path,
) -> None:
    (tmp_path / "set.toml").write_text(GROUPED, encoding="utf-8")
    set_file = str(tmp_path / "set.toml")
    sheet = openpyxl.load_workbook(blank(tmp_path, set_file))["Kê khai"]
    (chooser,) = [v for v in sheet.data_validations.dataValidation if "F2" in str(v.sqref)]
    lists = openpyxl.load_workbook(blank(tmp_path, set_file))["Danh sách"]
    column = chooser.formula1.split("!$")[1][0]
    assert [lists[f"{column}{n}"].value for n in (1, 2)] == ["Nhóm A", "Nhóm B"]
    path = filled(tmp_path, {"1:E": "95"}, set_file)
    code, _, err = run("score", set_file, str(path))
    assert code == 0, err
    assert "the unit, the period, the group left empty" in err
    named = filled(tmp_path, {"B2": "Xã A", "D2": "2024", "F2": "Nhóm A", "1:E": "95"}, set_file)
    code, _, err = run("score", set_file, str(named))
    assert "left empty" not in err


def test_a_period_typed_as_a_date_reads_as_its_year(tmp_path: Path) -> None:
    path = filled(tmp_path, {"B2": "Sở A", "D2": datetime(2019, 1, 1), "7.1.3:E": "Có"})
    assert cc.load_assessment(path).period == "2019"


@pytest.mark.parametrize(("band", "contradicts"), [("Dưới 90%", True), ("Từ 90% trở lên", False)])
def test_a_figure_and_a_band_it_is_not_in_is_a_finding(
    tmp_path: Path, band: str, contradicts: bool
) -> None:
    (tmp_path / "set.toml").write_text(GROUPED, encoding="utf-8")
    set_file = str(tmp_path / "set.toml")
    path = filled(tmp_path, {"1:E": "95", "1:F": band}, set_file)
    card = cc.score(cc.load_set(set_file), cc.load_assessment(path))
    assert card["1"].points == 2  # the figure is scored
    codes = [f.code for f in card.findings]
    assert ("band-contradicts-figure" in codes) == contradicts
    if contradicts:
        (said,) = [f for f in card.findings if f.code == "band-contradicts-figure"]
        assert said.criterion == "1"
        assert "'Dưới 90%'" in said.message
        assert "'Từ 90% trở lên'" in said.message
    # The same answer in a file says the same.
    text = f'[answers]\n"1" = {{ band = "{band}", value = "95" }}\n'
    again = cc.score(cc.load_set(set_file), cc.loads_assessment(text))
    assert [f.code for f in again.findings] == codes


@pytest.mark.parametrize("set_id", [S, "example.xa.2025.thang"])
def test_the_hints_are_plain_vietnamese(tmp_path: Path, set_id: str) -> None:
    sheet = openpyxl.load_workbook(blank(tmp_path, set_id))["Kê khai"]
    hints = [str(c.value) for c in sheet["D"][3:] if c.value]
    assert hints
    for hint in hints:
        said = hint.split("\n")[-1]  # below the rule as published: what to type
        for toml in ("{", "}", "true", "false", "band ="):
            assert toml not in said, (toml, hint)
