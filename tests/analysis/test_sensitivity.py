"""Sensitivity over a cohort, checked against scoring every unit again by hand (issue 26)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.analysis.ranking import rank
from cchc_criteria.analysis.sensitivity import sensitivity
from cchc_criteria.numbers import decimal_of

SET = """\
id = "demo.sens"
title = "Độ nhạy"

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

[[criteria]]
code = "3"
title = "Tỷ lệ đúng hạn"
max = 5
rule = "bands"
bands = [
  { from = 90, points = 5 }, { from = 70, below = 90, points = 3 }, { below = 70, points = 0 },
]
"""

# The answer that gives each criterion its max, and the one that gives it nothing.
FULL = {"1": True, "2": "100%", "3": "95%"}
NONE = {"1": False, "2": "0%", "3": "10%"}


def _place(card: cc.Scorecard, cohort: list[cc.Scorecard]) -> int:
    """The unit's place, ranking the cohort by hand with its card replaced."""
    ranked = rank([(c, "", str(i)) for i, c in enumerate(cohort)])
    return next(r.rank for r in ranked if r.source == str(cohort.index(card)))  # type: ignore[return-value]


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(0, 100), st.integers(0, 100)), min_size=2, max_size=6
    )
)
def test_every_figure_is_the_cohort_scored_again_by_hand(
    units: list[tuple[bool, int, int]],
) -> None:
    criterion_set = cc.loads_set(SET)
    cards = cc.score_many(
        criterion_set,
        [{"1": plan, "2": f"{rate}%", "3": f"{on_time}%"} for plan, rate, on_time in units],
    )
    for row in sensitivity(cards):
        gains, losses, up, down = [], [], [], []
        for position, card in enumerate(cards):
            assert card.index is not None
            high = card.with_answers({row.code: FULL[row.code]})
            low = card.with_answers({row.code: NONE[row.code]})
            assert high.index is not None
            assert low.index is not None
            gains.append(Fraction(high.index - card.index))
            losses.append(Fraction(low.index - card.index))
            place = _place(card, cards)
            for moved, places in ((high, up), (low, down)):
                others = [*cards[:position], moved, *cards[position + 1 :]]
                places.append(place - _place(moved, others))
        assert row.units == len(cards)
        assert row.to_max == decimal_of(sum(gains, Fraction(0)) / len(gains))
        assert row.to_min == decimal_of(sum(losses, Fraction(0)) / len(losses))
        assert row.places_to_max == decimal_of(Fraction(sum(up), len(up)))
        assert row.places_to_min == decimal_of(Fraction(sum(down), len(down)))
        assert row.losing == sum(
            1 for c in cards if (c[row.code].points or 0) < c[row.code].max_points
        )


def test_one_band_up_is_advices_step() -> None:
    criterion_set = cc.loads_set(SET)
    cards = cc.score_many(criterion_set, [{"1": True, "2": "50%", "3": "80%"}])
    (band,) = [row for row in sensitivity(cards) if row.code == "3"]
    # 80 % → the next band from 90 %: 3 → 5 points of 10, +20 points of index.
    assert band.band_up == Decimal(20)
    assert band.to_max == Decimal(20)
    assert band.to_min == Decimal(-30)
