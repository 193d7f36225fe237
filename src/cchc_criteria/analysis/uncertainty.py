"""How sure a ranking is (độ tin cậy của xếp hạng): each unit's index and place as an interval —
every criterion still unscored going either way (to nothing, or to its max), and, if asked,
the unit's own self-assessed scores standing for the figures. Worked out exactly by scoring
each unit again, never estimated."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import group_key

__all__ = ["RankInterval", "rank_intervals"]


@attrs.frozen
class RankInterval:
    """One unit's index and place, as sure as its cards allow.

    Attributes:
        unit, group, source: who.
        index: the index as scored.
        low, high: the least and the most its index can be: its open criteria at nothing or at
            their max (and, with ``declared``, its self-assessed scores in place of the
            figures).
        best, worst: the best and the worst place it can take in its group, every other unit
            going the other way.
    """

    unit: str
    group: str
    source: str
    index: Decimal | None
    low: Decimal
    high: Decimal
    best: int
    worst: int

    @property
    def sure(self) -> bool:
        """True when the unit's place cannot change."""
        return self.best == self.worst


def rank_intervals(
    cards: Sequence[Scorecard], *, sources: Sequence[str] | None = None, declared: bool = False
) -> tuple[RankInterval, ...]:
    """Every unit of ``cards`` with its index and place as intervals (see the module),
    in the order given. With ``declared``, a unit's self-assessed scores (where it gives
    them for its scored criteria) are a third way its index can go."""
    cohort = list(cards)
    names = list(sources) if sources is not None else [c.assessment.unit for c in cohort]
    spans = [_span(card, declared) for card in cohort]
    groups = [group_key(card.assessment.group) for card in cohort]
    result = []
    for position, card in enumerate(cohort):
        low, high = spans[position]
        others = [
            spans[i] for i in range(len(cohort)) if i != position and groups[i] == groups[position]
        ]
        result.append(
            RankInterval(
                card.assessment.unit,
                card.assessment.group,
                names[position],
                card.index,
                low,
                high,
                1 + sum(1 for other_low, _ in others if other_low > high),
                1 + sum(1 for _, other_high in others if other_high > low),
            )
        )
    return tuple(result)


def _span(card: Scorecard, declared: bool) -> tuple[Decimal, Decimal]:
    """The least and the most ``card``'s index can be."""
    open_leaves = [n for n in card if n.is_leaf and n.applicable and n.points is None]
    indices = [card.index]
    if open_leaves:
        indices.append(card.with_points({n.code: 0 for n in open_leaves}).index)
        indices.append(card.with_points({n.code: n.max_points for n in open_leaves}).index)
    if declared:
        given = {
            n.code: n.self_assessed
            for n in card
            if n.is_leaf and n.applicable and n.self_assessed is not None
        }
        if given:
            indices.append(card.with_points(given).index)
    known = [i for i in indices if i is not None]
    if not known:
        return Decimal(0), Decimal(0)
    return min(known), max(known)
