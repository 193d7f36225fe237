"""The scorecard as CSV: one row per criterion, numbers as exact decimals with a dot."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from cchc_criteria.reports.data import Ranked, plain, ranking_areas
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang

__all__ = ["CSV_COLUMNS", "csv_text", "render_csv", "render_ranking_csv"]

#: The columns, in order (the header row uses these names).
CSV_COLUMNS = (
    "code",
    "title",
    "depth",
    "leaf",
    "max_points",
    "published_max",
    "points",
    "rounded",
    "index",
    "self_assessed",
    "appraised",
    "figure",
    "matched",
    "complete",
    "applicable",
    "explanation",
)


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# injection"); text that does is written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_text(text: str) -> str:
    """``text`` made safe for a CSV cell that a spreadsheet may open: a cell that would start
    a formula (``=HYPERLINK(…)``, ``@SUM(…)``, ``+1``, ``-1``) gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)  # numbers are numbers: "-0.5" is not neutralised
    return csv_text(value) if isinstance(value, str) else value


def render_csv(card: Scorecard, *, lang: Lang = "vi") -> str:
    """One row per node; numbers are exact decimals with a dot so that any tool reads them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for node in card:
        values = {
            "code": node.code,
            "title": node.title,
            "depth": node.depth,
            "leaf": "yes" if node.is_leaf else "no",
            "max_points": node.max_points,
            "published_max": node.published_max,
            "points": node.points,
            "rounded": node.rounded,
            "index": node.index,
            "self_assessed": node.self_assessed,
            "appraised": node.appraised,
            "figure": node.figure,
            "matched": node.matched,
            "complete": "yes" if node.complete else "no",
            "applicable": "yes" if node.applicable else "no",
            "explanation": node.explanation.get(lang),
        }
        writer.writerow([_cell(values[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def render_ranking_csv(ranking: Sequence[Ranked]) -> str:
    """One row per unit: group, rank, unit, source, totals, grade, index of every area."""
    areas = ranking_areas(ranking)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "group",
            "rank",
            "unit",
            "source",
            "points",
            "max_points",
            "index",
            "grade",
            "complete",
            *(f"index_{c}" for c in areas),
        ]
    )
    for entry in ranking:
        card = entry.card
        writer.writerow(
            [
                _cell(entry.group),
                entry.rank or "",
                _cell(card.assessment.unit or entry.source),
                _cell(entry.source),
                _cell(card.points),
                _cell(card.max_points),
                _cell(card.index),
                _cell(card.grade),
                "yes" if card.complete else "no",
                *(_cell(card.nodes[c].index) if c in card.nodes else "" for c in areas),
            ]
        )
    return out.getvalue()
