"""How one unit's figures add up along a plan: `Tally` keeps them by slot, and
`Sums` is what a group's children add up to (scorecards' node views use them too)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from cchc_criteria.model import NAPolicy, Role, TotalPolicy
from cchc_criteria.numbers import decimal_of
from cchc_criteria.scoring.card import NodeScore

if TYPE_CHECKING:
    from cchc_criteria.scoring._plan import Plan
    from cchc_criteria.scoring._steps import Group

_ZERO = Decimal(0)


def added(points: Sequence[Decimal], plus: Sequence[int], minus: Sequence[int]) -> Decimal:
    """The sum of a group whose children are all scored: ``plus`` added, then ``minus``
    (deductions) subtracted, one at a time. The one plain sum: the tally's and the plain
    pass's, so both give the same Decimal digit for digit."""
    total = _ZERO
    for child in plus:
        total += points[child]
    for child in minus:
        total -= points[child]
    return total


def is_plain(node: NodeScore) -> bool:
    """Whether a leaf's node adds to its group as its points alone: scored, complete,
    applicable, its max the published one and no points left open."""
    return (
        node.points is not None
        and node.complete
        and node.applicable
        and node.max_points == node.published_max
        and not node.open_points
    )


def lowered_max(published_max: Decimal, excluded: Decimal) -> Decimal:
    """A group's max: its published max less ``excluded``, the max of its score criteria
    that are not applicable, not below 0 — the one rule, for the tally and the plain pass."""
    if excluded or published_max < 0:
        return max(published_max - excluded, _ZERO)
    return published_max


class Sums(NamedTuple):
    """What a group's children add up to.

    Attributes:
        points: the sum held to [0, max]; ``None`` when no child is scored.
        unheld: the sum before it was held (deductions subtracted).
        max_points: the published max less every excluded (not applicable) score child's.
        applicable: False when every score child is not applicable.
        complete: True when every child is complete.
        open_points: the max points of score children still unscored.
        redistributed: the max of not-applicable score children that the group's policy
            (``rescale``, ``spread``) gave to its other children instead of removing it.
        scoped: the part of the max removed because criteria below are outside the unit's
            groups (``applies_to``): the set's scope, which no policy gives to others.
    """

    points: Decimal | None
    unheld: Decimal | None
    max_points: Decimal
    applicable: bool
    complete: bool
    open_points: Decimal
    redistributed: Decimal = _ZERO
    scoped: Decimal = _ZERO

    @property
    def held(self) -> bool:
        """True when the children add up to more than the max (the sum was held)."""
        return self.unheld is not None and self.points is not None and self.unheld > self.points


class Tally:
    """One unit's figures by slot, as they add up: points (``None`` while unscored), the max
    that counts, applicable, complete and the max still open.

    A slot starts as a plain scored node: its published max, applicable, complete, nothing
    open. ``irregular`` is the last step whose leaf is not plain (unanswered, not applicable,
    unscored): a group whose steps all come after it adds its children's points alone.
    """

    __slots__ = (
        "applicable",
        "complete",
        "irregular",
        "maxima",
        "open_points",
        "plan",
        "points",
        "scoped",
    )

    def __init__(self, plan: Plan) -> None:
        size = plan.size
        self.plan = plan
        self.points: list[Decimal | None] = [None] * size
        self.maxima = list(plan.published)
        self.applicable = [True] * size
        self.complete = [True] * size
        self.open_points = [_ZERO] * size
        self.scoped = [_ZERO] * size
        self.irregular = -1

    def put(self, step: int, slot: int, node: NodeScore, *, scoped: bool = False) -> None:
        """Record a leaf's node (the plan's step ``step``); ``scoped`` when the unit's group
        is outside the criterion's (its max is removed by the set's scope)."""
        if scoped:
            self.scoped[slot] = node.published_max
        self.points[slot] = node.points
        if not is_plain(node):
            self.maxima[slot] = node.max_points
            self.applicable[slot] = node.applicable
            self.complete[slot] = node.complete
            self.open_points[slot] = node.open_points
            self.irregular = step

    def add_up(self, step: int, group: Group) -> Sums | Decimal:
        """Add up ``group`` (the plan's step ``step``) and record it: its held points alone
        when every criterion below is plain, else its `Sums`."""
        points = self.points
        if self.irregular < group.first and group.children:
            total = added(points, group.plus, group.minus)  # type: ignore[arg-type]  # plain
            held = min(max(total, _ZERO), group.plain_max)
            points[group.slot] = held
            if total > held:
                return Sums(held, total, group.plain_max, True, True, _ZERO)
            return held
        sums = self.sum(group.children, group.criterion.max_points, group.policy)
        self.record(group.slot, sums)
        self.irregular = step
        return sums

    def record(self, slot: int, sums: Sums) -> None:
        """Record a group's sums at its slot."""
        self.points[slot] = sums.points
        self.maxima[slot] = sums.max_points
        self.applicable[slot] = sums.applicable
        self.complete[slot] = sums.complete
        self.open_points[slot] = sums.open_points
        self.scoped[slot] = sums.scoped

    def sum(
        self, children: Sequence[int], published_max: Decimal, policy: NAPolicy | None = None
    ) -> Sums:
        """Sum children: score and bonus children add, deductions subtract, monitored ones
        count for nothing; the result is held to [0, max]. The max is the published max less
        the max of every excluded (not applicable) score criterion below — unless ``policy``
        (``rescale`` or ``spread``) gives that max to the other score children, whose points
        are then scaled (`_redistributed`) and the max stays as published."""
        roles = self.plan.roles
        published = self.plan.published
        excluded = _ZERO
        scoped = _ZERO
        open_points = _ZERO
        applicable = False
        has_score = False
        complete = True
        total: Decimal | None = None
        for child in children:
            role = roles[child]
            if role is Role.MONITOR:
                continue  # scored and shown, counted in nothing above it
            if not self.complete[child]:
                complete = False
            if role is Role.SCORE:
                has_score = True
                if self.applicable[child]:
                    applicable = True
                if self.maxima[child] != published[child]:
                    excluded += published[child] - self.maxima[child]
                    scoped += self.scoped[child]
                if self.open_points[child]:
                    open_points += self.open_points[child]
            points = self.points[child]
            if points is not None:
                if total is None:
                    total = _ZERO
                total += -points if role is Role.DEDUCTION else points
        applicable = applicable or not has_score
        given = excluded - scoped  # what a policy may give to the other children
        kept = published_max - scoped
        if policy is not None and given > 0 and applicable and kept > given:
            return self._redistributed(children, kept, given, policy, complete, scoped)
        maximum = lowered_max(published_max, excluded) if applicable else _ZERO
        scoped = min(scoped, published_max - maximum)
        if total is None:
            return Sums(None, None, maximum, applicable, complete, open_points, _ZERO, scoped)
        held = min(max(total, _ZERO), maximum)
        return Sums(held, total, maximum, applicable, complete, open_points, _ZERO, scoped)

    def total(
        self,
        roots: Sequence[int],
        published_max: Decimal,
        policy: NAPolicy | None,
        stacking: TotalPolicy,
    ) -> Sums:
        """The card's total: the roots summed as a group (`sum`), unless the set puts
        its bonus above the base or its deductions after the total (``stacking``): then the
        base is summed and held at its max first, the bonus rows add up to their own max,
        and the deductions are subtracted last, down to 0."""
        if stacking.is_default:
            return self.sum(roots, published_max, policy)
        roles, points = self.plan.roles, self.points
        outside = {Role.BONUS} if stacking.bonus == "above" else set()
        if stacking.deductions == "after":
            outside.add(Role.DEDUCTION)
        extra = [r for r in roots if roles[r] in outside]
        bonuses = [r for r in extra if roles[r] is Role.BONUS]
        bonus_max = sum((self.plan.published[r] for r in bonuses), _ZERO)
        base = self.sum([r for r in roots if r not in extra], published_max - bonus_max, policy)
        complete = base.complete and all(self.complete[r] for r in extra)
        maximum = base.max_points + bonus_max
        if base.points is None and all(points[r] is None for r in extra):
            return Sums(None, None, maximum, base.applicable, complete, base.open_points)
        bonus = sum((points[r] or _ZERO for r in bonuses), _ZERO)
        deducted = sum((points[r] or _ZERO for r in extra if roles[r] is Role.DEDUCTION), _ZERO)
        held = (base.points or _ZERO) + min(bonus, bonus_max) - deducted
        unheld = (_ZERO if base.unheld is None else base.unheld) + bonus - deducted
        return Sums(
            max(held, _ZERO),
            unheld,
            maximum,
            base.applicable,
            complete,
            base.open_points,
            base.redistributed,
        )

    def _redistributed(
        self,
        children: Sequence[int],
        published_max: Decimal,
        excluded: Decimal,
        policy: NAPolicy,
        complete: bool,
        scoped: Decimal = _ZERO,
    ) -> Sums:
        """A group that keeps its published max although ``excluded`` points of its score
        children are not applicable: each applicable score child's points (and its open
        points) are scaled by its share of the max removed — in proportion to its max
        (``rescale``: max / (max − excluded) for every child) or evenly (``spread``: (its max +
        excluded / n) / its max, n the applicable score children with a max). Bonuses and
        deductions are not scaled. Exact in fractions, rounded once."""
        roles = self.plan.roles
        remaining = [
            c
            for c in children
            if roles[c] is Role.SCORE and self.applicable[c] and self.maxima[c] > 0
        ]
        if not remaining:  # nothing to give the max to: the max is removed, as exclude does
            return self.sum(children, published_max + scoped)
        share = Fraction(excluded) / len(remaining)
        whole = Fraction(published_max) / (Fraction(published_max) - Fraction(excluded))
        factors = {
            c: whole if policy is NAPolicy.RESCALE else 1 + share / Fraction(self.maxima[c])
            for c in remaining
        }
        total: Fraction | None = None
        open_points = Fraction(0)
        for child in children:
            role = roles[child]
            if role is Role.MONITOR:
                continue
            factor = factors.get(child, Fraction(1))
            open_points += Fraction(self.open_points[child]) * factor if role is Role.SCORE else 0
            points = self.points[child]
            if points is not None:
                counted = Fraction(points) * factor
                total = (total or Fraction(0)) + (-counted if role is Role.DEDUCTION else counted)
        opened = decimal_of(open_points)
        if total is None:
            return Sums(None, None, published_max, True, complete, opened, excluded, scoped)
        unheld = decimal_of(total)
        held = min(max(unheld, _ZERO), published_max)
        return Sums(held, unheld, published_max, True, complete, opened, excluded, scoped)
