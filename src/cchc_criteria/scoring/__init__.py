"""Scoring: a unit's answers against a criterion set → a `Scorecard`.

Every problem that is the data's fault becomes a finding on the scorecard, never an exception.
This package does no lint: `cchc_criteria.score` adds the set's lint findings.
"""

from cchc_criteria.scoring._explain import fraction_for_percent
from cchc_criteria.scoring.card import INDEX_PLACES, NodeRow, NodeScore, Scorecard, rounded_index
from cchc_criteria.scoring.cohort import needs_cohort, score_each, score_many
from cchc_criteria.scoring.cumulative import cumulate
from cchc_criteria.scoring.scorer import score

__all__ = [
    "INDEX_PLACES",
    "NodeRow",
    "NodeScore",
    "Scorecard",
    "cumulate",
    "fraction_for_percent",
    "needs_cohort",
    "rounded_index",
    "score",
    "score_each",
    "score_many",
]
