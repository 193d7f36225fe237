"""Hypothesis strategies and conformance checks, for our tests and for plugin authors.

Install with ``pip install cchc-criteria[testing]``. In a plugin's test suite::

    from cchc_criteria.testing import check_criterion_set

    def test_my_set_scores_within_bounds():
        check_criterion_set(my_plugin.build())

`check_criterion_set` scores many generated answer sheets against the set and fails with
the first one that breaks an invariant (a node outside [0, max], a group that is not the sum of
its children, a non-deterministic score, a fast scorer that breaks its promise).
`scorecard_problems` checks one scorecard; `check_compiled` checks a rule kind's
fast scorer (``RuleKind.compile``) on many generated answers.
"""

from cchc_criteria.testing.checks import (
    check_compiled,
    check_criterion_set,
    compiled_problems,
    scorecard_problems,
)
from cchc_criteria.testing.strategies import (
    answers_for,
    assessments,
    band_rules,
    criterion_sets,
    kind_strategies,
    monotone_rules,
    rules,
    valid_answers,
)

__all__ = [
    "answers_for",
    "assessments",
    "band_rules",
    "check_compiled",
    "check_criterion_set",
    "compiled_problems",
    "criterion_sets",
    "kind_strategies",
    "monotone_rules",
    "rules",
    "scorecard_problems",
    "valid_answers",
]
