"""Comparisons: self-assessed against appraised for one unit, and one unit over two years
(a cohort over two years: `cchc_criteria.analysis.cohort_compare`).

Which card is the earlier one is read from the cards themselves (the sets' lineage, the
periods they are in force, the periods assessed), never from the order they were given in:
`chronological` says which, and `compare_years` refuses a pair given the wrong way
round.
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from cchc_criteria.analysis.diff import match_codes
from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import CriterionSet
from cchc_criteria.scoring import NodeScore, Scorecard, score
from cchc_criteria.text import Text

__all__ = [
    "Comparison",
    "Line",
    "Side",
    "chronological",
    "compare_declared",
    "compare_years",
]

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
        rule_change, unit_change: for a criterion scored by a rule in both years, the
            difference split in two: what the rule's change gave (last year's figure scored by
            this year's set, less last year's points) and what the unit's change gave (this
            year's points less last year's figure scored by this year's set); they add up to
            ``difference`` exactly. ``None`` where last year's figure cannot be scored by this
            year's rule.
        counted: whether the comparison's totals add this line up (a comparable leaf).
    """

    code: str
    title: str
    max_before: Decimal | None
    max_after: Decimal | None
    before: Decimal | None
    after: Decimal | None
    difference: Decimal | None
    note: Text = _NONE
    rule_change: Decimal | None = None
    unit_change: Decimal | None = None
    counted: bool = False


@attrs.frozen
class Side:
    """What one side of a comparison holds.

    Attributes:
        set_id: the criterion set the card was scored against.
        period: the period assessed, or the set's period in force when the assessment names
            none ("2019", "2024-01-01 – 2024-12-31").
        scores: ``points`` (scored from the figures), ``self_assessed`` or ``appraised``.
        unit: the assessment's unit.
    """

    set_id: str
    period: str
    scores: str
    unit: str = attrs.field(default="", kw_only=True)


@attrs.frozen
class Comparison:
    """Lines in document order, the totals of the lines that could be compared, and what
    each side holds (``before``/``after``; ``None`` for a comparison built by hand)."""

    lines: tuple[Line, ...]
    before_total: Decimal
    after_total: Decimal
    before: Side | None = None
    after: Side | None = None

    @property
    def difference(self) -> Decimal:
        """``after_total − before_total``."""
        return self.after_total - self.before_total

    @property
    def rule_change(self) -> Decimal | None:
        """The part of the difference the rules' changes gave (the decomposed lines'), or
        ``None`` when no line is decomposed."""
        parts = [line.rule_change for line in self.lines if line.rule_change is not None]
        return sum(parts, Decimal(0)) if parts else None

    @property
    def unit_change(self) -> Decimal | None:
        """The part of the difference the unit's own changes gave."""
        parts = [line.unit_change for line in self.lines if line.unit_change is not None]
        return sum(parts, Decimal(0)) if parts else None

    @property
    def undecomposed(self) -> Decimal:
        """The part of the difference on compared lines that is not split: a merged
        criterion (last year's figures belong to several criteria, which this year's rule
        cannot score as one), or a figure this year's rule cannot read. ``rule_change +
        unit_change + undecomposed == difference``, exactly."""
        split = (self.rule_change or Decimal(0)) + (self.unit_change or Decimal(0))
        return self.difference - split


def compare_declared(card: Scorecard) -> Comparison:
    """Self-assessed (before) against appraised (after) scores, criterion by criterion."""
    unit = card.assessment.unit
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
    return _sum(
        lines,
        leaves,
        Side(card.criterion_set.id, _period_text(card), "self_assessed", unit=unit),
        Side(card.criterion_set.id, _period_text(card), "appraised", unit=unit),
    )


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")


def _assessed_year(card: Scorecard) -> int | None:
    found = _YEAR.search(card.assessment.period)
    return None if found is None else int(found.group(1))


def _period_text(card: Scorecard) -> str:
    if card.assessment.period:
        return card.assessment.period
    cs = card.criterion_set
    if cs.valid_from is None and cs.valid_until is None:
        return cs.in_force_text
    return " – ".join(str(day) if day else "…" for day in (cs.valid_from, cs.valid_until))


def _replaces(later: CriterionSet, earlier: CriterionSet) -> bool:
    """Whether ``later`` names ``earlier`` (another set) as its predecessor."""
    return (
        later.id != earlier.id
        and later.lineage is not None
        and later.lineage.predecessor == earlier.id
    )


def _order(a: Scorecard, b: Scorecard) -> tuple[int, str] | None:
    """``(-1, why)`` when ``a`` is the earlier card, ``(1, why)`` when ``b`` is, ``None`` when
    the cards do not say."""
    set_a, set_b = a.criterion_set, b.criterion_set
    if _replaces(set_b, set_a):
        return -1, f"{set_b.id} replaces {set_a.id}"
    if _replaces(set_a, set_b):
        return 1, f"{set_a.id} replaces {set_b.id}"
    year_a, year_b = _assessed_year(a), _assessed_year(b)
    if year_a is not None and year_b is not None and year_a != year_b:
        return (-1 if year_a < year_b else 1), f"periods assessed {year_a} and {year_b}"
    start_a, start_b = set_a.valid_from, set_b.valid_from
    if start_a is not None and start_b is not None and start_a != start_b:
        return (-1 if start_a < start_b else 1), f"in force from {start_a} and {start_b}"
    return None


def chronological(a: Scorecard, b: Scorecard) -> tuple[Scorecard, Scorecard]:
    """The two cards, the earlier first.

    Which is earlier is read from the cards: a set that names the other as its predecessor
    is the later one; otherwise the years of the periods assessed; otherwise the days the
    sets come into force. The order of the arguments never decides.

    Raises:
        ArgumentError: when the cards do not say which is earlier (the same set and no
            period, or the same period): name the direction explicitly then.
    """
    order = _order(a, b)
    if order is None:
        raise ArgumentError(
            Text(
                f"không xác định được năm nào trước: {a.criterion_set.id} "
                f"({_period_text(a) or 'không rõ kỳ'}) và {b.criterion_set.id} "
                f"({_period_text(b) or 'không rõ kỳ'}); hãy ghi kỳ đánh giá (period) hoặc chỉ "
                "rõ bên nào trước",
                f"cannot tell which is earlier: {a.criterion_set.id} "
                f"({_period_text(a) or 'no period'}) and {b.criterion_set.id} "
                f"({_period_text(b) or 'no period'}); give each assessment its period, or say "
                "which is before",
            )
        )
    return (a, b) if order[0] < 0 else (b, a)


def compare_years(before: Scorecard, after: Scorecard) -> Comparison:
    """The same unit in two scorecards (two years), ``before`` the earlier.

    Criteria are matched through the sets' code map when one names the other as its
    predecessor (renumbered criteria are compared under their new code and say their old
    one; a merged criterion is compared with the sum of the criteria it was merged from when
    its max is theirs added up), else by code. A criterion that was split, or whose max
    changed, is listed and said to be not comparable, never compared.

    Raises:
        ArgumentError: when the cards show that ``after`` is the earlier one (use
            `chronological` when the order is not known).
    """
    order = _order(before, after)
    if order is not None and order[0] > 0:
        raise ArgumentError(
            Text(
                f"thứ tự so sánh bị đảo: {after.criterion_set.id} ({_period_text(after)}) là "
                f"năm trước của {before.criterion_set.id} ({_period_text(before)})",
                f"the comparison is the wrong way round: {after.criterion_set.id} "
                f"({_period_text(after)}) comes before {before.criterion_set.id} "
                f"({_period_text(before)}) ({order[1]})",
            )
        )
    old_set, new_set = before.criterion_set, after.criterion_set
    linked = _replaces(new_set, old_set) or _replaces(old_set, new_set)
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
        merged = () if mapped is None or new_code is None else mapped[new_code]
        if len(merged) > 1:
            lines.append(_merged_line(code, node.title, before, merged, new))
            continue
        note = _NONE
        difference = None
        if old_code is not None and len(sources.get(old_code, ())) > 1:
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
    lines = _decomposed(lines, leaves, pairs, before, after)
    return _sum(
        lines,
        leaves,
        Side(old_set.id, _period_text(before), "points", unit=before.assessment.unit),
        Side(new_set.id, _period_text(after), "points", unit=after.assessment.unit),
    )


def _decomposed(
    lines: list[Line],
    leaves: set[str],
    pairs: list[tuple[str, str | None, str | None]],
    before: Scorecard,
    after: Scorecard,
) -> list[Line]:
    """``lines`` with every compared leaf's difference split into the rule's change and the
    unit's: last year's figures are scored by this year's set (its rule kinds, the unit's
    group and period of this year), under this year's codes."""
    kinds = getattr(after.nodes, "kinds", None)
    sources = {new: old for _, old, new in pairs if new is not None and old is not None}
    compared = [line for line in lines if line.difference is not None and line.code in leaves]
    if kinds is None or not compared:
        return lines
    old_answers = before.assessment.answers
    answers = {
        new: old_answers[old]
        for new, old in sources.items()
        if new in leaves and old in old_answers
    }
    unit = attrs.evolve(after.assessment, answers=answers, self_assessed={}, appraised={})
    rescored = score(after.criterion_set, unit, kinds=kinds)
    result = []
    for line in lines:
        if line not in compared or line.before is None or line.after is None:
            result.append(line)
            continue
        figure = rescored.nodes[line.code].points if line.code in rescored.nodes else None
        if figure is None:
            result.append(line)
            continue
        result.append(
            attrs.evolve(line, rule_change=figure - line.before, unit_change=line.after - figure)
        )
    return result


def _merged_line(
    code: str, title: str, before: Scorecard, sources: tuple[str, ...], new: NodeScore | None
) -> Line:
    """A criterion merged from ``sources``: compared with their points added up when its max
    is their maxima added up and every one of them was scored."""
    joined = ", ".join(sources)
    olds = [before.nodes[c] for c in sources if c in before.nodes]
    complete = len(olds) == len(sources)
    old_max = sum((n.published_max for n in olds), Decimal(0)) if complete else None
    old_points = None
    if complete and all(n.points is not None for n in olds):
        old_points = sum((n.points for n in olds if n.points is not None), Decimal(0))
    new_max = None if new is None else new.published_max
    new_points = None if new is None else new.points
    if old_points is not None and new_points is not None and old_max == new_max:
        note = Text(f"gộp từ {joined}", f"merged from {joined}")
        difference: Decimal | None = new_points - old_points
    else:
        note = Text(f"gộp từ {joined}: không so sánh", f"merged from {joined}: not compared")
        difference = None
    return Line(code, title, old_max, new_max, old_points, new_points, difference, note)


def _difference(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    return None if before is None or after is None else after - before


def _sum(lines: list[Line], leaves: set[str], before: Side, after: Side) -> Comparison:
    lines = [
        attrs.evolve(line, counted=True)
        if line.difference is not None and line.code in leaves
        else line
        for line in lines
    ]
    compared = [line for line in lines if line.counted]
    return Comparison(
        tuple(lines),
        sum((line.before or Decimal(0) for line in compared), Decimal(0)),
        sum((line.after or Decimal(0) for line in compared), Decimal(0)),
        before,
        after,
    )
