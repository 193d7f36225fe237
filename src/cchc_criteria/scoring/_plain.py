"""The plain pass: a unit every answer of which a fast scorer takes, scored in one loop.

A plan makes its plain pass once every leaf has a fast scorer (``RuleKind.compile``): one
tuple per step, children first — a leaf's code, fast scorer and max; a group's children to
add and to subtract, and its max. The pass gives a unit's total and its areas' points, or
``None`` for any unit it does not take (an answer no fast scorer reads, not applicable, a sum
past its max): the general pass then scores that unit, findings and all. No source is
generated or compiled.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from cchc_criteria._values import REMEMBERED, remembered
from cchc_criteria.model import NA
from cchc_criteria.scoring._tally import added

__all__ = ["PLAIN_PASS_LEAVES", "REMEMBERED", "PlainPass", "fast_points"]

_ZERO = Decimal(0)
_UNSEEN = Decimal("NaN")  # by identity: no fast scorer gives this very object

PLAIN_PASS_LEAVES = 5000
"""The most leaves a plan makes a plain pass for (every leaf's fast scorer is compiled for it)."""
fast_points = remembered


@attrs.frozen
class PlainPass:
    """The plain pass: every leaf (slot, code, fast scorer, max, the points of the answers it
    remembers), then every group in the
    plan's order, children first (slot, children added, children subtracted, max), then the
    roots added (``plus``) and subtracted (``minus``) and held to ``total_max``."""

    leaves: tuple[tuple[int, str, Any, Decimal, dict[object, Decimal | None]], ...]
    groups: tuple[tuple[int, tuple[int, ...], tuple[int, ...], Decimal], ...]
    size: int
    plus: tuple[int, ...]
    minus: tuple[int, ...]
    total_max: Decimal
    roots: tuple[int, ...]

    def slots(self, get: Callable[[str], object]) -> tuple[Decimal, list[Decimal]] | None:
        """A unit's total and every slot's points, given ``answers.get``, when every answer
        is plain and every sum within its max; ``None`` for any other unit. Sums add as the
        general pass adds them (`added`), so the totals
        are the same digit for digit."""
        zero = _ZERO
        points = [zero] * self.size
        missing = _UNSEEN
        for slot, code, fast, maximum, seen in self.leaves:
            answer = get(code)
            if answer is None or answer is NA:
                return None
            # fast_points, written in: one call less per leaf on the hottest loop.
            kind = type(answer)
            if kind is str or kind is int:
                got = seen.get(answer, missing)
                if got is missing:
                    got = fast(answer)
                    if len(seen) < REMEMBERED:
                        seen[answer] = got
            else:
                got = fast(answer)
            if got is None or got < zero or got > maximum:
                return None
            points[slot] = got
        for slot, plus, minus, maximum in self.groups:
            total = added(points, plus, minus)
            if total > maximum:
                return None
            points[slot] = zero if total < zero else total
        total = added(points, self.plus, self.minus)
        if total > self.total_max:
            return None
        return (zero if total < zero else total), points
