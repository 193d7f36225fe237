"""Grades (xếp loại) and the rounding policy of a set."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from cchc_criteria.model.bands import Lower, Upper, _places, interval_contains
from cchc_criteria.text import nfc

__all__ = ["Grade", "RoundingPolicy"]


@attrs.frozen
class Grade:
    """A grade band over the index in percent (xếp loại), e.g. ``Grade("Tốt", at_least(90))``."""

    label: str = attrs.field(converter=nfc)
    lower: Lower | None = None
    upper: Upper | None = None

    def contains(self, index: Decimal) -> bool:
        """Whether an index (in percent) earns this grade."""
        return interval_contains(self.lower, self.upper, Fraction(index))


@attrs.frozen
class RoundingPolicy:
    """How a set rounds points for reporting (quy tắc làm tròn).

    ``places=None`` (the default) means the set says nothing about rounding and nothing is
    rounded. Whatever the policy, bands are matched on exact values, groups add exact values, and
    the exact value is kept beside the rounded one.
    """

    places: int | None = attrs.field(default=None, validator=_places)
    mode: str = ROUND_HALF_UP
