"""Survey files: CSV as Excel saves it, read into the votes a survey rule scores, and the
``cchc score --survey`` option."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import cchc_criteria as cc
from cchc_criteria.formats import load_survey
from cchc_support import run

SET = """\
id = "demo.survey"
title = "Khảo sát sự hài lòng"

[[criteria]]
code = "1"
title = "Công khai thủ tục"
max = 2
rule = "yes_no"

[[criteria]]
code = "2"
title = "Mức độ hài lòng của người dân"
max = 3
rule = "survey"
shares = { A = 100, B = 60, C = 20, D = 0 }

[[criteria]]
code = "3"
title = "Thái độ cán bộ"
max = 1
rule = "survey"
shares = { "Hài lòng" = 100, "Bình thường" = 50, "Không hài lòng" = 0 }
"""


@pytest.fixture
def surveyed(tmp_path: Path) -> Path:
    path = tmp_path / "set.toml"
    path.write_text(SET, encoding="utf-8")
    return path


def _file(tmp_path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / "khao_sat.csv"
    path.write_text(text, encoding=encoding)
    return path


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_excel_csv_with_any_separator_and_a_bom(
    tmp_path: Path, surveyed: Path, separator: str
) -> None:
    rows = [
        ["STT", "Họ tên", "2", "3"],
        ["1", "Nguyễn Văn A", "A", "hài lòng"],
        ["2", "Trần Thị B", "b", "Bình thường"],
        ["3", "Lê C", "A", ""],
    ]
    text = "\r\n".join(separator.join(row) for row in rows) + "\r\n"
    path = _file(tmp_path, text, encoding="utf-8-sig")
    votes = load_survey(path, cc.load_set(surveyed))
    assert votes == {"2": {"A": 2, "B": 1}, "3": {"Hài lòng": 1, "Bình thường": 1}}
    card = cc.score(cc.load_set(surveyed), {"1": True, **votes})
    assert str(card["2"].points) == "2.6"  # (100 + 100 + 60) / 3 % of 3
    assert card["3"].points == Decimal("0.75")


def test_every_problem_of_the_file_at_once_with_its_line(tmp_path: Path, surveyed: Path) -> None:
    path = _file(tmp_path, "1,2,3\nCó,A,E\nCó,X,Hài lòng\n")
    with pytest.raises(cc.InputError) as caught:
        load_survey(path, cc.load_set(surveyed))
    said = str(caught.value)
    assert f"{path}:1: criterion 1: this column is headed by a criterion" in said
    assert f"{path}:2: criterion 3: no option 'E'" in said
    assert f"{path}:3: criterion 2: no option 'X'; the options are: A, B, C, D" in said


def test_a_file_without_a_surveyed_column_says_which_it_needs(
    tmp_path: Path, surveyed: Path
) -> None:
    with pytest.raises(cc.InputError, match=r"no column is headed by a surveyed criterion"):
        load_survey(_file(tmp_path, "STT,Tên\n1,A\n"), cc.load_set(surveyed))
    with pytest.raises(cc.InputError, match="empty"):
        load_survey(_file(tmp_path, ""), cc.load_set(surveyed))


def test_cchc_score_takes_survey_files(tmp_path: Path, surveyed: Path) -> None:
    unit = tmp_path / "unit.toml"
    unit.write_text('[answers]\n"1" = true\n', encoding="utf-8")
    survey = _file(tmp_path, "STT,2,3\n1,A,Hài lòng\n2,B,Hài lòng\n")
    code, out, _ = run("score", str(surveyed), str(unit), "--survey", str(survey))
    assert code == 0, out
    assert "2 answers (A: 1, B: 1, C: 0, D: 0)" in out
    assert "Total: 5.4 / 6" in out  # 2 + 2.4 + 1


def test_a_criterion_answered_twice_is_refused(tmp_path: Path, surveyed: Path) -> None:
    unit = tmp_path / "unit.toml"
    unit.write_text('[answers]\n"1" = true\n"2" = { A = 3 }\n', encoding="utf-8")
    survey = _file(tmp_path, "2\nA\n")
    code, _, err = run("score", str(surveyed), str(unit), "--survey", str(survey))
    assert code == 2
    assert f"{survey}: criterion 2 is already answered in {unit}" in err
    code, _, err = run("score", str(surveyed), str(unit), "--survey", str(tmp_path / "no.csv"))
    assert code == 2
    assert "Traceback" not in err


def test_an_assessment_file_takes_the_votes_as_a_table(tmp_path: Path, surveyed: Path) -> None:
    cs = cc.load_set(surveyed)
    good = cc.loads_assessment('[answers]\n"2" = { A = 3, C = 1 }\n', criterion_set=cs)
    assert cc.score(cs, good)["2"].points == Decimal("2.4")
    with pytest.raises(cc.InputError, match="'E' is not a figure of this row; it takes A, B, C, D"):
        cc.loads_assessment('[answers]\n"2" = { E = 3 }\n', criterion_set=cs)
