"""Scoring rules (cách tính điểm), one module per family.

Every rule is a frozen value that scores one answer (`score`), knows the range of points
it can award as written (`points_range`) and says itself in words (`describe`).
"""

from cchc_criteria.rules._answers import read_quantity
from cchc_criteria.rules._composite import Part
from cchc_criteria.rules.average import AverageRule
from cchc_criteria.rules.bands import BandRule
from cchc_criteria.rules.best_of import BestOfRule
from cchc_criteria.rules.choices import ChoiceRule, Option, YesNoRule
from cchc_criteria.rules.conditional import Branch, ConditionalRule
from cchc_criteria.rules.counts import DeductionRule, PerItemRule
from cchc_criteria.rules.lateness import LatenessRule, days_late
from cchc_criteria.rules.manual import ManualRule
from cchc_criteria.rules.parts import PartsRule
from cchc_criteria.rules.proportional import ProportionalRule
from cchc_criteria.rules.relative import RelativeRule
from cchc_criteria.rules.survey import SurveyRule
from cchc_criteria.rules.trend import TrendRule, previous_of, with_previous

__all__ = [
    "AverageRule",
    "BandRule",
    "BestOfRule",
    "Branch",
    "ChoiceRule",
    "ConditionalRule",
    "DeductionRule",
    "LatenessRule",
    "ManualRule",
    "Option",
    "Part",
    "PartsRule",
    "PerItemRule",
    "ProportionalRule",
    "RelativeRule",
    "SurveyRule",
    "TrendRule",
    "YesNoRule",
    "days_late",
    "previous_of",
    "read_quantity",
    "with_previous",
]
