"""Assessment files (TOML): what they accept, and one clear message for what they do not."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

import cchc_criteria as cc
from cchc_criteria import NA, ChosenBand, InputError, load_assessment, loads_assessment
from cchc_support import EXAMPLE, S, assessment, run

GOOD = """
set = "quangngai.so.2019"
unit = "Sở Giáo dục và Đào tạo"
period = "2019"

[answers]
"7.1.1" = { band = 1 }
"7.1.2" = { band = "Từ 90% số văn bản trả lên" }
"7.1.3" = true
"7.2.2" = "3/41"
"7.2.3" = 12.5
"7.3.1" = "Không áp dụng"
"7.4.1" = "NA"

[self_assessed]
"7" = "7,5"
"7.1.1" = 1.5

[appraised]
"7.1.3" = 1

[evidence]
"7.1.3" = ["Công văn số 12", "Ảnh chụp màn hình"]
"7.1.2" = "Báo cáo eOffice"

[explanations]
"7.2.2" = "Chưa có hồ sơ trực tuyến"
"""


def test_reads_every_table() -> None:
    assessment = loads_assessment(GOOD, source="good.toml")
    assert assessment.set_id == "quangngai.so.2019"
    assert assessment.unit == "Sở Giáo dục và Đào tạo"
    assert assessment.answers["7.1.1"] == ChosenBand(1)
    assert assessment.answers["7.1.2"] == ChosenBand("Từ 90% số văn bản trả lên")
    assert assessment.answers["7.1.3"] is True
    assert assessment.answers["7.2.2"] == "3/41"
    assert assessment.answers["7.3.1"] is NA
    assert assessment.answers["7.4.1"] is NA
    assert assessment.self_assessed["7"] == Decimal("7.5")
    assert assessment.self_assessed["7.1.1"] == Decimal("1.5")
    assert assessment.evidence["7.1.2"] == ("Báo cáo eOffice",)
    assert assessment.evidence["7.1.3"] == ("Công văn số 12", "Ảnh chụp màn hình")
    assert assessment.explanations["7.2.2"] == "Chưa có hồ sơ trực tuyến"
    assert assessment.source == "good.toml"


def test_toml_floats_are_read_from_their_shortest_repr_not_binary() -> None:
    from cchc_criteria.numbers import to_decimal

    assessment = loads_assessment(
        '[answers]\n"1" = 0.1\n"2" = 12.125\n[self_assessed]\n"1" = 0.3\n'
    )
    assert to_decimal(assessment.answers["1"]) == Decimal("0.1")
    assert to_decimal(assessment.answers["2"]) == Decimal("12.125")  # not "12125"
    assert to_decimal(assessment.self_assessed["1"]) == Decimal("0.3")


def test_malformed_toml_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[answers]\n"7.1.1" = \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.toml:2: not valid TOML.*line 2"):
        load_assessment(path)


def test_every_problem_is_reported_at_once() -> None:
    text = """
    colour = "blue"
    [answers]
    "7.1.1" = { band = 1, extra = 2 }
    "7.1.2" = [1, 2]
    [self_assessed]
    "7.1.3" = true
    [evidence]
    "7.1.3" = 5
    """
    with pytest.raises(InputError) as caught:
        loads_assessment(text, source="mixed.toml")
    found = [(p.line, p.criterion) for p in caught.value.problems]
    assert found == [(2, None), (4, "7.1.1"), (5, "7.1.2"), (7, "7.1.3"), (9, "7.1.3")]
    lines = str(caught.value).splitlines()
    assert lines[0] == "mixed.toml:2: unknown key 'colour'; expected: " + (
        "answers, appraised, evidence, explanations, group, period, self_assessed, set, unit"
    )
    assert lines[1].startswith("mixed.toml:4: criterion 7.1.1: [answers]: ")
    assert (
        lines[4] == "mixed.toml:9: criterion 7.1.3: [evidence]: expected a text or a list of texts"
    )


def test_an_unreadable_period_is_refused() -> None:
    with pytest.raises(InputError, match=r"<text>:1: period: '19/2': write the year in full"):
        loads_assessment('period = "19/2"\n')


def test_assessment_round_trip() -> None:
    assessment = loads_assessment(GOOD, source="good.toml")
    again = loads_assessment(cc.dumps_assessment(assessment), source="good.toml")
    assert again == assessment
    as_json = loads_assessment(
        cc.dumps_assessment(assessment, format="json"), source="good.toml", format="json"
    )
    assert as_json == assessment


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.toml: cannot read the file"):
        load_assessment(tmp_path / "missing.toml")


def test_a_file_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('[answers]\n"1" = "Có"\n'.encode("cp1258"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_assessment(path)


def test_text_is_nfc_normalised() -> None:
    assessment = loads_assessment('unit = "So\u031b\u0309 GD"\n[answers]\n"1" = "Co\u0301"\n')
    assert assessment.unit == "Sở GD"
    assert assessment.answers["1"] == "Có"


@pytest.mark.parametrize("word", ["NA", "N/A", "n/a", "Không áp dụng", "không phát sinh"])
def test_not_applicable_words(word: str) -> None:
    assert loads_assessment(f'[answers]\n"1" = "{word}"\n').answers["1"] is NA


@pytest.mark.parametrize(
    ("answer", "points"),
    [('"Có"', 1), ('"Không"', 0), ('"yes"', 1), ('"no"', 0), ("true", 1), ("false", 0)],
)
def test_yes_no_words_score(answer: str, points: int) -> None:
    cs = cc.CriterionSet(
        id="t", title="t", criteria=[cc.Criterion("1", "x", 1, rule=cc.rules.YesNoRule())]
    )
    assessment = loads_assessment(f'[answers]\n"1" = {answer}\n')
    assert cc.score(cs, assessment)["1"].points == points


def test_json_duplicate_keys_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "unit.json"
    path.write_text(
        '{"set": "quangngai.so.2019",\n "answers": {\n  "7.1.2": "93%",\n  "7.1.2": "10%"}}',
        encoding="utf-8",
    )
    code, _, err = run("score", S, str(path))
    assert code == 2
    assert "unit.json:4: the key '7.1.2' is given twice" in err


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    code, _, err = run("score", S, str(path))
    assert code == 1, err


def test_a_huge_float_in_a_file_is_a_problem_of_the_file(tmp_path: Path) -> None:
    path = assessment(tmp_path, '[answers]\n"7.1.2" = 1e308\n')
    code, _, err = run("score", S, path)
    assert code == 2
    assert "unit.toml:3: criterion 7.1.2: [answers]: 1e+308 is out of range" in err


@pytest.mark.parametrize("period", ["năm 0000", "quý IV năm 9999", "0000-01-01", "31/12/9999"])
def test_years_out_of_the_calendar(tmp_path: Path, period: str) -> None:
    path = assessment(tmp_path, f'period = "{period}"\n[answers]\n')
    code, _, err = run("score", S, path)
    assert code == 2
    assert "period:" in err
    assert "year must be from 1000 to 9998" in err


def test_a_lone_surrogate(tmp_path: Path) -> None:
    path = tmp_path / "unit.json"
    path.write_text('{"set": "quangngai.so.2019", "unit": "\\ud800"}', encoding="utf-8")
    code, _, err = run("score", S, str(path))
    assert code == 2
    assert "lone surrogate" in err
    with pytest.raises(cc.ArgumentError, match="lone surrogate"):
        cc.Assessment(unit="a\ud800")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_pipes_and_devices_are_refused_not_read(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "unit.toml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    for command in (["score", S, str(path)], ["rank", S, str(path)], ["lint", str(path)]):
        code, _, err = run(*command)
        assert code == 2
        assert "this is not a regular file (a pipe or a device)" in err
