"""The plain pass: a unit every answer of which a fast scorer takes, scored in one loop.

A plan makes its plain pass (`make_plain_pass`) once every leaf has a fast scorer (its
kind's ``RuleKind.compile``, or one made from the rule's ``score``): one tuple per step,
children first — a leaf's code, fast scorer and max; a group's children to add and to
subtract, and its max. The pass gives a unit's total and its areas' points, or ``None`` for
any unit it does not take (an answer left out, not applicable where the pass does not remove
the max, a sum past its max): the general pass then scores that unit, findings and all. An
answer a leaf's fast scorer does not take (one that makes a finding: "0,5" for a rate, a
figure held to the max) is settled by the caller, as the general pass settles it, and the
unit stays on the plain pass when its node is plain. No source is generated or compiled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from cchc_criteria._values import REMEMBERED, remembered, small
from cchc_criteria.model import NA, NAPolicy, Role
from cchc_criteria.scoring._steps import Group, Leaf
from cchc_criteria.scoring._tally import added, lowered_max

if TYPE_CHECKING:
    from cchc_criteria.scoring._plan import Plan

__all__ = [
    "EXCLUDED",
    "PLAIN_PASS_LEAVES",
    "PlainPass",
    "Removed",
    "make_plain_pass",
    "reduced",
]

_ZERO = Decimal(0)
_UNSEEN = Decimal("NaN")  # by identity: no fast scorer gives this very object

PLAIN_PASS_LEAVES = 5000
"""The most leaves a plan makes a plain pass for (every leaf's fast scorer is compiled for it)."""


EXCLUDED = Decimal("NaN")
"""A leaf's answer NA removes its max (by identity: no leaf's points are this very object)."""

Removed = dict[int, tuple[Decimal | None, bool, Decimal]]
"""The slots below which an answer NA removed a max: the max removed from the parent's
(``None`` when none was), whether the criterion still applies, and its max now."""


@attrs.frozen
class PlainPass:
    """The plain pass: every leaf (slot, code, fast scorer, max, the points of the answers it
    remembers, what NA gives: `EXCLUDED`, its points, or ``None`` for the general pass; the
    plan's step),
    then every group in the plan's order, children first (slot, children added, children
    subtracted, max, published max, score children), then the roots added (``plus``) and
    subtracted (``minus``) and held to ``total_max`` (the set's ``published`` max)."""

    leaves: tuple[
        tuple[int, str, Any, Decimal, dict[object, Decimal | None], Decimal | None, Leaf], ...
    ]
    groups: tuple[
        tuple[int, tuple[int, ...], tuple[int, ...], Decimal, Decimal, tuple[int, ...]], ...
    ]
    size: int
    plus: tuple[int, ...]
    minus: tuple[int, ...]
    total_max: Decimal
    roots: tuple[int, ...]
    published: Decimal
    root_scores: tuple[int, ...]

    def slots(
        self,
        get: Callable[[str], object],
        settle: Callable[[Leaf, object], Decimal | None],
    ) -> tuple[Decimal, list[Decimal], tuple[Decimal, Removed] | None] | None:
        """A unit's total, every slot's points, and — when an answer NA removed a max — the
        card's max and the maxima removed, given ``answers.get``, when every leaf is answered
        and every sum within its max; ``None`` for any other unit. An answer a leaf's fast
        scorer does not take goes to ``settle`` (the leaf and the answer): its points when
        its node is plain, else ``None`` (the general pass). Sums add as the general pass
        adds them (`added`), and a max an NA removes is removed as the tally removes it
        (`reduced`), so the cards are the same digit for digit."""
        zero = _ZERO
        points = [zero] * self.size
        missing = _UNSEEN
        removed: Removed | None = None
        for slot, code, fast, maximum, seen, na, leaf in self.leaves:
            answer = get(code)
            if answer is None:
                return None
            if answer is NA:
                if na is None:
                    return None
                if na is EXCLUDED:  # its points stay 0, which adds nothing
                    removed = {} if removed is None else removed
                    removed[slot] = (maximum - zero if maximum != zero else None, False, zero)
                else:
                    points[slot] = na
                continue
            # _values.remembered, written in for text and whole numbers: one call less per leaf.
            kind = type(answer)
            if kind is str or kind is int:
                got = seen.get(answer, missing)
                if got is missing:
                    got = fast(answer)
                    if len(seen) < REMEMBERED and small(answer):
                        seen[answer] = got
            else:
                got = remembered(fast, seen, answer)  # a Decimal or float by its text
            if got is None or got < zero or got > maximum:
                got = settle(leaf, answer)
                if got is None:
                    return None
            points[slot] = got
        for slot, plus, minus, maximum, published, scores in self.groups:
            total = added(points, plus, minus)
            if removed is not None and not removed.keys().isdisjoint(scores):
                lowered = reduced(removed, slot, published, scores)
                if lowered is None:
                    return None
                maximum = lowered
            if total > maximum:
                return None
            points[slot] = zero if total < zero else total
        total = added(points, self.plus, self.minus)
        maximum = self.total_max
        if removed is not None and not removed.keys().isdisjoint(self.root_scores):
            lowered = reduced(removed, -1, self.published, self.root_scores)
            if lowered is None:
                return None
            maximum = lowered
        if total > maximum:
            return None
        lowered_by_na = None if removed is None else (maximum, removed)
        return (zero if total < zero else total), points, lowered_by_na


def reduced(
    removed: Removed, slot: int, published: Decimal, scores: tuple[int, ...]
) -> Decimal | None:
    """The max of a group (at ``slot``) some of whose score children NA lowered, as
    `Tally.sum` works it out (published max less the max removed below, not below 0), noted
    in ``removed`` for its parent; ``None`` when none of them applies any more (the group is
    not applicable: the general pass)."""
    excluded = _ZERO
    applicable = False
    for child in scores:
        got = removed.get(child)
        if got is None:
            applicable = True
            continue
        amount, applies, _ = got
        if amount is not None:
            excluded += amount
        applicable = applicable or applies
    if not applicable:
        return None
    maximum = lowered_max(published, excluded)
    removed[slot] = (published - maximum if maximum != published else None, True, maximum)
    return maximum


def make_plain_pass(plan: Plan) -> PlainPass | None:
    """The plain pass of ``plan`` (made when it scores its second unit), or ``None`` for a
    plan that can have none: more than `PLAIN_PASS_LEAVES` leaves, a group without children,
    a set total that is not the sum of its roots, a rule without a fast scorer."""
    leaves = [step for step in plan.steps if isinstance(step, Leaf)]
    groups = [step for step in plan.steps if isinstance(step, Group)]
    if len(leaves) > PLAIN_PASS_LEAVES or any(not g.children for g in groups):
        return None
    if not plan.total.is_default:
        return None  # a bonus above the base or deductions after it: the tally's total
    if any(plan.fast_scorer(leaf, now=True) is None for leaf in leaves):
        return None  # a rule without a fast scorer: every unit takes the general pass
    # Every leaf (its slot, code, fast scorer, max and what NA gives), then every group,
    # children before their parents (its slot, children to add and to subtract, max,
    # published max and score children).
    plus, minus = plan.split(plan.roots)
    excludable = plan.root_policy is None and plan.set_max >= 0
    excludable = excludable and all(
        g.policy is None and g.criterion.max_points >= 0 for g in groups
    )
    return PlainPass(
        tuple(
            (s.slot, s.code, s.fast, s.maximum, s.points_seen, _na(plan, s, excludable), s)
            for s in leaves
        ),
        tuple(
            (
                s.slot,
                s.plus,
                s.minus,
                s.plain_max,
                s.criterion.max_points,
                _scores(plan, s.children),
            )
            for s in groups
        ),
        plan.size,
        plus,
        minus,
        plan.total_max,
        plan.roots,
        plan.set_max,
        _scores(plan, plan.roots),
    )


def _scores(plan: Plan, slots: Sequence[int]) -> tuple[int, ...]:
    return tuple(s for s in slots if plan.roles[s] is Role.SCORE)


def _na(plan: Plan, leaf: Leaf, excludable: bool) -> Decimal | None:
    """What the plain pass gives a leaf answered NA: its max (``full_points``), `EXCLUDED`
    (its max removed, as the tally removes it: a score criterion below the top, in a set
    whose groups keep no max for others — ``excludable`` — and none is published below
    0), or ``None`` (the general pass)."""
    policy = leaf.criterion.na_policy or plan.na_policy
    if policy is NAPolicy.FULL_POINTS:
        return leaf.maximum
    if policy is NAPolicy.NOT_ALLOWED or leaf.criterion.role is not Role.SCORE:
        return None
    return EXCLUDED if excludable and leaf.slot not in plan.roots else None
