"""Scoring rules (cách tính điểm), one module per family.

Every rule is a frozen value that scores one answer (:meth:`score`), knows the range of points
it can award as written (:meth:`points_range`) and says itself in words (:meth:`describe`).
"""

from cchc_criteria.rules._answers import read_quantity
from cchc_criteria.rules.bands import BandRule
from cchc_criteria.rules.choices import ChoiceRule, Option, YesNoRule
from cchc_criteria.rules.counts import DeductionRule, PerItemRule
from cchc_criteria.rules.manual import ManualRule
from cchc_criteria.rules.proportional import ProportionalRule

__all__ = [
    "BandRule",
    "ChoiceRule",
    "DeductionRule",
    "ManualRule",
    "Option",
    "PerItemRule",
    "ProportionalRule",
    "YesNoRule",
    "read_quantity",
]
