"""The published tree built in Python: criteria and sets refuse what cannot be a table."""

from __future__ import annotations

import pytest

import cchc_criteria as cc


def test_a_deep_tree_built_in_python_is_refused() -> None:
    node = cc.Criterion("x", "x", 1, rule=cc.rules.YesNoRule())
    for _ in range(40):
        node = cc.Criterion("x", "x", 1, children=[node])
    with pytest.raises(cc.CchcError, match="nests at most 32 levels"):
        cc.CriterionSet(id="d", title="d", criteria=[node])


def test_a_set_is_one_line_and_a_table_in_a_notebook() -> None:
    import cchc_criteria as cc

    seed = cc.get_set("quangngai.so.2019")
    assert repr(seed).startswith("<CriterionSet 'quangngai.so.2019' 17 criteria, max 13: ")
    assert "\n" not in repr(seed)
    html = seed._repr_html_()
    assert html.count("<tr") == 1 + 17
    assert '<td style="text-align:left">7,4</td>' in html  # the code as published
    hostile = cc.CriterionSet(
        id="x", title="<script>", criteria=[cc.Criterion("1", "<b>", 1, rule=cc.rules.YesNoRule())]
    )
    assert "<script>" not in hostile._repr_html_()
    assert "&lt;b&gt;" in hostile._repr_html_()
