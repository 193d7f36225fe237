"""The plain pass: a unit every answer of which a fast scorer takes, scored in one loop.

A plan makes its plain pass once every leaf has a fast scorer (``RuleKind.compile``): one
tuple per step, children first — a leaf's code, fast scorer and max; a group's children to
add and to subtract, and its max. The pass gives a unit's total and its areas' points, or
``None`` for any unit it does not take (an answer no fast scorer reads, not applicable, a sum
past its max): the general pass then scores that unit, findings and all. No source is
generated or compiled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from cchc_criteria.model import NA

__all__ = ["PLAIN_PASS_LEAVES", "PlainPass", "Program", "plain_pass"]

_ZERO = Decimal(0)

#: The most leaves a plan generates a plain pass for (its source grows with the set).
PLAIN_PASS_LEAVES = 5000

#: A plan's plain pass: ``answers.get`` → (the total, each area's points), or ``None``.
PlainPass = Callable[[Callable[[str], object]], tuple[Decimal, tuple[Decimal, ...]] | None]


#: One step of a plain pass: (slot, is a leaf, code or children added, fast scorer or
#: children subtracted, max).
Program = tuple[tuple[int, bool, Any, Any, Decimal], ...]


@attrs.frozen
class plain_pass:
    """The plain pass over ``program``: ``size`` slots, the roots added (``plus``) and
    subtracted (``minus``) and held to ``total_max``; called with ``answers.get``, it
    returns the total and each of ``roots``' points."""

    program: Program
    size: int
    plus: tuple[int, ...]
    minus: tuple[int, ...]
    total_max: Decimal
    roots: tuple[int, ...]

    def __call__(self, get: Callable[[str], object]) -> tuple[Decimal, tuple[Decimal, ...]] | None:
        """A unit's total and areas when every answer is plain and every sum within its
        max; ``None`` for any other unit. Sums add in the general pass's order (additions
        first), so the totals are the same digit for digit."""
        points = [_ZERO] * self.size
        for slot, leaf, first, second, maximum in self.program:
            if leaf:
                answer = get(first)
                if answer is None or answer is NA:
                    return None
                got = second(answer)
                if got is None or got < _ZERO or got > maximum:
                    return None
                points[slot] = got
                continue
            total = _added(points, first, second)
            if total > maximum:
                return None
            points[slot] = _ZERO if total < _ZERO else total
        total = _added(points, self.plus, self.minus)
        if total > self.total_max:
            return None
        return (_ZERO if total < _ZERO else total), tuple(points[s] for s in self.roots)


def _added(points: list[Decimal], plus: Sequence[int], minus: Sequence[int]) -> Decimal:
    """The children's points added, deductions subtracted, one at a time in the order the
    general sum adds them (additions first): the same Decimal digit for digit."""
    total = _ZERO
    for child in plus:
        total = total + points[child]
    for child in minus:
        total = total - points[child]
    return total
