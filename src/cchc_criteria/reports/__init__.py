"""Renderers that turn a scorecard into something people read."""

from cchc_criteria.reports.text import render_text

__all__ = ["render_text"]
