"""A plain-text scorecard laid out like the published table (STT, tiêu chí, điểm tối đa, …)."""

from __future__ import annotations

from decimal import Decimal

from cchc_criteria.model import Severity
from cchc_criteria.numbers import format_number
from cchc_criteria.scoring import NodeScore, Scorecard

__all__ = ["render_text"]

_LABELS = {
    "vi": {
        "set": "Bộ tiêu chí",
        "unit": "Đơn vị",
        "period": "Kỳ đánh giá",
        "scope": "Phạm vi",
        "code": "STT",
        "title": "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
        "max": "Tối đa",
        "points": "Điểm tính",
        "self": "Tự ĐG",
        "appraised": "Thẩm định",
        "note": "Ghi chú",
        "total": "Tổng điểm",
        "open": "điểm chưa chấm",
        "index": "Chỉ số",
        "grade": "Xếp loại",
        "no_grade_set": "bộ tiêu chí không quy định",
        "no_grade_open": "chưa xếp loại khi còn tiêu chí chưa chấm",
        "complete": "Phiếu điểm đầy đủ",
        "incomplete": "Phiếu điểm CHƯA ĐẦY ĐỦ",
        "why": "Cách tính",
        "findings": "Phát hiện",
        "lint": "Sai sót của bộ tiêu chí đã ban hành (cchc lint)",
        "none": "không có",
        "na": "không áp dụng",
        "unanswered": "chưa kê khai",
        "unscored": "chưa chấm",
        "band": "khoảng",
        "differs": "≠ tự ĐG",
        "held": "giữ ở mức tối đa",
    },
    "en": {
        "set": "Criterion set",
        "unit": "Unit",
        "period": "Period",
        "scope": "Scope",
        "code": "Code",
        "title": "Area/Criterion/Sub-criterion",
        "max": "Max",
        "points": "Computed",
        "self": "Self",
        "appraised": "Appraised",
        "note": "Note",
        "total": "Total",
        "open": "points unscored",
        "index": "Index",
        "grade": "Grade",
        "no_grade_set": "the set defines none",
        "no_grade_open": "not graded while criteria are unscored",
        "complete": "Scorecard complete",
        "incomplete": "Scorecard INCOMPLETE",
        "why": "How each criterion was scored",
        "findings": "Findings",
        "lint": "Mistakes in the set as published (cchc lint)",
        "none": "none",
        "na": "not applicable",
        "unanswered": "not answered",
        "unscored": "unscored",
        "band": "band",
        "differs": "≠ self",
        "held": "held to max",
    },
}

_SEVERITY = {
    "vi": {"error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN"},
    "en": {"error": "ERROR", "warning": "WARNING", "info": "INFO"},
}

_TITLE_WIDTH = 52


def render_text(card: Scorecard, *, lang: str = "vi") -> str:
    """The scorecard as a text table, then totals, index, grade, explanations and findings."""
    lang = "vi" if lang == "vi" else "en"
    labels = _LABELS[lang]

    def num(value: Decimal | None) -> str:
        return "" if value is None else format_number(value, lang=lang, max_places=4)

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

    show_appraised = any(node.appraised is not None for node in card)
    header = [labels["code"], labels["title"], labels["max"], labels["points"], labels["self"]]
    if show_appraised:
        header.append(labels["appraised"])
    header.append(labels["note"])
    rows = [header]
    for node in card:
        row = [
            node.code,
            _shorten("  " * (node.depth - 1) + node.title, _TITLE_WIDTH),
            num(node.published_max),
            "—" if not node.applicable else num(node.points) + ("+?" if _partial(node) else ""),
            num(node.self_assessed),
        ]
        if show_appraised:
            row.append(num(node.appraised))
        row.append(_note(node, labels, card))
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    numeric = {2, 3, 4} | ({5} if show_appraised else set())
    for position, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if position == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")

    total = f"{labels['total']}: {num(card.points)} / {num(card.max_points)}"
    if card.open_points:
        total += f" ({num(card.open_points)} {labels['open']})"
    lines.append(total)
    index = card.index
    lines.append(f"{labels['index']}: {'—' if index is None else num(_two(index)) + ' %'}")
    if card.grade is not None:
        grade = card.grade
    elif not cs.grades:
        grade = f"— ({labels['no_grade_set']})"
    else:
        grade = f"— ({labels['no_grade_open']})"
    lines.append(f"{labels['grade']}: {grade}")
    lines.append(labels["complete"] if card.complete else labels["incomplete"])
    lines.append("")

    lines.append(f"{labels['why']}:")
    for node in card:
        if node.is_leaf:
            text = node.explanation if lang == "vi" else node.explanation_en
            lines.append(f"  {node.code}: {text}")
    lines.append("")

    lines.append(f"{labels['findings']}:" + ("" if card.findings else f" {labels['none']}"))
    severity_names = _SEVERITY[lang]
    for finding in card.findings:
        message = finding.message_vi if lang == "vi" and finding.message_vi else finding.message
        where = f"{finding.criterion}: " if finding.criterion else ""
        lines.append(f"  {severity_names[str(finding.severity)]} [{finding.code}] {where}{message}")
    if card.lint_findings:
        lines.append("")
        lines.append(f"{labels['lint']}:")
        for finding in card.lint_findings:
            message = finding.message_vi if lang == "vi" and finding.message_vi else finding.message
            where = f"{finding.criterion}: " if finding.criterion else ""
            lines.append(
                f"  {severity_names[str(finding.severity)]} [{finding.code}] {where}{message}"
            )
    return "\n".join(lines) + "\n"


def _two(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _partial(node: NodeScore) -> bool:
    return node.points is not None and not node.complete


def _note(node: NodeScore, labels: dict[str, str], card: Scorecard) -> str:
    notes: list[str] = []
    if not node.applicable:
        notes.append(labels["na"])
    elif node.is_leaf and node.figure is None:
        notes.append(labels["unanswered"])
    elif node.is_leaf and node.points is None:
        notes.append(labels["unscored"])
    if node.rule_points is not None and node.points is not None and node.rule_points > node.points:
        notes.append(labels["held"])
    if (
        node.self_assessed is not None
        and node.complete
        and node.points is not None
        and node.self_assessed not in (node.points, node.rounded)
    ):
        notes.append(labels["differs"])
    if any(f.criterion == node.code and f.severity is Severity.ERROR for f in card.findings):
        notes.append("!")
    return ", ".join(notes)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
