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

if TYPE_CHECKING:  # the public names, for type checkers (a test keeps this equal to _EXPORTS)
    from cchc_criteria.analysis.cohort_compare import compare as compare
    from cchc_criteria.analysis.frame import findings_frame as findings_frame
    from cchc_criteria.analysis.frame import to_frame as to_frame
    from cchc_criteria.analysis.ranking import rank as rank
    from cchc_criteria.analysis.sensitivity import sensitivity as sensitivity
    from cchc_criteria.api import advise as advise
    from cchc_criteria.api import diff_sets as diff_sets
    from cchc_criteria.api import dump_set as dump_set
    from cchc_criteria.api import dumps_set as dumps_set
    from cchc_criteria.api import lint as lint
    from cchc_criteria.api import load_assessment as load_assessment
    from cchc_criteria.api import load_set as load_set
    from cchc_criteria.api import loads_assessment as loads_assessment
    from cchc_criteria.api import loads_set as loads_set
    from cchc_criteria.api import save_set as save_set
    from cchc_criteria.api import score as score
    from cchc_criteria.api import score_each as score_each
    from cchc_criteria.api import score_many as score_many
    from cchc_criteria.api import set_to_dict as set_to_dict
    from cchc_criteria.builtins import CATALOGUE as CATALOGUE
    from cchc_criteria.errors import AmbiguousSetError as AmbiguousSetError
    from cchc_criteria.errors import ArgumentError as ArgumentError
    from cchc_criteria.errors import CchcError as CchcError
    from cchc_criteria.errors import DuplicateSetError as DuplicateSetError
    from cchc_criteria.errors import InputError as InputError
    from cchc_criteria.errors import NumberFormatError as NumberFormatError
    from cchc_criteria.errors import PluginError as PluginError
    from cchc_criteria.errors import SetNotFoundError as SetNotFoundError
    from cchc_criteria.errors import UnknownSetError as UnknownSetError
    from cchc_criteria.formats import assessment_to_dict as assessment_to_dict
    from cchc_criteria.formats import dump_assessment as dump_assessment
    from cchc_criteria.formats import dumps_assessment as dumps_assessment
    from cchc_criteria.formats import save_assessment as save_assessment
    from cchc_criteria.formulas import FormulaError as FormulaError
    from cchc_criteria.hookspecs import hookimpl as hookimpl
    from cchc_criteria.library import Library as Library
    from cchc_criteria.model import NA as NA
    from cchc_criteria.model import Assessment as Assessment
    from cchc_criteria.model import ChosenBand as ChosenBand
    from cchc_criteria.model import Criterion as Criterion
    from cchc_criteria.model import CriterionSet as CriterionSet
    from cchc_criteria.model import Finding as Finding
    from cchc_criteria.model import FindingKind as FindingKind
    from cchc_criteria.model import Grade as Grade
    from cchc_criteria.model import Outcome as Outcome
    from cchc_criteria.model import Role as Role
    from cchc_criteria.model import Rule as Rule
    from cchc_criteria.model import Scale as Scale
    from cchc_criteria.model import Severity as Severity
    from cchc_criteria.model import UnitKind as UnitKind
    from cchc_criteria.model import finding as finding
    from cchc_criteria.registry import get_set as get_set
    from cchc_criteria.registry import list_sets as list_sets
    from cchc_criteria.registry import rule_kinds as rule_kinds
    from cchc_criteria.rules.kinds import RuleKind as RuleKind
    from cchc_criteria.scoring import Scorecard as Scorecard
    from cchc_criteria.selection import find_set as find_set
    from cchc_criteria.text import Lang as Lang
    from cchc_criteria.text import Text as Text

# The public surface, one table: every name ``cc.`` offers and the module it comes from.
# ``import cchc_criteria`` loads none of them: a name's module is imported the first time the
# name is used (PEP 562), so a tool that only reads ``__version__`` — or scores, without lint,
# reports or spreadsheets — pays only for what it uses. Plumbing stays in its subpackage.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "cchc_criteria.api": (
        "advise",
        "diff_sets",
        "dump_set",
        "dumps_set",
        "lint",
        "load_assessment",
        "load_set",
        "loads_assessment",
        "loads_set",
        "save_set",
        "score",
        "score_each",
        "score_many",
        "set_to_dict",
    ),
    "cchc_criteria.library": ("Library",),
    "cchc_criteria.analysis.frame": ("findings_frame", "to_frame"),
    "cchc_criteria.analysis.cohort_compare": ("compare",),
    "cchc_criteria.analysis.ranking": ("rank",),
    "cchc_criteria.analysis.sensitivity": ("sensitivity",),
    "cchc_criteria.registry": (
        "get_set",
        "list_sets",
        "rule_kinds",
    ),
    "cchc_criteria.selection": ("find_set",),
    "cchc_criteria.formats": (
        "assessment_to_dict",
        "dump_assessment",
        "dumps_assessment",
        "save_assessment",
    ),
    "cchc_criteria.builtins": ("CATALOGUE",),
    "cchc_criteria.model": (
        "NA",
        "Assessment",
        "ChosenBand",
        "Criterion",
        "CriterionSet",
        "Finding",
        "FindingKind",
        "Grade",
        "Outcome",
        "Role",
        "Rule",
        "Scale",
        "Severity",
        "UnitKind",
        "finding",
    ),
    "cchc_criteria.scoring": ("Scorecard",),
    "cchc_criteria.rules.kinds": ("RuleKind",),
    "cchc_criteria.hookspecs": ("hookimpl",),
    "cchc_criteria.text": (
        "Lang",
        "Text",
    ),
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
    "cchc_criteria.formulas": ("FormulaError",),
}

# Names the package offered before its surface was cut to one table: they still work for one
# release, with a DeprecationWarning that says where each one lives now.
_MOVED: dict[str, tuple[str, ...]] = {
    "cchc_criteria.scoring": ("NodeRow", "NodeScore"),
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
    "cchc_criteria.model": (
        "NAPolicy",
        "RoundingPolicy",
        "Acknowledgement",
        "Band",
        "Category",
        "FINDING_CODES",
        "Formula",
        "FractionOfMax",
        "LINT_CODES",
        "Lineage",
        "Linear",
        "Lower",
        "Points",
        "Upper",
        "above",
        "at_least",
        "at_most",
        "below",
    ),
    "cchc_criteria.rules.kinds": (
        "AnswerCell",
        "Improvement",
        "RuleKinds",
    ),
    "cchc_criteria.reports.data": (
        "FindingData",
        "NodeData",
        "ScorecardData",
        "scorecard_data",
    ),
    "cchc_criteria.registry": (
        "PluginFailure",
        "RegisteredSet",
        "Registry",
    ),
    "cchc_criteria.analysis.advice": (
        "Advice",
        "AdviceStep",
    ),
    "cchc_criteria.analysis.diff": ("SetDiff",),
    "cchc_criteria.numbers": ("to_decimal",),
    "cchc_criteria.formats": ("write_atomic",),
}

# Names that were renamed, not moved: the new name's function is given, with a warning.
_RENAMED = {"read_set": "loads_set", "read_assessment": "loads_assessment"}

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
_MOVED_TO = {name: module for module, names in _MOVED.items() for name in names}
_SUBPACKAGES = frozenset(
    {"analysis", "errors", "formats", "model", "numbers", "registry", "reports", "rules", "scoring"}
)


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # the next use is a plain attribute
        return value
    if name in _MOVED_TO or name in _RENAMED:
        from cchc_criteria._deprecation import deprecated

        if name in _RENAMED:
            deprecated(f"cchc_criteria.{name}", f"cchc_criteria.{_RENAMED[name]}")
            return __getattr__(_RENAMED[name])
        deprecated(f"cchc_criteria.{name}", f"{_MOVED_TO[name]}.{name}")
        return getattr(importlib.import_module(_MOVED_TO[name]), name)
    if name in _SUBPACKAGES:  # cc.rules.BandRule without importing cchc_criteria.rules first
        return importlib.import_module(f"cchc_criteria.{name}")
    raise AttributeError(f"module 'cchc_criteria' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "CATALOGUE",
    "NA",
    "AmbiguousSetError",
    "ArgumentError",
    "Assessment",
    "CchcError",
    "ChosenBand",
    "Criterion",
    "CriterionSet",
    "DuplicateSetError",
    "Finding",
    "FindingKind",
    "FormulaError",
    "Grade",
    "InputError",
    "Lang",
    "Library",
    "NumberFormatError",
    "Outcome",
    "PluginError",
    "Role",
    "Rule",
    "RuleKind",
    "Scale",
    "Scorecard",
    "SetNotFoundError",
    "Severity",
    "Text",
    "UnitKind",
    "UnknownSetError",
    "__version__",
    "advise",
    "assessment_to_dict",
    "compare",
    "diff_sets",
    "dump_assessment",
    "dump_set",
    "dumps_assessment",
    "dumps_set",
    "find_set",
    "finding",
    "findings_frame",
    "get_set",
    "hookimpl",
    "lint",
    "list_sets",
    "load_assessment",
    "load_set",
    "loads_assessment",
    "loads_set",
    "rank",
    "rule_kinds",
    "save_assessment",
    "save_set",
    "score",
    "score_each",
    "score_many",
    "sensitivity",
    "set_to_dict",
    "to_frame",
]
