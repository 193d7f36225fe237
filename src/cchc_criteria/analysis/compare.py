"""Comparisons: self-assessed against appraised for one unit, and one unit over two years."""

from __future__ import annotations

from decimal import Decimal

import attrs

from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Text

__all__ = ["Comparison", "Line", "compare_declared", "compare_years"]

# Why a line is not compared.
_MISSING_SCORE = Text(
    "thiếu điểm tự đánh giá hoặc thẩm định", "no self-assessed or appraised score"
)
_ONE_YEAR = Text("chỉ có ở một năm", "in one year only")
_MAX_CHANGED = Text("điểm tối đa thay đổi: không so sánh", "max points changed: not compared")
_UNSCORED = Text("chưa chấm ở một năm", "unscored in one year")
_NONE = Text("", "")


@attrs.frozen
class Line:
    """One criterion in a comparison.

    Attributes:
        code, title: the criterion.
        max_before, max_after: its max on each side (``None`` where it is absent).
        before, after: the points (or declared scores) on each side.
        difference: ``after − before``, or ``None`` when they are not comparable: a side
            is missing, or the criterion's max changed (then ``note`` says so).
        note: why a line is not compared, in Vietnamese and English (``note.get(lang)``).
    """

    code: str
    title: str
    max_before: Decimal | None
    max_after: Decimal | None
    before: Decimal | None
    after: Decimal | None
    difference: Decimal | None
    note: Text = _NONE


@attrs.frozen
class Comparison:
    """Lines in document order, and the totals of the lines that could be compared."""

    lines: tuple[Line, ...]
    before_total: Decimal
    after_total: Decimal

    @property
    def difference(self) -> Decimal:
        """``after_total − before_total``."""
        return self.after_total - self.before_total


def compare_declared(card: Scorecard) -> Comparison:
    """Self-assessed (before) against appraised (after) scores, criterion by criterion."""
    lines = []
    leaves = set()
    for node in card:
        if node.is_leaf:
            leaves.add(node.code)
        both = node.self_assessed is not None and node.appraised is not None
        lines.append(
            Line(
                node.code,
                node.title,
                node.published_max,
                node.published_max,
                node.self_assessed,
                node.appraised,
                _difference(node.self_assessed, node.appraised),
                _NONE if both else _MISSING_SCORE,
            )
        )
    return _sum(lines, leaves)


def compare_years(before: Scorecard, after: Scorecard) -> Comparison:
    """The same unit in two scorecards (two years), criteria matched by code.

    A criterion whose max changed between the two sets is listed, and said to be not
    comparable, never compared.
    """
    lines = []
    leaves = set()
    codes = list(before.nodes) + [c for c in after.nodes if c not in before.nodes]
    for code in codes:
        old, new = before.nodes.get(code), after.nodes.get(code)
        node = new or old
        assert node is not None
        if node.is_leaf:
            leaves.add(code)
        note = _NONE
        difference = None
        if old is None or new is None:
            note = _ONE_YEAR
        elif old.published_max != new.published_max:
            note = _MAX_CHANGED
        elif old.points is not None and new.points is not None:
            difference = new.points - old.points
        else:
            note = _UNSCORED
        lines.append(
            Line(
                code,
                node.title,
                None if old is None else old.published_max,
                None if new is None else new.published_max,
                None if old is None else old.points,
                None if new is None else new.points,
                difference,
                note,
            )
        )
    return _sum(lines, leaves)


def _difference(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    return None if before is None or after is None else after - before


def _sum(lines: list[Line], leaves: set[str]) -> Comparison:
    compared = [line for line in lines if line.difference is not None and line.code in leaves]
    return Comparison(
        tuple(lines),
        sum((line.before or Decimal(0) for line in compared), Decimal(0)),
        sum((line.after or Decimal(0) for line in compared), Decimal(0)),
    )
