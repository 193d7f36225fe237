"""A plain-text scorecard laid out like the published table (STT, tiêu chí, điểm tối đa, …)."""

from __future__ import annotations

from decimal import Decimal

from cchc_criteria.model import Finding
from cchc_criteria.reports._common import LABELS, SEVERITY, number, rows
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang

__all__ = ["finding_line", "render_text", "summary_lines"]

_TITLE_WIDTH = 52


def finding_line(finding: Finding, lang: Lang) -> str:
    """One finding as a line: severity, code, criterion, message."""
    message = finding.message_vi if lang == "vi" and finding.message_vi else finding.message
    where = f"{finding.criterion}: " if finding.criterion else ""
    return f"{SEVERITY[lang][str(finding.severity)]} [{finding.code}] {where}{message}"


def summary_lines(card: Scorecard, lang: Lang) -> list[str]:
    """Total, index, grade and completeness, one line each."""
    labels = LABELS[lang]
    total = f"{labels['total']}: {number(card.points, lang)} / {number(card.max_points, lang)}"
    if card.open_points:
        total += f" ({number(card.open_points, lang)} {labels['open']})"
    index = card.index
    shown = "—" if index is None else number(index.quantize(Decimal("0.01")), lang) + " %"
    if card.grade is not None:
        grade = card.grade
    elif not card.criterion_set.grades:
        grade = f"— ({labels['no_grade_set']})"
    else:
        grade = f"— ({labels['no_grade_open']})"
    return [
        total,
        f"{labels['index']}: {shown}",
        f"{labels['grade']}: {grade}",
        labels["complete"] if card.complete else labels["incomplete"],
    ]


def render_text(card: Scorecard, *, lang: Lang = "vi") -> str:
    """The scorecard as a text table, then totals, index, grade, explanations and findings."""
    lang = "vi" if lang == "vi" else "en"
    labels = LABELS[lang]
    cs = card.criterion_set
    assessment = card.assessment
    lines = [f"{labels['set']}: {cs.id} — {cs.title}"]
    if cs.scope:
        lines.append(f"{labels['scope']}: {cs.scope}")
    if assessment.unit:
        lines.append(f"{labels['unit']}: {assessment.unit}")
    if assessment.period:
        lines.append(f"{labels['period']}: {assessment.period}")
    lines.append("")

    table = rows(card, lang)
    show_appraised = any(row.appraised for row in table)
    header = [labels["code"], labels["title"], labels["max"], labels["points"], labels["self"]]
    if show_appraised:
        header.append(labels["appraised"])
    header.append(labels["note"])
    cells = [header]
    for row in table:
        title = "  " * (row.node.depth - 1) + row.node.title
        line = [
            row.node.code,
            _shorten(title, _TITLE_WIDTH),
            row.max_points,
            row.points,
            row.self_assessed,
        ]
        if show_appraised:
            line.append(row.appraised)
        line.append(row.note)
        cells.append(line)
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    numeric = {2, 3, 4} | ({5} if show_appraised else set())
    for position, line in enumerate(cells):
        padded = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(line)
        ]
        lines.append("  ".join(padded).rstrip())
        if position == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    lines += summary_lines(card, lang)
    lines.append("")

    lines.append(f"{labels['why']}:")
    for node in card:
        if node.is_leaf:
            lines.append(f"  {node.code}: {node.explanation.get(lang)}")
    lines.append("")
    lines.append(f"{labels['findings']}:" + ("" if card.findings else f" {labels['none']}"))
    lines += [f"  {finding_line(f, lang)}" for f in card.findings]
    if card.lint_findings:
        lines.append("")
        lines.append(f"{labels['lint']}:")
        lines += [f"  {finding_line(f, lang)}" for f in card.lint_findings]
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
