"""Renderers that turn a scorecard into something people read: text, Markdown, CSV, JSON,
HTML (and, with the ``xlsx`` extra, Excel)."""

from __future__ import annotations

import importlib
import json
from typing import TYPE_CHECKING, Any

from cchc_criteria.errors import ArgumentError
from cchc_criteria.reports.data import SCORECARD_FORMAT, Ranked, Standing, rank, scorecard_data
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang

if TYPE_CHECKING:
    from cchc_criteria.reports.csv import render_csv
    from cchc_criteria.reports.html import render_html, render_ranking_html
    from cchc_criteria.reports.markdown import render_markdown
    from cchc_criteria.reports.text import render_text

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


# Each renderer's module, imported when it is first asked for: a command that prints text
# does not pay for HTML, CSV or the comparisons they can also lay out.
_LAZY = {
    "render_csv": "csv",
    "render_html": "html",
    "render_ranking_html": "html",
    "render_markdown": "markdown",
    "render_text": "text",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render(card: Scorecard, format: str = "text", *, lang: Lang = "vi") -> str:
    """The scorecard in one of :data:`FORMATS`."""
    if format == "json":
        return render_json(card, lang=lang)
    if format not in FORMATS:
        raise ArgumentError(f"no format {format!r}; there are: {', '.join(FORMATS)}")
    renderer = __getattr__(f"render_{format}")
    result: str = renderer(card, lang=lang)
    return result
