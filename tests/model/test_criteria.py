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
