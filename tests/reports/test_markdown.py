"""Markdown reports: names from the unit's file never become HTML."""

from __future__ import annotations

from pathlib import Path

from cchc_support import S, assessment, run


def test_markdown_escapes_html(tmp_path: Path) -> None:
    unit = assessment(tmp_path, "unit = '<script>alert(1)</script>'\n[answers]\n")
    _code, out, _ = run("score", S, unit, "-f", "markdown")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
