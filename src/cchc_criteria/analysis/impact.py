"""The impact of a new set version on a cohort: the same units, with the same figures, scored
and ranked under the old set and the new one — which units gain or lose places because the
rules changed (tác động của bộ tiêu chí mới đến xếp hạng)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from cchc_criteria.analysis.diff import match_codes
from cchc_criteria.analysis.ranking import Ranked, rank
from cchc_criteria.model import Assessment, CriterionSet
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.scoring import Scorecard, score_many
from cchc_criteria.text import group_key

__all__ = ["Impact", "Shift", "policy_impact", "under_new_codes"]


@attrs.frozen
class Shift:
    """One unit under both versions of a set.

    Attributes:
        unit, group, source: who (the assessment's unit, its group, the file it came from).
        old_rank, new_rank: its place under each version (``None`` where it is not ranked:
            incomplete, or not accepted).
        old_index, new_index: its index under each version (exact).
    """

    unit: str
    group: str
    source: str
    old_rank: int | None
    new_rank: int | None
    old_index: Decimal | None
    new_index: Decimal | None

    @property
    def places(self) -> int | None:
        """Places gained (positive) or lost (negative) under the new version."""
        if self.old_rank is None or self.new_rank is None:
            return None
        return self.old_rank - self.new_rank


@attrs.frozen
class Impact:
    """A cohort under two versions of a set: the versions' ids and every unit's shift, in
    the new ranking's order."""

    old_set: str
    new_set: str
    shifts: tuple[Shift, ...]

    @property
    def moved(self) -> tuple[Shift, ...]:
        """The units whose place changed."""
        return tuple(s for s in self.shifts if s.places)


def under_new_codes(old: CriterionSet, new: CriterionSet, unit: Assessment) -> Assessment:
    """``unit``'s answers (written for ``old``) under ``new``'s codes, through ``new``'s code
    map (a renumbered row takes its old row's answer; a merged or new row gets none)."""
    mapped = match_codes(old, new)
    answers = {
        code: unit.answers[olds[0]]
        for code, olds in mapped.items()
        if len(olds) == 1 and olds[0] in unit.answers
    }
    return attrs.evolve(unit, answers=answers, self_assessed={}, appraised={}, set_id=None)


def policy_impact(
    old: CriterionSet,
    new: CriterionSet,
    units: Sequence[Assessment],
    *,
    kinds: RuleKinds,
    sources: Sequence[str] | None = None,
) -> Impact:
    """Score ``units`` (assessments written for ``old``) under ``old`` and, with the same
    figures, under ``new``; rank both within groups; give every unit's shift, in the new
    ranking's order."""
    given = list(sources) if sources is not None else [u.source or u.unit for u in units]
    seen: dict[str, int] = {}
    names = []  # one name per unit, told apart when two are alike
    for name in given:
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    before = score_many(old, units, kinds=kinds)
    after = score_many(new, [under_new_codes(old, new, u) for u in units], kinds=kinds)
    old_ranked = _by_source(_ranked(before, names))
    new_ranked = _ranked(after, names)
    shifts = []
    for entry in new_ranked:
        first = old_ranked[(group_key(entry.group), entry.source)]
        shifts.append(
            Shift(
                entry.standing.unit,
                entry.group,
                entry.source,
                first.rank,
                entry.rank,
                first.standing.index,
                entry.standing.index,
            )
        )
    return Impact(old.id, new.id, tuple(shifts))


def _ranked(cards: Sequence[Scorecard], names: Sequence[str]) -> list[Ranked]:
    return rank([(c, c.assessment.group, n) for c, n in zip(cards, names, strict=True)])


def _by_source(ranking: list[Ranked]) -> dict[tuple[str, str], Ranked]:
    return {(group_key(entry.group), entry.source): entry for entry in ranking}
