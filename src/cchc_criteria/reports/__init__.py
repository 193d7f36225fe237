"""Renderers that turn a scorecard into something people read: text, Markdown, CSV, JSON,
HTML (and, with the ``xlsx`` extra, Excel)."""

from __future__ import annotations

import json

from cchc_criteria.errors import ArgumentError
from cchc_criteria.reports.csv import render_csv
from cchc_criteria.reports.data import SCORECARD_FORMAT, Ranked, Standing, rank, scorecard_data
from cchc_criteria.reports.html import render_html, render_ranking_html
from cchc_criteria.reports.markdown import render_markdown
from cchc_criteria.reports.text import render_text
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang

__all__ = [
    "FORMATS",
    "SCORECARD_FORMAT",
    "Ranked",
    "Standing",
    "rank",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_ranking_html",
    "render_text",
    "scorecard_data",
]

#: The text formats :func:`render` writes.
FORMATS = ("text", "markdown", "csv", "json", "html")


def render_json(card: Scorecard, *, lang: Lang = "vi") -> str:
    """The scorecard in the JSON format ``cchc-scorecard/1``."""
    return json.dumps(scorecard_data(card), ensure_ascii=False, indent=2) + "\n"


def render(card: Scorecard, format: str = "text", *, lang: Lang = "vi") -> str:
    """The scorecard in one of :data:`FORMATS`."""
    renderers = {
        "text": render_text,
        "markdown": render_markdown,
        "csv": render_csv,
        "json": render_json,
        "html": render_html,
    }
    if format not in renderers:
        raise ArgumentError(f"no format {format!r}; there are: {', '.join(FORMATS)}")
    return renderers[format](card, lang=lang)
