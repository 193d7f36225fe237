"""Scoring a cohort: every unit at once, where a rule compares each with the best of them.

A rule relative to the best unit ("tỷ lệ chuẩn hóa = tỷ lệ của đơn vị / tỷ lệ cao nhất") needs
every unit's figure before any unit can be scored. `score_many` binds such rules to the
best figure of their cohort — every unit passed in, or, where the set says
``cohort = "group"``, the units of the same group — and scores each unit as
`score` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import Assessment, Criterion, CriterionSet, Finding
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.scoring.card import Scorecard
from cchc_criteria.scoring.scorer import as_assessment, score
from cchc_criteria.text import group_key

__all__ = ["bind_cohort", "needs_cohort", "score_each", "score_many"]


def score_many(
    criterion_set: CriterionSet,
    assessments: Iterable[Assessment | Mapping[str, object]],
    *,
    set_findings: Iterable[Finding] = (),
    kinds: RuleKinds,
) -> list[Scorecard]:
    """One scorecard per unit, in the order given, each scored with its cohort: `score_each`
    made into a list (its arguments are those of `score_each`).

    Args:
        criterion_set: the set.
        assessments: the cohort.
        set_findings: lint findings about the set.
        kinds: the rule kinds.

    Returns:
        One scorecard per unit, in the order given.
    """
    return list(score_each(criterion_set, assessments, set_findings=set_findings, kinds=kinds))


def score_each(
    criterion_set: CriterionSet,
    assessments: Iterable[Assessment | Mapping[str, object]],
    *,
    set_findings: Iterable[Finding] = (),
    kinds: RuleKinds,
) -> Iterator[Scorecard]:
    """As `score_many`, one scorecard at a time: the cohort is bound first (every
    unit's answers are read), then each unit is scored when the next card is asked for, so
    that a caller keeping part of each card holds one full card at a time.

    Args:
        criterion_set: the set to score against.
        assessments: the cohort: assessments, or mappings of codes to answers.
        set_findings: lint findings about the set, carried by the cards they touch.
        kinds: the rule kinds of the set's rules.

    Returns:
        An iterator of scorecards, one per unit, in the order given.
    """
    if isinstance(assessments, str | Mapping) or not isinstance(assessments, Iterable):
        raise ArgumentError(
            "score_many() takes a list of assessments (or of mappings of answers), got "
            f"{type(assessments).__name__}"
        )
    units = [as_assessment(a) for a in assessments]
    findings = tuple(set_findings)
    cohorts: dict[str, list[Assessment]] = {}
    for unit in units:
        cohorts.setdefault(_cohort_of(criterion_set, unit), []).append(unit)
    bound = {key: bind_cohort(criterion_set, members, kinds) for key, members in cohorts.items()}
    for unit in units:
        yield score(
            bound[_cohort_of(criterion_set, unit)], unit, set_findings=findings, kinds=kinds
        )


def needs_cohort(criterion_set: CriterionSet, *, kinds: RuleKinds) -> bool:
    """Whether some rule of ``criterion_set`` compares each unit with its cohort (then every
    unit's answers are needed before any unit is scored).

    Args:
        criterion_set: the set.
        kinds: the rule kinds of its rules.

    Returns:
        ``True`` when the set has a cohort rule (``relative``).
    """
    for criterion in criterion_set.walk():
        if criterion.rule is not None:
            kind = kinds.of_rule(criterion.rule)
            if kind is not None and kind.cohort is not None:
                return True
    return False


def _cohort_of(criterion_set: CriterionSet, unit: Assessment) -> str:
    return group_key(unit.group) if criterion_set.cohort == "group" else ""


def bind_cohort(
    criterion_set: CriterionSet, members: Sequence[Assessment], kinds: RuleKinds
) -> CriterionSet:
    """``criterion_set`` with every cohort rule bound to the answers of ``members`` (the set
    itself when it has no such rule)."""
    changed = False

    def visit(criterion: Criterion) -> Criterion:
        nonlocal changed
        if criterion.rule is not None:
            kind = kinds.of_rule(criterion.rule)
            if kind is None or kind.cohort is None:
                return criterion
            answers = [m.answers.get(criterion.code) for m in members]
            changed = True
            return attrs.evolve(criterion, rule=kind.cohort(criterion.rule, answers))
        return attrs.evolve(criterion, children=[visit(c) for c in criterion.children])

    criteria = [visit(c) for c in criterion_set.criteria]
    return attrs.evolve(criterion_set, criteria=criteria) if changed else criterion_set
