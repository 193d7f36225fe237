"""Two cohorts compared unit by unit, and ``cc.compare``'s split of every change (issue 26)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.analysis.cohort_compare import CohortComparison
from cchc_criteria.analysis.compare import Comparison, compare_years

DATA = Path(__file__).parents[1] / "data"
OLD, NEW = cc.load_set(DATA / "demo.xa.2024.toml"), cc.load_set(DATA / "demo.xa.2025.toml")

yes_no = st.booleans()
rate = st.integers(0, 100).map(lambda n: f"{n}%")
answers_2024 = st.fixed_dictionaries(
    {"1.1": yes_no, "1.2": yes_no, "1.3": yes_no, "1.4": rate, "1.5": yes_no, "2.1": rate}
)
answers_2025 = st.fixed_dictionaries(
    {"1.1": yes_no, "1.2": yes_no, "1.3": rate, "2.1": rate, "2.2": rate, "3.1": yes_no}
)


def card(
    criterion_set: cc.CriterionSet, answers: dict[str, object], unit: str, group: str = ""
) -> cc.Scorecard:
    return cc.score(criterion_set, cc.Assessment(answers, unit=unit, group=group))


@given(answers_2024, answers_2025)
def test_with_a_merged_criterion_the_three_parts_add_up_to_the_change_exactly(
    before: dict[str, object], after: dict[str, object]
) -> None:
    comparison = cc.compare(card(OLD, before, "Xã A"), card(NEW, after, "Xã A"))
    assert isinstance(comparison, Comparison)
    lines = {line.code: line for line in comparison.lines}
    merged = lines["1.2"]  # 1.2 of 2025 is 1.2 and 1.3 of 2024 merged
    assert merged.note.en == "merged from 1.2, 1.3"
    assert (merged.rule_change, merged.unit_change) == (None, None)
    assert merged.difference is not None
    assert comparison.undecomposed == merged.difference  # the one line not split
    rule, unit = comparison.rule_change, comparison.unit_change
    assert rule is not None
    assert unit is not None
    assert rule + unit + comparison.undecomposed == comparison.difference
    # The renumbered leaf (1.4 → 1.3) is split, and its parts are its own.
    renumbered = lines["1.3"]
    assert renumbered.rule_change is not None
    assert renumbered.unit_change is not None
    assert renumbered.rule_change + renumbered.unit_change == renumbered.difference
    # Last year's figure scored by this year's rule, worked out here by the core itself.
    alone = cc.score(NEW, {"1.3": before["1.4"]})["1.3"].points
    assert renumbered.rule_change == alone - renumbered.before


def test_a_cohort_is_matched_by_unit_and_group_and_each_pair_is_compare_years() -> None:
    a24 = card(OLD, {"1.1": True, "1.4": "75%"}, "Xã A", "Nhóm 1")
    b24 = card(OLD, {"1.1": False, "1.4": "95%"}, "Xã B", "1")
    gone = card(OLD, {"1.1": True}, "Xã Cũ", "1")
    a25 = card(NEW, {"1.1": True, "1.3": "92%"}, "xã  a", "1")  # case, spaces, "Nhóm"
    b25 = card(NEW, {"1.1": True, "1.3": "80%"}, "Xã B", "nhóm 1")
    other_group = card(NEW, {"1.1": True}, "Xã A", "2")  # the same name in another group
    result = cc.compare([a24, b24, gone], [b25, a25, other_group])
    assert isinstance(result, CohortComparison)
    assert [c.after.unit for c in result if c.after] == ["Xã B", "xã  a"]  # the later order
    assert list(result) == [compare_years(b24, b25), compare_years(a24, a25)]
    assert (result.only_before, result.only_after) == (("Xã Cũ",), ("Xã A",))
    assert result.difference == sum((c.difference for c in result), Decimal(0))
    assert result.rule_change + result.unit_change + result.undecomposed == result.difference


def test_the_frame_of_a_comparison_holds_its_lines() -> None:
    pd = pytest.importorskip("pandas")
    before = [card(OLD, {"1.1": True, "1.2": True, "1.4": "75%"}, u) for u in ("Xã A", "Xã B")]
    after = [card(NEW, {"1.1": True, "1.2": True, "1.3": "92%"}, u) for u in ("Xã A", "Xã B")]
    cohort = cc.compare(before, after)
    frame = cc.to_frame(cohort, numbers="decimal")
    assert list(frame.columns) == list(cc.analysis.frame.COMPARISON_COLUMNS)
    expected = [(c.after.unit if c.after else "", line) for c in cohort for line in c.lines]
    assert len(frame) == len(expected)
    for (_, row), (unit, line) in zip(frame.iterrows(), expected, strict=True):
        assert row.unit == unit
        assert (row.code, row.note, row.note_en) == (line.code, line.note.vi, line.note.en)
        for column in ("before", "after", "difference", "rule_change", "unit_change"):
            assert row[column] == getattr(line, column)
    floats = cc.to_frame(cohort)
    assert floats["difference"].dtype == "float64"
    assert pd.isna(floats[floats.code == "1.5"]["after"]).all()  # 1.5 is gone in 2025
    assert floats.groupby("unit")["difference"].sum().to_dict() == {
        c.after.unit: float(
            sum(
                (line.difference or 0 for line in c.lines if line.code in {"1.1", "1.2", "1.3"}),
                Decimal(0),
            )
        )
        for c in cohort
        if c.after
    }


def test_compare_refuses_what_it_cannot_pair() -> None:
    one = card(OLD, {"1.1": True}, "Xã A")
    with pytest.raises(cc.ArgumentError, match="two scorecards, or two collections"):
        cc.compare(one, [one])  # type: ignore[arg-type]
    with pytest.raises(cc.ArgumentError, match="takes scorecards, got str"):
        cc.compare(["Xã A"], [one])  # type: ignore[list-item]
    with pytest.raises(cc.ArgumentError, match="xã a has two scorecards in one year"):
        cc.compare([one, card(OLD, {}, "xã a")], [one])
