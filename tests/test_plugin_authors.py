"""For plugin authors: discovery controls, code schemes, the schema, cchc new-plugin's refusals."""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

import cchc_criteria as cc
from cchc_criteria import registry
from cchc_support import QN_SET, install, run


@pytest.fixture
def two_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Two more installed plugins beside Quảng Ngãi's: 'alpha' and 'beta'."""
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("alpha", "beta"):
        install(
            tmp_path,
            f"cchc-{name}",
            f"[cchc_criteria]\n{name} = cchc_{name}\n",
            f"""
            import cchc_criteria as cc

            @cc.hookimpl
            def register_criterion_sets():
                return [cc.CriterionSet(id="{name}.xa.2025", title="{name}",
                        criteria=[cc.Criterion("1", "x", 1, rule=cc.rules.YesNoRule())])]
            """,
        )
    registry._registry.cache_clear()
    yield
    registry._registry.cache_clear()
    for name in ("alpha", "beta"):
        sys.modules.pop(f"cchc_{name}", None)


def ids() -> list[str]:
    registry._registry.cache_clear()
    return [r.criterion_set.id for r in cc.list_sets()]


def test_all_installed_plugins_load_by_default(
    two_plugins: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CCHC_PLUGINS", raising=False)
    monkeypatch.delenv("CCHC_DISABLE_PLUGINS", raising=False)
    assert ids() == [
        "alpha.xa.2025",
        "beta.xa.2025",
        "example.xa.2025.quy",
        "example.xa.2025.thang",
        "quangngai.so.2019",
    ]


def test_an_allow_list_loads_only_those(two_plugins: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_PLUGINS", "alpha, cchc-criteria-quangngai")  # entry point, dist
    assert ids() == ["alpha.xa.2025", "quangngai.so.2019"]


def test_a_block_list_leaves_those_out(two_plugins: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCHC_PLUGINS", raising=False)
    monkeypatch.setenv("CCHC_DISABLE_PLUGINS", "cchc-beta")
    assert ids() == [
        "alpha.xa.2025",
        "example.xa.2025.quy",
        "example.xa.2025.thang",
        "quangngai.so.2019",
    ]


def test_sets_says_when_nothing_is_installed(
    two_plugins: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_PLUGINS", "nothing-by-that-name")
    registry._registry.cache_clear()
    code, out, err = run("sets")
    assert code == 1
    assert out == ""
    assert "no criterion set is installed" in err
    assert "pip install cchc-criteria-quangngai" in err
    assert "cchc new-plugin NAME" in err
    assert run("sets", "--json") == (0, "[]\n", "")


ROMAN = """\
id = "roman.so.2025"
title = "Bộ tiêu chí có phần La Mã"
{scheme}

[[criteria]]
code = "I"
title = "PHẦN I"
max = 2

[[criteria]]
code = "1"
title = "Công tác chỉ đạo"
max = 2

[[criteria]]
code = "1.1"
title = "Kế hoạch"
max = 1
rule = "yes_no"

[[criteria]]
code = "1.2"
title = "Báo cáo"
max = 1
rule = "yes_no"

[[criteria]]
code = "II"
title = "PHẦN II"
max = 1

[[criteria]]
code = "2"
title = "Mức độ hài lòng"
max = 1
rule = "proportional"
"""


def test_roman_parts_lint_clean_under_their_scheme() -> None:
    cs = cc.loads_set(ROMAN.format(scheme='code_scheme = ["roman", "dotted"]'))
    assert [c.code for c in cs.criteria] == ["I", "II"]
    assert [c.code for c in cs.criteria[0].children] == ["1"]
    assert [c.code for c in cs.criteria[0].children[0].children] == ["1.1", "1.2"]
    assert cc.lint(cs) == ()
    assert cc.loads_set(cc.dumps_set(cs)) == cs


def test_codes_outside_the_scheme_are_named_with_the_scheme() -> None:
    cs = cc.loads_set(
        ROMAN.format(scheme='code_scheme = ["roman", "dotted"]').replace('"1.2"', '"1-2"')
    )
    (typo,) = [f for f in cc.lint(cs) if f.code == "code-typo"]
    assert typo.message == "the code '1-2' does not follow the set's code scheme (roman, dotted)"
    with pytest.raises(cc.InputError, match="code_scheme names one scheme per level"):
        cc.loads_set(ROMAN.format(scheme='code_scheme = ["greek"]'))


def test_roman_order_is_checked_as_numbers() -> None:
    swapped = ROMAN.format(scheme='code_scheme = ["roman", "dotted"]')
    swapped = swapped.replace('"I"', '"TMP"').replace('"II"', '"I"').replace('"TMP"', '"II"')
    orders = [f.criterion for f in cc.lint(cc.loads_set(swapped)) if f.code == "code-order"]
    assert orders == ["I"]  # I after II


def test_the_schema_accepts_acknowledgements_and_code_schemes() -> None:
    document = tomllib.loads(QN_SET.read_text(encoding="utf-8"))
    document["acknowledge"] = [{"code": "band-gap", "criterion": "7.1.1", "reason": "as published"}]
    document["code_scheme"] = ["dotted"]
    jsonschema.Draft202012Validator(cc.Library.default().schema("set")).validate(document)
    acknowledged = cc.loads_set(
        QN_SET.read_text(encoding="utf-8")
        + '\n[[acknowledge]]\ncode = "band-gap"\ncriterion = "7.1.1"\nreason = "as published"\n'
    )
    (gap,) = [f for f in cc.lint(acknowledged) if f.code == "band-gap"]
    assert gap.acknowledged == "as published"


def test_new_plugin_refuses_a_bad_name_and_a_used_folder(tmp_path: Path) -> None:
    code, _, err = run(
        "new-plugin", "Hà-Nội", "--province", "Hà Nội", "--year", "2025", "-o", str(tmp_path / "x")
    )
    assert code == 2
    assert "a plugin name is at most 50 lowercase letters" in err
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "file").write_text("x")
    code, _, err = run(
        "new-plugin",
        "hanoi",
        "--province",
        "Hà Nội",
        "--year",
        "2025",
        "-o",
        str(tmp_path / "used"),
    )
    assert code == 2
    assert "the folder is not empty" in err


def test_new_plugin_writes_a_plugin_whose_set_reads(tmp_path: Path) -> None:
    folder = tmp_path / "plugin"
    code, out, _ = run(
        "new-plugin",
        "hanoi",
        "--province",
        "Hà Nội",
        "--unit-kind",
        "xã",
        "--year",
        "2025",
        "-o",
        str(folder),
    )
    assert code == 0
    assert str(folder / "pyproject.toml") in out
    pyproject = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["entry-points"]["cchc_criteria"] == {"hanoi": "cchc_criteria_hanoi"}
    assert pyproject["build-system"]["build-backend"] == "hatchling.build"
    cs = cc.load_set(folder / "src/cchc_criteria_hanoi/sets/hanoi.xa.2025.toml")
    assert (cs.province, cs.unit_kind, cs.in_force_text) == (
        "Hà Nội",
        cc.UnitKind.COMMUNE,
        "năm 2025",
    )
    kinds = {cc.rule_kinds().of_rule(c.rule).name for c in cs.walk() if c.rule is not None}  # type: ignore[union-attr]
    assert kinds == {"yes_no", "bands", "choice", "proportional", "per_item", "deduction"}
