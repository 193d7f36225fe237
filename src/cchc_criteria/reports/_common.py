"""What every renderer shares: headings in both languages, number cells, one row per node."""

from __future__ import annotations

from decimal import Decimal

import attrs

from cchc_criteria.model import CriterionSet, Role, Severity
from cchc_criteria.numbers import format_number
from cchc_criteria.scoring import NodeScore, Scorecard
from cchc_criteria.scoring.card import rounded_index
from cchc_criteria.text import Lang

__all__ = [
    "LABELS",
    "SEVERITY",
    "Row",
    "facts",
    "headers",
    "index_text",
    "number",
    "points_text",
    "rounding_note",
    "rows",
]

LABELS = {
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
        "not_accepted": "KẾT QUẢ ĐÁNH GIÁ KHÔNG ĐƯỢC CÔNG NHẬN",
        "why": "Cách tính",
        "findings": "Phát hiện",
        "lint": "Sai sót của bộ tiêu chí đã ban hành (cchc lint)",
        "ranking": "Xếp hạng",
        "rank": "Hạng",
        "group": "Nhóm",
        "none": "không có",
        "na": "không áp dụng",
        "monitor": "theo dõi, không tính",
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
        "not_accepted": "Evaluation NOT ACCEPTED",
        "why": "How each criterion was scored",
        "findings": "Findings",
        "lint": "Mistakes in the set as published (cchc lint)",
        "ranking": "Ranking",
        "rank": "Rank",
        "group": "Group",
        "none": "none",
        "na": "not applicable",
        "monitor": "monitored, not counted",
        "unanswered": "not answered",
        "unscored": "unscored",
        "band": "band",
        "differs": "≠ self",
        "held": "held to max",
    },
}

SEVERITY = {
    "vi": {"error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN"},
    "en": {"error": "ERROR", "warning": "WARNING", "info": "INFO"},
}


def number(value: Decimal | None, lang: Lang) -> str:
    """A number cell: "7,5" in Vietnamese, "7.5" in English, "" for nothing."""
    return "" if value is None else format_number(value, lang=lang, max_places=4)


def points_text(value: Decimal | None, criterion_set: CriterionSet, lang: Lang) -> str:
    """Points as reports show them: rounded as the set says (else to two decimals, half up),
    "7,57" — never "7,57170731707"; "" for nothing."""
    if value is None:
        return ""
    return format_number(criterion_set.rounding.display(value), lang=lang)


def index_text(value: Decimal | None, criterion_set: CriterionSet, lang: Lang) -> str:
    """An index as reports show it: "46,15 %" (rounded as the set says, else to two
    decimals, half up, the decimals always written); "—" for none."""
    shown = rounded_index(value, criterion_set.rounding)
    if shown is None:
        return "—"
    places = criterion_set.rounding.display_places
    return format_number(shown, lang=lang, places=places) + " %"


def rounding_note(criterion_set: CriterionSet, lang: Lang) -> str:
    """The line a printed page says its rounding in."""
    return criterion_set.rounding.describe("vi" if lang == "vi" else "en")


@attrs.frozen
class Row:
    """One line of the published table, as every renderer shows it."""

    node: NodeScore
    max_points: str
    points: str
    self_assessed: str
    appraised: str
    note: str
    number: str = ""  # the STT as printed (the code, unless the set numbers per part)


def rows(card: Scorecard, lang: Lang) -> list[Row]:
    """Every node of ``card`` in document order, with its cells formatted for ``lang``."""
    labels = LABELS["vi" if lang == "vi" else "en"]
    # The criteria with an error finding, gathered once (not scanned again for every row).
    errors = {f.criterion for f in card.findings if f.severity is Severity.ERROR}
    differs = {f.criterion for f in card.findings if f.code == "self-assessed-differs"}
    cs = card.criterion_set
    printed = {c.code: c.printed for c in card.criterion_set.walk() if c.printed}
    result = []
    for node in card:
        points = "—" if not node.applicable else points_text(node.points, cs, lang)
        if node.points is not None and not node.complete:
            points += "+?"
        result.append(
            Row(
                node,
                number(node.published_max, lang),
                points,
                number(node.self_assessed, lang),
                number(node.appraised, lang),
                _note(node, labels, node.code in errors, node.code in differs),
                printed.get(node.code, node.code),
            )
        )
    return result


def _note(node: NodeScore, labels: dict[str, str], has_error: bool, differs: bool) -> str:
    notes: list[str] = []
    if node.role is Role.MONITOR:
        notes.append(labels["monitor"])
    if not node.applicable:
        notes.append(labels["na"])
    elif node.is_leaf and node.figure is None:
        notes.append(labels["unanswered"])
    elif node.is_leaf and node.points is None:
        notes.append(labels["unscored"])
    if node.rule_points is not None and node.points is not None and node.rule_points > node.points:
        notes.append(labels["held"])
    if differs:  # the self-assessed score is not the points (as the set compares them)
        notes.append(labels["differs"])
    if has_error:
        notes.append("!")
    return ", ".join(notes)


def facts(card: Scorecard, lang: Lang) -> list[tuple[str, str]]:
    """(heading, value) for the set, the unit and the period, where given."""
    labels = LABELS[lang]
    pairs = [
        (labels["set"], card.criterion_set.id),
        (labels["unit"], card.assessment.unit),
        (labels["period"], card.assessment.period),
    ]
    return [(name, value) for name, value in pairs if value]


def headers(lang: Lang) -> list[str]:
    """The table's column headings, as the published forms have them."""
    labels = LABELS[lang]
    keys = ("code", "title", "max", "points", "self", "appraised", "note")
    return [labels[key] for key in keys]
