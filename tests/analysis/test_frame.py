"""For analysts and command-line users: typed records, a DataFrame, notebook display, and a CLI
that follows the conventions (``-`` for standard streams, --quiet/--verbose, CCHC_LANG)."""

from __future__ import annotations

import csv
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import cchc_criteria as cc
from cchc_criteria.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
S = "quangngai.so.2019"
LEAVES = ("7.1.2", "7.1.4", "7.2.1", "7.2.2", "7.2.3", "7.3.1", "7.3.2", "7.3.3")


def run(*args: str, stdin: bytes | str | None = None, **env: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, env=env or None)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def cards() -> list[cc.Scorecard]:
    cs = cc.get_set(S)
    units = []
    for number in range(12):
        rate = f"{40 + 5 * number}%"
        answers: dict[str, object] = dict.fromkeys(LEAVES, rate)
        answers |= {"7.1.1": "95%", "7.1.3": "Có", "7.4.1": "Có", "7.4.2": number % 2 == 0}
        units.append(
            cc.Assessment(
                answers=answers, unit=f"Đơn vị {number + 1}", group="A" if number < 6 else "B"
            )
        )
    return cc.score_many(cs, units)


def test_to_frame_gives_one_numeric_row_per_node_per_unit(cards: list[cc.Scorecard]) -> None:
    frame = cc.to_frame(cards)
    nodes = len(cards[0])
    assert len(frame) == 12 * nodes
    assert list(frame.columns[:4]) == ["set_id", "unit", "period", "group"]
    for column in ("max_points", "points", "points_display", "index", "index_display"):
        assert frame[column].dtype == "float64", column
    area = frame[(frame.code == "7") & (frame.unit == "Đơn vị 12")].iloc[0]
    assert area["points"] == float(cards[11]["7"].points or 0)
    assert area["index"] == pytest.approx(float(cards[11]["7"].index or 0), abs=0.005)
    # The analyst's usual move: a pivot of the areas' indices by unit.
    pivot = frame[frame.depth == 2].pivot(index="unit", columns="code", values="index")
    assert pivot.shape == (12, 4)


def test_to_frame_keeps_exact_decimals_when_asked(cards: list[cc.Scorecard]) -> None:
    frame = cc.to_frame(cards[0], numbers="decimal")
    exact = frame[frame.code == "7"].iloc[0]["index"]
    assert isinstance(exact, Decimal)
    assert exact == cards[0]["7"].index
    with pytest.raises(cc.ArgumentError, match="numbers is 'float' or 'decimal'"):
        cc.to_frame(cards, numbers="int")  # type: ignore[arg-type]
    with pytest.raises(cc.ArgumentError, match="to_frame takes scorecards"):
        cc.to_frame([object()])  # type: ignore[list-item]


def test_rows_are_flat_typed_records_in_canonical_form(cards: list[cc.Scorecard]) -> None:
    card = cards[0]
    rows = card.rows()
    assert [r.code for r in rows] == [n.code for n in card]
    area = rows[0]
    assert isinstance(area, cc.scoring.NodeRow)
    assert (area.code, area.depth, area.leaf) == ("7", 1, False)
    assert str(area.max_points) == "13"  # no "13.0"
    assert area.index == card["7"].index
    assert area.index_display is not None
    assert area.index_display == area.index.quantize(Decimal("0.01"))  # type: ignore[union-attr]
    leaf = next(r for r in rows if r.code == "7.1.2")
    assert leaf.matched == card["7.1.2"].matched
    assert leaf.explanation == card["7.1.2"].explanation.vi
    assert card.rows(lang="en")[1].explanation == card["7.1"].explanation.en


def test_repr_is_short_and_notebooks_get_the_table(cards: list[cc.Scorecard]) -> None:
    card = cards[0]
    text = repr(card)
    assert len(text) < 200
    assert text.startswith("<Scorecard 'quangngai.so.2019' unit='Đơn vị 1' points=")
    assert "complete" in text
    html = card._repr_html_()
    assert "<table>" in html
    assert html.count("<tr") == len(card) + 2  # heading, every node, the total
    assert "7.1.2" in html


def test_scorecard_data_is_typed_and_exported() -> None:
    card = cc.score(cc.get_set(S), cc.load_assessment(EXAMPLE))
    data: cc.reports.data.ScorecardData = cc.reports.scorecard_data(card)
    assert data["format"] == "cchc-scorecard/2"
    assert data["nodes"][0]["max_points"] == "13"
    assert data["index_display"] == "46.15"


# ------------------------------------------------------------------------------------ the CLI


def test_dash_reads_standard_input() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    code, out, err = run("score", S, "-", stdin=text)
    assert code == 1, err
    same = run("score", S, str(EXAMPLE))[1]
    assert out == same
    as_json = json.dumps({"set": S, "answers": {"7.1.3": "Có"}})
    code, out, _ = run("score", S, "-", "-f", "json", stdin=as_json)
    nodes = {node["code"]: node for node in json.loads(out)["nodes"]}
    assert nodes["7.1.3"]["figure"] == "Có"
    code, _, err = run("score", S, "-", stdin=b"PK\x03\x04 not really")
    assert code == 2
    assert err.startswith("cchc: lỗi: <stdin>: ")
    assert "hãy cho tên tệp, không dùng -" in err
    code, _, err = run("score", S, "-", stdin=b"PK\x03\x04 not really", CCHC_LANG="en")
    assert code == 2
    assert err.startswith("cchc: error: <stdin>: ")
    assert "give its name, not -" in err


def test_dash_output_writes_standard_output_and_no_file_named_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("score", S, str(EXAMPLE), "-f", "csv", "-o", "-", "--lang", "en")
    assert code == 1
    assert out.startswith("code,title,")  # the keys, for programs
    code, out, _ = run("score", S, str(EXAMPLE), "-f", "csv", "-o", "-", "--lang", "vi")
    assert out.startswith("STT,Tiêu chí,Cấp,Tiêu chí thành phần,")  # the headings, for people
    assert ",không,có," in out or ",có,có," in out  # yes/no in Vietnamese
    result = CliRunner().invoke(cli, ["score", S, str(EXAMPLE), "-f", "xlsx", "-o", "-"])
    assert result.stdout_bytes.startswith(b"PK")  # redirected: the workbook's bytes
    code, out, _ = run("template", S, "-o", "-")
    assert out.startswith("# Phiếu kê khai")
    assert not (tmp_path / "-").exists()
    assert os.listdir(tmp_path) == []


def test_binary_output_needs_a_file_or_a_redirection() -> None:
    code, _, err = run("score", S, str(EXAMPLE), "-f", "xlsx", "--lang", "en")
    assert code == 2
    assert "need --output FILE" in err
    code, _, err = run("score", S, str(EXAMPLE), "-f", "xlsx")
    assert code == 2
    assert "cần --output TỆP" in err


def test_cchc_lang_sets_the_language(tmp_path: Path) -> None:
    _, out, _ = run("score", S, str(EXAMPLE), CCHC_LANG="en")
    assert "Total" in out
    assert "Tổng điểm" not in out
    _, out, _ = run("score", S, str(EXAMPLE), "--lang", "vi", CCHC_LANG="en")
    assert "Tổng điểm" in out


def test_quiet_and_verbose(tmp_path: Path) -> None:
    code, _, err = run("rank", S, str(EXAMPLE), str(EXAMPLE), CCHC_LANG="en")
    assert "cchc: warning: " in err
    assert "is the same file as" in err
    code, _, err = run("rank", S, str(EXAMPLE), str(EXAMPLE))
    assert "cchc: cảnh báo: " in err
    assert "là cùng một tệp với" in err
    code, _, err = run("-q", "rank", S, str(EXAMPLE), str(EXAMPLE))
    assert code == 0
    assert err == ""
    code, _, err = run("-v", "score", S, str(EXAMPLE), CCHC_LANG="en")
    assert f"cchc: reading {EXAMPLE} for {S}" in err
    code, _, err = run("-v", "score", S, str(EXAMPLE))
    assert f"cchc: đọc {EXAMPLE} cho {S}" in err
    code, _, err = run("-q", "-v", "sets", CCHC_LANG="en")
    assert code == 2
    assert "--quiet and --verbose" in err


def test_the_same_file_twice_is_one_unit(tmp_path: Path) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "a.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(folder / "a.toml")
    code, out, err = run(
        "rank", S, str(folder), str(folder / "a.toml"), str(link), "-f", "csv", CCHC_LANG="en"
    )
    assert code == 0, err
    assert len(list(csv.DictReader(io.StringIO(out)))) == 1
    assert err.count("is the same file as") == 2


def test_compare_writes_formats_and_files(tmp_path: Path) -> None:
    unit = tmp_path / "unit.toml"
    unit.write_text(
        '[answers]\n"7.1.3" = true\n[self_assessed]\n"7.1.3" = 1\n[appraised]\n"7.1.3" = "0,5"\n',
        encoding="utf-8",
    )
    code, out, _ = run("compare", S, str(unit))
    lines = out.splitlines()
    assert lines[0].startswith("Điểm tự đánh giá và điểm thẩm định — ")
    assert lines[2].split() == [
        "STT",
        "Tối",
        "đa",
        "Tự",
        "ĐG",
        "Thẩm",
        "định",
        "Chênh",
        "lệch",
        "Ghi",
        "chú",
    ]
    assert set(lines[3]) <= {"-", " "}
    row = next(line for line in lines if line.startswith("7.1.3 "))
    assert row.split()[:5] == ["7.1.3", "1", "1", "0,5", "-0,5"]
    target = tmp_path / "compare.csv"
    code, _, _ = run("compare", S, str(unit), "-f", "csv", "-o", str(target), "--lang", "en")
    assert code == 0
    table = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    line = next(r for r in table if r["code"] == "7.1.3")
    assert (line["before"], line["after"], line["difference"]) == ("1", "0.5", "-0.5")
    code, out, _ = run("compare", S, str(unit), "-f", "csv", "--excel")  # Vietnamese, for Excel
    assert out.startswith("\ufeffSTT;Tối đa (trước);Tối đa (sau);Trước;Sau;Chênh lệch;Ghi chú\n")
    assert "\n7.1.3;1;1;1;0,5;-0,5;\n" in out  # decimal commas, ';' between cells
    code, out, _ = run("compare", S, str(unit), "-f", "csv", "--excel", "--lang", "en")
    assert out.startswith("\ufeffcode;max_before;")
    code, out, _ = run("compare", S, str(unit), "-f", "json")
    assert json.loads(out)["after_total"] == "0.5"


def test_advise_lists_the_unanswered_criteria_first() -> None:
    code, out, _ = run("advise", S, str(EXAMPLE))
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith("kê khai 7.3.2 (Tỷ lệ hồ sơ TTHC được tiếp nhận qua dịch vụ BCCI)")
    assert "1 điểm đang chờ" in lines[1]
    first_step = next(i for i, line in enumerate(lines) if line.startswith("7.2.1: nâng"))
    assert first_step > 1
    assert lines[-1].endswith("và đến 3,5 điểm nữa khi kê khai đủ")
    _, out, _ = run("advise", S, str(EXAMPLE), "--json")
    data = json.loads(out)
    assert [u["criterion"] for u in data["unanswered"]] == ["7.1.1", "7.3.2", "7.3.3"]
    assert data["open_points"] == "3.5"
    assert data["unanswered"][1]["answered"] is False


def test_the_columns_analysts_asked_for() -> None:
    seed = cc.get_set("quangngai.so.2019")
    card = cc.score(seed, {"7.1.2": "93%", "7.1.3": True})
    frame = cc.to_frame(card)
    by_code = frame.set_index("code")
    assert by_code.loc["7.1.2", "figure"] == "93%"
    assert by_code.loc["7.1.1", "open_points"] == 1.5
    assert by_code.loc["7", "open_points"] == float(card.open_points)
    assert set(frame["role"]) == {"score"}
    assert list(frame.sort_values("order")["code"]) == [n.code for n in card]
    assert frame["order"].tolist() == list(range(len(frame)))
    assert frame["number"].tolist() == frame["code"].tolist()  # continuous numbering
    assert frame["grade"].isna().all()  # incomplete: not graded


def test_the_findings_frame_has_a_row_per_finding_and_counts_by_criterion() -> None:
    from cchc_criteria.analysis.frame import FINDING_COLUMNS, findings_frame

    seed = cc.get_set("quangngai.so.2019")
    cards = cc.score_many(
        seed,
        [
            cc.Assessment({"7.1.2": "93%", "7.1.3": "hôm qua"}, unit="A"),
            cc.Assessment({"7.1.2": "120%"}, unit="B"),
        ],
    )
    frame = findings_frame(cards)
    assert list(frame.columns) == list(FINDING_COLUMNS)
    assert len(frame) == sum(len(c.findings) + len(c.lint_findings) for c in cards)
    errors = frame[(frame.severity == "error") & (frame.category == "scoring")]
    assert sorted(zip(errors.unit, errors.criterion, errors.code, strict=True)) == [
        ("A", "7.1.3", "invalid-answer"),
        ("B", "7.1.2", "out-of-domain"),
    ]
    assert set(frame[frame.category == "lint"].code) <= {f.code for f in cc.lint(seed)}
    with pytest.raises(cc.ArgumentError, match="findings_frame takes scorecards"):
        findings_frame("cards")  # type: ignore[arg-type]
