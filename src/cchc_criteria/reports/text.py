"""A plain-text scorecard laid out like the published table (STT, tiêu chí, điểm tối đa, …)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cchc_criteria.model import CriterionSet, Finding, RoundingPolicy
from cchc_criteria.numbers import format_number, round_points
from cchc_criteria.reports._common import (
    LABELS,
    SEVERITY,
    index_text,
    points_text,
    rounding_note,
    rows,
)
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang

if TYPE_CHECKING:
    from cchc_criteria.analysis.advice import Advice
    from cchc_criteria.analysis.compare import Comparison
    from cchc_criteria.analysis.diff import SetDiff
    from cchc_criteria.analysis.impact import Impact
    from cchc_criteria.analysis.ranking import Ranked
    from cchc_criteria.analysis.sensitivity import Sensitivity

__all__ = [
    "finding_line",
    "lint_line",
    "render_advice",
    "render_comparison",
    "render_diff",
    "render_lint",
    "render_ranking_text",
    "render_set",
    "render_sets",
    "render_text",
    "summary_lines",
]

_TITLE_WIDTH = 52


# How a report that spans two sets (a comparison, an impact) rounds: two decimals, half up.
_DEFAULT = RoundingPolicy()


def _index(value: Decimal | None, lang: Lang) -> str:
    """An index of a report that spans two sets: "46,15 %", "—" for none."""
    if value is None:
        return "—"
    return format_number(round_points(value, _DEFAULT.display_places), lang=lang, places=2) + " %"


def finding_line(finding: Finding, lang: Lang) -> str:
    """One finding as a line: severity, code, criterion, message."""
    where = f"{finding.criterion}: " if finding.criterion else ""
    severity = SEVERITY[lang][str(finding.severity)]
    return f"{severity} [{finding.code}] {where}{finding.text.get(lang)}"


def summary_lines(card: Scorecard, lang: Lang) -> list[str]:
    """Total, index, grade and completeness, one line each."""
    labels = LABELS[lang]
    cs = card.criterion_set
    total = (
        f"{labels['total']}: {points_text(card.points, cs, lang)} / "
        f"{points_text(card.max_points, cs, lang)}"
    )
    if card.open_points:
        total += f" ({points_text(card.open_points, cs, lang)} {labels['open']})"
    shown = index_text(card.index, cs, lang)
    if card.grade is not None:
        grade = card.grade
    elif not card.criterion_set.grades:
        grade = f"— ({labels['no_grade_set']})"
    else:
        grade = f"— ({labels['no_grade_open']})"
    lines = [
        total,
        f"{labels['index']}: {shown}",
        f"{labels['grade']}: {grade}",
        labels["complete"] if card.complete else _incomplete(card, lang),
    ]
    if not card.accepted:
        lines.append(labels["not_accepted"])
    lines.append(rounding_note(cs, lang))
    return lines


def _incomplete(card: Scorecard, lang: Lang) -> str:
    """ "Phiếu điểm CHƯA ĐẦY ĐỦ — 3,5 điểm chưa chấm": incomplete, and how much is open."""
    labels = LABELS[lang]
    if not card.open_points:
        return labels["incomplete"]
    open_points = points_text(card.open_points, card.criterion_set, lang)
    return f"{labels['incomplete']} — {open_points} {labels['open']}"


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
            row.number,
            _shorten(title, _TITLE_WIDTH),
            row.max_points,
            row.points,
            row.self_assessed,
        ]
        if show_appraised:
            line.append(row.appraised)
        line.append(row.note)
        cells.append(line)
    lines += _aligned(cells, numeric={2, 3, 4} | ({5} if show_appraised else set()))
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


def _aligned(
    table: Sequence[Sequence[str]], *, numeric: set[int], last_free: bool = False
) -> list[str]:
    """``table`` (its first row the headings) as lines of columns two spaces apart, the
    ``numeric`` columns to the right, a rule under the headings. With ``last_free`` the
    last column (a note) is not padded, and only its heading sets its rule."""
    count = len(table[0]) - (1 if last_free else 0)
    widths = [max(len(row[i]) for row in table) for i in range(count)]
    lines = []
    for position, row in enumerate(table):
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row[:count])
        ]
        lines.append("  ".join([*cells, *row[count:]]).rstrip())
        if position == 0:
            lines.append("  ".join(["-" * w for w in widths] + ["-" * len(c) for c in row[count:]]))
    return lines


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- other listings


def lint_line(finding: Finding, lang: Lang) -> str:
    """One lint finding as ``cchc lint`` prints it: raw severity, code, criterion, message,
    and the set's reason when it acknowledges the finding."""
    where = f"{finding.criterion}: " if finding.criterion else ""
    note = ""
    if finding.acknowledged:
        word = "đã chấp nhận" if lang == "vi" else "acknowledged"
        note = f" ({word}: {finding.acknowledged})"
    return f"{finding.severity} [{finding.code}] {where}{finding.text.get(lang)}{note}"


def render_lint(set_id: str, findings: Sequence[Finding], errors: int, *, lang: Lang = "vi") -> str:
    """``cchc lint``'s listing: one line per finding, then the count."""
    lines = [lint_line(f, lang) for f in findings]
    lines.append(
        f"{set_id}: {len(findings)} finding(s), {errors} error(s)"
        if lang == "en"
        else f"{set_id}: {len(findings)} phát hiện, {errors} lỗi"
    )
    return "\n".join(lines) + "\n"


def render_advice(advice: Advice, *, lang: Lang = "vi") -> str:
    """The unscored criteria first (declare them), each advised step on a line, then the
    total the unit would reach."""
    lines = [item.text.get(lang) for item in advice.unanswered]
    lines += [step.text.get(lang) for step in advice.steps]
    now, after = (
        format_number(v, lang=lang, max_places=4) for v in (advice.points, advice.reachable)
    )
    more = ""
    if advice.unanswered:
        waiting = format_number(advice.open_points, lang=lang, max_places=4)
        more = (
            f", và đến {waiting} điểm nữa khi kê khai đủ"
            if lang == "vi"
            else f", and up to {waiting} more once everything is declared"
        )
    lines.append(
        f"Tổng điểm: {now} → {after} nếu thực hiện mọi bước{more}"
        if lang == "vi"
        else f"Total: {now} → {after} with every step taken{more}"
    )
    return "\n".join(lines) + "\n"


def render_set(criterion_set: CriterionSet, *, lang: Lang = "vi") -> str:
    """A set's facts, then every criterion with its max points and its rule in words."""
    cs = criterion_set
    vi = lang == "vi"
    lines = [f"{cs.id} — {cs.title}"]
    facts = [
        ("Tỉnh" if vi else "Province", cs.province),
        ("Loại đơn vị" if vi else "Unit kind", cs.unit_kind.value if cs.unit_kind else ""),
        ("Căn cứ" if vi else "Legal basis", cs.legal_basis),
        ("Nguồn" if vi else "Source", cs.source),
        ("Phạm vi" if vi else "Scope", cs.scope),
    ]
    lines += [f"{name}: {value}" for name, value in facts if value]
    lines.append("")
    unit = "điểm" if vi else "points"
    for criterion in cs.walk():
        depth = criterion.code.count(".") + criterion.code.count(",")
        points = format_number(criterion.max_points, lang=lang)
        lines.append(f"{'  ' * depth}{criterion.code}  {criterion.title}  [{points} {unit}]")
        if criterion.rule is not None:
            rule_text = criterion.rule.describe(criterion.max_points, lang=lang)
            lines.append(f"{'  ' * depth}    → {rule_text}")
        if criterion.evidence:
            word = "Tài liệu kiểm chứng" if vi else "Evidence"
            lines.append(f"{'  ' * depth}    {word}: {criterion.evidence}")
        if criterion.notes:
            word = "Ghi chú" if vi else "Notes"
            lines.append(f"{'  ' * depth}    {word}: {criterion.notes}")
    return "\n".join(lines) + "\n"


def render_comparison(
    comparison: Comparison, *, years: bool | None = None, lang: Lang = "vi", title: str = ""
) -> str:
    """A comparison as an aligned table under ``title``: code, max, before, after,
    difference, note; then the total.

    ``years`` names the columns for two years; otherwise self-assessed and appraised. By
    default it is read from the comparison (both sides scored from the figures: two years).
    """
    if years is None:
        years = comparison.before is not None and comparison.before.scores == "points"
    vi = lang == "vi"
    heads = (
        ["STT", "Tối đa", "Trước", "Sau", "Chênh lệch", "Ghi chú"]
        if vi
        else ["Code", "Max", "Before", "After", "Difference", "Note"]
    )
    if not years:
        heads[2:4] = ["Tự ĐG", "Thẩm định"] if vi else ["Self", "Appraised"]
    table = [heads]

    def num(value: Decimal | None) -> str:
        return "" if value is None else format_number(_DEFAULT.display(value), lang=lang)

    for line in comparison.lines:
        maximum = num(line.max_after if line.max_after is not None else line.max_before)
        if None not in (line.max_before, line.max_after) and line.max_before != line.max_after:
            maximum = f"{num(line.max_before)}→{num(line.max_after)}"
        diff = ""
        if line.difference is not None:
            diff = ("+" if line.difference > 0 else "") + num(line.difference)
        cells = [line.code, maximum, num(line.before), num(line.after), diff, line.note.get(lang)]
        table.append(cells)
    lines = [title, ""] if title else []
    lines += _aligned(table, numeric={1, 2, 3, 4}, last_free=True)
    lines.append(
        f"{'Tổng (các tiêu chí so sánh được)' if vi else 'Total (comparable criteria)'}: "
        f"{num(comparison.before_total)} → {num(comparison.after_total)} "
        f"({'+' if comparison.difference > 0 else ''}{num(comparison.difference)})"
    )
    rule, unit = comparison.rule_change, comparison.unit_change
    if rule is not None and unit is not None:
        signed = [("+" if v > 0 else "") + num(v) for v in (rule, unit)]
        rest = comparison.undecomposed
        if rest:  # merged criteria, or figures this year's rule cannot read
            signed.append(("+" if rest > 0 else "") + num(rest))
        lines.append(
            (
                f"Do thay đổi cách tính: {signed[0]}; do đơn vị thay đổi: {signed[1]}"
                if vi
                else f"From the rules' changes: {signed[0]}; from the unit's changes: {signed[1]}"
            )
            + (
                ""
                if len(signed) == 2
                else f"; không tách được: {signed[2]}"
                if vi
                else f"; not split: {signed[2]}"
            )
        )
    return "\n".join(lines) + "\n"


def render_impact(impact: Impact, *, lang: Lang = "vi") -> str:
    """A new set version's impact on a cohort: every unit's place and index under each
    version, and the places it gained or lost."""
    vi = lang == "vi"
    lines = [
        (
            f"Tác động của {impact.new_set} so với {impact.old_set}"
            if vi
            else f"Impact of {impact.new_set} against {impact.old_set}"
        ),
        "",
    ]

    def place(value: int | None) -> str:
        return "—" if value is None else str(value)

    for shift in impact.shifts:
        group = f"[{shift.group}] " if shift.group else ""
        moved = shift.places
        said = "" if not moved else (f"+{moved}" if moved > 0 else str(moved))
        indices = " → ".join(_index(i, lang) for i in (shift.old_index, shift.new_index))
        name = shift.unit or shift.source
        moves = f"{place(shift.old_rank)} → {place(shift.new_rank)}"
        moves += f" {said}" if said else ""
        lines.append(f"{group}{name}: {moves} ({indices})")
    count = len(impact.moved)
    lines.append(f"{count} đơn vị đổi thứ hạng" if vi else f"{count} unit(s) changed place")
    return "\n".join(lines) + "\n"


def render_sensitivity(sensitivity: Sensitivity, *, lang: Lang = "vi") -> str:
    """A cohort's sensitivity as an aligned table: per criterion, the units losing points on
    it, and the mean change of index (points of %) and of place at its max, at nothing and
    one band up."""
    vi = lang == "vi"
    heads = (
        ["STT", "Mất điểm", "Lên tối đa", "Về 0", "Hạng (tối đa)", "Hạng (0)", "Lên 1 khoảng"]
        if vi
        else ["Code", "Losing", "To max", "To 0", "Places (max)", "Places (0)", "Band up"]
    )

    def num(value: Decimal | None) -> str:
        if value is None:
            return "—"
        shown = format_number(value.quantize(Decimal("0.01")), lang=lang)
        return ("+" if value > 0 else "") + shown

    table = [heads] + [
        [
            row.code,
            f"{row.losing}/{row.units}",
            num(row.to_max),
            num(row.to_min),
            num(row.places_to_max),
            num(row.places_to_min),
            num(row.band_up),
        ]
        for row in sensitivity
    ]
    title = (
        f"Độ nhạy: {sensitivity.set_id}, {sensitivity.units} đơn vị"
        if vi
        else f"Sensitivity: {sensitivity.set_id}, {sensitivity.units} units"
    )
    lines = [title, "", *_aligned(table, numeric=set(range(1, len(heads))))]
    return "\n".join(lines) + "\n"


def ranking_title(ranking: Sequence[Ranked], lang: Lang = "vi") -> str:
    """ "Xếp hạng: <set title> (<set id>) — kỳ đánh giá <periods>"."""
    vi = lang == "vi"
    sets = list(dict.fromkeys(entry.standing.criterion_set for entry in ranking))
    names = "; ".join(f"{cs.title} ({cs.id})" for cs in sets)
    periods = ", ".join(dict.fromkeys(e.standing.period for e in ranking if e.standing.period))
    title = f"{'Xếp hạng' if vi else 'Ranking'}: {names}"
    if periods:
        title += f" — {'kỳ đánh giá' if vi else 'period'} {periods}"
    return title


def render_ranking_text(ranking: Sequence[Ranked], *, lang: Lang = "vi") -> str:
    """A title (the set and the period), then one line per unit: [group] rank. unit: points —
    index — grade; then how the figures are rounded."""
    lines = [ranking_title(ranking, lang)] if ranking else []
    for entry in ranking:
        card = entry.standing
        index = card.index
        shown = index_text(index, card.criterion_set, lang)
        group = f"[{entry.group}] " if entry.group else ""
        place = f"{entry.rank}." if entry.rank is not None else f"({card.unranked_reason(lang)})"
        points = points_text(card.points, card.criterion_set, lang)
        grade = f" — {card.grade}" if card.grade else ""
        lines.append(f"{group}{place} {card.unit or entry.source}: {points} — {shown}{grade}")
    if ranking:
        lines.append(rounding_note(ranking[0].standing.criterion_set, lang))
    return "".join(line + "\n" for line in lines)


def render_sets(rows: Sequence[Mapping[str, Any]]) -> str:
    """``cchc sets``: each set (as `set_data` gives it) on
    two lines: id, title, origin and lint mark; then province, unit kind and period."""
    lines = []
    for row in rows:
        mark = f"  [lint: {row['lint_errors']} error(s)]" if row["lint_errors"] else ""
        origin = f"{row['distribution'] or row['plugin'] or ''} {row['version'] or ''}".strip()
        period = f"{row['valid_from'] or '…'} – {row['valid_until'] or '…'}"
        where = " · ".join(str(v) for v in (row["province"], row["unit_kind"], period) if v)
        lines.append(f"{row['id']}  {row['title']}  ({origin}){mark}\n    {where}")
    return "".join(line + "\n" for line in lines)


_CHANGE_WORDS: dict[Lang, dict[str, str]] = {
    "vi": {
        "set": "bộ tiêu chí",
        "added": "thêm",
        "removed": "bỏ",
        "renumbered": "đổi mã",
        "split": "tách",
        "merged": "gộp",
        "changed": "sửa",
    },
    "en": {
        "set": "set",
        "added": "added",
        "removed": "removed",
        "renumbered": "renumbered",
        "split": "split",
        "merged": "merged",
        "changed": "changed",
    },
}


def change_lines(diff: SetDiff, lang: Lang) -> list[str]:
    """One line per change (kind, codes before → after), then its details indented."""
    lines = []
    for change in diff.changes:
        word = _CHANGE_WORDS[lang][change.kind]
        before = ", ".join(change.before) or "—"
        after = ", ".join(change.after) or "—"
        if change.kind == "set":
            before, after = diff.before, diff.after
        lines.append(f"{word}: {before} → {after}")
        lines += [f"    {detail.get(lang)}" for detail in change.details]
    return lines


def render_diff(diff: SetDiff, *, lang: Lang = "vi") -> str:
    """``cchc diff``: the two sets, then every change, then the count."""
    lines = [f"{diff.before} → {diff.after}", *change_lines(diff, lang)]
    count = len(diff.changes)
    lines.append(f"{count} thay đổi" if lang == "vi" else f"{count} change(s)")
    return "\n".join(lines) + "\n"
