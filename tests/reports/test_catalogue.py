"""The finding catalogue as documentation: one generator for the library's page and a
plugin's (``cchc findings``)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import cchc_criteria as cc
from cchc_criteria.cli import cli
from cchc_criteria.reports.catalogue import catalogue_rows, render_catalogue_markdown


def test_every_code_of_the_catalogue_is_a_row_with_its_owner() -> None:
    kinds = cc.rule_kinds()
    rows = catalogue_rows(kinds)
    assert [r["code"] for r in rows] == list(cc.CATALOGUE)
    for row in rows:
        entry = cc.CATALOGUE[row["code"]]
        owners = [k.name for k in kinds.by_name.values() if entry in k.findings]
        assert row["severity"] == entry.severity.value
        assert row["reported_by"] == ", ".join(owners or [entry.category.value])
        assert row["messages"][""]["vi"] == entry.messages[""].vi


def test_the_markdown_table_has_one_line_per_code_in_either_language() -> None:
    rows = catalogue_rows(cc.rule_kinds(), only=["bands"])
    assert rows
    assert {r["reported_by"] for r in rows} == {"bands"}
    for lang in ("vi", "en"):
        lines = render_catalogue_markdown(rows, lang=lang).splitlines()
        assert len(lines) == 2 + len(rows)
        for line, row in zip(lines[2:], rows, strict=True):
            assert line.startswith(f"| `{row['code']}` | {row['severity']} | bands | ")
            said = row["messages"][""][lang].replace("{{", "{").replace("}}", "}")
            assert said.replace("|", "\\|") in line


def test_an_unknown_kind_is_one_message_naming_the_kinds_there_are() -> None:
    with pytest.raises(cc.ArgumentError, match="no rule kind 'nope'; there are: bands"):
        catalogue_rows(cc.rule_kinds(), only=["nope"])
    result = CliRunner().invoke(cli, ["findings", "--kind", "nope", "--lang", "en"])
    assert result.exit_code == 2
    assert "no rule kind 'nope'" in result.stderr
    assert "Traceback" not in result.output


def test_cchc_findings_prints_the_table_and_json_the_rows() -> None:
    result = CliRunner().invoke(cli, ["findings", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == catalogue_rows(cc.rule_kinds())
    result = CliRunner().invoke(cli, ["findings", "--lang", "en"])
    assert result.stdout == render_catalogue_markdown(catalogue_rows(cc.rule_kinds()))


def test_the_findings_page_is_built_from_the_generator() -> None:
    import sys
    from pathlib import Path

    root = Path(__file__).parents[2]
    sys.path.insert(0, str(root / "tools"))
    try:
        import mkdocs_hooks
    finally:
        sys.path.remove(str(root / "tools"))
    page = (root / "docs" / "findings.md").read_text(encoding="utf-8")
    built = mkdocs_hooks.on_page_markdown(page)
    assert "<!-- findings-catalogue -->" not in built
    assert render_catalogue_markdown(catalogue_rows(cc.rule_kinds())) in built
