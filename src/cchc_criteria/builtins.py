"""The library's own plugin: the built-in rule kinds, registered like a plugin's.

The registry always loads this plugin first, so there is one path for every rule kind, built in
or not (as datasette registers its own behaviour through its hooks).
"""

from __future__ import annotations

from collections.abc import Callable

from cchc_criteria.hookspecs import hookimpl
from cchc_criteria.model import CATALOGUE, FINDING_CODES, LINT_CODES
from cchc_criteria.rules import (
    average,
    bands,
    best_of,
    choices,
    conditional,
    counts,
    lateness,
    manual,
    parts,
    proportional,
    relative,
    survey,
    trend,
)
from cchc_criteria.rules.kinds import RuleKind

# The catalogue with every built-in kind's own codes in it (each joined as its kind was
# made, above): what ``cc.CATALOGUE`` gives.
__all__ = ["CATALOGUE", "FINDING_CODES", "KINDS", "LINT_CODES", "register_rule_kinds"]

KINDS: tuple[RuleKind, ...] = (
    bands.KIND,
    choices.YES_NO,
    choices.CHOICE,
    proportional.KIND,
    counts.PER_ITEM,
    counts.DEDUCTION,
    manual.KIND,
    relative.KIND,
    average.KIND,
    survey.KIND,
    trend.KIND,
    parts.PARTS,
    best_of.BEST_OF,
    conditional.CONDITIONAL,
    lateness.KIND,
)
"""The built-in kinds, in the order the documentation lists them."""


@hookimpl
def register_rule_kinds(register: Callable[[RuleKind], None]) -> None:
    """Register the built-in rule kinds."""
    for kind in KINDS:
        register(kind)
