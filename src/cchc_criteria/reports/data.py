"""The scorecard and ranking as plain data: the JSON format (versioned) and the rows every
renderer lays out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

import attrs

from cchc_criteria.model import CriterionSet, Finding, RoundingPolicy
from cchc_criteria.numbers import plain
from cchc_criteria.scoring import NodeScore, Scorecard, rounded_index
from cchc_criteria.text import group_key

if TYPE_CHECKING:
    from cchc_criteria.analysis.advice import Advice
    from cchc_criteria.analysis.compare import Comparison, Side
    from cchc_criteria.analysis.diff import SetDiff

__all__ = [
    "SCORECARD_FORMAT",
    "FindingData",
    "NodeData",
    "Ranked",
    "ScorecardData",
    "SetSummary",
    "Standing",
    "advice_data",
    "comparison_data",
    "diff_data",
    "finding_data",
    "plain",
    "rank",
    "ranking_areas",
    "ranking_data",
    "scorecard_data",
    "set_data",
]

#: The name and version of the JSON scorecard format (documented in ``docs/reports.md``).
SCORECARD_FORMAT = "cchc-scorecard/1"


class FindingData(TypedDict):
    """A finding in JSON (``cchc-scorecard/1``, ``cchc lint --json``)."""

    code: str
    severity: str
    criterion: str
    message: str
    message_vi: str
    band: int | None
    value: str | None
    acknowledged: str | None


class SetSummary(TypedDict):
    """The set a scorecard was scored against."""

    id: str
    title: str
    province: str | None
    unit_kind: str | None


class NodeData(TypedDict):
    """One node of a scorecard in JSON: numbers are exact decimal strings ("7.5")."""

    code: str
    title: str
    depth: int
    role: str
    leaf: bool
    published_max: str | None
    max_points: str | None
    points: str | None
    rounded: str | None
    rule_points: str | None
    index: str | None
    index_rounded: str | None
    applicable: bool
    complete: bool
    open_points: str | None
    figure: str | None
    value: str | None
    matched: str | None
    explanation: str
    explanation_en: str
    self_assessed: str | None
    appraised: str | None
    evidence: list[str]
    unit_explanation: str
    children: list[str]


class ScorecardData(TypedDict):
    """A scorecard in the JSON format ``cchc-scorecard/1`` (:func:`scorecard_data`)."""

    format: str
    set: SetSummary
    unit: str
    period: str
    points: str | None
    rounded: str | None
    max_points: str | None
    open_points: str | None
    index: str | None
    index_rounded: str | None
    complete: bool
    grade: str | None
    nodes: list[NodeData]
    findings: list[FindingData]
    lint_findings: list[FindingData]


def _number(value: Decimal | None) -> str | None:
    # Decimals travel as strings in JSON: a float would lose exactness.
    return None if value is None else plain(value)


def finding_data(finding: Finding) -> FindingData:
    """A finding as JSON-ready data (the same shape everywhere: scorecards, lint, …)."""
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "criterion": finding.criterion,
        "message": finding.message,
        "message_vi": finding.message_vi,
        "band": finding.band,
        "value": _number(finding.value),
        "acknowledged": finding.acknowledged,
    }


def _node(node: NodeScore, policy: RoundingPolicy) -> NodeData:
    return {
        "code": node.code,
        "title": node.title,
        "depth": node.depth,
        "role": str(node.role),
        "leaf": node.is_leaf,
        "published_max": _number(node.published_max),
        "max_points": _number(node.max_points),
        "points": _number(node.points),
        "rounded": _number(node.rounded),
        "rule_points": _number(node.rule_points),
        "index": _number(node.index),
        "index_rounded": _number(rounded_index(node.index, policy)),
        "applicable": node.applicable,
        "complete": node.complete,
        "open_points": _number(node.open_points),
        "figure": node.figure,
        "value": _number(node.value),
        "matched": node.matched,
        "explanation": node.explanation.vi,
        "explanation_en": node.explanation.en,
        "self_assessed": _number(node.self_assessed),
        "appraised": _number(node.appraised),
        "evidence": list(node.evidence),
        "unit_explanation": node.unit_explanation,
        "children": list(node.children),
    }


def scorecard_data(card: Scorecard) -> ScorecardData:
    """The scorecard in the JSON format ``cchc-scorecard/1``: every field of the Python
    :class:`~cchc_criteria.Scorecard`, numbers as exact decimal strings."""
    cs = card.criterion_set
    return {
        "format": SCORECARD_FORMAT,
        "set": {
            "id": cs.id,
            "title": cs.title,
            "province": cs.province,
            "unit_kind": None if cs.unit_kind is None else cs.unit_kind.value,
        },
        "unit": card.assessment.unit,
        "period": card.assessment.period,
        "points": _number(card.points),
        "rounded": _number(card.rounded),
        "max_points": _number(card.max_points),
        "open_points": _number(card.open_points),
        "index": _number(card.index),
        "index_rounded": _number(rounded_index(card.index, cs.rounding)),
        "complete": card.complete,
        "grade": card.grade,
        "nodes": [_node(node, cs.rounding) for node in card],
        "findings": [finding_data(f) for f in card.findings],
        "lint_findings": [finding_data(f) for f in card.lint_findings],
    }


_UNSCORED = "_"


def _area_text(indices: Iterable[Decimal | None] | str) -> str:
    """Area indices as one line of their exact texts (a line already made is kept)."""
    if isinstance(indices, str):
        return indices
    return " ".join(_UNSCORED if index is None else str(index) for index in indices)


@attrs.frozen
class Standing:
    """What a ranking reads of a unit's scorecard: its totals, grade and areas.

    A scorecard keeps the unit's answers and makes its nodes when they are read; a standing
    keeps a few numbers, so that ranking tens of thousands of units holds no scorecard
    (``Standing.of(card)``, which reads no node).

    Attributes:
        criterion_set: the set the unit was scored against.
        unit, period: the assessment's unit and period.
        points, max_points, index: the totals (the index exact, as a percentage).
        grade: the grade, when the set has grades and the scorecard is complete.
        complete: whether every criterion was scored (or is not applicable).
        area_indices: the index of every top-level area of the set, in document order
            (``areas`` pairs them with their codes). Kept as their exact text, one line for
            all of them (a tuple of Decimals costs three times the memory, and a ranking
            keeps one standing per unit); read back as Decimals, digit for digit.
    """

    criterion_set: CriterionSet
    unit: str
    period: str
    points: Decimal
    max_points: Decimal
    index: Decimal | None
    grade: str | None
    complete: bool
    _area_text: str = attrs.field(alias="area_indices", converter=_area_text)

    @property
    def area_indices(self) -> tuple[Decimal | None, ...]:
        """The index of every top-level area, in document order (``None``: unscored)."""
        if not self._area_text:
            return ()
        return tuple(
            None if text == _UNSCORED else Decimal(text) for text in self._area_text.split(" ")
        )

    @property
    def areas(self) -> tuple[tuple[str, Decimal | None], ...]:
        """(code, index) of every top-level area, in document order."""
        codes = (criterion.code for criterion in self.criterion_set.criteria)
        return tuple(zip(codes, self.area_indices, strict=True))

    @classmethod
    def of(cls, card: Scorecard) -> Standing:
        """The standing of ``card``."""
        return cls(
            card.criterion_set,
            card.assessment.unit,
            card.assessment.period,
            card.points,
            card.max_points,
            card.index,
            card.grade,
            card.complete,
            card.area_indices,
        )

    def area(self, code: str) -> Decimal | None:
        """The index of area ``code`` (``None`` when unscored or not an area of this set)."""
        return next((index for area, index in self.areas if area == code), None)

    def has_area(self, code: str) -> bool:
        """Whether ``code`` is one of this set's areas."""
        return any(area == code for area, _ in self.areas)


@attrs.frozen
class Ranked:
    """One unit's place in a ranking (xếp hạng).

    Attributes:
        standing: the unit's totals, grade and areas.
        group: the unit group it is ranked within ("" when there is one group).
        rank: 1 for the best; units with the same index share a rank (1, 2, 2, 4); ``None``
            for an incomplete scorecard, which is listed but not ranked.
        source: where the assessment came from (a file name), for people.
    """

    standing: Standing
    group: str
    rank: int | None
    source: str


def rank(cards: Sequence[tuple[Scorecard | Standing, str, str]]) -> list[Ranked]:
    """Rank scorecards (or their standings) within their groups by exact index, ties sharing
    a rank.

    ``cards`` holds (scorecard or standing, group, source). Groups are told apart by
    :func:`~cchc_criteria.text.group_key` ("A", "a " and "Nhóm A" are one group) and named as
    the set declares them, else by their first spelling in sorted order. The result is
    ordered by group, then rank, with incomplete scorecards last in their group.
    """
    groups: dict[str, list[tuple[Standing, str]]] = {}
    spellings: dict[str, set[str]] = {}
    declared: dict[str, str] = {}
    for card, group, source in cards:
        standing = card if isinstance(card, Standing) else Standing.of(card)
        key = group_key(group)
        groups.setdefault(key, []).append((standing, source))
        spellings.setdefault(key, set()).add(group)
        named = standing.criterion_set.group_named(group)
        if named is not None:
            declared.setdefault(key, named)
    names = {key: declared.get(key) or min(spellings[key]) for key in groups}
    result: list[Ranked] = []
    for key in sorted(groups):
        members = groups[key]
        group = names[key]
        ranked = sorted(
            (m for m in members if m[0].complete and m[0].index is not None),
            key=lambda m: (-(m[0].index or 0), m[1]),
        )
        previous: Decimal | None = None
        place = 0
        for position, (card, source) in enumerate(ranked, start=1):
            if card.index != previous:
                place = position
                previous = card.index
            result.append(Ranked(card, group, place, source))
        result += [
            Ranked(card, group, None, source)
            for card, source in sorted(members, key=lambda m: m[1])
            if not (card.complete and card.index is not None)
        ]
    return result


def advice_data(advice: Advice) -> dict[str, Any]:
    """Advice as JSON-ready data: the points now, the points reachable, every step."""
    return {
        "points": plain(advice.points),
        "reachable": plain(advice.reachable),
        "open_points": plain(advice.open_points),
        "unanswered": [
            {
                "criterion": item.criterion,
                "title": item.title,
                "open_points": plain(item.open_points),
                "answered": item.answered,
                "message": item.text.en,
                "message_vi": item.text.vi,
            }
            for item in advice.unanswered
        ],
        "steps": [
            {
                "criterion": step.criterion,
                "kind": step.kind,
                "target": str(step.target),
                "exclusive": step.exclusive,
                "continuous": step.continuous,
                "gain": plain(step.gain),
                "message": step.text.en,
                "message_vi": step.text.vi,
            }
            for step in advice.steps
        ],
    }


def comparison_data(comparison: Comparison) -> dict[str, Any]:
    """A comparison as JSON-ready data: which set, period and scores each side holds, the
    totals and every line."""
    return {
        "before": _side(comparison.before),
        "after": _side(comparison.after),
        "before_total": str(comparison.before_total),
        "after_total": str(comparison.after_total),
        "difference": str(comparison.difference),
        "lines": [
            {
                "code": line.code,
                "title": line.title,
                "max_before": _number(line.max_before),
                "max_after": _number(line.max_after),
                "before": _number(line.before),
                "after": _number(line.after),
                "difference": _number(line.difference),
                "note": line.note.vi,
                "note_en": line.note.en,
            }
            for line in comparison.lines
        ],
    }


def _side(side: Side | None) -> dict[str, str] | None:
    if side is None:
        return None
    return {"set": side.set_id, "period": side.period, "scores": side.scores}


def ranking_areas(ranking: Sequence[Ranked]) -> list[str]:
    """The codes of the areas of every ranked scorecard, in order of first appearance."""
    areas: list[str] = []
    for entry in ranking:
        areas += [code for code, _ in entry.standing.areas if code not in areas]
    return areas


def ranking_data(ranking: Sequence[Ranked]) -> list[dict[str, Any]]:
    """A ranking as JSON-ready rows: group, rank, unit, totals, grade, index of every area."""
    areas = ranking_areas(ranking)
    return [
        {
            "group": entry.group,
            "rank": entry.rank,
            "unit": entry.standing.unit or entry.source,
            "source": entry.source,
            "points": plain(entry.standing.points),
            "max_points": plain(entry.standing.max_points),
            "index": _number(entry.standing.index),
            "index_rounded": _number(
                rounded_index(entry.standing.index, entry.standing.criterion_set.rounding)
            ),
            "grade": entry.standing.grade,
            "complete": entry.standing.complete,
            "areas": {
                c: _number(entry.standing.area(c)) for c in areas if entry.standing.has_area(c)
            },
        }
        for entry in ranking
    ]


def set_data(
    criterion_set: CriterionSet,
    *,
    plugin: str | None = None,
    distribution: str | None = None,
    version: str | None = None,
    lint_errors: int = 0,
) -> dict[str, Any]:
    """An installed set as JSON-ready data: its facts, where it comes from, its lint errors."""
    cs = criterion_set
    return {
        "id": cs.id,
        "title": cs.title,
        "province": cs.province,
        "unit_kind": None if cs.unit_kind is None else cs.unit_kind.value,
        "valid_from": None if cs.valid_from is None else cs.valid_from.isoformat(),
        "valid_until": None if cs.valid_until is None else cs.valid_until.isoformat(),
        "plugin": plugin,
        "distribution": distribution,
        "version": version,
        "lint_errors": lint_errors,
    }


def diff_data(diff: SetDiff) -> dict[str, Any]:
    """A diff of two sets as JSON-ready data."""
    return {
        "before": diff.before,
        "after": diff.after,
        "changes": [
            {
                "kind": change.kind,
                "before": list(change.before),
                "after": list(change.after),
                "details": [d.en for d in change.details],
                "details_vi": [d.vi for d in change.details],
            }
            for change in diff.changes
        ],
    }
