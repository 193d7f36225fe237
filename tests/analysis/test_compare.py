"""Comparing two years: each criterion's change split into what the rule's change gave and
what the unit's change gave (issue 26)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.analysis.compare import compare_years
from cchc_support import run, two_versions


def cards(
    old: int, new: int, before: dict[str, object], after: dict[str, object]
) -> tuple[cc.Scorecard, cc.Scorecard]:
    old_text, new_text = two_versions(old, new)
    first, second = cc.loads_set(old_text), cc.loads_set(new_text)
    return (
        cc.score(first, cc.Assessment(before, unit="Xã A", period="năm 2024")),
        cc.score(second, cc.Assessment(after, unit="Xã A", period="năm 2025")),
    )


def test_a_raised_threshold_and_a_better_figure_worked_by_hand() -> None:
    # 2024: 85 % against "from 80 %: 1" → 1. 2025: 92 % against "from 90 %: 1" → 1.
    # 85 % under 2025's rule would score 0.5: the rule took 0.5, the unit gave it back.
    before, after = cards(80, 90, {"1.1": True, "1.2": "85%"}, {"1.1": True, "1.3": "92%"})
    comparison = compare_years(before, after)
    (line,) = [line for line in comparison.lines if line.code == "1.3"]
    assert (line.before, line.after, line.difference) == (1, 1, 0)
    assert (line.rule_change, line.unit_change) == (Decimal("-0.5"), Decimal("0.5"))
    assert line.note.en == "code the year before: 1.2"
    assert (comparison.rule_change, comparison.unit_change) == (Decimal("-0.5"), Decimal("0.5"))


def test_the_command_prints_and_writes_the_split(tmp_path: Path) -> None:
    old_text, new_text = two_versions(80, 90)
    (tmp_path / "2024.toml").write_text(old_text, encoding="utf-8")
    (tmp_path / "2025.toml").write_text(new_text, encoding="utf-8")
    (tmp_path / "a24.toml").write_text(
        'unit = "Xã A"\nperiod = "năm 2024"\n[answers]\n"1.1" = true\n"1.2" = "85%"\n'
    )
    (tmp_path / "a25.toml").write_text(
        'unit = "Xã A"\nperiod = "năm 2025"\n[answers]\n"1.1" = true\n"1.3" = "92%"\n'
    )
    args = [
        "compare",
        str(tmp_path / "2025.toml"),
        str(tmp_path / "a25.toml"),
        "--with",
        str(tmp_path / "2024.toml"),
        str(tmp_path / "a24.toml"),
    ]
    code, out, _ = run(*args)
    assert code == 0, out
    assert "From the rules' changes: -0.5; from the unit's changes: +0.5" in out
    code, out, _ = run(*args, "--json")
    data = json.loads(out)
    assert (data["rule_change"], data["unit_change"]) == ("-0.5", "0.5")
    assert data["undecomposed"] == "0"  # no merged criterion: every change is split


@given(
    st.integers(50, 100),
    st.integers(50, 100),
    st.integers(0, 100),
    st.integers(0, 100),
    st.booleans(),
    st.booleans(),
)
def test_the_split_adds_up_to_the_change_exactly(
    old: int, new: int, figure_before: int, figure_after: int, plan_before: bool, plan_after: bool
) -> None:
    before, after = cards(
        old,
        new,
        {"1.1": plan_before, "1.2": f"{figure_before}%"},
        {"1.1": plan_after, "1.3": f"{figure_after}%"},
    )
    comparison = compare_years(before, after)
    for line in comparison.lines:
        if line.rule_change is not None:
            assert line.unit_change is not None
            assert line.difference is not None
            assert line.rule_change + line.unit_change == line.difference
    assert comparison.rule_change is not None
    assert comparison.unit_change is not None
    assert comparison.rule_change + comparison.unit_change == comparison.difference
    if old == new:  # the same rule both years: every change is the unit's
        assert comparison.rule_change == 0
    if figure_before == figure_after and plan_before == plan_after:
        assert comparison.unit_change == 0  # the same figures: every change is the rule's
