"""A scorecard's nodes, made when first read: scoring keeps the totals and the leaves' nodes
that cannot be made again from the answers; the rest are put together here, on the first read,
along the same plan and tally the card was scored with."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal, localcontext

import attrs

from cchc_criteria.errors import NumberFormatError
from cchc_criteria.model import Assessment
from cchc_criteria.numbers import SUM_CONTEXT, to_decimal
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.scoring._plan import Plan
from cchc_criteria.scoring._scope import outside as outside_of
from cchc_criteria.scoring._steps import Group, Leaf
from cchc_criteria.scoring._tally import Tally
from cchc_criteria.scoring.card import NodeScore

__all__ = ["Nodes"]


def _declared_value(raw: object) -> Decimal | None:
    """A declared score as read (``None`` when absent or unreadable: scoring reported it)."""
    if raw is None:
        return None
    try:
        return to_decimal(raw)
    except NumberFormatError:
        return None


class Nodes(Mapping[str, NodeScore]):
    """A scorecard's nodes by code, in document order, made when first read.

    Scoring keeps each leaf's node (shared by every unit that gave the same answer to a pure
    rule) and the totals; the nodes of groups, and the unit's evidence, explanations and
    declared scores on each node, are put together on the first read.
    """

    __slots__ = ("_assessment", "_leaves", "_made", "_plan")

    def __init__(
        self, plan: Plan, leaves: tuple[NodeScore | None, ...], assessment: Assessment
    ) -> None:
        self._plan = plan
        self._leaves = leaves
        self._assessment = assessment
        self._made: dict[str, NodeScore] | None = None

    def __getitem__(self, code: str) -> NodeScore:
        return self._nodes()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._plan.codes)

    @property
    def kinds(self) -> RuleKinds:
        """The rule kinds the card was scored with (``Scorecard.with_answers`` scores again
        with them)."""
        return self._plan.kinds

    def __len__(self) -> int:
        return len(self._plan.codes)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._plan.slot_of

    def __repr__(self) -> str:
        return repr(self._nodes())

    def __reduce__(self) -> tuple[type[dict[str, NodeScore]], tuple[dict[str, NodeScore]]]:
        return dict, (dict(self._nodes()),)

    def _nodes(self) -> dict[str, NodeScore]:
        if self._made is None:
            with localcontext(SUM_CONTEXT):  # the context the totals were scored in
                self._made = self._make()
        return self._made

    def _make(self) -> dict[str, NodeScore]:
        plan = self._plan
        unit = self._assessment
        personal = bool(unit.evidence or unit.explanations or unit.self_assessed or unit.appraised)
        tally = Tally(plan)
        made: list[NodeScore | None] = [None] * plan.size
        outside = outside_of(plan, unit.group) if plan.restricted else frozenset()
        for index, step in enumerate(plan.steps):
            if type(step) is Leaf:
                node = self._leaves[step.slot]
                if node is None:  # a pure rule's node, made again from the answer
                    answer = unit.answers.get(step.code)
                    (node, _), _ = plan.leaf_result(step, answer, unit)
                tally.put(index, step.slot, node, scoped=step.code in outside)
            else:
                assert isinstance(step, Group)
                sums = tally.sum(step.children, step.criterion.max_points, step.policy)
                tally.record(step.slot, sums)
                children = [made[c] for c in step.children]
                node = plan.group_node(step, sums, children)  # type: ignore[arg-type]
            if personal:
                node = _personal(node, unit)
            made[step.slot] = node
        return {code: made[plan.slot_of[code]] for code in plan.codes}  # type: ignore[misc]


def _personal(node: NodeScore, unit: Assessment) -> NodeScore:
    """``node`` with the unit's evidence, explanation and declared scores, where it gave any."""
    code = node.code
    evidence = unit.evidence.get(code, ())
    explanation = unit.explanations.get(code, "")
    self_assessed = _declared_value(unit.self_assessed.get(code))
    appraised = _declared_value(unit.appraised.get(code))
    if not evidence and not explanation and self_assessed is None and appraised is None:
        return node
    return attrs.evolve(
        node,
        evidence=evidence,
        unit_explanation=explanation,
        self_assessed=self_assessed,
        appraised=appraised,
    )
