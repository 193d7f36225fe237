"""reports.render: one way to lay out a scorecard, a ranking, a comparison, a diff or advice."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

import cchc_criteria as cc
from cchc_criteria.analysis.compare import compare_declared, compare_years
from cchc_criteria.analysis.impact import policy_impact
from cchc_criteria.analysis.sensitivity import sensitivity
from cchc_criteria.reports import RENDERERS, formats_of, rank, render

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"


def _objects() -> dict[str, object]:
    criterion_set = cc.get_set("quangngai.so.2019")
    card = cc.score(criterion_set, cc.load_assessment(EXAMPLE))
    return {
        "scorecard": card,
        "ranking": rank([(card, "", "a.toml"), (card, "", "b.toml")]),
        "comparison": compare_declared(card),
        "diff": cc.diff_sets(criterion_set, criterion_set),
        "advice": cc.advise(card),
        "sensitivity": sensitivity([card]),
        "impact": policy_impact(
            criterion_set, criterion_set, [card.assessment], kinds=cc.rule_kinds()
        ),
    }


@pytest.mark.parametrize(("kind", "fmt"), sorted(RENDERERS))
def test_every_row_of_the_table_renders_what_its_renderer_gives(kind: str, fmt: str) -> None:
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    obj = _objects()[kind]
    got = render(obj, fmt, lang="en")
    module, name = RENDERERS[(kind, fmt)]
    direct = getattr(importlib.import_module(module), name)
    takes_lang = "lang" in direct.__code__.co_varnames
    expected = direct(obj, lang="en") if takes_lang else direct(obj)
    if isinstance(got, bytes):
        assert got.startswith(b"PK")  # a workbook is a zip file
        return
    text, wanted = (got, expected) if isinstance(got, str) else ("".join(got), "".join(expected))
    assert text == wanted
    assert text.strip()
    if fmt == "json":
        json.loads(text)


def test_a_comparison_of_two_years_is_told_by_its_sides() -> None:
    criterion_set = cc.get_set("quangngai.so.2019")
    card = cc.score(criterion_set, cc.load_assessment(EXAMPLE))
    declared = render(compare_declared(card), "text", lang="en")
    years = render(compare_years(card, card), "text", lang="en")
    assert isinstance(declared, str)
    assert isinstance(years, str)
    assert "self-assessed" in declared.lower()
    assert "self-assessed" not in years.lower()


def test_the_formats_of_each_kind_are_the_table_s() -> None:
    assert formats_of("scorecard") == ("text", "markdown", "csv", "json", "html", "xlsx")
    assert formats_of("ranking") == ("text", "csv", "json", "html", "xlsx")
    assert formats_of("advice") == ("text", "json")


def test_a_format_a_kind_has_not_is_refused_with_the_ones_it_has() -> None:
    with pytest.raises(cc.ArgumentError, match="no format 'html' for a diff; there are: text"):
        render(_objects()["diff"], "html")


def test_anything_else_is_refused() -> None:
    with pytest.raises(cc.ArgumentError, match="got dict"):
        render({"7.1": 1}, "text")


def test_options_go_to_the_renderers_that_take_them() -> None:
    card = _objects()["scorecard"]
    excel = render(card, "csv", dialect="excel")
    assert isinstance(excel, str)
    assert excel.startswith("\ufeff")
    assert ";" in excel.splitlines()[0]
    assert render(card, "text", dialect="excel") == render(card, "text")  # not a CSV option
