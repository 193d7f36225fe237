"""What a careless or hostile user feeds the library and the command: huge numbers, control
characters, trees a thousand deep, thousands of leaves under one group, objects that cannot be
written, symlink loops, FIFOs, endless files, unwritable places. Each gets one clear message
and a non-zero exit, never a traceback or a hang."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

import cchc_criteria as cc
from cchc_criteria.cli import cli, main

S = "quangngai.so.2019"


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"CCHC_LANG": lang})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"cchc {' '.join(args)} raised {result.exception!r}")
    return result.exit_code, result.stdout, result.stderr


def unit(tmp_path: Path, body: str, name: str = "unit.toml") -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- huge numbers


@pytest.mark.parametrize("digits", [310, 4300, 5000])
@pytest.mark.parametrize("table", ["answers", "self_assessed"])
def test_an_integer_of_thousands_of_digits_is_out_of_range(
    tmp_path: Path, digits: int, table: str
) -> None:
    path = unit(tmp_path, f'[{table}]\n"7.1.2" = {"9" * digits}\n')
    code, _, err = run("score", S, path)
    assert code in (1, 2)
    assert "out of range" in err or code == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "value",
    [Fraction(10**400), Fraction(1, 10**400), 10**5000, -(10**30), {"value": 10**5000}],
    ids=["fraction-10^400", "fraction-10^-400", "int-10^5000", "int--10^30", "table-10^5000"],
)
def test_huge_numbers_through_the_api_are_findings(value: object) -> None:
    card = cc.score(cc.get_set(S), {"7.1.2": value, "7.1.3": value, "7.2.2": value})
    for code in ("7.1.2", "7.1.3", "7.2.2"):
        assert card[code].points is None
    assert {f.code for f in card.findings if f.criterion == "7.1.2"} == {"invalid-answer"}
    assert all(isinstance(f.message, str) for f in card.findings)
    assert (
        "out of range" in card["7.1.2"].explanation.en or "expected" in card["7.1.2"].explanation.en
    )


# --------------------------------------------------------------------------- control characters


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


# --------------------------------------------------------------------------- deep and wide


def _deep_set(tmp_path: Path, levels: int) -> tuple[str, str]:
    lines = ['id = "deep"', 'title = "d"']
    code = "1"
    for _ in range(levels - 1):
        lines += ["[[criteria]]", f'code = "{code}"', 'title = "x"', "max = 1"]
        code += ".1"
    lines += ["[[criteria]]", f'code = "{code}"', 'title = "leaf"', "max = 1", 'rule = "yes_no"']
    set_file = tmp_path / f"deep{levels}.toml"
    set_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(set_file), unit(tmp_path, f'[answers]\n"{code}" = true\n', f"u{levels}.toml")


COMMANDS = ["lint", "score", "show", "template", "advise", "diff"]


def _command(name: str, set_file: str, answers: str) -> list[str]:
    if name in ("score", "advise"):
        return [name, set_file, answers]
    if name == "diff":
        return [name, set_file, set_file]
    return [name, set_file]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_tree_a_thousand_deep_is_refused_with_its_level(tmp_path: Path, name: str) -> None:
    set_file, answers = _deep_set(tmp_path, 1000)
    code, _, err = run(*_command(name, set_file, answers))
    assert code == 2
    assert "is at level 33: a criterion set nests at most 32 levels" in err


@pytest.mark.parametrize("name", COMMANDS)
def test_a_tree_at_the_bound_works_everywhere(tmp_path: Path, name: str) -> None:
    set_file, answers = _deep_set(tmp_path, cc.MAX_DEPTH if hasattr(cc, "MAX_DEPTH") else 32)
    code, out, err = run(*_command(name, set_file, answers))
    assert code == 0, err
    assert out


def test_a_deep_tree_built_in_python_is_refused() -> None:
    node = cc.Criterion("x", "x", 1, rule=cc.rules.YesNoRule())
    for _ in range(40):
        node = cc.Criterion("x", "x", 1, children=[node])
    with pytest.raises(cc.CchcError, match="nests at most 32 levels"):
        cc.CriterionSet(id="d", title="d", criteria=[node])


def test_three_thousand_leaves_under_one_group_rank_and_score_alike(tmp_path: Path) -> None:
    leaves = 3000
    lines = ['id = "wide"', 'title = "w"', "[[criteria]]", 'code = "1"', 'title = "g"']
    lines.append(f"max = {leaves}")
    for i in range(1, leaves + 1):
        lines += ["[[criteria]]", f'code = "1.{i}"', 'title = "x"', "max = 1", 'rule = "yes_no"']
    set_file = tmp_path / "wide.toml"
    set_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = []
    for n in range(3):
        answers = "".join(
            f'"1.{i}" = {"true" if i % (n + 2) else "false"}\n' for i in range(1, 3001)
        )
        files.append(unit(tmp_path, f'unit = "u{n}"\n[answers]\n{answers}', f"u{n}.toml"))
    code, out, err = run("rank", str(set_file), *files, "-j", "1")
    assert code == 0, err
    assert out.index("1. u2") < out.index("2. u1") < out.index("3. u0")
    criterion_set = cc.load_set(set_file)
    cards = [cc.score(criterion_set, cc.load_assessment(f)) for f in files]
    again = [cc.score(criterion_set, cc.load_assessment(f)) for f in files]
    assert [c.points for c in cards] == [c.points for c in again]
    assert [c.points for c in cards] == [1500, 2000, 2250]


# --------------------------------------------------------------------------- API misuse


class _Unwritable:
    def __str__(self) -> str:
        raise RuntimeError("cannot be written")

    __repr__ = __str__


SEED_CARD: dict[str, Any] = {}


def _card() -> cc.Scorecard:
    if not SEED_CARD:
        SEED_CARD["card"] = cc.score(cc.get_set(S), {"7.1.2": "93%"})
    card: cc.Scorecard = SEED_CARD["card"]
    return card


MISUSE = {
    "card[list]": lambda: _card()[["7.1"]],  # type: ignore[index]
    "card[object]": lambda: _card()[_Unwritable()],  # type: ignore[index]
    "Criterion(rule=5)": lambda: cc.Criterion("1", "x", 1, rule=5),  # type: ignore[arg-type]
    "Criterion(children=5)": lambda: cc.Criterion("1", "x", 1, children=5),  # type: ignore[arg-type]
    "CriterionSet(criteria=5)": lambda: cc.CriterionSet(id="a", title="a", criteria=5),  # type: ignore[arg-type]
    "CriterionSet(criteria=[5])": lambda: cc.CriterionSet(id="a", title="a", criteria=[5]),  # type: ignore[list-item]
    "CriterionSet(id=5)": lambda: cc.CriterionSet(id=5, title="a", criteria=[]),  # type: ignore[arg-type]
    "score(set, object)": lambda: cc.score(cc.get_set(S), _Unwritable()),  # type: ignore[arg-type]
    "score(set, {code: object})": lambda: cc.score(cc.get_set(S), {"7.1.2": _Unwritable()}),
    "BandRule([5])": lambda: cc.rules.BandRule([5]),  # type: ignore[list-item]
    "BandRule(5)": lambda: cc.rules.BandRule(5),  # type: ignore[arg-type]
    "Band(award=5)": lambda: cc.model.Band("x", 5),  # type: ignore[arg-type]
    "Formula(object)": lambda: cc.model.Formula(_Unwritable()),  # type: ignore[arg-type]
    "score_many(set, 5)": lambda: cc.score_many(cc.get_set(S), 5),  # type: ignore[arg-type]
    "to_frame(5)": lambda: cc.to_frame(5),  # type: ignore[arg-type]
    "lint(5)": lambda: cc.lint(5),  # type: ignore[arg-type]
    "advise(5)": lambda: cc.advise(5),  # type: ignore[arg-type]
    "get_set(object)": lambda: cc.get_set(_Unwritable()),  # type: ignore[arg-type]
    "ChosenBand(object)": lambda: cc.ChosenBand(_Unwritable()),  # type: ignore[arg-type]
    "dumps_set(5)": lambda: cc.dumps_set(5),  # type: ignore[arg-type]
    "diff_sets(set, 5)": lambda: cc.diff_sets(cc.get_set(S), 5),  # type: ignore[arg-type]
    "YesNoRule(yes=5)": lambda: cc.rules.YesNoRule(yes=5),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("name", list(MISUSE))
def test_api_misuse_is_an_argument_error(name: str) -> None:
    with pytest.raises(cc.CchcError) as caught:
        MISUSE[name]()
    assert isinstance(caught.value, cc.ArgumentError | cc.CchcError)
    assert str(caught.value)


def test_a_declared_score_that_cannot_be_written_is_a_finding() -> None:
    card = cc.score(cc.get_set(S), cc.Assessment({}, self_assessed={"7.1.2": _Unwritable()}))
    assert [f.message for f in card.findings if f.code == "invalid-declared-score"]


def test_the_internal_error_line_honours_lang(monkeypatch: pytest.MonkeyPatch) -> None:

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cc.Library, "score", broken)
    monkeypatch.delenv("CCHC_DEBUG", raising=False)
    example = (
        Path(__file__).resolve().parents[1]
        / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
    )
    for lang, said in (("en", "cchc: internal error: RuntimeError"), ("vi", "lỗi nội bộ")):
        monkeypatch.setattr(sys, "argv", ["cchc", "score", S, str(example), "--lang", lang])
        monkeypatch.setattr(
            os, "environ", {**os.environ, "CCHC_LANG": "vi" if lang == "en" else "en"}
        )
        with pytest.raises(SystemExit) as exit_info:
            main()
        assert exit_info.value.code == 3
        assert said in _captured_err()


_ERRORS: list[str] = []


def _captured_err() -> str:
    return "".join(_ERRORS)


@pytest.fixture(autouse=True)
def _capture_echo(monkeypatch: pytest.MonkeyPatch) -> None:
    import cchc_criteria.cli as command

    _ERRORS.clear()
    original = command.echo

    def echo(message: str, **kwargs: Any) -> None:
        if kwargs.get("err"):
            _ERRORS.append(message)
        original(message, **kwargs)

    monkeypatch.setattr(command, "echo", echo)


# --------------------------------------------------------------------------- files and folders


EXAMPLE = (
    Path(__file__).resolve().parents[1]
    / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
)


def test_rank_over_a_folder_with_a_symlink_loop(tmp_path: Path) -> None:
    folder = tmp_path / "units" / "a"
    folder.mkdir(parents=True)
    (folder / "u.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "up").symlink_to("..")
    (folder / "self").symlink_to(".")
    code, out, err = run("rank", S, str(tmp_path / "units"))
    assert code == 0, err
    assert out.count("Sở Giáo dục và Đào tạo") == 1  # found below, once, the loop not entered
    (tmp_path / "empty").mkdir()
    code, _, err = run("rank", S, str(tmp_path / "empty"))
    assert code == 2
    assert "no assessment files (.toml, .json, .xlsx) in" in err


def test_rank_jobs_are_bounded(tmp_path: Path) -> None:
    code, _, err = run("rank", S, str(EXAMPLE), "-j", "99999999999999999999")
    assert code == 2
    assert "not in the range 0<=x<=256" in err
    copy = tmp_path / "b.toml"
    copy.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run("rank", S, str(EXAMPLE), str(copy), "-j", "256")
    assert code == 0, err  # two files: two processes at most, not 256


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_device_is_written_in_place_never_replaced() -> None:
    before = os.stat("/dev/full")
    code, _, err = run("score", S, str(EXAMPLE), "-o", "/dev/full")
    assert code == 2
    assert "/dev/full: cannot write the file: " in err
    after = os.stat("/dev/full")
    assert (after.st_mode, after.st_rdev) == (before.st_mode, before.st_rdev)
    code, _, err = run("score", S, str(EXAMPLE), "-o", "/dev/null")
    assert code == 1, err  # the seed card is incomplete: written, not an error
    assert Path("/dev/null").is_char_device()


def test_output_naming_an_input_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "unit.toml"
    answers.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = answers.read_bytes()
    for command in (["score", S, str(answers)], ["rank", S, str(tmp_path)]):
        code, _, err = run(*command, "-o", str(answers))
        assert code == 2
        assert "this is a file the command reads" in err
        assert answers.read_bytes() == before
    code, _, err = run("rank", S, str(tmp_path), "-o", str(tmp_path / "ranking.csv"))
    assert code == 0, err


def test_new_files_honour_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        cc.formats.write_atomic(tmp_path / "private.txt", "x")
    finally:
        os.umask(previous)
    assert (tmp_path / "private.txt").stat().st_mode & 0o777 == 0o600


def test_write_atomic_refuses_what_it_cannot_write_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(cc.ArgumentError):
        cc.formats.write_atomic(tmp_path / "x.bin", [1, 2])  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_writes_chunks_as_they_come_and_nothing_when_they_fail(
    tmp_path: Path,
) -> None:
    target = tmp_path / "ranking.csv"
    cc.formats.write_atomic(target, iter(["Đơn vị,", b"1\n", "tiếp\n"]))
    assert target.read_text(encoding="utf-8") == "Đơn vị,1\ntiếp\n"

    def broken() -> Iterator[str]:
        yield "half a report"
        raise ValueError("a row that cannot be written")

    with pytest.raises(ValueError, match="cannot be written"):
        cc.formats.write_atomic(target, broken())
    assert target.read_text(encoding="utf-8") == "Đơn vị,1\ntiếp\n"  # the old file stays
    with pytest.raises(cc.ArgumentError):
        cc.formats.write_atomic(tmp_path / "other.csv", iter(["text", 3]))  # type: ignore[list-item]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ranking.csv"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("x"), "this is a file; choose a new folder"),
        (lambda p: p.symlink_to("/nonexistent/place"), "this is a link; choose a new folder"),
        (lambda p: (p.mkdir(), (p / "f").write_text("x")), "the folder is not empty"),
    ],
)
def test_new_plugin_never_writes_into_a_used_place(tmp_path: Path, make: Any, message: str) -> None:
    target = tmp_path / "target"
    make(target)
    code, _, err = run(
        "new-plugin", "demo", "--province", "Hà Nội", "--year", "2025", "-o", str(target)
    )
    assert code == 2
    assert message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["target"]


def test_new_plugin_refuses_long_names_leaving_nothing(tmp_path: Path) -> None:
    code, _, err = run(
        "new-plugin", "a" * 300, "--province", "Hà Nội", "--year", "2025", "-o", str(tmp_path / "p")
    )
    assert code == 2
    assert "at most 50" in err
    code, _, err = run(
        "new-plugin",
        "demo",
        "--province",
        "Hà Nội",
        "--year",
        "2025",
        "-o",
        str(tmp_path / ("b" * 300)),
    )
    assert code == 2
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_negative_part_max_names_the_file(tmp_path: Path) -> None:
    set_file = tmp_path / "neg.toml"
    set_file.write_text(
        'id = "neg"\ntitle = "n"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 2\n'
        'rule = "parts"\nparts = [\n  { name = "a", max = -1, rule = "proportional" },\n'
        '  { name = "b", max = 2, rule = "yes_no" },\n]\n',
        encoding="utf-8",
    )
    for command in (["lint", str(set_file)], ["score", str(set_file), str(EXAMPLE)]):
        code, _, err = run(*command)
        assert code == 2
        assert "neg.toml:" in err
        assert "criterion 1: a part's max points must not be negative, got -1" in err


# --------------------------------------------------------------------------- unbounded work


def test_a_lateness_edge_past_ten_years_is_refused(tmp_path: Path) -> None:
    set_file = tmp_path / "late.toml"
    set_file.write_text(
        'id = "late"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 2\n'
        'rule = "lateness"\ndeadline = "2024-12-20"\ndays = "working"\nbands = [\n'
        "  { to = 0, points = 2 },\n  { above = 0, to = 10000000, points = 1 },\n"
        "  { above = 10000000, points = 0 },\n]\n",
        encoding="utf-8",
    )
    code, _, err = run("lint", str(set_file))
    assert code == 2
    assert "band 2: 10000000 days late; a band's edge is at most 3660 days" in err


def test_working_days_late_are_counted_not_walked() -> None:
    import time
    from datetime import date

    started = time.perf_counter()
    late = cc.rules.days_late(date(2024, 12, 20), date(9998, 1, 1), working=True)
    assert late > 2_000_000
    assert time.perf_counter() - started < 0.5
    with pytest.raises(cc.ArgumentError):
        cc.rules.days_late(date(2024, 12, 20), None)  # type: ignore[arg-type]


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
