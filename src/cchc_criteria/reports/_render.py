"""One way to lay out anything a report shows: `render` and its table.

Each kind of thing a report shows — a scorecard, a ranking, a comparison, a set diff, advice —
has a row per format in `RENDERERS`: the module and function that lay it out, imported
when first asked for. Adding a format is a renderer and a row here; the command line asks
`render` and never branches on the format itself.
"""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cchc_criteria.errors import ArgumentError
from cchc_criteria.text import Lang

if TYPE_CHECKING:
    from cchc_criteria.analysis.ranking import Ranked

__all__ = ["KINDS", "RENDERERS", "Rendered", "formats_of", "kind_of", "render"]

Rendered = str | Iterator[str] | bytes
"""What `render` gives: text, text in chunks (a large report, row by row), or the bytes of a
workbook."""

KINDS: Mapping[str, tuple[str, str]] = {
    "scorecard": ("cchc_criteria.scoring", "Scorecard"),
    "comparison": ("cchc_criteria.analysis.compare", "Comparison"),
    "diff": ("cchc_criteria.analysis.diff", "SetDiff"),
    "advice": ("cchc_criteria.analysis.advice", "Advice"),
    "impact": ("cchc_criteria.analysis.impact", "Impact"),
    "sensitivity": ("cchc_criteria.analysis.sensitivity", "Sensitivity"),
}
"""The kinds of thing a report shows, with the class (by module and name) that is one."""

RENDERERS: Mapping[tuple[str, str], tuple[str, str]] = {
    ("scorecard", "text"): ("cchc_criteria.reports.text", "render_text"),
    ("scorecard", "markdown"): ("cchc_criteria.reports.markdown", "render_markdown"),
    ("scorecard", "csv"): ("cchc_criteria.reports.csv", "render_csv"),
    ("scorecard", "json"): ("cchc_criteria.reports._render", "scorecard_json"),
    ("scorecard", "html"): ("cchc_criteria.reports.html", "render_html"),
    ("scorecard", "xlsx"): ("cchc_criteria.reports.xlsx", "scorecard_workbook"),
    ("ranking", "text"): ("cchc_criteria.reports.text", "render_ranking_text"),
    ("ranking", "csv"): ("cchc_criteria.reports.csv", "ranking_csv_rows"),
    ("ranking", "json"): ("cchc_criteria.reports._render", "ranking_json"),
    ("ranking", "html"): ("cchc_criteria.reports.html", "render_ranking_html"),
    ("ranking", "xlsx"): ("cchc_criteria.reports.xlsx_ranking", "ranking_workbook"),
    ("comparison", "text"): ("cchc_criteria.reports.text", "render_comparison"),
    ("comparison", "csv"): ("cchc_criteria.reports.csv", "render_comparison_csv"),
    ("comparison", "json"): ("cchc_criteria.reports._render", "comparison_json"),
    ("comparison", "xlsx"): ("cchc_criteria.reports.xlsx_ranking", "comparison_workbook"),
    ("diff", "text"): ("cchc_criteria.reports.text", "render_diff"),
    ("diff", "markdown"): ("cchc_criteria.reports.markdown", "render_diff_markdown"),
    ("diff", "json"): ("cchc_criteria.reports._render", "diff_json"),
    ("advice", "text"): ("cchc_criteria.reports.text", "render_advice"),
    ("advice", "json"): ("cchc_criteria.reports._render", "advice_json"),
    ("impact", "text"): ("cchc_criteria.reports.text", "render_impact"),
    ("impact", "json"): ("cchc_criteria.reports._render", "impact_json"),
    ("sensitivity", "text"): ("cchc_criteria.reports.text", "render_sensitivity"),
    ("sensitivity", "json"): ("cchc_criteria.reports._render", "sensitivity_json"),
    ("sensitivity", "html"): ("cchc_criteria.reports.html", "render_sensitivity_html"),
}
"""(kind, format) → (module, function) of the renderer. Each renderer takes the object and the
options it names (``lang``, ``dialect``, ``years``, ``title``) as keywords."""


def kind_of(obj: object) -> str:
    """The kind of ``obj`` in `KINDS` (a sequence of ``Ranked`` is a ``ranking``);
    `ArgumentError` for anything else."""
    if isinstance(obj, Sequence) and not isinstance(obj, str):
        from cchc_criteria.analysis.ranking import Ranked

        if all(isinstance(entry, Ranked) for entry in obj):
            return "ranking"
    for kind, (module, name) in KINDS.items():
        if isinstance(obj, getattr(importlib.import_module(module), name)):
            return kind
    raise ArgumentError(
        f"render() lays out a scorecard, a ranking, a comparison, a set diff or advice, "
        f"got {type(obj).__name__}"
    )


def formats_of(kind: str) -> tuple[str, ...]:
    """The formats `render` writes ``kind`` in, in the table's order."""
    return tuple(fmt for (of, fmt) in RENDERERS if of == kind)


def render(obj: object, format: str = "text", *, lang: Lang = "vi", **options: Any) -> Rendered:
    """``obj`` — a scorecard, a ranking (``rank(…)``), a comparison, a set diff or advice —
    laid out in ``format`` (one of `formats_of` its kind): text, or bytes for ``xlsx``
    (which needs the ``xlsx`` extra). A ranking's CSV comes row by row (an iterator of text):
    join it, or give it to ``write_atomic`` as it is.

    ``options`` go to the renderers that take them: ``dialect`` (CSV: ``"rfc4180"`` or
    ``"excel"``), ``years`` and ``title`` (a comparison in text); the others are ignored.
    """
    kind = kind_of(obj)
    found = RENDERERS.get((kind, format))
    if found is None:
        known = ", ".join(formats_of(kind))
        raise ArgumentError(f"no format {format!r} for a {kind}; there are: {known}")
    module, name = found
    renderer: Callable[..., Rendered] = getattr(importlib.import_module(module), name)
    return renderer(obj, **_accepted(renderer, {"lang": lang, **options}))


def _accepted(renderer: Callable[..., Rendered], options: Mapping[str, Any]) -> dict[str, Any]:
    """The options ``renderer`` takes as keywords (a CSV has no language, a ranking's text
    no dialect)."""
    names = inspect.signature(renderer).parameters
    return {key: value for key, value in options.items() if key in names}


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def scorecard_json(card: Any, *, lang: Lang = "vi") -> str:
    """The scorecard in the JSON format ``cchc-scorecard/1``."""
    from cchc_criteria.reports.data import scorecard_data

    return _json(scorecard_data(card))


def ranking_json(ranking: Sequence[Ranked]) -> str:
    """The ranking as JSON: one object per unit."""
    from cchc_criteria.reports.data import ranking_data

    return _json(ranking_data(ranking))


def comparison_json(comparison: Any) -> str:
    """The comparison as JSON: both sides, every line, the totals."""
    from cchc_criteria.reports.data import comparison_data

    return _json(comparison_data(comparison))


def diff_json(diff: Any) -> str:
    """The set diff as JSON."""
    from cchc_criteria.reports.data import diff_data

    return _json(diff_data(diff))


def advice_json(advice: Any) -> str:
    """The advice as JSON."""
    from cchc_criteria.reports.data import advice_data

    return _json(advice_data(advice))


def impact_json(impact: Any) -> str:
    """The impact of a new set version as JSON: both ids and every unit's shift."""
    return _json(
        {
            "old_set": impact.old_set,
            "new_set": impact.new_set,
            "units": [
                {
                    "unit": s.unit,
                    "group": s.group,
                    "source": s.source,
                    "old_rank": s.old_rank,
                    "new_rank": s.new_rank,
                    "places": s.places,
                    "old_index": None if s.old_index is None else str(s.old_index),
                    "new_index": None if s.new_index is None else str(s.new_index),
                }
                for s in impact.shifts
            ],
        }
    )


def sensitivity_json(sensitivity: Any) -> str:
    """A cohort's sensitivity as JSON: one entry per criterion, numbers exact."""
    return _json(
        {
            "set": sensitivity.set_id,
            "units": sensitivity.units,
            "criteria": [
                {
                    "code": row.code,
                    "title": row.title,
                    "max_points": str(row.max_points),
                    "units": row.units,
                    "losing": row.losing,
                    "to_max": str(row.to_max),
                    "to_min": str(row.to_min),
                    "places_to_max": str(row.places_to_max),
                    "places_to_min": str(row.places_to_min),
                    "band_up": None if row.band_up is None else str(row.band_up),
                }
                for row in sensitivity.rows
            ],
        }
    )
