"""Grades (xếp loại) and the rounding policy of a set."""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model.bands import Lower, Upper, _places, interval_contains
from cchc_criteria.numbers import format_number
from cchc_criteria.text import Text, nfc

__all__ = [
    "ROUNDING_MODES",
    "Grade",
    "GradeCondition",
    "RoundingPolicy",
    "unknown_condition_code",
]

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


#: What a grade condition checks: no scored criterion at 0 below a code; a criterion's
#: index (points over max, in percent) or its declared figure at least a value.
CONDITIONS = ("no_zero_under", "index_from", "figure_from")


def _condition_kind(instance: object, attribute: object, value: str) -> None:
    if value not in CONDITIONS:
        raise InvalidValueError(
            Text(
                f"điều kiện xếp loại là một trong {', '.join(CONDITIONS)}, nhận được {value!r}",
                f"a grade condition is one of {', '.join(CONDITIONS)}, got {value!r}",
            )
        )


@attrs.frozen
class GradeCondition:
    """A condition a grade needs beyond the index (điều kiện xếp loại).

    Attributes:
        kind: ``no_zero_under`` — no scored criterion at or below ``criterion`` has 0 points
            ("không có tiêu chí nào của lĩnh vực 2 bị 0 điểm"); ``index_from`` — the
            criterion's points are at least ``value`` % of its max; ``figure_from`` — the
            figure declared for the criterion, as its rule read it, is at least ``value``
            ("tỷ lệ đơn vị trực thuộc xếp loại tốt từ 70 % trở lên").
        criterion: the code of the criterion it looks at.
        value: the least index or figure (not used by ``no_zero_under``).
    """

    kind: str = attrs.field(validator=_condition_kind)
    criterion: str = attrs.field(converter=nfc)
    value: Decimal | None = None

    def describe(self) -> Text:
        """The condition in words, in both languages."""
        code = self.criterion
        shown = "" if self.value is None else format_number(self.value)
        shown_en = "" if self.value is None else format_number(self.value, lang="en")
        if self.kind == "no_zero_under":
            return Text(
                f"không có tiêu chí nào thuộc {code} bị 0 điểm",
                f"no criterion under {code} at 0 points",
            )
        if self.kind == "index_from":
            return Text(
                f"{code} đạt từ {shown} % điểm tối đa trở lên",
                f"{code} at least {shown_en} % of its max",
            )
        return Text(
            f"số liệu của {code} từ {shown} trở lên", f"the figure of {code} at least {shown_en}"
        )


def _conditions(value: Iterable[GradeCondition]) -> tuple[GradeCondition, ...]:
    return tuple(value)


@attrs.frozen
class Grade:
    """A grade band over the index in percent (xếp loại), e.g. ``Grade("Tốt", at_least(90))``.

    ``requires`` are conditions beyond the index ("loại A: từ 90 điểm trở lên và không có
    tiêu chí nào của lĩnh vực 2 bị 0 điểm"): a unit whose index is in the band but that misses
    one gets the next grade down whose conditions it meets.
    """

    label: str = attrs.field(converter=nfc)
    lower: Lower | None = None
    upper: Upper | None = None
    requires: tuple[GradeCondition, ...] = attrs.field(default=(), converter=_conditions)

    def contains(self, index: Decimal) -> bool:
        """Whether an index (in percent) earns this grade."""
        return interval_contains(self.lower, self.upper, Fraction(index))


def unknown_condition_code(label: str, code: str) -> Text:
    """What is wrong with a grade condition that names a criterion the set does not have."""
    return Text(
        f"xếp loại {label!r}: điều kiện nêu tiêu chí {code!r}, bộ tiêu chí không có mã này",
        f"grade {label!r}: a condition names criterion {code!r}, which the set does not have",
    )


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
    #: The places declared scores (self-assessed, appraised) are compared at: a declared
    #: score equal to the points rounded to them (half up) agrees ("điểm tự đánh giá làm tròn
    #: đến 2 chữ số thập phân"). ``None``: compared exactly, or as the set rounds.
    declared: int | None = attrs.field(default=None, validator=_places)
