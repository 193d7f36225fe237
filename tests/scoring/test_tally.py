"""How a group adds up when a row is not applicable (scoring._tally): remove the max, award
the full max, rescale a block to its published max, or spread a dropped criterion's points
evenly over its siblings — per set or per group (issue 25, shape 6)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria import NA, Assessment
from cchc_criteria.model import CriterionSet, NAPolicy
from cchc_criteria.numbers import decimal_of
from cchc_criteria.rules import YesNoRule
from cchc_criteria.testing import assessments, criterion_sets, scorecard_problems

BLOCK = """\
id = "demo.na"
title = "Khối có tiêu chí không áp dụng"
na_policy = "{policy}"

[[criteria]]
code = "1"
title = "Khu vực"
max = 10

[[criteria]]
code = "1.1"
title = "Kế hoạch"
max = 2
rule = "yes_no"

[[criteria]]
code = "1.2"
title = "Tỷ lệ"
max = 4
rule = "proportional"

[[criteria]]
code = "1.3"
title = "Báo cáo"
max = 4
rule = "yes_no"
"""

ANSWERS = {"1.1": True, "1.2": "50%", "1.3": NA}


@pytest.mark.parametrize(
    ("policy", "points", "max_points"),
    [
        ("exclude", Decimal(4), Decimal(6)),  # 2 + 2 of 6
        ("full_points", Decimal(8), Decimal(10)),  # 2 + 2 + 4
        ("rescale", decimal_of(Fraction(4) * 10 / 6), Decimal(10)),  # (2 + 2) × 10 / 6
        ("spread", Decimal(7), Decimal(10)),  # 2 × (2 + 2)/2 + 2 × (4 + 2)/4
    ],
)
def test_each_policy_worked_by_hand(policy: str, points: Decimal, max_points: Decimal) -> None:
    card = cc.score(cc.loads_set(BLOCK.format(policy=policy)), ANSWERS)
    assert (card["1"].points, card["1"].max_points) == (points, max_points)
    assert (card.points, card.max_points) == (points, max_points)
    assert scorecard_problems(card) == []


def test_a_group_states_its_own_policy_and_the_file_keeps_it() -> None:
    text = BLOCK.format(policy="exclude").replace("max = 10\n", 'max = 10\nna = "spread"\n', 1)
    text += '\n[[criteria]]\ncode = "2"\ntitle = "Khác"\nmax = 5\nrule = "yes_no"\n'
    cs = cc.loads_set(text)
    assert cs.find("1").na_policy is NAPolicy.SPREAD  # type: ignore[union-attr]
    assert cc.loads_set(cc.dumps_set(cs)) == cs
    card = cc.score(cs, {**ANSWERS, "2": NA})
    assert (card["1"].points, card["1"].max_points) == (7, 10)  # the group spreads
    assert (card.points, card.max_points) == (7, 10)  # the set removes row 2's max
    said = card["1"].explanation
    assert "4 points of 1.3 (not applicable) shared evenly among the others: 7" in said.en
    assert "được chia đều" in said.vi


def test_nothing_left_to_share_with_removes_the_max() -> None:
    cs = cc.loads_set(BLOCK.format(policy="rescale"))
    card = cc.score(cs, {"1.1": NA, "1.2": NA, "1.3": NA})
    assert not card["1"].applicable
    assert (card.points, card.max_points) == (0, 0)


@given(st.data(), criterion_sets(na_policies=True))
def test_every_policy_keeps_every_node_in_bounds_and_the_kit_agrees(
    data: st.DataObject, criterion_set: CriterionSet
) -> None:
    card = cc.score(criterion_set, data.draw(assessments(criterion_set)))
    assert scorecard_problems(card) == []
    assert 0 <= card.points <= card.max_points
    assert card.index is None or 0 <= card.index <= 100  # None: nothing applies
    for node in card:
        assert node.points is None or 0 <= node.points <= node.max_points


def _flat(data: st.DataObject, policy: NAPolicy) -> tuple[CriterionSet, Assessment, str]:
    """A set of yes/no rows at the top level, answered, one of them then not applicable."""
    maxima = data.draw(st.lists(st.integers(1, 9), min_size=2, max_size=6))
    criteria = [
        cc.Criterion(str(n), f"Tiêu chí {n}", m, rule=YesNoRule())
        for n, m in enumerate(maxima, start=1)
    ]
    cs = CriterionSet(id="t", title="t", criteria=criteria, na_policy=policy)
    answers = {c.code: data.draw(st.booleans()) for c in criteria}
    dropped = data.draw(st.sampled_from([c.code for c in criteria]))
    return cs, Assessment(answers=answers), dropped


@given(st.data())
def test_remove_the_max_gives_the_index_over_the_remaining_criteria(data: st.DataObject) -> None:
    cs, unit, dropped = _flat(data, NAPolicy.EXCLUDE)
    card = cc.score(cs, Assessment(answers={**unit.answers, dropped: NA}))
    rest = [c for c in cs.criteria if c.code != dropped]
    alone = cc.score(attrs.evolve(cs, criteria=rest), unit.answers)
    assert card.index == alone.index


@given(st.data())
def test_full_max_scores_a_not_applicable_row_as_a_full_answer(data: st.DataObject) -> None:
    cs, unit, dropped = _flat(data, NAPolicy.FULL_POINTS)
    card = cc.score(cs, Assessment(answers={**unit.answers, dropped: NA}))
    full = cc.score(cs, Assessment(answers={**unit.answers, dropped: True}))
    assert (card.points, card.max_points, card.index) == (full.points, full.max_points, full.index)


@given(st.data())
def test_rescale_keeps_the_max_and_the_index_of_the_remaining_criteria(
    data: st.DataObject,
) -> None:
    cs, unit, dropped = _flat(data, NAPolicy.RESCALE)
    assume(len(cs.criteria) > 1)
    card = cc.score(cs, Assessment(answers={**unit.answers, dropped: NA}))
    removed = cc.score(attrs.evolve(cs, na_policy=NAPolicy.EXCLUDE), {**unit.answers, dropped: NA})
    assert card.max_points == cs.max_points
    assert abs(card.index - removed.index) <= Decimal("1e-30")


@given(st.data())
def test_spread_gives_each_remaining_row_an_even_share(data: st.DataObject) -> None:
    cs, unit, dropped = _flat(data, NAPolicy.SPREAD)
    card = cc.score(cs, Assessment(answers={**unit.answers, dropped: NA}))
    rest = [c for c in cs.criteria if c.code != dropped]
    share = Fraction(cs.find(dropped).max_points) / len(rest)  # type: ignore[union-attr]
    expected = sum(
        (Fraction(c.max_points) + share for c in rest if unit.answers[c.code]), Fraction(0)
    )
    assert card.points == min(decimal_of(expected), cs.max_points)
    assert card.max_points == cs.max_points


@given(st.data(), st.sampled_from(list(NAPolicy)))
def test_with_nothing_not_applicable_every_policy_scores_alike(
    data: st.DataObject, policy: NAPolicy
) -> None:
    cs, unit, _ = _flat(data, policy)
    card = cc.score(cs, unit)
    plain = cc.score(attrs.evolve(cs, na_policy=NAPolicy.EXCLUDE), unit)
    assert (card.points, card.max_points) == (plain.points, plain.max_points)


# --------------------------------------------------------------------------- the card's total

STACKED = """\
id = "demo.total"
title = "Điểm cơ sở 85, điểm thưởng 15, điểm trừ"
{total}

[[criteria]]
code = "1"
title = "Điểm cơ sở"
max = 85

[[criteria]]
code = "1.1"
title = "Tỷ lệ hồ sơ đúng hạn"
max = 45
rule = "proportional"

[[criteria]]
code = "1.2"
title = "Tỷ lệ hồ sơ trực tuyến"
max = 40
rule = "proportional"

[[criteria]]
code = "2"
title = "Điểm thưởng"
max = 15
role = "bonus"

[[criteria]]
code = "2.1"
title = "Sáng kiến được công nhận"
max = 15
rule = "per_item"
points_per_item = 5
cap = 15

[[criteria]]
code = "3"
title = "Điểm trừ"
max = 20
role = "deduction"

[[criteria]]
code = "3.1"
title = "Chậm báo cáo"
max = 20
rule = "per_item"
points_per_item = 2
cap = 20
"""

FULL_BASE = {"1.1": "100%", "1.2": "100%", "2.1": 2, "3.1": 1}


@pytest.mark.parametrize(
    ("total", "points", "max_points"),
    [
        ("", 85, 85),  # 85 + 10 − 2 = 93, held at the max 85
        ('total = { bonus = "above" }', 93, 100),  # (85 − 2) + 10 of 85 + 15
        ('total = { deductions = "after" }', 83, 85),  # 85 + 10 held at 85, then − 2
        ('total = { bonus = "above", deductions = "after" }', 93, 100),  # 85 + 10 − 2
    ],
)
def test_the_bonus_and_the_deductions_stand_where_the_set_says(
    total: str, points: int, max_points: int
) -> None:
    cs = cc.loads_set(STACKED.format(total=total))
    card = cc.score(cs, FULL_BASE)
    assert (card.points, card.max_points) == (points, max_points)
    assert card["3"].points == 2  # the rows inside a deduction part deduct
    assert scorecard_problems(card) == []
    assert cc.loads_set(cc.dumps_set(cs)) == cs


def test_a_unit_reaches_the_bonus_only_with_its_bonus() -> None:
    cs = cc.loads_set(STACKED.format(total='total = { bonus = "above" }'))
    without = cc.score(cs, {"1.1": "100%", "1.2": "100%", "2.1": 0, "3.1": 0})
    with_all = cc.score(cs, {"1.1": "100%", "1.2": "100%", "2.1": 3, "3.1": 0})
    assert (without.points, without.index) == (85, 85)
    assert (with_all.points, with_all.index) == (100, 100)


def test_a_total_policy_that_is_not_one_is_one_message() -> None:
    with pytest.raises(cc.InputError, match=r"total.bonus is one of within, above, got 'over'"):
        cc.loads_set(STACKED.format(total='total = { bonus = "over" }'))
    with pytest.raises(cc.InputError, match=r"unknown key"):
        cc.loads_set(STACKED.format(total='total = { bonuses = "above" }'))


@given(st.data(), criterion_sets(totals=True, na_policies=True))
def test_every_total_keeps_the_card_in_bounds_and_the_kit_agrees(
    data: st.DataObject, criterion_set: CriterionSet
) -> None:
    card = cc.score(criterion_set, data.draw(assessments(criterion_set)))
    assert scorecard_problems(card) == []
    assert 0 <= card.points <= card.max_points


@given(
    st.integers(0, 120),
    st.integers(0, 30),
    st.sampled_from(["within", "after"]),
)
def test_the_deduction_order_the_set_states_is_the_one_applied(
    base: int, deducted: int, order: str
) -> None:
    criteria = [
        cc.Criterion("1", "Cơ sở", 100, rule=cc.rules.ManualRule()),
        cc.Criterion("2", "Vượt", 20, rule=cc.rules.ManualRule(), role=cc.Role.BONUS),
        cc.Criterion("3", "Trừ", 30, rule=cc.rules.ManualRule(), role=cc.Role.DEDUCTION),
    ]
    cs = CriterionSet(
        id="t", title="t", criteria=criteria, total=cc.model.TotalPolicy(deductions=order)
    )
    first, extra = min(base, 100), max(base - 100, 0)
    card = cc.score(cs, {"1": first, "2": min(extra, 20), "3": deducted})
    raw = first + min(extra, 20)
    if order == "after":  # held at the max first, then the deductions
        assert card.points == max(min(raw, 100) - deducted, 0)
    else:  # the deductions inside the sum, then held
        assert card.points == min(max(raw - deducted, 0), 100)


def test_a_row_outside_the_units_group_is_removed_whatever_the_policy() -> None:
    # 2.3 applies to wards only: a commune's group 2 loses its 5 points (the set's scope),
    # while 2.4, not applicable to this commune's answer, is spread over 2.1 and 2.2.
    text = """\
id = "demo.scope.spread"
title = "Phạm vi và chia đều"
groups = ["Phường", "Xã"]

[[criteria]]
code = "2"
title = "Cải cách thủ tục hành chính"
max = 35
na = "spread"

[[criteria]]
code = "2.1"
title = "Đúng hạn"
max = 15
rule = "yes_no"

[[criteria]]
code = "2.2"
title = "Trực tuyến"
max = 10
rule = "proportional"

[[criteria]]
code = "2.3"
title = "Số hóa (chỉ phường)"
max = 5
rule = "yes_no"
applies_to = ["Phường"]

[[criteria]]
code = "2.4"
title = "Phản ánh, kiến nghị"
max = 5
rule = "yes_no"
"""
    cs = cc.loads_set(text)
    answers = {"2.1": True, "2.2": "50%", "2.3": True, "2.4": NA}
    commune = cc.score(cs, Assessment(answers, group="Xã"))
    # 2.4's 5 points spread: 2.1 15 → 17.5 of 17.5; 2.2 5 of 10 → 6.25 of 12.5
    assert (commune["2"].points, commune["2"].max_points) == (Decimal("23.75"), 30)
    ward = cc.score(cs, Assessment(answers, group="Phường"))
    # 2.4's 5 points spread over three: 2.1 15 × (15 + 5/3) / 15, 2.2 5 × (10 + 5/3) / 10,
    # 2.3 5 × (5 + 5/3) / 5
    expected = decimal_of(
        Fraction(15 * 50, 3) / 15 + Fraction(5 * 35, 3) / 10 + Fraction(5 * 20, 3) / 5
    )
    assert (ward["2"].points, ward["2"].max_points) == (expected, 35)
    assert scorecard_problems(commune) == []
    assert scorecard_problems(ward) == []
