"""cchc-criteria: executable, checkable criterion sets for Vietnam's PAR INDEX (Chỉ số CCHC).

>>> import cchc_criteria as cc
>>> cs = cc.get_set("quangngai.so.2019")                        # doctest: +SKIP
>>> card = cc.score(cs, {"7.1.2": "93%", "7.1.3": True})        # doctest: +SKIP
>>> card["7.1.2"].points                                        # doctest: +SKIP
Decimal('1')
"""

from __future__ import annotations

import importlib

from cchc_criteria._version import __version__

# Not imported from typing, which would cost more than the rest of this module: type checkers
# and the API reference know the name.
TYPE_CHECKING = False

if TYPE_CHECKING:  # what type checkers and the API reference read; at run time, see below
    from cchc_criteria.analysis.advice import Advice, AdviceStep, advise
    from cchc_criteria.analysis.diff import SetDiff, diff_sets
    from cchc_criteria.analysis.frame import to_frame
    from cchc_criteria.analysis.lint import lint
    from cchc_criteria.api import score, score_each, score_many
    from cchc_criteria.builtins import CATALOGUE, FINDING_CODES, LINT_CODES
    from cchc_criteria.errors import (
        AmbiguousSetError,
        ArgumentError,
        CchcError,
        DuplicateSetError,
        InputError,
        NumberFormatError,
        PluginError,
        SetNotFoundError,
        UnknownSetError,
    )
    from cchc_criteria.formats import (
        assessment_to_dict,
        dump_assessment,
        dump_set,
        dumps_assessment,
        dumps_set,
        load_assessment,
        load_set,
        loads_assessment,
        loads_set,
        read_assessment,
        read_set,
        save_assessment,
        save_set,
        set_to_dict,
        write_atomic,
    )
    from cchc_criteria.formulas import FormulaError
    from cchc_criteria.hookspecs import hookimpl
    from cchc_criteria.model import (
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
        Lineage,
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
    from cchc_criteria.reports.data import FindingData, NodeData, ScorecardData, scorecard_data
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
    from cchc_criteria.scoring import NodeRow, NodeScore, Scorecard
    from cchc_criteria.selection import find_set
    from cchc_criteria.text import Lang, Text

# Every public name and the module it comes from. ``import cchc_criteria`` loads none of
# them: a name's module is imported the first time the name is used (PEP 562), so a tool that
# only reads ``__version__`` — or scores, without lint, reports or spreadsheets — pays only
# for what it uses.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "cchc_criteria.analysis.lint": ("lint",),
    "cchc_criteria.analysis.advice": ("Advice", "AdviceStep", "advise"),
    "cchc_criteria.analysis.frame": ("to_frame",),
    "cchc_criteria.api": ("score", "score_each", "score_many"),
    "cchc_criteria.errors": (
        "AmbiguousSetError",
        "ArgumentError",
        "CchcError",
        "DuplicateSetError",
        "InputError",
        "NumberFormatError",
        "PluginError",
        "SetNotFoundError",
        "UnknownSetError",
    ),
    "cchc_criteria.formats": (
        "assessment_to_dict",
        "dump_assessment",
        "dump_set",
        "dumps_assessment",
        "dumps_set",
        "load_assessment",
        "load_set",
        "loads_assessment",
        "loads_set",
        "read_assessment",
        "read_set",
        "save_assessment",
        "save_set",
        "set_to_dict",
        "write_atomic",
    ),
    "cchc_criteria.analysis.diff": ("SetDiff", "diff_sets"),
    "cchc_criteria.formulas": ("FormulaError",),
    "cchc_criteria.hookspecs": ("hookimpl",),
    # The catalogue with every built-in kind's own codes (they join it as the kinds are made).
    "cchc_criteria.builtins": ("CATALOGUE", "FINDING_CODES", "LINT_CODES"),
    "cchc_criteria.model": (
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
        "Formula",
        "FractionOfMax",
        "Grade",
        "Lineage",
        "Linear",
        "Lower",
        "NAPolicy",
        "Outcome",
        "Points",
        "Role",
        "RoundingPolicy",
        "Rule",
        "Scale",
        "Severity",
        "UnitKind",
        "Upper",
        "above",
        "at_least",
        "at_most",
        "below",
        "finding",
    ),
    "cchc_criteria.numbers": ("to_decimal",),
    "cchc_criteria.registry": (
        "PluginFailure",
        "RegisteredSet",
        "Registry",
        "get_set",
        "list_sets",
        "rule_kinds",
    ),
    "cchc_criteria.reports.data": ("FindingData", "NodeData", "ScorecardData", "scorecard_data"),
    "cchc_criteria.rules": (
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
        "YesNoRule",
        "days_late",
    ),
    "cchc_criteria.rules.kinds": ("AnswerCell", "Improvement", "RuleKind", "RuleKinds"),
    "cchc_criteria.scoring": ("NodeRow", "NodeScore", "Scorecard"),
    "cchc_criteria.selection": ("find_set",),
    "cchc_criteria.text": ("Lang", "Text"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'cchc_criteria' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "CATALOGUE",
    "FINDING_CODES",
    "LINT_CODES",
    "NA",
    "Acknowledgement",
    "Advice",
    "AdviceStep",
    "AmbiguousSetError",
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
    "FindingData",
    "FindingKind",
    "Formula",
    "FormulaError",
    "FractionOfMax",
    "Grade",
    "Improvement",
    "InputError",
    "Lang",
    "LatenessRule",
    "Lineage",
    "Linear",
    "Lower",
    "ManualRule",
    "NAPolicy",
    "NodeData",
    "NodeRow",
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
    "ScorecardData",
    "SetDiff",
    "SetNotFoundError",
    "Severity",
    "Text",
    "UnitKind",
    "UnknownSetError",
    "Upper",
    "YesNoRule",
    "__version__",
    "above",
    "advise",
    "assessment_to_dict",
    "at_least",
    "at_most",
    "below",
    "days_late",
    "diff_sets",
    "dump_assessment",
    "dump_set",
    "dumps_assessment",
    "dumps_set",
    "find_set",
    "finding",
    "get_set",
    "hookimpl",
    "lint",
    "list_sets",
    "load_assessment",
    "load_set",
    "loads_assessment",
    "loads_set",
    "read_assessment",
    "read_set",
    "rule_kinds",
    "save_assessment",
    "save_set",
    "score",
    "score_each",
    "score_many",
    "scorecard_data",
    "set_to_dict",
    "to_decimal",
    "to_frame",
    "write_atomic",
]
