"""The scorecard and ranking as plain data: the JSON format (versioned) and the rows every
renderer lays out."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from cchc_criteria.model import Finding
from cchc_criteria.scoring import NodeScore, Scorecard

__all__ = ["SCORECARD_FORMAT", "Ranked", "plain", "rank", "scorecard_data"]

#: The name and version of the JSON scorecard format (documented in ``docs/reports.md``).
SCORECARD_FORMAT = "cchc-scorecard/1"


def plain(value: Decimal) -> str:
    """An exact decimal as plain text: "6", "0.5", "7.3170731707…" (no exponent, no trailing
    zeros)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _number(value: Decimal | None) -> str | None:
    # Decimals travel as strings in JSON: a float would lose exactness.
    return None if value is None else plain(value)


def _finding(finding: Finding) -> dict[str, Any]:
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


def _node(node: NodeScore) -> dict[str, Any]:
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


def scorecard_data(card: Scorecard) -> dict[str, Any]:
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
        "complete": card.complete,
        "grade": card.grade,
        "nodes": [_node(node) for node in card],
        "findings": [_finding(f) for f in card.findings],
        "lint_findings": [_finding(f) for f in card.lint_findings],
    }


@attrs.frozen
class Ranked:
    """One unit's place in a ranking (xếp hạng).

    Attributes:
        card: the unit's scorecard.
        group: the unit group it is ranked within ("" when there is one group).
        rank: 1 for the best; units with the same index share a rank (1, 2, 2, 4); ``None``
            for an incomplete scorecard, which is listed but not ranked.
        source: where the assessment came from (a file name), for people.
    """

    card: Scorecard
    group: str
    rank: int | None
    source: str


def rank(cards: Sequence[tuple[Scorecard, str, str]]) -> list[Ranked]:
    """Rank scorecards within their groups by exact index, ties sharing a rank.

    ``cards`` holds (scorecard, group, source). The result is ordered by group, then rank,
    with incomplete scorecards last in their group.
    """
    groups: dict[str, list[tuple[Scorecard, str]]] = {}
    for card, group, source in cards:
        groups.setdefault(group, []).append((card, source))
    result: list[Ranked] = []
    for group in sorted(groups):
        members = groups[group]
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
