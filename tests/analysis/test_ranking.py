"""``cc.rank`` from Python: scorecards or standings as they are, or with a group and source
named (issue 26)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.analysis.ranking import Standing, rank
from cchc_criteria.testing import assessments
from cchc_support import S

SEED = cc.get_set(S)


def seed_card(unit: str, group: str, answers: dict[str, object]) -> cc.Scorecard:
    return cc.score(SEED, cc.Assessment(answers, unit=unit, group=group))


# Mostly complete sheets (so most units take a place), in two groups spelled three ways.
units = st.lists(
    st.tuples(
        st.sampled_from(["A", "Nhóm A", "b"]),
        st.one_of(assessments(SEED, valid_only=True), assessments(SEED)).map(
            lambda sheet: dict(sheet.answers)
        ),
    ),
    max_size=8,
)


@given(units)
def test_bare_cards_rank_as_cards_named_with_their_group_and_unit(
    given_units: list[tuple[str, dict[str, object]]],
) -> None:
    cards = [seed_card(f"Đơn vị {i}", group, a) for i, (group, a) in enumerate(given_units)]
    ranking = cc.rank(cards)
    named = rank([(c, c.assessment.group, c.assessment.unit) for c in cards])
    assert ranking == named
    assert cc.rank(Standing.of(c) for c in cards) == named  # a standing keeps its group
    for entry in ranking:  # one more than the units of its group with a higher index
        if entry.rank is None:
            assert not (entry.standing.complete and entry.standing.accepted)
            continue
        index = entry.standing.index
        assert index is not None
        ahead = [
            other
            for other in ranking
            if other.group == entry.group
            and other.rank is not None
            and (other.standing.index or 0) > index
        ]
        assert entry.rank == len(ahead) + 1


def test_rank_names_what_it_cannot_rank() -> None:
    card = seed_card("Sở A", "", {})
    with pytest.raises(cc.ArgumentError, match="got str"):
        cc.rank([card, "Sở B"])  # type: ignore[list-item]
    with pytest.raises(cc.ArgumentError, match="got tuple"):
        cc.rank([(card, "A")])  # type: ignore[list-item]
