"""cchc-criteria: executable, checkable criterion sets for Vietnam's PAR INDEX (Chỉ số CCHC).

>>> import cchc_criteria as cc
>>> cs = cc.get_set("quangngai.so.2019")                        # doctest: +SKIP
>>> card = cc.score(cs, {"7.1.2": "93%", "7.1.3": True})        # doctest: +SKIP
>>> card["7.1.2"].points                                        # doctest: +SKIP
Decimal('1')
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from cchc_criteria.analysis import lint
from cchc_criteria.analysis.advice import Advice, AdviceStep, advise
from cchc_criteria.api import score, score_many
from cchc_criteria.errors import (
    ArgumentError,
    CchcError,
    DuplicateSetError,
    InputError,
    NumberFormatError,
    PluginError,
    UnknownSetError,
)
from cchc_criteria.formats import (
    dump_assessment,
    dump_set,
    dumps_assessment,
    dumps_set,
    load_assessment,
    load_set,
    read_assessment,
    read_set,
    save_set,
    write_atomic,
)
from cchc_criteria.formulas import FormulaError
from cchc_criteria.hookspecs import hookimpl
from cchc_criteria.model import (
    CATALOGUE,
    FINDING_CODES,
    LINT_CODES,
    NA,
    Acknowledgement,
    Assessment,
    Band,
    Category,
    ChosenBand,
    Criterion,
    CriterionSet,
    Finding,
    FindingKind,
    Formula,
    FractionOfMax,
    Grade,
    Linear,
    Lower,
    NAPolicy,
    Outcome,
    Points,
    Role,
    RoundingPolicy,
    Rule,
    Scale,
    Severity,
    UnitKind,
    Upper,
    above,
    at_least,
    at_most,
    below,
    finding,
)
from cchc_criteria.numbers import to_decimal
from cchc_criteria.registry import (
    PluginFailure,
    RegisteredSet,
    Registry,
    get_set,
    list_sets,
    rule_kinds,
)
from cchc_criteria.rules import (
    BandRule,
    BestOfRule,
    Branch,
    ChoiceRule,
    ConditionalRule,
    DeductionRule,
    LatenessRule,
    ManualRule,
    Option,
    Part,
    PartsRule,
    PerItemRule,
    ProportionalRule,
    RelativeRule,
    YesNoRule,
    days_late,
)
from cchc_criteria.rules.kinds import AnswerCell, Improvement, RuleKind, RuleKinds
from cchc_criteria.scoring import NodeScore, Scorecard
from cchc_criteria.text import Lang, Text

try:
    __version__ = version("cchc-criteria")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "CATALOGUE",
    "FINDING_CODES",
    "LINT_CODES",
    "NA",
    "Acknowledgement",
    "Advice",
    "AdviceStep",
    "AnswerCell",
    "ArgumentError",
    "Assessment",
    "Band",
    "BandRule",
    "BestOfRule",
    "Branch",
    "Category",
    "CchcError",
    "ChoiceRule",
    "ChosenBand",
    "ConditionalRule",
    "Criterion",
    "CriterionSet",
    "DeductionRule",
    "DuplicateSetError",
    "Finding",
    "FindingKind",
    "Formula",
    "FormulaError",
    "FractionOfMax",
    "Grade",
    "Improvement",
    "InputError",
    "Lang",
    "LatenessRule",
    "Linear",
    "Lower",
    "ManualRule",
    "NAPolicy",
    "NodeScore",
    "NumberFormatError",
    "Option",
    "Outcome",
    "Part",
    "PartsRule",
    "PerItemRule",
    "PluginError",
    "PluginFailure",
    "Points",
    "ProportionalRule",
    "RegisteredSet",
    "Registry",
    "RelativeRule",
    "Role",
    "RoundingPolicy",
    "Rule",
    "RuleKind",
    "RuleKinds",
    "Scale",
    "Scorecard",
    "Severity",
    "Text",
    "UnitKind",
    "UnknownSetError",
    "Upper",
    "YesNoRule",
    "__version__",
    "above",
    "advise",
    "at_least",
    "at_most",
    "below",
    "days_late",
    "dump_assessment",
    "dump_set",
    "dumps_assessment",
    "dumps_set",
    "finding",
    "get_set",
    "hookimpl",
    "lint",
    "list_sets",
    "load_assessment",
    "load_set",
    "read_assessment",
    "read_set",
    "rule_kinds",
    "save_set",
    "score",
    "score_many",
    "to_decimal",
    "write_atomic",
]
