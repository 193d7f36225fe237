"""Errors and messages speak Vietnamese by default and English with --lang en or CCHC_LANG=en.

Every ``cchc`` command is driven into one of its own errors in both languages; the source is
checked so that no error of the library is made from an English-only literal; and the Python
API keeps ``str(error)`` in English with ``error.text`` in both languages.
"""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_criteria import load_set, loads_assessment, loads_set
from cchc_criteria.cli import cli
from cchc_criteria.dates import parse_date
from cchc_criteria.errors import (
    CchcError,
    DateFormatError,
    FormulaError,
    InputError,
    InvalidValueError,
    UnknownSetError,
)
from cchc_criteria.registry import get_set
from cchc_criteria.selection import find_set
from cchc_criteria.text import Text

SRC = Path(__file__).resolve().parents[1] / "src" / "cchc_criteria"
S = "quangngai.so.2019"

BAD_SET = """\
id = "x"
title = "Bộ thử"

[[criteria]]
code = "1"
title = "Lĩnh vực"
max = 2

[[criteria]]
code = "1.1"
title = "Có ban hành kế hoạch"
max = 1
rule = "bands"
bands = [{ label = "a", from = 0, points = 1, colour = "đỏ" }]
"""

ANOTHER_SETS_UNIT = 'set = "another.set"\n[answers]\n"7.1.1" = 1\n'


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stderr


def _commands(tmp: Path) -> dict[str, list[str]]:
    """One failing invocation of every command that has errors of its own (``schema`` has
    none: its only argument is a choice that click checks)."""
    bad_set = tmp / "bad.toml"
    bad_set.write_text(BAD_SET, encoding="utf-8")
    other = tmp / "other.toml"
    other.write_text(ANOTHER_SETS_UNIT, encoding="utf-8")
    missing = str(tmp / "missing.toml")
    return {
        "score": ["score", S, str(other)],
        "sets": ["sets", "--on", "31/2/2019"],
        "diff": ["diff", S, str(bad_set)],
        "lint": ["lint", str(bad_set)],
        "advise": ["advise", S, missing],
        "template": ["template", "quangngai.so.2018"],
        "new-plugin": ["new-plugin", "Hà-Nội", "--province", "Hà Nội", "--year", "2025"],
        "show": ["show", "quangngai.so.2018"],
        "rank": ["rank", S, missing],
        "compare": ["compare", S, str(other)],
    }


@pytest.mark.parametrize(
    "command",
    [
        "score",
        "sets",
        "diff",
        "lint",
        "advise",
        "template",
        "new-plugin",
        "show",
        "rank",
        "compare",
    ],
)
def test_every_command_says_its_errors_in_vietnamese_and_in_english(
    command: str, tmp_path: Path
) -> None:
    args = _commands(tmp_path)[command]
    code_vi, err_vi = run(args)
    code_en, err_en = run([*args, "--lang", "en"])
    code_env, err_env = run(args, env={"CCHC_LANG": "en"})
    assert code_vi == code_en == code_env == 2, (err_vi, err_en)
    assert err_vi.startswith("cchc: lỗi: "), err_vi
    assert err_en.startswith("cchc: error: "), err_en
    assert err_env == err_en
    # Each line says the same in the other language: the same file names and codes, other words.
    assert err_vi.count("\n") == err_en.count("\n")
    for line_vi, line_en in zip(err_vi.splitlines(), err_en.splitlines(), strict=True):
        assert line_vi != line_en
        assert not any(word in line_vi for word in (" expected ", " got ", " must ", " cannot "))


def test_the_vietnamese_messages_name_the_file_the_line_and_the_criterion(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD_SET, encoding="utf-8")
    _, err_vi = run(["lint", str(path)])
    _, err_en = run(["lint", str(path), "--lang", "en"])
    assert f"{path}:14: tiêu chí 1.1: khoảng 'a': không có khóa colour" in err_vi
    assert f"{path}:14: criterion 1.1: band 'a': unknown key(s) colour" in err_en


def test_a_mistyped_set_id_suggests_the_right_one_in_both_languages() -> None:
    _, err_vi = run(["show", "quangngai.so.2018"])
    _, err_en = run(["show", "quangngai.so.2018", "--lang", "en"])
    assert "có phải 'quangngai.so.2019'?" in err_vi
    assert "did you mean 'quangngai.so.2019'?" in err_en


def test_cchc_lang_gives_english_to_a_command_without_a_lang_of_its_own() -> None:
    _, err = run(["-q", "-v", "sets"], env={"CCHC_LANG": "en"})
    assert err == "cchc: error: --quiet and --verbose go against each other: give one\n"
    _, err = run(["-q", "-v", "sets"])
    assert err == "cchc: lỗi: --quiet và --verbose mâu thuẫn nhau: hãy chọn một\n"


def test_python_errors_are_english_with_vietnamese_beside() -> None:
    with pytest.raises(UnknownSetError) as unknown:
        get_set("quangngai.so.2018")
    assert str(unknown.value).startswith("no criterion set with id 'quangngai.so.2018'")
    assert unknown.value.text.vi.startswith("không có bộ tiêu chí nào mang mã")
    assert unknown.value.message("en") == str(unknown.value)
    assert unknown.value.message() == unknown.value.text.vi

    with pytest.raises(InputError) as bad:
        loads_set(BAD_SET, source="bad.toml")
    assert str(bad.value) == bad.value.text.en
    assert bad.value.problems[0].render("bad.toml", "vi") in bad.value.text.vi
    assert "tiêu chí 1.1" in bad.value.text.vi

    with pytest.raises(InputError) as period:
        loads_assessment('period = "quý V năm 2019"\n', source="unit.toml")
    assert "period: 'quý V năm 2019' is not a date or a period; write a date" in str(period.value)
    assert (
        "period: 'quý V năm 2019' không phải là ngày hay kỳ; hãy viết ngày trước"
        in period.value.text.vi
    )
    with pytest.raises(DateFormatError) as date:
        parse_date("31/2/2019")
    assert date.value.text.vi.startswith("'31/2/2019': tháng 2/2019 không có ngày 31")


def test_an_assessment_error_wraps_the_number_error_in_both_languages() -> None:
    with pytest.raises(InputError) as bad:
        loads_assessment('[self_assessed]\n"7.1.1" = "1,2,3"\n', source="unit.toml")
    assert 'expected a number of points such as 1.5 or "1,5"' in str(bad.value)
    assert 'cần một số điểm như 1.5 hoặc "1,5"' in bad.value.text.vi
    assert "unit.toml:2: criterion 7.1.1:" in str(bad.value)
    assert "unit.toml:2: tiêu chí 7.1.1:" in bad.value.text.vi


def test_formula_and_value_errors_keep_both_languages() -> None:
    with pytest.raises(InputError) as bad:
        loads_set(
            BAD_SET.replace('points = 1, colour = "đỏ"', 'formula = "value / (1 - 1"'),
            source="f.toml",
        )
    assert "expected a closing parenthesis" in str(bad.value)
    assert "cần dấu đóng ngoặc" in bad.value.text.vi
    formula = FormulaError("a +", 3, Text("cần một số", "expected a number"))
    assert str(formula).startswith("column 4 of the formula: expected a number")
    assert formula.text.vi.startswith("cột 4 của công thức: cần một số")
    plain = InvalidValueError("the same in both")
    assert plain.text == Text("the same in both", "the same in both")


def test_a_set_not_in_force_says_what_replaced_the_province_in_both_languages() -> None:
    with pytest.raises(CchcError) as missing:
        find_set(province="Kon Tum", unit_kind="sở", on="1/1/2030")
    assert str(missing.value).startswith(
        "no installed set is in force for Kon Tum (sở) on 01/01/2030: Kon Tum was merged into "
        "Quảng Ngãi from 01/07/2025"
    )
    assert missing.value.text.vi.startswith(
        "không có bộ nào đã cài có hiệu lực cho Kon Tum (sở) vào ngày 01/01/2030: Kon Tum đã "
        "sáp nhập vào Quảng Ngãi từ 01/07/2025"
    )


def test_errors_still_pickle_for_worker_processes(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD_SET, encoding="utf-8")
    with pytest.raises(InputError) as bad:
        load_set(path)
    copy = pickle.loads(pickle.dumps(bad.value))
    assert str(copy) == str(bad.value)


# --------------------------------------------------------------------------- the source

#: The library's errors (and the CLI's Fail) whose first message argument must say both
#: languages: a Text, or a value built from one. ArgumentError and the DeprecationWarnings of
#: ``warnings.warn`` speak to programmers.
_BILINGUAL = {
    "AmbiguousSetError",
    "CchcError",
    "DateFormatError",
    "DuplicateSetError",
    "Fail",
    "InputError",
    "InvalidValueError",
    "NumberFormatError",
    "PluginError",
    "Problem",
    "SetNotFoundError",
    "UnknownSetError",
    "Refused",
    "problem",
    "warn",
    "note",
    "fail",
}


def _is_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.IfExp):
        return _is_literal(node.body) or _is_literal(node.orelse)
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def test_no_error_is_made_from_an_english_only_literal() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "warnings":
                continue  # a DeprecationWarning, for programmers
            args = list(node.args)
            if name == "InputError":
                args = args[1:]  # the path comes first
            elif name == "FormulaError":
                args = args[2:]  # the formula and the position come first
            if name in _BILINGUAL and args and _is_literal(args[0]):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {name}(<literal>)")
    assert found == []


def test_the_systems_reason_is_said_in_vietnamese_too(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.toml")
    _, err_vi = run(["lint", missing])
    _, err_en = run(["lint", missing, "--lang", "en"])
    assert err_vi == f"cchc: lỗi: {missing}: không đọc được tệp: không có tệp hay thư mục này\n"
    assert err_en == f"cchc: error: {missing}: cannot read the file: No such file or directory\n"
