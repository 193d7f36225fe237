"""Comparisons: self-assessed against appraised for one unit, and one unit over two years."""

from __future__ import annotations

from decimal import Decimal

import attrs

from cchc_criteria.analysis.diff import match_codes
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
    """The same unit in two scorecards (two years).

    Criteria are matched through the later set's code map when it names the earlier set as
    its predecessor (renumbered criteria are compared under their new code), else by code. A
    criterion that was split or merged, or whose max changed, is listed and said to be not
    comparable, never compared.
    """
    old_set, new_set = before.criterion_set, after.criterion_set
    linked = new_set.lineage is not None and new_set.lineage.predecessor == old_set.id
    mapped = match_codes(old_set, new_set) if linked else None
    lines = []
    leaves = set()
    sources: dict[str, list[str]] = {}
    for later, olds in (mapped or {}).items():
        for source in olds:
            sources.setdefault(source, []).append(later)
    pairs: list[tuple[str, str | None, str | None]]
    if mapped is None:
        codes = list(before.nodes) + [c for c in after.nodes if c not in before.nodes]
        pairs = [
            (c, c if c in before.nodes else None, c if c in after.nodes else None) for c in codes
        ]
    else:
        pairs = []
        for later, olds in mapped.items():
            pairs.append((later, olds[0] if len(olds) == 1 else None, later))
        pairs += [(gone, gone, None) for gone in before.nodes if gone not in sources]
    for code, old_code, new_code in pairs:
        old = None if old_code is None else before.nodes.get(old_code)
        new = None if new_code is None else after.nodes.get(new_code)
        node = new or old
        assert node is not None
        if node.is_leaf:
            leaves.add(code)
        note = _NONE
        difference = None
        if mapped is not None and new_code is not None and len(mapped[new_code]) > 1:
            joined = ", ".join(mapped[new_code])
            note = Text(f"gộp từ {joined}: không so sánh", f"merged from {joined}: not compared")
        elif old_code is not None and len(sources.get(old_code, ())) > 1:
            note = Text(
                f"tách từ {old_code}: không so sánh", f"split from {old_code}: not compared"
            )
        elif old is None or new is None:
            note = _ONE_YEAR
        elif old.published_max != new.published_max:
            note = _MAX_CHANGED
        elif old.points is not None and new.points is not None:
            difference = new.points - old.points
            if old_code != new_code:
                note = Text(f"mã năm trước: {old_code}", f"code the year before: {old_code}")
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
