"""Reports in every format, ranking with ties, comparisons, and Excel round trips."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from click.testing import CliRunner

import cchc_criteria as cc
from cchc_criteria.analysis.compare import compare_declared, compare_years
from cchc_criteria.cli import cli
from cchc_criteria.reports import rank, render

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"


@pytest.fixture(scope="module")
def card() -> cc.Scorecard:
    return cc.score(cc.get_set("quangngai.so.2019"), cc.load_assessment(EXAMPLE))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_markdown(card: cc.Scorecard) -> None:
    text = render(card, "markdown")
    assert text.startswith("# Chỉ số cải cách hành chính")
    assert "| STT | Lĩnh vực/Tiêu chí/Tiêu chí thành phần | Tối đa |" in text
    assert "| 7 | **HIỆN ĐẠI HÓA HÀNH CHÍNH** | 13 | 6+? | 7,5 |" in text
    assert "| 7.1.2 | Tỷ lệ văn bản trao đổi" in text
    assert "- Tổng điểm: 6 / 13 (3,5 điểm chưa chấm)" in text
    assert "[band-gap] 7.1.1" in text


def test_csv_has_one_row_per_criterion(card: cc.Scorecard) -> None:
    table = list(csv.DictReader(io.StringIO(render(card, "csv"))))
    assert [row["code"] for row in table] == list(card.nodes)
    by_code = {row["code"]: row for row in table}
    assert by_code["7"]["points"] == "6"
    assert by_code["7"]["max_points"] == "13"
    assert by_code["7.3.2"]["points"] == ""
    assert by_code["7.2.2"]["figure"] == "3/41"
    assert Decimal(by_code["7.2.2"]["index"]) == 0


def test_json_carries_the_scorecard_and_satisfies_its_schema(card: cc.Scorecard) -> None:
    data = json.loads(render(card, "json"))
    jsonschema.validate(data, cc.Library.default().schema("scorecard"))
    assert data["format"] == "cchc-scorecard/2"
    assert Decimal(data["points"]) == card.points
    assert data["complete"] is False
    nodes = {n["code"]: n for n in data["nodes"]}
    assert nodes["7.1.2"]["matched"] == "Từ 90% số văn bản trả lên"
    assert nodes["7"]["self_assessed"] == "7.5"
    assert {f["code"] for f in data["lint_findings"]} >= {"band-gap", "award-above-max"}
    assert len(data["findings"]) == len(card.findings)


def test_html_is_self_contained_with_a_bar_per_area(card: cc.Scorecard) -> None:
    html = render(card, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html
    assert "http://" not in html
    assert "https://" not in html
    assert "@page { size: A4" in html
    assert html.count('class="bar"') == len(card.roots)
    assert "6 / 13" in html
    assert "HIỆN ĐẠI HÓA HÀNH CHÍNH" in html


def test_every_text_in_html_is_escaped() -> None:
    evil = "<script>alert('x')</script> & <b>"
    cs = cc.CriterionSet(
        id="t",
        title=evil,
        criteria=[
            cc.Criterion(
                "1", evil, 1, rule=cc.rules.YesNoRule(yes=cc.rules.Option(evil, cc.model.Points(1)))
            )
        ],
    )
    card = cc.score(cs, cc.Assessment(answers={"1": True}, unit=evil))
    html = render(card, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_score_writes_each_format_to_a_file(tmp_path: Path) -> None:
    for fmt in ("text", "markdown", "csv", "json", "html", "xlsx"):
        target = tmp_path / f"card.{fmt}"
        code, out, err = run(
            "score", "quangngai.so.2019", str(EXAMPLE), "-f", fmt, "-o", str(target)
        )
        assert code == 1, err  # the seed scorecard is incomplete
        assert out == ""
        assert target.stat().st_size > 0
    assert not list(tmp_path.glob("*.partial"))


def test_xlsx_needs_an_output_file() -> None:
    code, _, err = run("score", "quangngai.so.2019", str(EXAMPLE), "-f", "xlsx")
    assert code == 2
    assert "--output" in err


def test_scorecard_workbook_adds_up_by_itself(card: cc.Scorecard, tmp_path: Path) -> None:
    path = tmp_path / "card.xlsx"
    run("score", "quangngai.so.2019", str(EXAMPLE), "-f", "xlsx", "-o", str(path))
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert [c.value for c in sheet[8]][:6] == [
        "STT",
        "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Điểm thẩm định",
        "Ghi chú",
    ]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=9) if row[0].value}
    # The max is as published (a mistake in it is lint's to report, not the sheet's to mend);
    # the scores add up by formulas, held to the max as the set holds them.
    assert rows["7"][2].value == 13
    assert rows["7"][6].value == "=MIN(MAX(0,SUM(G10,G15,G19,G23)),13)"
    assert rows["7"][0].font.bold
    # A group's self-assessed score as the unit declared it (the table prints 4,5), never
    # replaced by a sum of its leaves.
    assert rows["7.1"][3].value == 4.5
    assert rows["7"][3].value == 7.5
    assert rows["7.1.2"][2].value == 1
    assert rows["7.4.1"][6].value == 1.5


FILLED = {
    "7.1.1": "93%",
    "7.1.2": 95,
    "7.1.3": "Có",
    "7.1.4": 100,
    "7.2.1": 85,
    "7.2.2": "3/41",
    "7.2.3": 12,
    "7.3.1": "Không áp dụng",
    "7.3.3": "20%",
    "7.4.1": "Không",
    "7.4.2": "Có",
}


def test_excel_template_filled_in_scores_like_the_same_answers_in_toml(tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    code, _, err = run("template", "quangngai.so.2019", "-f", "xlsx", "-o", str(template))
    assert code == 0, err
    book = openpyxl.load_workbook(template)
    sheet = book["Kê khai"]
    assert sheet["B1"].value == "quangngai.so.2019"
    lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert any("Có,Không,Không áp dụng" in f for f in lists.values())
    sheet["B2"] = "Sở Thử nghiệm"
    for row in sheet.iter_rows(min_row=4):
        code = row[0].value
        if code in FILLED:
            row[4].value = FILLED[code]
        if code == "7.3.2":
            row[5].value = "Từ 10% số hồ sơ TTHC trả lên"  # the band it reached
        if code == "7.4.1":
            row[6].value = 0
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    toml = tmp_path / "same.toml"
    lines = ['set = "quangngai.so.2019"', 'unit = "Sở Thử nghiệm"', "[answers]"]
    for code, value in FILLED.items():
        lines.append(f'"{code}" = {json.dumps(value, ensure_ascii=False)}')
    lines.append('"7.3.2" = { band = "Từ 10% số hồ sơ TTHC trả lên" }')
    lines += ["[self_assessed]", '"7.4.1" = 0']
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")

    cs = cc.get_set("quangngai.so.2019")
    from_excel = cc.score(cs, cc.load_assessment(filled))
    from_toml = cc.score(cs, cc.load_assessment(toml))
    assert from_excel.nodes == from_toml.nodes
    assert from_excel.points == from_toml.points
    assert from_excel.findings == from_toml.findings
    assert (
        run("score", "quangngai.so.2019", str(filled))[0]
        == run("score", "quangngai.so.2019", str(toml))[0]
    )


def _card(points: int, unit: str, group: str = "") -> tuple[cc.Scorecard, str, str]:
    cs = cc.CriterionSet(
        id="t", title="t", criteria=[cc.Criterion("1", "x", 100, rule=cc.rules.ManualRule())]
    )
    return cc.score(cs, cc.Assessment(answers={"1": points}, unit=unit, group=group)), group, unit


def test_ranking_ties_share_a_rank() -> None:
    ranking = rank([_card(80, "B"), _card(95, "A"), _card(80, "C"), _card(70, "D")])
    assert [(r.standing.unit, r.rank) for r in ranking] == [
        ("A", 1),
        ("B", 2),
        ("C", 2),
        ("D", 4),
    ]


def test_ranking_within_groups_and_incomplete_last() -> None:
    incomplete = cc.score(
        cc.CriterionSet(
            id="t", title="t", criteria=[cc.Criterion("1", "x", 100, rule=cc.rules.ManualRule())]
        ),
        cc.Assessment(unit="E", group="A"),
    )
    ranking = rank(
        [_card(50, "X", "B"), _card(60, "Y", "A"), (incomplete, "A", "E"), _card(90, "Z", "B")]
    )
    assert [(r.group, r.standing.unit, r.rank) for r in ranking] == [
        ("A", "Y", 1),
        ("A", "E", None),
        ("B", "Z", 1),
        ("B", "X", 2),
    ]


def test_rank_command(tmp_path: Path) -> None:
    for name, figure in (("a", "95%"), ("b", "70%"), ("c", "70%")):
        (tmp_path / f"{name}.toml").write_text(
            f'set = "quangngai.so.2019"\nunit = "Đơn vị {name}"\n[answers]\n'
            + "".join(
                f'"{c}" = "{figure}"\n'
                for c in (
                    "7.1.1",
                    "7.1.2",
                    "7.1.4",
                    "7.2.1",
                    "7.2.2",
                    "7.2.3",
                    "7.3.1",
                    "7.3.2",
                    "7.3.3",
                )
            )
            + '"7.1.3" = true\n"7.4.1" = true\n"7.4.2" = true\n',
            encoding="utf-8",
        )
    code, out, err = run("rank", "quangngai.so.2019", str(tmp_path), "--lang", "en")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Ranking: Chỉ số cải cách hành chính")
    assert "(quangngai.so.2019)" in lines[0]
    assert lines[1].startswith("1. Đơn vị a")
    assert lines[2].startswith("(incomplete) Đơn vị b")  # 70 % falls in 7.1.1's gap
    code, out, _ = run("rank", "quangngai.so.2019", str(tmp_path), "-f", "csv", "--lang", "en")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [row["rank"] for row in table] == ["1", "", ""]
    assert "index_display_7" in table[0]
    code, out, _ = run("rank", "quangngai.so.2019", str(tmp_path), "-f", "html")
    assert "Xếp hạng" in out
    assert out.count('class="bar"') == 3


def test_compare_self_and_appraised() -> None:
    cs = cc.get_set("quangngai.so.2019")
    card = cc.score(
        cs,
        cc.Assessment(
            answers={"7.1.2": "95%"},
            self_assessed={"7.1.2": 1, "7.1.3": 1},
            appraised={"7.1.2": "0,5", "7.1.3": 1},
        ),
    )
    comparison = compare_declared(card)
    lines = {line.code: line for line in comparison.lines}
    assert lines["7.1.2"].difference == Decimal("-0.5")
    assert lines["7.1.3"].difference == 0
    assert lines["7.1.1"].difference is None
    assert comparison.before_total == 2
    assert comparison.after_total == Decimal("1.5")


def test_compare_two_years_refuses_criteria_whose_max_changed() -> None:
    def year(max_points: int, answer: str) -> cc.Scorecard:
        cs = cc.CriterionSet(
            id="t",
            title="t",
            criteria=[
                cc.Criterion(
                    "1",
                    "g",
                    max_points + 1,
                    children=[
                        cc.Criterion("1.1", "a", 1, rule=cc.rules.YesNoRule()),
                        cc.Criterion("1.2", "b", max_points, rule=cc.rules.ManualRule()),
                    ],
                )
            ],
        )
        return cc.score(cs, {"1.1": answer, "1.2": 1})

    comparison = compare_years(year(2, "Không"), year(3, "Có"))
    lines = {line.code: line for line in comparison.lines}
    assert lines["1.1"].difference == 1
    assert lines["1.2"].difference is None
    assert "không so sánh" in lines["1.2"].note.vi
    assert lines["1"].difference is None  # its max changed too
    assert comparison.difference == 1


def test_compare_command(tmp_path: Path) -> None:
    path = tmp_path / "unit.toml"
    path.write_text(
        '[answers]\n"7.1.3" = true\n[self_assessed]\n"7.1.3" = 1\n[appraised]\n"7.1.3" = 0\n',
        encoding="utf-8",
    )
    code, out, _ = run("compare", "quangngai.so.2019", str(path), "--lang", "en")
    assert code == 0
    assert out.startswith("Self-assessed and appraised — ")
    assert re.search(r"^7\.1\.3 +1 +1 +0 +-1 *$", out, re.MULTILINE)
    assert out.strip().endswith("Total (comparable criteria): 1 → 0 (-1)")


def test_plugins_and_show() -> None:
    code, out, _ = run("plugins")
    assert code == 0
    assert "quangngai  (cchc-criteria-quangngai" in out
    code, out, _ = run("show", "quangngai.so.2019")
    assert "    7.1.2  Tỷ lệ văn bản trao đổi" in out
    assert "→ từ 90 % trở lên: 1 điểm" in out


def test_sets_filters() -> None:
    assert "quangngai.so.2019" in run("sets", "--province", "quang ngai")[1]
    assert run("sets", "--year", "2020")[1] == ""
    communes = run("sets", "--unit-kind", "xa")[1]
    assert "example.xa.2025.thang" in communes
    assert "quangngai.so.2019" not in communes
    assert run("sets", "--unit-kind", "huyen")[1] == ""
    assert "quangngai.so.2019" in run("sets", "--unit-kind", "department", "--year", "2019")[1]


def test_show_prints_a_criterions_evidence_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "set.toml"
    path.write_text(
        'id = "n"\ntitle = "n"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 1\n'
        'rule = "yes_no"\nevidence = "Kế hoạch đã ban hành"\nnotes = "Theo văn bản số 12"\n',
        encoding="utf-8",
    )
    code, out, _ = run("show", str(path))
    assert code == 0
    assert "    Tài liệu kiểm chứng: Kế hoạch đã ban hành" in out
    assert "    Ghi chú: Theo văn bản số 12" in out


def test_a_row_with_an_error_finding_is_marked() -> None:
    from cchc_criteria.reports._common import rows

    cs = cc.get_set("quangngai.so.2019")
    card = cc.score(cs, {"7.1.2": "hôm qua", "7.1.3": "Có"})  # not a rate: an error finding
    errors = {f.criterion for f in card.findings if f.severity is cc.Severity.ERROR}
    assert "7.1.2" in errors
    notes = {row.node.code: row.note for row in rows(card, "vi")}
    assert notes["7.1.2"].endswith("!")
    assert "!" not in notes["7.1.3"]


def test_a_version_1_scorecard_reads_as_version_2() -> None:
    """cchc-scorecard/2 renamed rounded and index_rounded; a version 1 file still reads."""
    from cchc_criteria.reports.data import upgrade_scorecard_data

    card = cc.score(cc.get_set("quangngai.so.2019"), cc.load_assessment(EXAMPLE))
    now = cc.reports.scorecard_data(card)
    renames = {"points_display": "rounded", "index_display": "index_rounded"}

    def old(record: dict[str, object]) -> dict[str, object]:
        return {renames.get(key, key): value for key, value in record.items()}

    version_1 = {**old(dict(now)), "format": "cchc-scorecard/1"}
    version_1["nodes"] = [old(dict(node)) for node in now["nodes"]]
    assert upgrade_scorecard_data(version_1) == now
    assert upgrade_scorecard_data(now) == now
    with pytest.raises(cc.ArgumentError, match="not a scorecard of format"):
        upgrade_scorecard_data({"format": "something/9"})

    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(version_1, cc.Library.default().schema("scorecard-1"))
    jsonschema.validate(now, cc.Library.default().schema("scorecard"))


def test_the_old_names_of_the_rounded_points_warn() -> None:
    card = cc.score(cc.get_set("quangngai.so.2019"), cc.load_assessment(EXAMPLE))
    with pytest.deprecated_call(match="use Scorecard.points_display"):
        assert card.rounded == card.points_display
    with pytest.deprecated_call(match="use NodeScore.points_display"):
        assert card["7"].rounded == card["7"].points_display
