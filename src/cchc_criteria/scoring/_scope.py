"""Criteria that apply to some unit groups only (``applies_to``): which leaves a unit is outside
of, and the node it gets for each — not applicable, its max removed, whatever the set's
not-applicable policy (it is the set's scope, not the unit's answer)."""

from __future__ import annotations

from decimal import Decimal

from cchc_criteria.scoring._explain import outside_scope
from cchc_criteria.scoring._plan import Plan
from cchc_criteria.scoring._steps import Leaf
from cchc_criteria.scoring.card import NodeScore
from cchc_criteria.text import LazyText, group_key

__all__ = ["outside", "outside_node"]

_ZERO = Decimal(0)


def outside(plan: Plan, group: str) -> frozenset[str]:
    """The codes of the leaves a unit of ``group`` is outside of: below a criterion whose
    ``applies_to`` does not name the group (a unit without a group is outside every such
    criterion). Worked out once per group and plan."""
    found = plan.outside_of.get(group)
    if found is None:
        key = group_key(group) if group else None
        found = plan.outside_of[group] = frozenset(
            leaf
            for code, keys, _ in plan.restricted
            if key is None or key not in keys
            for leaf in plan.leaves_below(code)
        )
    return found


def outside_node(plan: Plan, leaf: Leaf) -> NodeScore:
    """The node of a leaf the unit's group is outside of."""
    names = next(
        (names for code, _, names in plan.restricted if leaf.code in plan.leaves_below(code)),
        (),
    )
    return plan.leaf_node(
        leaf,
        max_points=_ZERO,
        applicable=False,
        complete=True,
        open_points=_ZERO,
        explanation=LazyText(outside_scope, names),
    )
