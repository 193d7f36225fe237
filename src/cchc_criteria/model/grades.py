"""Grades (xếp loại) and the rounding policy of a set."""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model.bands import Lower, Upper, _places, interval_contains
from cchc_criteria.text import Text, nfc

__all__ = ["ROUNDING_MODES", "Grade", "RoundingPolicy"]

#: The rounding modes a set may state (those of :mod:`decimal`); published tables round half
#: up (ROUND_HALF_UP, the default).
ROUNDING_MODES: tuple[str, ...] = (
    decimal.ROUND_HALF_UP,
    decimal.ROUND_HALF_EVEN,
    decimal.ROUND_HALF_DOWN,
    decimal.ROUND_UP,
    decimal.ROUND_DOWN,
    decimal.ROUND_CEILING,
    decimal.ROUND_FLOOR,
    decimal.ROUND_05UP,
)


def _mode(instance: object, attribute: object, value: object) -> None:
    if value not in ROUNDING_MODES:
        modes = ", ".join(ROUNDING_MODES)
        raise InvalidValueError(
            Text(
                f"cách làm tròn (mode) phải là một trong {modes}, nhận được {value!r}",
                f"the rounding mode must be one of {modes}, got {value!r}",
            )
        )


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

    ``places=None`` (the default) means the set says nothing about rounding: points are shown
    as they are and an index to two decimals, half up. ``mode`` is one of
    :data:`ROUNDING_MODES` (half up by default, as published tables round). Whatever the
    policy, bands are matched on exact values, groups add exact values, and the exact value is
    kept beside the rounded one.
    """

    places: int | None = attrs.field(default=None, validator=_places)
    mode: str = attrs.field(default=ROUND_HALF_UP, validator=_mode)
