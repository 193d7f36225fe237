"""The plugin's own rule kind, per_step, as a plugin author tests one: worked by hand, through
the set file, the template and the testing kit, and by Hypothesis properties."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.testing import check_criterion_set
from cchc_criteria_example_monthly.kinds import PerStepRule

QUARTERLY = "example.xa.2025.quy"


def test_the_kind_is_installed_and_scores_as_the_row_says() -> None:
    assert "per_step" in cc.rule_kinds().names
    quarterly = cc.get_set(QUARTERLY)
    # 73,5 %: two full steps of 10 % above 50 % → 0,5; 60 % of 0,75 is 0,45.
    card = cc.score(quarterly, {"1.1": "Có", "1.2": "73,5%", "1.3": "60%"})
    assert (card["1.2"].points, card["1.3"].points) == (Decimal("0.5"), Decimal("0.45"))
    assert card.points == Decimal("1.95")
    assert card["1.2"].explanation.vi == "73,5 %: 2 bước 10 % từ mức 50 % → 0,5 điểm"
    assert cc.score(quarterly, {"1.2": "100%"})["1.2"].points == Decimal("1.25")  # 5 steps
    refused = cc.score(quarterly, {"1.2": "nhiều"})
    assert refused["1.2"].points is None
    assert [f.code for f in refused.findings if f.criterion == "1.2"] == ["invalid-answer"]
    assert cc.lint(quarterly) == ()
    assert cc.loads_set(cc.dumps_set(quarterly)) == quarterly


def test_advice_names_the_next_step() -> None:
    card = cc.score(cc.get_set(QUARTERLY), {"1.1": "Có", "1.2": "73,5%", "1.3": "100%"})
    (step,) = [s for s in cc.advise(card).steps if s.criterion == "1.2"]
    assert step.answer == Decimal(80)  # the third step starts at 80 %


def test_the_testing_kit_finds_nothing_broken() -> None:
    check_criterion_set(cc.get_set(QUARTERLY))


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_points_rise_with_the_rate_and_stay_within_the_range(low: int, more: int) -> None:
    rule = PerStepRule(10, "0.25", 50)
    first = rule.score(f"{low // 10},{low % 10}%", Decimal("1.25")).points
    higher = min(low + more, 1000)
    second = rule.score(f"{higher // 10},{higher % 10}%", Decimal("1.25")).points
    most = rule.points_range(Decimal("1.25"))[1]
    assert first is not None
    assert second is not None
    assert most is not None
    assert Decimal(0) <= first <= second <= most


def test_the_quarterly_example_scores_as_worked_by_hand() -> None:
    from cchc_criteria_example_monthly import example_path

    assessment = cc.load_assessment(example_path("xa_binh_minh_2025_q2.toml"))
    card = cc.score(cc.get_set(QUARTERLY), assessment)
    assert card.complete
    assert card.points == 1 + Decimal("0.5") + Decimal("0.45")
