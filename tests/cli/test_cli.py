"""The ``cchc`` command: output, exit codes, and one-line errors instead of tracebacks."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cchc_criteria
import cchc_criteria as cc
from cchc_criteria.cli import cli, main
from cchc_support import S, assessment

EXAMPLE = (
    Path(__file__).parents[2]
    / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
)

COMPLETE = """
set = "quangngai.so.2019"
unit = "Đơn vị thử"
[answers]
"7.1.1" = "100%"
"7.1.2" = "95%"
"7.1.3" = "Có"
"7.1.4" = "100%"
"7.2.1" = "4/5"
"7.2.2" = "30%"
"7.2.3" = "5%"
"7.3.1" = "70%"
"7.3.2" = "12%"
"7.3.3" = "20%"
"7.4.1" = "Đã công bố"
"7.4.2" = "Thực hiện đúng"
"""


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    """``cchc ARGS``, with messages in ``lang`` (English unless a test asks for Vietnamese)."""
    result = CliRunner().invoke(cli, list(args), env={"CCHC_LANG": lang})
    return result.exit_code, result.stdout, result.stderr


def test_score_the_bundled_example_is_incomplete_so_exit_1() -> None:
    code, out, _ = run("score", "quangngai.so.2019", str(EXAMPLE), lang="vi")
    assert code == 1
    assert "HIỆN ĐẠI HÓA HÀNH CHÍNH" in out
    assert "Tổng điểm: 6 / 13 (3,5 điểm chưa chấm)" in out
    assert "CHƯA ĐẦY ĐỦ" in out
    assert "[unanswered] 7.3.2" in out


def test_score_in_english() -> None:
    code, out, _ = run("score", "quangngai.so.2019", str(EXAMPLE), "--lang", "en")
    assert code == 1
    assert "Total: 6 / 13 (3.5 points unscored)" in out
    assert "[band-needs-figure] 7.1.1" in out


def test_a_complete_clean_assessment_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "complete.toml"
    path.write_text(COMPLETE, encoding="utf-8")
    code, out, _ = run("score", "quangngai.so.2019", str(path), lang="vi")
    assert code == 0, out
    # 1.5 + 1 + 1 + 1 | 1 + 0.75 + 0 | 0.5 + 1 + 1 | 1.5 + 1.5
    assert "Tổng điểm: 11,75 / 13" in out
    assert "Chỉ số: 90,38 %" in out
    assert "Phiếu điểm đầy đủ" in out


def test_error_findings_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "gap.toml"
    path.write_text(COMPLETE.replace('"7.1.1" = "100%"', '"7.1.1" = "75%"'), encoding="utf-8")
    code, out, _ = run("score", "quangngai.so.2019", str(path))
    assert code == 1
    assert "[no-band] 7.1.1" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "quangngai.so.2018", str(EXAMPLE)], "did you mean 'quangngai.so.2019'"),
        (["score", "quangngai.so.2019", "missing.toml"], "missing.toml: cannot read the file"),
        (["score"], "Missing argument"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_and_input_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


def test_malformed_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[answers\n", encoding="utf-8")
    code, _, err = run("score", "quangngai.so.2019", str(path))
    assert code == 2
    assert err.startswith("cchc: error: ")
    assert "broken.toml:1: not valid TOML" in err


def test_an_assessment_for_another_set_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.toml"
    path.write_text('set = "hanoi.so.2024"\n[answers]\n', encoding="utf-8")
    code, _, err = run("score", "quangngai.so.2019", str(path))
    assert code == 2
    assert "'hanoi.so.2024', not 'quangngai.so.2019'" in err


def test_sets_lists_the_installed_sets_as_json() -> None:
    code, out, _ = run("sets", "--json")
    assert code == 0
    entries = {e["id"]: e for e in json.loads(out)}
    assert entries["quangngai.so.2019"]["distribution"] == "cchc-criteria-quangngai"


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert cchc_criteria.__version__ in out


def test_the_console_script_runs_the_readme_job() -> None:
    executable = shutil.which("cchc")
    assert executable is not None, "the cchc console script is not installed"
    result = subprocess.run(
        [executable, "score", "quangngai.so.2019", str(EXAMPLE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 1
    assert "Tổng điểm: 6 / 13" in result.stdout
    assert result.stderr == ""


def test_an_unexpected_error_is_one_line_with_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    import cchc_criteria.cli as cli_module

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("cchc_criteria.reports.render", explode)  # imported by the command
    monkeypatch.setattr("sys.argv", ["cchc", "score", "quangngai.so.2019", str(EXAMPLE)])
    monkeypatch.delenv("CCHC_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        cli_module.main()
    assert exited.value.code == 3


def test_lint_the_seed_set_finds_its_mistakes_and_exits_1() -> None:
    code, out, _ = run("lint", "quangngai.so.2019", "--lang", "en")
    assert code == 1
    assert "error [band-gap] 7.1.1: values from 70 % to under 80 % fall in no band" in out
    assert "error [award-above-max] 7.3.3:" in out
    assert out.strip().endswith("quangngai.so.2019: 6 finding(s), 2 error(s)")


def test_lint_json() -> None:
    code, out, _ = run("lint", "quangngai.so.2019", "--json")
    assert code == 1
    found = {(f["code"], f["criterion"]) for f in json.loads(out)}
    assert found == {
        ("code-typo", "7,4"),
        ("band-gap", "7.1.1"),
        ("band-overlap", "7.2.1"),
        ("band-jump", "7.2.3"),
        ("award-above-max", "7.3.3"),
        ("not-monotone", "7.3.3"),
    }


def test_acknowledged_errors_stop_failing_lint(tmp_path: Path) -> None:
    source = (EXAMPLE.parents[1] / "sets" / "quangngai.so.2019.toml").read_text("utf-8")
    acknowledged = source + (
        '\n[[acknowledge]]\ncode = "band-gap"\ncriterion = "7.1.1"\nreason = "as published"\n'
        '\n[[acknowledge]]\ncode = "award-above-max"\ncriterion = "7.3.3"\n'
        'reason = "as published"\n'
    )
    path = tmp_path / "qn.toml"
    path.write_text(acknowledged, encoding="utf-8")
    code, out, _ = run("lint", str(path), "--lang", "en")
    assert code == 0
    assert "(acknowledged: as published)" in out
    assert out.strip().endswith("6 finding(s), 0 error(s)")


def test_sets_marks_a_set_with_lint_errors() -> None:
    code, out, _ = run("sets")
    assert code == 0
    assert "quangngai.so.2019" in out
    assert "[lint: 2 error(s)]" in out
    rows = {row["id"]: row for row in json.loads(run("sets", "--json")[1])}
    assert rows["quangngai.so.2019"]["lint_errors"] == 2
    assert rows["example.xa.2025.thang"]["lint_errors"] == 0


def test_advise(tmp_path: Path) -> None:
    path = tmp_path / "unit.toml"
    path.write_text(
        COMPLETE.replace('"7.3.2" = "12%"', '"7.3.2" = "5%"').replace(
            '"7.1.2" = "95%"', '"7.1.2" = "70%"'
        ),
        encoding="utf-8",
    )
    code, out, _ = run("advise", "quangngai.so.2019", str(path), "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("7.1.2: raise ")
    assert "from 5 % to 10 % → +0.5" in out
    assert lines[-1] == "Total: 10.75 → 12.25 with every step taken"
    data = json.loads(run("advise", "quangngai.so.2019", str(path), "--json")[1])
    assert data["reachable"] == "12.25"
    assert data["steps"][0]["criterion"] == "7.1.2"


def test_help_fits_80_columns() -> None:
    commands = [[], *([name] for name in cli.commands)]  # type: ignore[attr-defined]
    assert len(commands) == 15
    for command in commands:
        _, out, _ = run(*command, "--help")
        assert max(len(line) for line in out.splitlines()) <= 80, command


def test_shell_completion_offers_set_ids() -> None:
    result = CliRunner().invoke(
        cli,
        [],
        prog_name="cchc",
        env={
            "_CCHC_COMPLETE": "bash_complete",
            "COMP_WORDS": "cchc score quang",
            "COMP_CWORD": "2",
        },
    )
    assert "quangngai.so.2019" in result.stdout


def test_the_options_offer_what_the_library_has() -> None:
    from cchc_criteria.cli import _options
    from cchc_criteria.formats.schema import SCHEMAS
    from cchc_criteria.registry import STRICT_ENV
    from cchc_criteria.reports import FORMATS

    assert (*FORMATS, "xlsx") == _options.FORMATS
    assert set(_options.SCHEMA_KINDS) == set(SCHEMAS)
    assert tuple(k.value for k in cchc_criteria.UnitKind) == _options.UNIT_KINDS
    assert _options.STRICT_ENV == STRICT_ENV


@pytest.mark.parametrize("command", ["score", "rank", "advise", "compare"])
def test_every_command_refuses_another_sets_assessment(tmp_path: Path, command: str) -> None:
    path = tmp_path / "other.toml"
    path.write_text('set = "hanoi.xa.2030"\n[answers]\n"7.1.2" = "93%"\n', encoding="utf-8")
    code, _, err = run(command, S, str(path))
    assert code == 2
    assert "an assessment for 'hanoi.xa.2030', not 'quangngai.so.2019'" in err


def test_bad_output_names(tmp_path: Path) -> None:
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


def test_a_nul_byte_in_a_file_name() -> None:
    with pytest.raises(cc.InputError, match="not a usable file name"):
        cc.load_set("a\0b.toml")
    with pytest.raises(cc.InputError, match="not a usable file name"):
        cc.load_assessment("a\0b.toml")


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    unit = assessment(tmp_path, 'unit = "a\\u0000b\\u001b[31mred\\u202egnp.exe"\n[answers]\n')
    for extra in ([], ["--no-color"], ["-f", "markdown"], ["-f", "json"]):
        code, out, _ = run("score", S, unit, *extra)
        assert code == 1
        assert "\x1b" not in out
        assert "\x00" not in out
        assert "\u202e" not in out
        assert "\\u001b[31mred" in out
    json.loads(run("score", S, unit, "-f", "json")[1])  # the escapes are valid JSON escapes


def run_main(args: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "argv", ["cchc", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    code = exit_info.value.code
    assert isinstance(code, int)
    return code


def test_ctrl_c_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr("cchc_criteria.library.Library.score", interrupted)  # the command's
    monkeypatch.setattr("cchc_criteria.library.Library.score_each", interrupted)
    assert run_main(["rank", S, str(EXAMPLE)], monkeypatch) == 130
    assert "cchc: đã dừng (Ctrl-C)" in capsys.readouterr().err


def test_main_keeps_the_exit_codes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_main(["score", S, str(EXAMPLE)], monkeypatch) == 1
    assert run_main(["show", S], monkeypatch) == 0
    assert run_main(["show", "nope"], monkeypatch) == 2
    assert run_main(["--version"], monkeypatch) == 0
    assert run_main(["score"], monkeypatch) == 2  # click's usage error
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_folders_and_missing_files_get_our_message(tmp_path: Path) -> None:
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


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    # A path through a file cannot be opened, even by root (chmod 000 would not stop root).
    (tmp_path / "plain.toml").write_text("x", encoding="utf-8")
    code, _, err = run("score", S, str(tmp_path / "plain.toml" / "unit.toml"))
    assert code == 2
    assert err.startswith("cchc: error:")
    assert "cannot read the file: Not a directory" in err


def test_everything_printed_is_utf8_even_from_an_odd_file(tmp_path: Path) -> None:
    path = assessment(tmp_path, 'unit = "\\u200f\\u0007"\n[answers]\n')
    code, out, _ = run("score", S, path)
    assert code == 1
    out.encode("utf-8")
    io.StringIO(out)


@pytest.fixture
def echoed_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the command says on standard error through its own ``echo`` (``main`` runs
    outside click's test runner, so its streams are not captured for us)."""
    import cchc_criteria.cli as command

    said: list[str] = []
    original = command.echo

    def echo(message: str, **kwargs: Any) -> None:
        if kwargs.get("err"):
            said.append(message)
        original(message, **kwargs)

    monkeypatch.setattr(command, "echo", echo)
    return said


def test_the_internal_error_line_honours_lang(
    monkeypatch: pytest.MonkeyPatch, echoed_errors: list[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cc.Library, "score", broken)
    monkeypatch.delenv("CCHC_DEBUG", raising=False)
    for lang, said in (("en", "cchc: internal error: RuntimeError"), ("vi", "lỗi nội bộ")):
        monkeypatch.setattr(sys, "argv", ["cchc", "score", S, str(EXAMPLE), "--lang", lang])
        monkeypatch.setattr(
            os, "environ", {**os.environ, "CCHC_LANG": "vi" if lang == "en" else "en"}
        )
        echoed_errors.clear()
        with pytest.raises(SystemExit) as exit_info:
            main()
        assert exit_info.value.code == 3
        assert said in "".join(echoed_errors)


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
