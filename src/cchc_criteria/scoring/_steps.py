"""The steps of a scoring plan: a leaf (a criterion scored by its rule, compiled) and a group
(a criterion that sums its children's slots)."""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal
from typing import TYPE_CHECKING

from cchc_criteria.model import Criterion, Finding, NAPolicy, Rule, Scale
from cchc_criteria.rules.kinds import FastScorer, RuleKind, RuleKinds
from cchc_criteria.scoring.card import NodeScore

if TYPE_CHECKING:
    from cchc_criteria.scoring._plan import Plan

__all__ = ["Group", "Leaf", "Result"]

_ZERO = Decimal(0)

Result = tuple[NodeScore, tuple[Finding, ...]]
"""A leaf's result for one answer: its node (without the unit's evidence, explanation and declared
scores) and the findings about the answer."""


class Leaf:
    """A criterion scored by a rule, compiled."""

    __slots__ = (
        "bind",
        "code",
        "compile",
        "criterion",
        "fast",
        "known",
        "maximum",
        "not_applicable",
        "percent",
        "points_seen",
        "reuse",
        "rule",
        "slot",
        "unanswered",
    )

    def __init__(self, plan: Plan, criterion: Criterion, rule: Rule, slot: int) -> None:
        kind = plan.kinds.of_rule(rule)
        self.slot = slot
        self.criterion = criterion
        self.code = criterion.code
        self.maximum = criterion.max_points
        self.rule = rule
        self.bind = None if kind is None or not _needs_unit(rule, kind) else kind.bind
        #: Whether the rule's results can be kept and given again (RuleKind.pure).
        self.reuse = _reusable(rule, self.maximum, plan.kinds)
        #: The leaf's fast scorer of plain answers (only for rules whose results are pure:
        #: the node is made again from the answer when it is read), made by the plan on the
        #: rule's second use (``Plan.fast_scorer``): a set scored once does not pay for it.
        #: The kind's own (``compile``, its ``RuleKind.compile``), or, for a kind that gives
        #: none, the points of the rule's ``score`` where it says nothing more.
        self.fast: FastScorer | None = None
        self.compile = None if kind is None or not self.reuse else kind.compile
        self.percent = getattr(rule, "scale", None) is Scale.PERCENT
        self.known: dict[Hashable, Result] = {}
        #: The fast scorer's points of the text and whole-number answers already seen
        #: (``_values.remembered``), for both passes.
        self.points_seen: dict[object, Decimal | None] = {}
        # Made on first use: a set of 100,000 criteria is mostly answered.
        self.unanswered: Result | None = None
        self.not_applicable: Result | None = None


class Group:
    """A criterion that sums its children.

    Attributes:
        children: the slots of its children, in document order.
        plus, minus: the slots of the children that add (score, bonus) and that subtract
            (deductions).
        first: the index in the plan's steps of the first step below it (its subtree's steps
            run from there to its own).
        plain_max: its max when every criterion below it is scored and applicable.
        policy: ``rescale`` or ``spread`` when the group keeps its published max where a
            criterion below is not applicable (its own policy, else the set's), else None.
    """

    __slots__ = (
        "children",
        "code",
        "criterion",
        "first",
        "minus",
        "plain_max",
        "plus",
        "policy",
        "slot",
    )

    def __init__(
        self,
        criterion: Criterion,
        slot: int,
        children: tuple[int, ...],
        first: int,
        policy: NAPolicy | None = None,
    ) -> None:
        self.criterion = criterion
        self.code = criterion.code
        self.slot = slot
        self.children = children
        self.first = first
        self.plus: tuple[int, ...] = ()
        self.minus: tuple[int, ...] = ()
        self.plain_max = max(criterion.max_points, _ZERO)
        self.policy = policy


def _needs_unit(rule: Rule, kind: RuleKind) -> bool:
    """Whether ``rule`` is bound to each unit before it scores: its kind binds rules, and the
    rule does not say it needs nothing of the unit (``needs_unit``, as a lateness rule with a
    fixed deadline says)."""
    return kind.bind is not None and bool(getattr(rule, "needs_unit", True))


def _reusable(rule: Rule, max_points: Decimal, kinds: RuleKinds) -> bool:
    """Whether the outcome of ``rule`` for an answer can be kept and given again: its kind is
    pure (``RuleKind.pure``), not bound to the unit, and so is every rule it holds."""
    kind = kinds.of_rule(rule)
    if kind is None or not kind.pure or type(rule) is not kind.rule_class:
        return False
    if _needs_unit(rule, kind):
        return False
    if kind.parts is None:
        return True
    return all(_reusable(part, most, kinds) for _, part, most in kind.parts(rule, max_points))


# A rule's fast scorer (Plan.compiled): not asked for yet, or asked for once.
