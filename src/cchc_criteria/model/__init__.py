"""The criterion-set model: pure, frozen data with no I/O.

A criterion set (bộ tiêu chí) is a tree of criteria (lĩnh vực → tiêu chí → tiêu chí thành phần).
Leaves carry a scoring rule (cách tính điểm); groups sum their children. Everything here is an
`attrs.frozen` value: equal when its fields are equal, safe to share, never half-built.
"""

from __future__ import annotations

from cchc_criteria.model.answers import Assessment, ChosenBand, GivenPoints
from cchc_criteria.model.bands import (
    FORMULA_NAMES,
    MAX_ROUNDING_PLACES,
    Band,
    Formula,
    FractionOfMax,
    Linear,
    Lower,
    Points,
    Upper,
    above,
    at_least,
    at_most,
    below,
    describe_interval,
    interval_contains,
)
from cchc_criteria.model.criteria import (
    MAX_DEPTH,
    Acknowledgement,
    Criterion,
    CriterionSet,
    Lineage,
)
from cchc_criteria.model.enums import (
    NA,
    NAPolicy,
    Numbering,
    Role,
    Scale,
    UnitKind,
    says_not_applicable,
)
from cchc_criteria.model.findings import (
    CATALOGUE,
    FINDING_CODES,
    LINT_CODES,
    Category,
    Finding,
    FindingKind,
    Findings,
    Severity,
    add_findings,
    finding,
)
from cchc_criteria.model.grades import Grade, GradeCondition, RoundingPolicy
from cchc_criteria.model.rule import Outcome, Rule
from cchc_criteria.model.totals import TotalPolicy

__all__ = [
    "CATALOGUE",
    "FINDING_CODES",
    "FORMULA_NAMES",
    "LINT_CODES",
    "MAX_DEPTH",
    "MAX_ROUNDING_PLACES",
    "NA",
    "Acknowledgement",
    "Assessment",
    "Band",
    "Category",
    "ChosenBand",
    "Criterion",
    "CriterionSet",
    "Finding",
    "FindingKind",
    "Findings",
    "Formula",
    "FractionOfMax",
    "GivenPoints",
    "Grade",
    "GradeCondition",
    "Lineage",
    "Linear",
    "Lower",
    "NAPolicy",
    "Numbering",
    "Outcome",
    "Points",
    "Role",
    "RoundingPolicy",
    "Rule",
    "Scale",
    "Severity",
    "TotalPolicy",
    "UnitKind",
    "Upper",
    "above",
    "add_findings",
    "at_least",
    "at_most",
    "below",
    "describe_interval",
    "finding",
    "interval_contains",
    "says_not_applicable",
]
