"""The front door for scoring: a scorecard that also carries the set's published mistakes.

:func:`cchc_criteria.scoring.score` scores and nothing else; :func:`score` here adds the lint
findings of the set (computed once per set and cached) that touch the criteria it scored, so
that a scorecard says both what the unit's figures give and where the published rule itself
is at fault.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from cchc_criteria import scoring
from cchc_criteria.analysis.lint import lint
from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import Assessment, CriterionSet
from cchc_criteria.scoring import Scorecard

__all__ = ["score", "score_each", "score_many"]


def score(criterion_set: CriterionSet, answers: Assessment | Mapping[str, object]) -> Scorecard:
    """Score a unit's answers (or a whole :class:`~cchc_criteria.Assessment`) against a set.

    ``answers`` maps criterion codes to declared figures: a number or rate (``"93%"``,
    ``"93,5 %"``, ``"3/41"``), ``True``/``False`` or "Có"/"Không", an option's label, a
    :class:`~cchc_criteria.ChosenBand`, or :data:`~cchc_criteria.NA`. Criteria left out are
    unscored, not zero. ``Scorecard.lint_findings`` lists the set's own published mistakes
    (:func:`~cchc_criteria.lint`) that touch the criteria scored.
    """
    if not isinstance(criterion_set, CriterionSet):
        raise ArgumentError(
            f"score() takes a CriterionSet first, got {type(criterion_set).__name__}; "
            "use cc.get_set(id) or cc.load_set(path)"
        )
    return scoring.score(criterion_set, answers, set_findings=lint(criterion_set))


def score_many(
    criterion_set: CriterionSet, assessments: Iterable[Assessment | Mapping[str, object]]
) -> list[Scorecard]:
    """Score a cohort: one scorecard per unit, in the order given.

    A rule relative to the best unit compares each unit with the best of the cohort — every
    unit given, or, where the set says ``cohort = "group"``, the units of the same group. Each
    scorecard carries the set's lint findings as :func:`score` does.
    """
    return list(score_each(criterion_set, assessments))


def score_each(
    criterion_set: CriterionSet, assessments: Iterable[Assessment | Mapping[str, object]]
) -> Iterator[Scorecard]:
    """As :func:`score_many`, one scorecard at a time.

    Every unit's answers are read first (a rule relative to the best unit needs them all);
    then each unit is scored when the next scorecard is asked for. A caller that keeps only
    part of each card (``reports.Standing.of(card)``, or the totals) holds one full scorecard
    at a time: this is how ``cchc rank`` ranks tens of thousands of units in little memory.
    """
    if not isinstance(criterion_set, CriterionSet):
        raise ArgumentError(
            f"score_many() takes a CriterionSet first, got {type(criterion_set).__name__}"
        )
    return scoring.score_each(criterion_set, assessments, set_findings=lint(criterion_set))
