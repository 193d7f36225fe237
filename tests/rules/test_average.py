"""The `average` kind: relative to the cohort's average (so với mức trung bình)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.model import FractionOfMax, Points
from cchc_criteria.rules import AverageRule

SET = """
id = "t.average"
title = "So với mức trung bình"

[[criteria]]
code = "1"
title = "Tỷ lệ"
max = 2
rule = "average"
better = "{better}"
meets = {{ points = 2 }}
misses = {{ share = 0.25 }}
"""

rates = st.lists(
    st.decimals(min_value=0, max_value=100, places=1).map(str), min_size=1, max_size=12
)


@settings(max_examples=80, deadline=None)
@given(rates, st.sampled_from(["higher", "lower"]))
def test_a_unit_meets_the_cohort_average_exactly_as_the_average_says(
    figures: list[str], better: str
) -> None:
    criterion_set = cc.loads_set(SET.format(better=better), source="average.toml")
    units = [{"1": figure} for figure in figures]
    average = sum((Fraction(Decimal(f)) for f in figures), Fraction(0)) / len(figures)
    for _ in range(2):  # the second time through the plain pass
        cards = cc.score_many(criterion_set, units)
        for figure, card in zip(figures, cards, strict=True):
            value = Fraction(Decimal(figure))
            met = value >= average if better == "higher" else value <= average
            assert card["1"].points == (2 if met else Decimal("0.5")), (figure, average)
            assert 0 <= card.points <= card.max_points  # bounds


@settings(max_examples=60, deadline=None)
@given(rates, st.decimals(min_value=0, max_value=100, places=1))
def test_a_better_figure_never_scores_less(figures: list[str], extra: Decimal) -> None:
    """Against one cohort's average, with meets ≥ misses: monotone in the figure."""
    criterion_set = cc.loads_set(SET.format(better="higher"), source="average.toml")
    cards = cc.score_many(criterion_set, [{"1": f} for f in [*figures, str(extra)]])
    ordered = sorted(zip(figures, cards, strict=False), key=lambda pair: Decimal(pair[0]))
    points = [card.points for _, card in ordered]
    assert points == sorted(points)


def test_alone_it_needs_a_cohort_or_a_published_average() -> None:
    criterion_set = cc.loads_set(SET.format(better="higher"), source="average.toml")
    card = cc.score(criterion_set, {"1": "70"})
    assert card["1"].points is None
    assert [f.code for f in card.findings] == ["needs-cohort"]
    published = AverageRule(Points(2), FractionOfMax(Decimal("0.25")), reference=Decimal(60))
    assert published.score("70", Decimal(2)).points == 2
    assert published.score("59,9", Decimal(2)).points == Decimal("0.5")


def test_refused_answers_do_not_move_the_average() -> None:
    criterion_set = cc.loads_set(SET.format(better="higher"), source="average.toml")
    cards = cc.score_many(criterion_set, [{"1": "40"}, {"1": "150%"}, {"1": cc.NA}, {"1": "60"}])
    assert [c["1"].points for c in cards] == [Decimal("0.5"), None, None, 2]  # average 50


def test_the_kind_round_trips_and_refuses_a_formula_award() -> None:
    criterion_set = cc.loads_set(SET.format(better="lower"), source="average.toml")
    assert cc.loads_set(cc.dumps_set(criterion_set)) == criterion_set
    bad = SET.format(better="higher").replace("{ share = 0.25 }", '{ formula = "rate / 50" }')
    with pytest.raises(cc.InputError, match="misses: expected points = … or share = …"):
        cc.loads_set(bad, source="bad.toml")
