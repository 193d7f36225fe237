"""Grades (xếp loại) and the rounding policy of a set."""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model.bands import Lower, Upper, _places, interval_contains
from cchc_criteria.numbers import format_number, round_points
from cchc_criteria.text import Text, nfc

__all__ = [
    "DISPLAY_PLACES",
    "ROUNDING_MODES",
    "Grade",
    "GradeCondition",
    "RoundingPolicy",
    "unknown_condition_code",
]

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
"""The rounding modes a set may state (those of `decimal`); published tables round half up
(ROUND_HALF_UP, the default)."""


def _mode(instance: object, attribute: object, value: object) -> None:
    if value not in ROUNDING_MODES:
        modes = ", ".join(ROUNDING_MODES)
        raise InvalidValueError(
            Text(
                f"cách làm tròn (mode) phải là một trong {modes}, nhận được {value!r}",
                f"the rounding mode must be one of {modes}, got {value!r}",
            )
        )


CONDITIONS = ("no_zero_under", "index_from", "figure_from")
"""What a grade condition checks: no scored criterion at 0 below a code; a criterion's index
(points over max, in percent) or its declared figure at least a value."""


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


DISPLAY_PLACES = 2
"""The decimals reports show points to when a set says nothing about rounding."""

# How each rounding mode is said on a printed page.
_MODE_WORDS = {
    decimal.ROUND_HALF_UP: ("từ 5 trở lên làm tròn lên", "half up"),
    decimal.ROUND_HALF_EVEN: ("làm tròn nửa về số chẵn", "half to even"),
    decimal.ROUND_HALF_DOWN: ("trên 5 mới làm tròn lên", "half down"),
    decimal.ROUND_UP: ("luôn làm tròn lên", "away from zero"),
    decimal.ROUND_DOWN: ("bỏ phần thừa", "toward zero"),
    decimal.ROUND_CEILING: ("làm tròn lên", "toward +∞"),
    decimal.ROUND_FLOOR: ("làm tròn xuống", "toward −∞"),
    decimal.ROUND_05UP: ("làm tròn lên khi chữ số cuối là 0 hoặc 5", "05up"),
}


@attrs.frozen
class RoundingPolicy:
    """How a set rounds points for reporting (quy tắc làm tròn).

    ``places=None`` (the default) means the set says nothing about rounding: reports then
    show points to `DISPLAY_PLACES` decimals, half up, and say so on the page.
    ``mode`` is one of `ROUNDING_MODES` (half up by default, as published tables
    round). An index is shown to two decimals, half up. Whatever the policy, bands are
    matched on exact values, groups add exact values, declared scores are compared with the
    exact points (or as the set rounds them), and the exact value is kept beside the rounded
    one.
    """

    places: int | None = attrs.field(default=None, validator=_places)
    mode: str = attrs.field(default=ROUND_HALF_UP, validator=_mode)
    #: The places declared scores (self-assessed, appraised) are compared at: a declared
    #: score equal to the points rounded to them (half up) agrees ("điểm tự đánh giá làm tròn
    #: đến 2 chữ số thập phân"). ``None``: compared exactly, or as the set rounds.
    declared: int | None = attrs.field(default=None, validator=_places)

    @property
    def display_places(self) -> int:
        """The decimals reports show points to: the set's, else `DISPLAY_PLACES`."""
        return DISPLAY_PLACES if self.places is None else self.places

    def display(self, value: Decimal) -> Decimal:
        """``value`` as reports show it: rounded to `display_places` by the set's mode,
        trailing zeros dropped (``Decimal("7.57")``, ``Decimal("7.5")``, ``Decimal("13")``)."""
        places = self.display_places
        exponent = value.as_tuple().exponent
        # A value with no more decimals than shown is itself: nothing to round (most points).
        fits = type(exponent) is int and exponent >= -places
        shown = value if fits else round_points(value, places, self.mode)
        return (
            shown.quantize(Decimal(1)) if shown == shown.to_integral_value() else shown.normalize()
        )

    def describe(self, lang: str = "vi") -> str:
        """How reports round, in words for the page ("Điểm và chỉ số làm tròn đến 2 chữ số
        thập phân, từ 5 trở lên làm tròn lên (theo bộ tiêu chí); …")."""
        vi_mode, en_mode = _MODE_WORDS[self.mode]
        places = self.display_places
        if lang == "vi":
            source = "theo bộ tiêu chí" if self.places is not None else "mặc định"
            return (
                f"Điểm và chỉ số làm tròn đến {places} chữ số thập phân, {vi_mode} ({source}); "
                "mọi phép tính dùng giá trị chính xác."
            )
        source = "as the set says" if self.places is not None else "by default"
        return (
            f"Points and index rounded to {places} decimals, {en_mode} ({source}); every sum "
            "is computed on exact values."
        )
