"""A client of the records API, type-checked with mypy --strict by the nox typing session (not a
test module): what an integrator writes must type-check without casts."""

from __future__ import annotations

from decimal import Decimal

import cchc_criteria as cc
from cchc_criteria.reports.data import FindingData, ScorecardData


def area_indices(card: cc.Scorecard) -> dict[str, Decimal | None]:
    """Index of every area, by code."""
    return {row.code: row.index for row in card.rows() if row.depth == 1}


def total_points(data: ScorecardData) -> Decimal:
    """The total from the JSON data, exactly."""
    return Decimal(data["points"] or "0")


def node_titles(data: ScorecardData) -> list[str]:
    return [node["title"] for node in data["nodes"]]


def first_finding(data: ScorecardData) -> FindingData | None:
    return data["findings"][0] if data["findings"] else None


def leaves_over(card: cc.Scorecard, threshold: Decimal) -> list[str]:
    rows: tuple[cc.scoring.NodeRow, ...] = card.rows(lang="en")
    return [r.code for r in rows if r.leaf and r.points is not None and r.points > threshold]
