"""How sure a ranking is: index and place as intervals when criteria are still open, or when
self-assessed scores stand for the figures (issue 26)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.analysis.uncertainty import rank_intervals

SET = """\
id = "demo.unsure"
title = "Độ tin cậy"

[[criteria]]
code = "1"
title = "Kế hoạch"
max = 2
rule = "yes_no"

[[criteria]]
code = "2"
title = "Tỷ lệ trực tuyến"
max = 3
rule = "proportional"
"""


def test_open_points_make_a_place_an_interval() -> None:
    criterion_set = cc.loads_set(SET)
    cards = cc.score_many(
        criterion_set,
        [
            cc.Assessment({"1": True, "2": "50%"}, unit="A"),  # 3.5 of 5: 70 %
            cc.Assessment({"2": "100%"}, unit="B"),  # 3, and 2 open: 60 % to 100 %
            cc.Assessment({"1": False, "2": "10%"}, unit="C"),  # 0.3: 6 %
        ],
    )
    spans = {r.unit: (r.low, r.high, r.best, r.worst) for r in rank_intervals(cards)}
    assert spans == {
        "A": (Decimal(70), Decimal(70), 1, 2),
        "B": (Decimal(60), Decimal(100), 1, 2),
        "C": (Decimal(6), Decimal(6), 3, 3),
    }
    assert [r.sure for r in rank_intervals(cards)] == [False, False, True]


def test_self_assessed_scores_may_stand_for_the_figures() -> None:
    criterion_set = cc.loads_set(SET)
    unit = cc.Assessment({"1": True, "2": "50%"}, unit="A", self_assessed={"2": "3"})
    (interval,) = rank_intervals([cc.score(criterion_set, unit)], declared=True)
    assert (interval.low, interval.high) == (Decimal(70), Decimal(100))
    (plain,) = rank_intervals([cc.score(criterion_set, unit)])
    assert (plain.low, plain.high) == (Decimal(70), Decimal(70))


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(st.none() | st.booleans(), st.none() | st.integers(0, 100)),
        min_size=1,
        max_size=6,
    )
)
def test_the_place_as_scored_lies_in_the_interval(
    units: list[tuple[bool | None, int | None]],
) -> None:
    criterion_set = cc.loads_set(SET)
    answers = [
        {
            k: v
            for k, v in (("1", plan), ("2", None if rate is None else f"{rate}%"))
            if v is not None
        }
        for plan, rate in units
    ]
    cards = cc.score_many(criterion_set, answers)
    intervals = rank_intervals(cards)
    for card, interval in zip(cards, intervals, strict=True):
        index = card.index or Decimal(0)
        assert interval.low <= index <= interval.high
        place = 1 + sum(1 for other in cards if other is not card and (other.index or 0) > index)
        assert interval.best <= place <= interval.worst
