"""The scorecard and ranking as plain data: the JSON format (versioned) and the rows every
renderer lays out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, cast

from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import CriterionSet, Finding, RoundingPolicy
from cchc_criteria.numbers import plain
from cchc_criteria.scoring import NodeScore, Scorecard, rounded_index

if TYPE_CHECKING:
    from cchc_criteria.analysis.advice import Advice
    from cchc_criteria.analysis.compare import Comparison, Side
    from cchc_criteria.analysis.diff import SetDiff
    from cchc_criteria.analysis.ranking import Ranked, Standing, rank, ranking_areas

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
    "upgrade_scorecard_data",
]

SCORECARD_FORMAT = "cchc-scorecard/2"
"""The name and version of the JSON scorecard format (documented in ``docs/reports.md``; version 1
is read by `upgrade_scorecard_data`)."""
_RENAMED_IN_2 = {"rounded": "points_display", "index_rounded": "index_display"}
"""The names version 2 gave the rounded figures of version 1 (``points`` and ``index`` were and
stay exact)."""


class FindingData(TypedDict):
    """A finding in JSON (``cchc-scorecard/2``, ``cchc lint --json``)."""

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
    points_display: str | None
    rule_points: str | None
    index: str | None
    index_display: str | None
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
    """A scorecard in the JSON format ``cchc-scorecard/2`` (`scorecard_data`): as
    everywhere in the library, ``points`` and ``index`` are exact and ``points_display`` and
    ``index_display`` rounded as the set says."""

    format: str
    set: SetSummary
    unit: str
    period: str
    points: str | None
    points_display: str | None
    max_points: str | None
    open_points: str | None
    index: str | None
    index_display: str | None
    complete: bool
    accepted: bool
    grade: str | None
    nodes: list[NodeData]
    findings: list[FindingData]
    lint_findings: list[FindingData]


def _number(value: Decimal | None) -> str | None:
    # Decimals travel as strings in JSON: a float would lose exactness.
    return None if value is None else plain(value)


def finding_data(finding: Finding) -> FindingData:
    """A finding as JSON-ready data (the same shape everywhere: scorecards, lint, …).

    Args:
        finding: the finding.

    Returns:
        A dictionary of JSON values.
    """
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
        "points_display": _number(node.points_display),
        "rule_points": _number(node.rule_points),
        "index": _number(node.index),
        "index_display": _number(rounded_index(node.index, policy)),
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
    """The scorecard in the JSON format ``cchc-scorecard/2``: every field of the Python
    `Scorecard`, numbers as exact decimal strings.

    Args:
        card: the scorecard.

    Returns:
        A dictionary of JSON values.
    """
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
        "points_display": _number(card.points_display),
        "max_points": _number(card.max_points),
        "open_points": _number(card.open_points),
        "index": _number(card.index),
        "index_display": _number(card.index_display),
        "complete": card.complete,
        "accepted": card.accepted,
        "grade": card.grade,
        "nodes": [_node(node, cs.rounding) for node in card],
        "findings": [finding_data(f) for f in card.findings],
        "lint_findings": [finding_data(f) for f in card.lint_findings],
    }


def upgrade_scorecard_data(data: Mapping[str, Any]) -> ScorecardData:
    """A JSON scorecard of format ``cchc-scorecard/1`` as version 2 (one of version 2 as it
    is): ``rounded`` is now ``points_display`` and ``index_rounded`` ``index_display``, on the
    card and on every node; nothing else changed. ArgumentError for any other format.

    Args:
        data: a JSON scorecard, read.

    Returns:
        The scorecard in the format ``cchc-scorecard/2``.

    Raises:
        ArgumentError: for data of any other format.
    """
    found = data.get("format")
    if found == SCORECARD_FORMAT:
        return cast(ScorecardData, dict(data))
    if found != "cchc-scorecard/1":
        raise ArgumentError(
            f"not a scorecard of format cchc-scorecard/1 or {SCORECARD_FORMAT}: {found!r}"
        )

    def renamed(record: Mapping[str, Any]) -> dict[str, Any]:
        return {_RENAMED_IN_2.get(key, key): value for key, value in record.items()}

    upgraded = renamed(data)
    upgraded["format"] = SCORECARD_FORMAT
    upgraded["nodes"] = [renamed(node) for node in data.get("nodes", [])]
    return cast(ScorecardData, upgraded)


def advice_data(advice: Advice) -> dict[str, Any]:
    """Advice as JSON-ready data: the points now, the points reachable, every step.

    Args:
        advice: the advice (`advise`).

    Returns:
        A dictionary of JSON values.
    """
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
    totals and every line.

    Args:
        comparison: the comparison (`compare`).

    Returns:
        A dictionary of JSON values.
    """
    return {
        "before": _side(comparison.before),
        "after": _side(comparison.after),
        "before_total": str(comparison.before_total),
        "after_total": str(comparison.after_total),
        "difference": str(comparison.difference),
        "rule_change": _number(comparison.rule_change),
        "unit_change": _number(comparison.unit_change),
        "undecomposed": plain(comparison.undecomposed),
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
                "rule_change": _number(line.rule_change),
                "unit_change": _number(line.unit_change),
            }
            for line in comparison.lines
        ],
    }


def _side(side: Side | None) -> dict[str, str] | None:
    if side is None:
        return None
    return {"set": side.set_id, "period": side.period, "scores": side.scores, "unit": side.unit}


def ranking_data(ranking: Sequence[Ranked]) -> list[dict[str, Any]]:
    """A ranking as JSON-ready rows: group, rank, unit, totals, grade, index of every area.

    Args:
        ranking: the ranked entries.

    Returns:
        One dictionary of JSON values per entry.
    """
    from cchc_criteria.analysis.ranking import ranking_areas

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
            "index_display": _number(
                rounded_index(entry.standing.index, entry.standing.criterion_set.rounding)
            ),
            "grade": entry.standing.grade,
            "complete": entry.standing.complete,
            "accepted": entry.standing.accepted,
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
    """An installed set as JSON-ready data: its facts, where it comes from, its lint errors.

    Args:
        criterion_set: the set.
        plugin: the plugin that registers it, if any.
        distribution: the distribution that provides it, if any.
        version: that distribution's version, if any.
        lint_errors: the number of lint errors in the set.

    Returns:
        A dictionary of JSON values.
    """
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
    """A diff of two sets as JSON-ready data.

    Args:
        diff: the diff (`diff_sets`).

    Returns:
        A dictionary of JSON values.
    """
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


def __getattr__(name: str) -> Any:
    # The ranking's names, re-exported here, are imported when first asked for: a command
    # that prints one scorecard does not load the analysis.
    if name in ("Ranked", "Standing", "rank", "ranking_areas"):
        import cchc_criteria.analysis.ranking as ranking

        return getattr(ranking, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
