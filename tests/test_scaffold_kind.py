"""The example kind a new plugin starts from (``cchc new-plugin --with-kind``): a kind like any
plugin's, registered through the hook, scored, checked by the testing kit."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria import scaffold_kind
from cchc_criteria.registry import Registry
from cchc_criteria.scaffold_kind import AtLeastRule
from cchc_criteria.testing import check_compiled

LIBRARY = cc.Library(Registry([scaffold_kind], names=["example-kind"]))
SET = """\
id = "demo.kind"
title = "Một loại quy tắc của plugin"

[[criteria]]
code = "1"
title = "Số lần kiểm tra trong năm"
max = 1
rule = "at_least"
minimum = 3
points = 1
"""


def test_the_kind_is_registered_read_written_and_scored() -> None:
    assert "at_least" in LIBRARY.kinds.names
    criterion_set = LIBRARY.loads_set(SET)
    assert LIBRARY.loads_set(LIBRARY.dumps_set(criterion_set)) == criterion_set
    assert LIBRARY.score(criterion_set, {"1": 4})["1"].points == 1
    assert LIBRARY.score(criterion_set, {"1": "2"})["1"].points == 0
    refused = LIBRARY.score(criterion_set, {"1": "nhiều"})
    assert refused["1"].points is None
    assert [f.code for f in refused.findings] == ["invalid-answer"]
    assert not [f for f in LIBRARY.lint(criterion_set) if f.severity == "error"]


def test_its_fast_scorer_keeps_its_promise() -> None:
    check_compiled(AtLeastRule(3, 1), Decimal(1), kinds=LIBRARY.kinds)


@given(st.integers(-1000, 1000), st.integers(0, 50), st.integers(0, 1000))
def test_its_points_stay_in_bounds_and_rise_with_the_figure(
    minimum: int, low: int, more: int
) -> None:
    rule = AtLeastRule(minimum, 1)
    first, second = rule.points_of(low), rule.points_of(low + more)
    assert Decimal(0) <= first <= second <= Decimal(1)
    assert rule.score(low, Decimal(1)).points == first  # score and the fast path agree
