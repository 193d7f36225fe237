"""The ``cchc`` command: output, exit codes, and one-line errors instead of tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import cchc_criteria
from cchc_criteria.cli import cli

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
    assert json.loads(run("sets", "--json")[1])[0]["lint_errors"] == 2


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
    assert len(commands) == 14
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
