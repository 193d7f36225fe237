"""Advice, tested by taking it: the advised change earns exactly the advised points."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.testing import band_rules, valid_answers

QN_EXAMPLE_ANSWERS = {
    "7.1.1": "85%",
    "7.1.2": "70%",
    "7.1.3": False,
    "7.1.4": "90%",
    "7.2.1": "50%",
    "7.2.2": "30%",
    "7.2.3": "5%",
    "7.3.1": "55%",
    "7.3.2": "5%",
    "7.3.3": "20%",
    "7.4.1": "Chưa công bố",
    "7.4.2": True,
}


def test_advice_on_the_quang_ngai_set() -> None:
    cs = cc.get_set("quangngai.so.2019")
    advice = cc.advise(cc.score(cs, QN_EXAMPLE_ANSWERS))
    steps = {s.criterion: s for s in advice.steps}
    assert steps["7.3.2"].target == 10
    assert steps["7.3.2"].gain == Decimal("0.5")
    assert steps["7.3.2"].continuous
    assert "from 5 % to 10 % → +0.5" in steps["7.3.2"].text.en
    assert "từ 5 % lên 10 % → +0,5 điểm" in steps["7.3.2"].text.vi
    assert steps["7.2.3"].target == 10  # from 5 %: the next band starts at 10 %
    assert not steps["7.2.3"].continuous
    assert steps["7.4.1"].target == "Đã công bố"
    assert [s.gain for s in advice.steps] == sorted((s.gain for s in advice.steps), reverse=True)
    assert "7.3.3" not in steps  # already at its max
    assert advice.points == Decimal("6.275")
    assert advice.reachable == Decimal("11.75")


def one(rule: cc.Rule, max_points: Decimal) -> cc.CriterionSet:
    return cc.CriterionSet(
        id="t", title="t", criteria=[cc.Criterion("1", "x", max_points, rule=rule)]
    )


maxima = st.integers(1, 20).map(lambda n: Decimal(n) / 2)


def _value(card: cc.Scorecard) -> Decimal:
    points = card["1"].points
    assert points is not None
    return points


@given(st.data(), band_rules(), maxima)
def test_taking_the_advice_earns_exactly_the_advised_points(
    data: st.DataObject, rule: cc.rules.BandRule, max_points: Decimal
) -> None:
    cs = one(rule, max_points)
    answer = data.draw(valid_answers(rule, max_points).filter(lambda a: not hasattr(a, "ref")))
    card = cc.score(cs, {"1": answer})
    assume(card["1"].points is not None)
    advice = cc.advise(card)
    for step in advice.steps:
        after = cc.score(cs, {"1": step.answer})
        assert _value(after) - _value(card) == step.gain
        assert step.gain > 0
        current = Fraction(card["1"].value)  # type: ignore[arg-type]
        if step.exclusive:  # "above X": X itself, and anything short of it, earns nothing
            boundary = Fraction(step.target)  # type: ignore[arg-type]
            smaller_changes = [boundary, current + (boundary - current) / 2]
        else:
            target = Fraction(step.answer)  # type: ignore[arg-type]
            smaller_changes = [
                current + (target - current) / 2,
                target - (target - current) / 1000,
            ]
        if rule.scale is cc.Scale.COUNT:
            smaller_changes = [Fraction(int(x)) for x in smaller_changes if int(x) > current]
        for smaller in smaller_changes:
            gained = _value(cc.score(cs, {"1": smaller})) - _value(card)
            if step.continuous:
                assert gained <= step.gain
            else:
                assert gained <= 0, f"a smaller change to {smaller} already gains {gained}"
    assert advice.reachable == cc.score(cs, advice.answers).points


@given(st.data(), maxima)
def test_advice_for_counts_and_choices(data: st.DataObject, max_points: Decimal) -> None:
    rule = data.draw(
        st.sampled_from(
            [
                cc.rules.PerItemRule("0.5", cap=max_points),
                cc.rules.DeductionRule("0.5"),
                cc.rules.YesNoRule(),
                cc.rules.ChoiceRule(
                    [
                        cc.rules.Option("Tốt", cc.model.FractionOfMax(1)),
                        cc.rules.Option("Khá", cc.model.FractionOfMax("0.5")),
                        cc.rules.Option("Kém", cc.model.Points(0)),
                    ]
                ),
                cc.rules.ProportionalRule(),
            ]
        )
    )
    cs = one(rule, max_points)
    card = cc.score(cs, {"1": data.draw(valid_answers(rule, max_points))})
    for step in cc.advise(card).steps:
        after = cc.score(cs, {"1": step.answer})
        assert _value(after) - _value(card) == step.gain


def _percent_bands(*bands: cc.model.Band) -> cc.rules.BandRule:
    return cc.rules.BandRule(list(bands), cc.Scale.PERCENT)


def test_a_climb_stops_where_the_award_drops_not_at_a_falling_formula_beyond() -> None:
    # Rising on [0; 0,01), nothing on [0,01; 0,02], then a formula that falls from 3 just
    # above 0,02: no figure earns its most, and the climb from 0 ends at 0,01.
    rule = _percent_bands(
        cc.model.Band("dưới 0", cc.model.Points(0), upper=cc.model.below(0)),
        cc.model.Band(
            "tăng", cc.model.Linear("0.01"), cc.model.at_least(0), cc.model.below("0.01")
        ),
        cc.model.Band(
            "không", cc.model.Points(0), cc.model.at_least("0.01"), cc.model.at_most("0.02")
        ),
        cc.model.Band(
            "giảm",
            cc.model.Formula("-value / 20 + 3"),
            cc.model.above("0.02"),
            cc.model.below("0.03"),
        ),
        cc.model.Band("sau", cc.model.Points(0), cc.model.at_least("0.03")),
    )
    cs = one(rule, Decimal(3))
    (step,) = cc.advise(cc.score(cs, {"1": Decimal(0)})).steps
    assert step.continuous
    assert Fraction(step.answer) < Fraction(1, 100)  # type: ignore[arg-type]
    nearer = Fraction(step.answer) / 2  # type: ignore[arg-type]
    assert cc.score(cs, {"1": nearer}).points <= step.gain


def test_a_gain_only_above_an_edge_onto_a_falling_formula_is_a_step_above_it() -> None:
    # Below 0,05 nothing earns more than today's 0,01; just above it the formula falls from
    # 0,0195: the advice is "above 0,05 %", and 0,05 itself earns nothing more.
    rule = _percent_bands(
        cc.model.Band(
            "đầu", cc.model.Formula("-value / 20 + 3", cap="0.01"), upper=cc.model.below("0.01")
        ),
        cc.model.Band(
            "không", cc.model.Points(0), cc.model.at_least("0.01"), cc.model.below("0.04")
        ),
        cc.model.Band(
            "tăng",
            cc.model.Formula("value * 1.5 / 100"),
            cc.model.at_least("0.04"),
            cc.model.at_most("0.05"),
        ),
        cc.model.Band("giảm", cc.model.Linear("-0.01", offset="0.02"), cc.model.above("0.05")),
    )
    cs = one(rule, Decimal("0.5"))
    card = cc.score(cs, {"1": Decimal(0)})
    (step,) = cc.advise(card).steps
    assert step.exclusive
    assert not step.continuous
    assert step.target == Fraction(5, 100)
    gained = cc.score(cs, {"1": step.answer}).points - card.points
    assert gained == step.gain > 0
    assert cc.score(cs, {"1": Decimal("0.05")}).points <= card.points
