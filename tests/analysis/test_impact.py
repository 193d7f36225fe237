"""A new set version's impact on a cohort: places gained or lost because the rules changed,
the figures being the same (issue 26)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.analysis.impact import policy_impact, under_new_codes
from cchc_criteria.analysis.ranking import rank
from cchc_support import run, two_versions


def versions(old_edge: int, new_edge: int) -> tuple[cc.CriterionSet, cc.CriterionSet]:
    old, new = two_versions(old_edge, new_edge)
    return cc.loads_set(old), cc.loads_set(new)


UNITS = [
    cc.Assessment({"1.1": True, "1.2": "85%"}, unit="Xã A"),
    cc.Assessment({"1.1": False, "1.2": "95%"}, unit="Xã B"),
    cc.Assessment({"1.1": True, "1.2": "70%"}, unit="Xã C"),
]


def test_a_raised_threshold_worked_by_hand() -> None:
    old, new = versions(80, 90)
    impact = policy_impact(old, new, UNITS, kinds=cc.rule_kinds())
    places = {s.unit: (s.old_rank, s.new_rank, s.places) for s in impact.shifts}
    # A: 2 of 2 → 1.5 (85 % is under 90 %); C: 1.5 both times; B: 1 both times.
    assert places == {"Xã A": (1, 1, 0), "Xã C": (2, 1, 1), "Xã B": (3, 3, 0)}
    assert [s.unit for s in impact.moved] == ["Xã C"]


def test_each_side_is_the_cards_own_index_and_place() -> None:
    old, new = versions(80, 90)
    impact = policy_impact(old, new, UNITS, kinds=cc.rule_kinds())
    shifts = {s.unit: s for s in impact.shifts}
    # The new side scores the same figures under the new version's codes.
    renamed = [under_new_codes(old, new, unit) for unit in UNITS]
    for version, units, side in ((old, UNITS, "old"), (new, renamed, "new")):
        cards = cc.score_many(version, units)
        ranking = rank([(card, card.assessment.group, card.assessment.unit) for card in cards])
        places = {entry.standing.unit: entry.rank for entry in ranking}
        for card in cards:
            shift = shifts[card.assessment.unit]
            assert getattr(shift, f"{side}_index") == card.index
            assert getattr(shift, f"{side}_rank") == places[card.assessment.unit]


@given(
    st.integers(50, 100),
    st.lists(st.tuples(st.booleans(), st.integers(0, 100)), min_size=1, max_size=8),
)
def test_the_same_rules_move_nobody(edge: int, figures: list[tuple[bool, int]]) -> None:
    old, new = versions(edge, edge)
    units = [
        cc.Assessment({"1.1": plan, "1.2": f"{rate}%"}, unit=f"Xã {i}")
        for i, (plan, rate) in enumerate(figures)
    ]
    impact = policy_impact(old, new, units, kinds=cc.rule_kinds())
    assert len(impact.shifts) == len(units)
    assert impact.moved == ()
    assert all(s.old_index == s.new_index for s in impact.shifts)


def test_the_command(tmp_path: Path) -> None:
    old, new = versions(80, 90)
    cc.save_set(old, tmp_path / "old.toml")
    cc.save_set(new, tmp_path / "new.toml")
    folder = tmp_path / "units"
    folder.mkdir()
    for unit in UNITS:
        cc.save_assessment(unit, folder / f"{unit.unit[-1].lower()}.toml")
    args = ["compare", "--cohort", str(tmp_path / "old.toml"), str(tmp_path / "new.toml")]
    code, out, _ = run(*args, str(folder))
    assert code == 0, out
    assert "Xã C: 2 → 1 +1 (75.00 % → 75.00 %)" in out
    assert "1 unit(s) changed place" in out
    code, out, _ = run(*args, str(folder), "--json")
    data = json.loads(out)
    assert {u["unit"]: u["places"] for u in data["units"]} == {"Xã A": 0, "Xã B": 0, "Xã C": 1}
    code, _, err = run(*args)
    assert code == 2
    assert "give --cohort OLD NEW and the cohort's assessments" in err
