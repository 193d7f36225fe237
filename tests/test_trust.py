"""Hostile and careless input: every item of the trust review, as a user would hit it.

Each test names the item it guards (1–24). Every one goes through the public API or the
``cchc`` command, and asserts the library's own error or finding — never a traceback, never
exit 3, never a wrong number said with confidence.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from textwrap import dedent

import openpyxl
import pytest
from click.testing import CliRunner

import cchc_criteria as cc
from cchc_criteria.cli import cli, main
from cchc_criteria.numbers import decimal_of

S = "quangngai.so.2019"
ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
QN_SET = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/sets/quangngai.so.2019.toml"


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    """``cchc ARGS``, with messages in ``lang`` (English unless a test asks for Vietnamese)."""
    result = CliRunner().invoke(cli, list(args), env={"CCHC_LANG": lang})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"cchc {' '.join(args)} raised {result.exception!r}")
    return result.exit_code, result.stdout, result.stderr


def assessment(tmp_path: Path, body: str, name: str = "unit.toml") -> str:
    path = tmp_path / name
    path.write_text(f'set = "{S}"\n' + dedent(body), encoding="utf-8")
    return str(path)


def one_leaf_set(tmp_path: Path, row: str, header: str = "") -> str:
    path = tmp_path / "set.toml"
    path.write_text(
        'id = "t.so.2024"\ntitle = "t"\n'
        + dedent(header)
        + '[[criteria]]\ncode = "1"\ntitle = "x"\n'
        + dedent(row),
        encoding="utf-8",
    )
    return str(path)


# --------------------------------------------------------------------------- silent wrong numbers


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


def test_1_excel_percent_cell_is_read_as_shown(tmp_path: Path) -> None:
    # 93 % typed into a percent cell is stored as 0.93; "93,5" typed as text.
    path = fill_template(tmp_path, {"7.2.2": 0.93, "7.2.1": "93,5"}, percent={"7.2.2"})
    card = cc.score(cc.get_set(S), cc.load_assessment(path))
    same = cc.score(cc.get_set(S), {"7.2.2": "93%", "7.2.1": "93,5"})
    assert card["7.2.2"].value == Decimal(93)
    assert card["7.2.2"].points == same["7.2.2"].points == 1
    assert card["7.2.1"].value == Decimal("93.5")
    assert card.points == same.points


def test_1_excel_formula_without_a_saved_value_names_the_cell(tmp_path: Path) -> None:
    path = fill_template(tmp_path, {"7.2.2": "=B1*2"}, percent=set())
    with pytest.raises(cc.InputError, match=r"filled\.xlsx:\d+: criterion 7\.2\.2: cell E\d+"):
        cc.load_assessment(path)


def test_2_json_duplicate_keys_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "unit.json"
    path.write_text(
        '{"set": "quangngai.so.2019",\n "answers": {\n  "7.1.2": "93%",\n  "7.1.2": "10%"}}',
        encoding="utf-8",
    )
    code, _, err = run("score", S, str(path))
    assert code == 2
    assert "unit.json:4: the key '7.1.2' is given twice" in err


@pytest.mark.parametrize("command", ["score", "rank", "advise", "compare"])
def test_3_every_command_refuses_another_sets_assessment(tmp_path: Path, command: str) -> None:
    path = tmp_path / "other.toml"
    path.write_text('set = "hanoi.xa.2030"\n[answers]\n"7.1.2" = "93%"\n', encoding="utf-8")
    code, _, err = run(command, S, str(path))
    assert code == 2
    assert "an assessment for 'hanoi.xa.2030', not 'quangngai.so.2019'" in err


def test_4_lint_findings_reach_every_ancestor() -> None:
    # Area 1 publishes a max of 5 over children worth 2: a lint finding two levels above the
    # answered leaf.
    cs = cc.CriterionSet(
        id="t",
        title="t",
        criteria=[
            cc.Criterion(
                "1",
                "area",
                5,
                children=[
                    cc.Criterion(
                        "1.1",
                        "c",
                        2,
                        children=[cc.Criterion("1.1.1", "l", 2, rule=cc.rules.YesNoRule())],
                    )
                ],
            )
        ],
    )
    on_area = [f for f in cc.lint(cs) if f.criterion == "1"]
    assert on_area
    card = cc.score(cs, {"1.1.1": True})
    assert set(on_area) <= set(card.lint_findings)


def test_5_a_fraction_typed_for_a_percentage_is_kept_and_questioned() -> None:
    card = cc.score(cc.get_set(S), {"7.2.2": "0,95"})
    assert card["7.2.2"].value == Decimal("0.95")  # read as typed
    (warning,) = [f for f in card.findings if f.code == "fraction-for-percent"]
    assert warning.criterion == "7.2.2"
    assert "95" in warning.message
    assert '"95%"' in warning.message
    assert "ghi 95" in warning.message_vi
    for typed in ("95%", "19/20", "95", "0%", 0):
        card = cc.score(cc.get_set(S), {"7.2.2": typed})
        assert not [f for f in card.findings if f.code == "fraction-for-percent"], typed


def test_6_the_index_is_rounded_once_from_the_exact_total() -> None:
    third = cc.model.Band("all", lower=cc.model.at_least(0), award=cc.model.Formula("rate / 300"))
    cs = cc.CriterionSet(
        id="t",
        title="t",
        criteria=[
            cc.Criterion("1", "a", 1, rule=cc.rules.BandRule(bands=[third])),
            cc.Criterion("2", "b", 10, rule=cc.rules.YesNoRule()),
        ],
    )
    card = cc.score(cs, {"1": "100%", "2": True})
    leaf = card["1"].points
    assert leaf is not None
    assert leaf == decimal_of(Fraction(1, 3))
    # The total keeps every digit of the leaves (36 here), and the index divides it once.
    assert Fraction(card.points) == Fraction(leaf) + 10
    assert len(card.points.as_tuple().digits) == 36
    assert card.index == decimal_of(Fraction(card.points) * 100 / 11)


def test_7_lookup_by_the_canonical_code() -> None:
    card = cc.score(cc.get_set(S), {})
    assert card["7.4"].code == "7,4"
    assert card["7.4"] is card["7,4"]


# --------------------------------------------------------------------------- crashes


@pytest.mark.parametrize(
    "figure",
    [
        '"1e34"',
        '"1e-1000000%"',
        '"1e1000000"',
        '"1e308"',
        '"93,0000000000000000000000000000000000000000000001"',
        '"' + "9" * 1_000_000 + '"',
    ],
)
def test_8_huge_and_tiny_figures_are_findings(tmp_path: Path, figure: str) -> None:
    path = assessment(tmp_path, f'[answers]\n"7.1.2" = {figure}\n')
    code, out, err = run("score", S, path, lang="vi")
    assert code == 1, err
    assert "[invalid-answer] 7.1.2" in out
    assert "ngoài phạm vi" in out or "chữ số thập phân" in out or "ký tự" in out


def test_8_a_huge_float_in_a_file_is_a_problem_of_the_file(tmp_path: Path) -> None:
    path = assessment(tmp_path, '[answers]\n"7.1.2" = 1e308\n')
    code, _, err = run("score", S, path)
    assert code == 2
    assert "unit.toml:3: criterion 7.1.2: [answers]: 1e+308 is out of range" in err


def test_8_forty_digit_percentages_within_range_are_scored_and_printed(tmp_path: Path) -> None:
    path = assessment(tmp_path, '[answers]\n"7.1.2" = "93,000000000000000000000000000000000001"\n')
    code, out, _ = run("score", S, path, "-f", "json")
    assert code == 1
    node = next(n for n in json.loads(out)["nodes"] if n["code"] == "7.1.2")
    assert node["points"] == "1"


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ('max = "1e28"\nrule = "yes_no"\n', "max"),
        ('max = 1\nrule = "bands"\nbands = [{ label = "a", from = 0, points = "1e34" }]\n', "1e34"),
        (
            'max = 1\nrule = "bands"\nbands = [{ label = "a", from = "1e-50", points = 1 }]\n',
            "1e-50",
        ),
    ],
)
def test_8_huge_numbers_in_a_set_are_problems(tmp_path: Path, row: str, where: str) -> None:
    code, _, err = run("show", one_leaf_set(tmp_path, row))
    assert code == 2
    assert "set.toml:" in err
    assert "cchc: error:" in err
    assert "out of range" in err or "decimal places" in err, err


def test_8_a_huge_rounding_is_a_problem(tmp_path: Path) -> None:
    path = one_leaf_set(
        tmp_path, 'max = 1\nrule = "yes_no"\n', header="rounding = { places = 1000000 }\n"
    )
    code, _, err = run("show", path)
    assert code == 2
    assert "rounding" in err


@pytest.mark.parametrize("value", [10**40, -(10**40), Decimal("1e-41"), Fraction(10**30, 3), 1e300])
def test_8_out_of_range_numbers_through_the_api(value: object) -> None:
    with pytest.raises(cc.NumberFormatError, match=r"out of range|decimal places"):
        cc.model.Points(value)  # type: ignore[arg-type]
    card = cc.score(cc.get_set(S), {"7.1.2": value})
    (finding,) = [f for f in card.findings if f.criterion == "7.1.2"]
    assert finding.code == "invalid-answer"
    assert "out of range" in finding.message


def test_8_limits_bound_the_work_per_number() -> None:
    from cchc_criteria.numbers import MAX_DECIMALS, MAX_MAGNITUDE, MAX_NUMBER_TEXT, parse_number

    assert parse_number("9" * MAX_MAGNITUDE) == Decimal("9" * MAX_MAGNITUDE)
    with pytest.raises(cc.NumberFormatError, match="out of range"):
        parse_number("1" + "0" * MAX_MAGNITUDE)
    assert parse_number("0," + "0" * (MAX_DECIMALS - 1) + "1") == Decimal(f"1e-{MAX_DECIMALS}")
    with pytest.raises(cc.NumberFormatError, match="decimal places"):
        parse_number("0," + "0" * MAX_DECIMALS + "1")
    with pytest.raises(cc.NumberFormatError, match="characters"):
        parse_number("1" * (MAX_NUMBER_TEXT + 1))
    # Trailing zeros are not decimals that matter.
    assert parse_number("1," + "0" * 60) == 1


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("digits.toml", 'set = "x"\nn = ' + "9" * 5000 + "\n", "more than 4,300 digits"),
        ("digits.json", '{"set": "x", "n": ' + "9" * 5000 + "}", "more than 4,300 digits"),
        ("arrays.toml", "x = " + "[" * 1000 + "]" * 1000 + "\n", "nested too deeply"),
        ("tables.toml", "x = " + "{a = " * 500 + "1" + "}" * 500 + "\n", "nested too deeply"),
        ("deep.json", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ("deep33.json", '{"x": ' + "[" * 40 + "]" * 40 + "}", "nested too deeply"),
    ],
)
def test_9_parser_limits(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for command in (["score", S, str(path)], ["show", str(path)]):
        code, _, err = run(*command)
        assert code == 2
        assert message in err
        assert "set_int_max_str_digits" not in err


def test_10_a_formula_of_a_thousand_terms_is_refused() -> None:
    with pytest.raises(cc.FormulaError, match="more than 100 operations"):
        cc.model.Formula(" + ".join(["rate"] * 1000))
    with pytest.raises(cc.FormulaError, match="more than 100 operations"):
        cc.model.Formula("min(" + ", ".join(["rate"] * 200) + ")" + " + 1" * 100)
    # At the limit it evaluates, whatever its shape.
    formula = cc.model.Formula(" + ".join(["rate"] * 101))
    assert formula.exact(Fraction(1), Decimal(1)) == 101


@pytest.mark.parametrize("rule", ['["bands"]', "{ a = 1 }", "3"])
def test_11_a_rule_that_is_not_a_text(tmp_path: Path, rule: str) -> None:
    code, _, err = run("show", one_leaf_set(tmp_path, f"max = 1\nrule = {rule}\n"))
    assert code == 2
    assert "set.toml:7: criterion 1: rule must be a text naming the kind of rule" in err


@pytest.mark.parametrize("period", ["năm 0000", "quý IV năm 9999", "0000-01-01", "31/12/9999"])
def test_12_years_out_of_the_calendar(tmp_path: Path, period: str) -> None:
    path = assessment(tmp_path, f'period = "{period}"\n[answers]\n')
    code, _, err = run("score", S, path)
    assert code == 2
    assert "period:" in err
    assert "year must be from 1000 to 9998" in err


def test_13_a_lone_surrogate(tmp_path: Path) -> None:
    path = tmp_path / "unit.json"
    path.write_text('{"set": "quangngai.so.2019", "unit": "\\ud800"}', encoding="utf-8")
    code, _, err = run("score", S, str(path))
    assert code == 2
    assert "lone surrogate" in err
    with pytest.raises(cc.ArgumentError, match="lone surrogate"):
        cc.Assessment(unit="a\ud800")


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


def test_14_truncated_sheet_xml_is_one_message(tmp_path: Path) -> None:
    path = damaged_workbook(tmp_path, "truncated")
    code, _, err = run("score", S, str(path))
    assert code == 2
    assert err.startswith(f"cchc: error: {path}: not a readable XLSX workbook")


def test_14_a_doctype_in_sheet_xml_expands_nothing(tmp_path: Path) -> None:
    path = damaged_workbook(tmp_path, "doctype")
    code, out, err = run("score", S, str(path))
    assert code in (1, 2)  # read without the entity, or refused with one message
    assert "root:" not in out + err
    assert code == 1 or err.startswith(f"cchc: error: {path}: not a readable XLSX workbook")


def test_15_bad_output_names(tmp_path: Path) -> None:
    code, _, err = run("score", S, str(EXAMPLE), "-o", "")
    assert code == 2
    assert "expected the name of a file to write" in err
    (tmp_path / "card.txt.partial").mkdir()  # in the way of the old temporary name
    code, _, err = run("score", S, str(EXAMPLE), "-o", str(tmp_path / "card.txt"))
    assert code == 1, err
    assert "HIỆN ĐẠI HÓA" in (tmp_path / "card.txt").read_text(encoding="utf-8")
    code, _, err = run("score", S, str(EXAMPLE), "-o", str(tmp_path))
    assert code == 2
    assert "this is a folder" in err
    code, _, err = run("score", S, str(EXAMPLE), "-o", str(tmp_path / "missing" / "card.txt"))
    assert code == 2
    assert "cannot write the file" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.txt", "card.txt.partial"]


def test_16_a_very_long_set_id(tmp_path: Path) -> None:
    code, _, err = run("show", "a" * 5000)
    assert code == 2
    assert "no criterion set with id 'aaaa" in err
    assert "(5000 characters)" in err
    assert len(err) < 500


@pytest.mark.parametrize(
    "call",
    [
        lambda: cc.score(cc.get_set(S), None),  # type: ignore[arg-type]
        lambda: cc.score(None, {}),  # type: ignore[arg-type]
        lambda: cc.score(cc.get_set(S), [("7.1.2", "93%")]),  # type: ignore[arg-type]
        lambda: cc.Assessment(unit=5),  # type: ignore[arg-type]
        lambda: cc.Assessment(evidence={"7.1.2": 5}),  # type: ignore[dict-item]
        lambda: cc.Assessment(answers={7: "93%"}),  # type: ignore[dict-item]
        lambda: cc.Assessment(answers="7.1.2=93%"),  # type: ignore[arg-type]
        lambda: cc.get_set(None),  # type: ignore[arg-type]
    ],
)
def test_17_api_misuse_raises_the_librarys_errors(call: object) -> None:
    assert callable(call)
    with pytest.raises(cc.ArgumentError) as caught:
        call()
    assert isinstance(caught.value, cc.CchcError)
    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, ValueError)


def test_17_a_nul_byte_in_a_file_name() -> None:
    with pytest.raises(cc.InputError, match="not a usable file name"):
        cc.load_set("a\0b.toml")
    with pytest.raises(cc.InputError, match="not a usable file name"):
        cc.load_assessment("a\0b.toml")


# --------------------------------------------------------------------------- files and terminals


def test_18_the_output_file_never_follows_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / "card.html.partial").symlink_to(victim)
    (tmp_path / "card.txt").symlink_to(victim)
    for name, fmt in (("card.html", "html"), ("card.txt", "text"), ("card.xlsx", "xlsx")):
        code, _, err = run("score", S, str(EXAMPLE), "-f", fmt, "-o", str(tmp_path / name))
        assert code == 1, err
        assert not (tmp_path / name).is_symlink()
        assert (tmp_path / name).stat().st_size > 100
    assert victim.read_text(encoding="utf-8") == "precious"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["card.html", "card.html.partial", "card.txt", "card.xlsx", "victim.txt"]


def test_18_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    cc.formats.write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o600
    cc.formats.write_atomic(tmp_path / "fresh.bin", b"\x00\x01")
    assert (tmp_path / "fresh.bin").stat().st_mode & 0o777 == 0o644


HOSTILE = '=HYPERLINK("http://evil.example","x")'


def test_19_no_formula_reaches_a_workbook(tmp_path: Path) -> None:
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


def test_19_csv_cells_are_neutralised(tmp_path: Path) -> None:
    unit = assessment(tmp_path, f'unit = \'{HOSTILE}\'\n[answers]\n"7.1.2" = "-5"\n')
    code, out, _ = run("rank", S, unit, "-f", "csv")
    assert code == 0
    assert f"'{HOSTILE}" in out.replace('""', '"')
    code, out, _ = run("score", S, unit, "-f", "csv")
    row = next(line for line in out.splitlines() if line.startswith("7.1.2,"))
    assert ",'-5," in row  # the figure as typed is text: neutralised
    assert ",-" not in row.replace(",'-5,", ",")  # numbers are never prefixed


def test_a_carriage_return_never_starts_an_unguarded_csv_cell(tmp_path: Path) -> None:
    # A bare CR ends a row for many readers: what follows must not become a cell of its own
    # that starts a formula.
    unit = assessment(
        tmp_path,
        'unit = "Sở\\r=HYPERLINK(1)"\n[answers]\n"7.1.2" = "93%\\r=1+1"\n',
    )
    target = tmp_path / "out.csv"  # a file gets the text as it is (a terminal, escapes)
    for command in (["score", S, unit, "-f", "csv"], ["rank", S, unit, "-f", "csv"]):
        for excel in ([], ["--excel"]):
            code, _, err = run(*command, *excel, "-o", str(target))
            assert code in (0, 1), err
            out = target.read_bytes().decode("utf-8-sig")
            assert "\r" not in out
            assert "=1+1" in out or "=HYPERLINK(1)" in out  # the text is kept
            delimiter = ";" if excel else ","
            # Read as a spreadsheet would, with universal newlines.
            text = io.StringIO(out, newline=None)
            rows = list(csv.reader(text, delimiter=delimiter))
            assert not [cell for row in rows for cell in row if cell.startswith("=")]


def test_19_markdown_escapes_html(tmp_path: Path) -> None:
    unit = assessment(tmp_path, "unit = '<script>alert(1)</script>'\n[answers]\n")
    _code, out, _ = run("score", S, unit, "-f", "markdown")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_20_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    unit = assessment(tmp_path, 'unit = "a\\u0000b\\u001b[31mred\\u202egnp.exe"\n[answers]\n')
    for extra in ([], ["--no-color"], ["-f", "markdown"], ["-f", "json"]):
        code, out, _ = run("score", S, unit, *extra)
        assert code == 1
        assert "\x1b" not in out
        assert "\x00" not in out
        assert "\u202e" not in out
        assert "\\u001b[31mred" in out
    json.loads(run("score", S, unit, "-f", "json")[1])  # the escapes are valid JSON escapes


# --------------------------------------------------------------------------- plugins


@pytest.fixture
def broken_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install, beside the real Quảng Ngãi plugin, one that cannot be imported and one that
    registers the Quảng Ngãi id again plus a set of its own."""
    monkeypatch.syspath_prepend(str(tmp_path))
    for name, module in (
        ("cchc-broken", None),
        (
            "cchc-twin",
            """
            import cchc_criteria as cc

            @cc.hookimpl
            def register_criterion_sets():
                rule = cc.rules.YesNoRule()
                make = lambda i: cc.CriterionSet(id=i, title=i,
                                                 criteria=[cc.Criterion("1", "x", 1, rule=rule)])
                return [make("quangngai.so.2019"), make("twin.so.2024")]
            """,
        ),
    ):
        module_name = name.replace("-", "_")
        info = tmp_path / f"{module_name}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
        target = module_name if module else "cchc_missing_module"
        (info / "entry_points.txt").write_text(f"[cchc_criteria]\n{module_name} = {target}\n")
        if module:
            (tmp_path / f"{module_name}.py").write_text(dedent(module))
    cc.registry._registry.cache_clear()
    yield tmp_path
    cc.registry._registry.cache_clear()
    sys.modules.pop("cchc_twin", None)


def test_21_a_broken_plugin_beside_healthy_ones(broken_plugins: Path) -> None:
    code, out, err = run("show", "twin.so.2024")
    assert code == 0
    assert "cchc: warning: plugin 'cchc_broken' (cchc-broken 0.1) failed to load" in err
    # The duplicated id is served by neither plugin, and both are named.
    code, _, err = run("score", S, str(EXAMPLE))
    assert code == 2
    assert "'quangngai.so.2019' is registered by both plugin 'cchc_twin' and plugin" in err
    code, out, _ = run("sets", "--json")
    assert [row["id"] for row in json.loads(out)] == ["twin.so.2024"]
    code, out, _ = run("plugins", "--json")
    assert code == 0
    reports = {r["name"]: r for r in json.loads(out)}
    assert reports["cchc_twin"]["sets"] == ["twin.so.2024"]
    assert "registered by both" in reports["cchc_twin"]["error"]
    assert "registered by both" in reports["quangngai"]["error"]
    assert "ModuleNotFoundError" in reports["cchc_broken"]["error"]


def test_21_strict_plugins_makes_any_failure_fatal(
    broken_plugins: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CCHC_STRICT_PLUGINS", raising=False)
    code, _, err = run("--strict-plugins", "show", "twin.so.2024")
    assert code == 2
    assert "plugin 'cchc_broken' (cchc-broken 0.1) failed to load" in err
    # Said to the registry, never written into the environment: the next command run in the
    # same process (and any child process) is not strict unless it asks.
    assert "CCHC_STRICT_PLUGINS" not in os.environ
    code, _, err = run("show", "twin.so.2024")
    assert code == 0
    assert "failed to load" in err
    monkeypatch.setenv("CCHC_STRICT_PLUGINS", "1")
    cc.registry._registry.cache_clear()
    code, _, err = run("sets")
    assert code == 2


# --------------------------------------------------------------------------- exit codes, messages


def run_main(args: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "argv", ["cchc", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    code = exit_info.value.code
    assert isinstance(code, int)
    return code


def test_22_ctrl_c_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr("cchc_criteria.library.Library.score", interrupted)  # the command's
    monkeypatch.setattr("cchc_criteria.library.Library.score_each", interrupted)
    assert run_main(["rank", S, str(EXAMPLE)], monkeypatch) == 130
    assert "cchc: đã dừng (Ctrl-C)" in capsys.readouterr().err


def test_22_main_keeps_the_exit_codes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_main(["score", S, str(EXAMPLE)], monkeypatch) == 1
    assert run_main(["show", S], monkeypatch) == 0
    assert run_main(["show", "nope"], monkeypatch) == 2
    assert run_main(["--version"], monkeypatch) == 0
    assert run_main(["score"], monkeypatch) == 2  # click's usage error
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_23_a_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    code, _, err = run("score", S, str(path))
    assert code == 1, err


def test_23_folders_and_missing_files_get_our_message(tmp_path: Path) -> None:
    for command in (["score", S, str(tmp_path)], ["advise", S, str(tmp_path)]):
        code, _, err = run(*command)
        assert code == 2
        assert err == f"cchc: error: {tmp_path}: this is a folder, not a file\n"
    code, _, err = run("rank", S, str(tmp_path / "missing.toml"))
    assert (code, err) == (2, f"cchc: error: {tmp_path / 'missing.toml'}: no such file or folder\n")
    code, _, err = run("score", S, str(tmp_path / "missing.toml"))
    assert code == 2
    assert err.startswith("cchc: error:")
    assert "cannot read the file" in err


def test_23_vietnamese_findings_are_vietnamese() -> None:
    card = cc.score(cc.get_set(S), {"7.1.2": "nhiều", "7.2.2": "1.500", "7.1.3": "có lẽ"})
    for finding in card.findings:
        if finding.code == "invalid-answer":
            for english in ("expected", "a rate", "got", "write"):
                assert english not in finding.message_vi, finding.message_vi


def test_23_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    # A path through a file cannot be opened, even by root (chmod 000 would not stop root).
    (tmp_path / "plain.toml").write_text("x", encoding="utf-8")
    code, _, err = run("score", S, str(tmp_path / "plain.toml" / "unit.toml"))
    assert code == 2
    assert err.startswith("cchc: error:")
    assert "cannot read the file: Not a directory" in err


# --------------------------------------------------------------------------- lint


def test_24_gaps_on_a_count_scale_are_whole_numbers() -> None:
    def rule(upper_start: int) -> cc.rules.BandRule:
        two_to_three = cc.model.Band(
            "từ 2 đến 3",
            lower=cc.model.at_least(2),
            upper=cc.model.at_most(3),
            award=cc.model.Points(1),
        )
        top = cc.model.Band(
            f"từ {upper_start} trở lên",
            lower=cc.model.at_least(upper_start),
            award=cc.model.Points(2),
        )
        low = cc.model.Band("dưới 2", upper=cc.model.below(2), award=cc.model.Points(0))
        return cc.rules.BandRule(scale=cc.Scale.COUNT, bands=[two_to_three, top, low])

    def codes(upper_start: int) -> list[str]:
        cs = cc.CriterionSet(
            id="t", title="t", criteria=[cc.Criterion("1", "x", 2, rule=rule(upper_start))]
        )
        return [f.code for f in cc.lint(cs)]

    assert codes(4) == []  # no whole number lies between 3 and 4
    assert codes(5) == ["band-gap"]  # 4 does
    # On a percent scale the same edges leave a real gap.
    percent = cc.rules.BandRule(bands=[*rule(4).bands])
    cs = cc.CriterionSet(id="t", title="t", criteria=[cc.Criterion("1", "x", 2, rule=percent)])
    assert "band-gap" in [f.code for f in cc.lint(cs)]


def test_everything_printed_is_utf8_even_from_an_odd_file(tmp_path: Path) -> None:
    path = assessment(tmp_path, 'unit = "\\u200f\\u0007"\n[answers]\n')
    code, out, _ = run("score", S, path)
    assert code == 1
    out.encode("utf-8")
    io.StringIO(out)
