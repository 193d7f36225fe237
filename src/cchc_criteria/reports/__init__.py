"""Renderers that turn a scorecard, a ranking, a comparison, a set diff or advice into
something people read: text, Markdown, CSV, JSON, HTML (and, with the ``xlsx`` extra,
Excel). `render` lays out any of them in any of its formats (``RENDERERS``)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cchc_criteria.reports._render import RENDERERS, Rendered, formats_of, render, scorecard_json
from cchc_criteria.reports.data import SCORECARD_FORMAT, scorecard_data
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang

if TYPE_CHECKING:
    from cchc_criteria.analysis.ranking import Ranked, Standing, rank
    from cchc_criteria.reports._official import Letterhead
    from cchc_criteria.reports.csv import render_csv
    from cchc_criteria.reports.html import render_html, render_ranking_html
    from cchc_criteria.reports.markdown import render_markdown
    from cchc_criteria.reports.text import render_text

__all__ = [
    "FORMATS",
    "RENDERERS",
    "SCORECARD_FORMAT",
    "Letterhead",
    "Ranked",
    "Rendered",
    "Standing",
    "formats_of",
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

FORMATS = ("text", "markdown", "csv", "json", "html")
"""The text formats `render` writes a scorecard in (``formats_of("scorecard")`` adds ``xlsx``)."""


def render_json(card: Scorecard, *, lang: Lang = "vi") -> str:
    """The scorecard in the JSON format ``cchc-scorecard/1``."""
    return scorecard_json(card, lang=lang)


# Each renderer's module, imported when it is first asked for: a command that prints text
# does not pay for HTML, CSV or the comparisons they can also lay out, and one that prints a
# scorecard does not load the ranking or the letterhead.
_LAZY = {
    "render_csv": f"{__name__}.csv",
    "render_html": f"{__name__}.html",
    "render_ranking_html": f"{__name__}.html",
    "render_markdown": f"{__name__}.markdown",
    "render_text": f"{__name__}.text",
    "Letterhead": f"{__name__}._official",
    "Ranked": "cchc_criteria.analysis.ranking",
    "Standing": "cchc_criteria.analysis.ranking",
    "rank": "cchc_criteria.analysis.ranking",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
