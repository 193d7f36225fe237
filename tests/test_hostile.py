"""What a careless or hostile user feeds the library and the command: huge numbers, control
characters, trees a thousand deep, thousands of leaves under one group, objects that cannot be
written, symlink loops, FIFOs, endless files, unwritable places. Each gets one clear message
and a non-zero exit, never a traceback or a hang."""

from __future__ import annotations

import os
import sys
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
    node = cc.Criterion("x", "x", 1, rule=cc.YesNoRule())
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
    "BandRule([5])": lambda: cc.BandRule([5]),  # type: ignore[list-item]
    "BandRule(5)": lambda: cc.BandRule(5),  # type: ignore[arg-type]
    "Band(award=5)": lambda: cc.Band("x", 5),  # type: ignore[arg-type]
    "Formula(object)": lambda: cc.Formula(_Unwritable()),  # type: ignore[arg-type]
    "score_many(set, 5)": lambda: cc.score_many(cc.get_set(S), 5),  # type: ignore[arg-type]
    "to_frame(5)": lambda: cc.to_frame(5),  # type: ignore[arg-type]
    "lint(5)": lambda: cc.lint(5),  # type: ignore[arg-type]
    "advise(5)": lambda: cc.advise(5),  # type: ignore[arg-type]
    "get_set(object)": lambda: cc.get_set(_Unwritable()),  # type: ignore[arg-type]
    "ChosenBand(object)": lambda: cc.ChosenBand(_Unwritable()),  # type: ignore[arg-type]
    "dumps_set(5)": lambda: cc.dumps_set(5),  # type: ignore[arg-type]
    "diff_sets(set, 5)": lambda: cc.diff_sets(cc.get_set(S), 5),  # type: ignore[arg-type]
    "YesNoRule(yes=5)": lambda: cc.YesNoRule(yes=5),  # type: ignore[arg-type]
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
    import cchc_criteria.api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cchc_criteria.api, "score", broken)
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
