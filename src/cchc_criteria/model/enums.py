"""Enumerations of the model: not applicable, roles, N/A policies, unit kinds, scales."""

from __future__ import annotations

import enum
from fractions import Fraction

from cchc_criteria.text import fold

__all__ = ["NA", "NAPolicy", "Role", "Scale", "UnitKind", "says_not_applicable"]


class _NotApplicable(enum.Enum):
    NA = "NA"

    def __repr__(self) -> str:
        return "NA"

    def __str__(self) -> str:
        return "Không áp dụng"


NA = _NotApplicable.NA
"""The answer "not applicable" (không áp dụng, không phát sinh)."""

# What a file or a cell writes for it, folded (case, diacritics and spacing do not count).
_NA_WORDS = frozenset({"na", "n/a", "khong ap dung", "khong phat sinh"})


def says_not_applicable(text: str) -> bool:
    """Whether ``text`` is how a file or a workbook writes `NA` ("NA", "N/A", "Không
    áp dụng", "không phát sinh"). Every such word folds to a text that starts with n or k:
    any other first letter is told at once.

    Args:
        text: a cell's or a file's text.

    Returns:
        ``True`` when ``text`` means not applicable.
    """
    head = fold(text.lstrip()[:1])
    return (not head or head[0] in "nk") and fold(text) in _NA_WORDS


class Role(enum.StrEnum):
    """How a criterion's points count towards its parent.

    * ``score``: an ordinary criterion; its max is part of the parent's max.
    * ``bonus`` (điểm cộng, điểm thưởng): its points are added to the parent's, its max is not
      part of the parent's max (it is the bonus cap); the parent never exceeds its own max.
    * ``deduction`` (điểm trừ): its points are subtracted from the parent's; its max is the most
      that can be deducted; the parent never goes below 0.
    * ``monitor`` (theo dõi): scored and shown as published, but counted in neither its
      parent's points nor its max, nor in its completeness: a criterion kept for monitoring,
      outside the total, the index and the ranking.
    """

    SCORE = "score"
    BONUS = "bonus"
    DEDUCTION = "deduction"
    MONITOR = "monitor"


class NAPolicy(enum.StrEnum):
    """What "not applicable" (không áp dụng) does to a criterion.

    * ``exclude``: the criterion's max leaves the totals and the index is re-normalised
      (loại khỏi tổng điểm);
    * ``full_points``: the criterion earns its max (được điểm tối đa);
    * ``not_allowed``: the answer N/A is refused for this criterion;
    * ``rescale``: the criterion's max leaves, and the group keeps its published max: the
      points of its other criteria are scaled by max / (max − the max removed) (quy đổi về
      thang điểm của nhóm);
    * ``spread``: the criterion's max leaves, and its points are shared evenly among the
      group's other applicable criteria, each one's points scaled by (its max + its share) /
      its max (chia đều cho các tiêu chí còn lại).

    ``rescale`` and ``spread`` act where the max is removed: the group (or, for the set's
    top level, the set) whose own policy — or else the set's — says so; on a criterion with
    a rule they remove its max as ``exclude`` does.
    """

    EXCLUDE = "exclude"
    FULL_POINTS = "full_points"
    NOT_ALLOWED = "not_allowed"
    RESCALE = "rescale"
    SPREAD = "spread"

    @property
    def redistributes(self) -> bool:
        """True for a policy under which a group keeps its published max (rescale, spread)."""
        return self in (NAPolicy.RESCALE, NAPolicy.SPREAD)


class Numbering(enum.StrEnum):
    """How a set numbers its rows (cách đánh số thứ tự).

    * ``continuous``: every code is unique as printed ("1", "1.1", "2", …);
    * ``per_part``: numbering restarts under each top-level part ("I": "1", "2"; "II": "1",
      "1.1" again); a criterion's code is its path ("II.1.1").
    """

    CONTINUOUS = "continuous"
    PER_PART = "per_part"


class UnitKind(enum.StrEnum):
    """The kind of unit a criterion set scores."""

    MINISTRY = "bộ"
    PROVINCE = "tỉnh"
    DEPARTMENT = "sở"
    DISTRICT = "huyện"
    COMMUNE = "xã"


class Scale(enum.StrEnum):
    """The unit of the figure a rule reads.

    * ``percent``: a rate in percent, 0 to 100 ("93%", ``93``, "3/41");
    * ``ratio``: a rate as a fraction, 0 to 1 ("3/41", ``0.93``, "93%");
    * ``count``: a whole number of things or events, 0 and up;
    * ``number``: any number.
    """

    PERCENT = "percent"
    RATIO = "ratio"
    COUNT = "count"
    NUMBER = "number"

    @property
    def symbol(self) -> str:
        """The suffix used when a value of this scale is written for people."""
        return " %" if self is Scale.PERCENT else ""

    def domain(self) -> tuple[Fraction | None, Fraction | None]:
        """The lowest and highest value an answer may take (``None``: unbounded)."""
        return _DOMAINS.get(self.value, (None, None))


_DOMAINS: dict[str, tuple[Fraction | None, Fraction | None]] = {
    Scale.PERCENT.value: (Fraction(0), Fraction(100)),
    Scale.RATIO.value: (Fraction(0), Fraction(1)),
    Scale.COUNT.value: (Fraction(0), None),
}
"""Each scale's domain, built once (scoring checks every answer against it)."""
