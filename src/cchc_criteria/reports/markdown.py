"""The scorecard as a Markdown document."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cchc_criteria.reports._common import LABELS, facts, headers, rows
from cchc_criteria.reports.text import _CHANGE_WORDS, finding_line, summary_lines
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang

if TYPE_CHECKING:
    from cchc_criteria.analysis.diff import SetDiff

__all__ = ["render_diff_markdown", "render_markdown"]

_SCHEME = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]*):(?=//|[A-Za-z])", re.ASCII)


def _cell(text: str) -> str:
    """Text for a Markdown table cell or line: HTML is escaped (Markdown passes it through),
    table pipes and backslashes are escaped, neither ``[x](javascript:…)`` nor a bare
    address becomes a link; new lines become spaces."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    text = text.replace("](", "]\\(")  # "[x](javascript:…)" is no longer a link
    # "javascript:" and "http://" become links in some renderers (autolinks): break the
    # scheme with an escaped colon, which renders as the same text.
    return _SCHEME.sub(lambda m: m.group(1) + "\\:", text)


def render_markdown(card: Scorecard, *, lang: Lang = "vi") -> str:
    """A heading, the table laid out like the published one, totals and findings."""
    lang = "vi" if lang == "vi" else "en"
    labels = LABELS[lang]
    cs = card.criterion_set
    lines = [f"# {_cell(cs.title)}", ""]
    lines += [f"- **{name}:** {_cell(value)}" for name, value in facts(card, lang)]
    lines.append("")
    header = headers(lang)
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|---|---|--:|--:|--:|--:|---|")
    for row in rows(card, lang):
        title = _cell(row.node.title)
        if not row.node.is_leaf:
            title = f"**{title}**"
        cells = [
            _cell(row.number),
            title,
            row.max_points,
            row.points,
            row.self_assessed,
            row.appraised,
            _cell(row.note),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines += [f"- {_cell(line)}" for line in summary_lines(card, lang)]
    lines.append("")
    lines.append(f"## {labels['findings']}")
    lines.append("")
    lines += [f"- {_cell(finding_line(f, lang))}" for f in card.findings] or [f"- {labels['none']}"]
    if card.lint_findings:
        lines += ["", f"## {labels['lint']}", ""]
        lines += [f"- {_cell(finding_line(f, lang))}" for f in card.lint_findings]
    return "\n".join(lines) + "\n"


def render_diff_markdown(diff: SetDiff, *, lang: Lang = "vi") -> str:
    """The changes between two sets as a Markdown table."""
    heads = (
        ("Thay đổi", "Trước", "Sau", "Chi tiết")
        if lang == "vi"
        else ("Change", "Before", "After", "Details")
    )
    lines = [
        f"# {_cell(diff.before)} → {_cell(diff.after)}",
        "",
        "| " + " | ".join(heads) + " |",
        "|---|---|---|---|",
    ]
    for change in diff.changes:
        details = "<br>".join(_cell(d.get(lang)) for d in change.details)
        lines.append(
            f"| {_CHANGE_WORDS[lang][change.kind]} | {_cell(', '.join(change.before)) or '—'} | "
            f"{_cell(', '.join(change.after)) or '—'} | {details} |"
        )
    return "\n".join(lines) + "\n"
