"""A blank assessment file for a criterion set, ready to fill in (``cchc template SET``)."""

from __future__ import annotations

import json

from cchc_criteria.model import Criterion, CriterionSet, Rule
from cchc_criteria.numbers import format_number
from cchc_criteria.rules.kinds import RuleKinds

__all__ = ["expected_answer", "render_template"]


def expected_answer(rule: Rule, criterion: Criterion, *, kinds: RuleKinds) -> str:
    """What a unit types for this criterion, in Vietnamese (the rule kind says)."""
    kind = kinds.of_rule(rule)
    if kind is None:
        return "xem cách tính điểm"
    return kind.hint(rule, criterion.max_points)


def render_template(criterion_set: CriterionSet, *, kinds: RuleKinds) -> str:
    """A TOML assessment listing every criterion, commented, with its rule in words.

    Every answer line is commented out, so the file as written is a valid assessment in which
    every criterion is unanswered; uncomment and fill in each line.
    """
    cs = criterion_set
    lines = [
        f"# Phiếu kê khai và tự đánh giá — {cs.title}",
        f"# Bộ tiêu chí: {cs.id}" + (f" ({cs.legal_basis})" if cs.legal_basis else ""),
        "# Bỏ dấu # ở đầu mỗi dòng kê khai và điền số liệu;",
        "# không kê khai = chưa chấm (không phải 0 điểm).",
        '# Không áp dụng: "NA". Số thập phân: "7,5" hoặc 7.5.',
        "",
        f"set = {json.dumps(cs.id, ensure_ascii=False)}",
        'unit = ""',
        'period = ""',
        "",
        "[answers]",
    ]
    for criterion in cs.walk():
        points = format_number(criterion.max_points)
        indent = "  " * (criterion.code.count(".") + criterion.code.count(","))
        lines.append(f"# {indent}{criterion.code} {criterion.title} — tối đa {points} điểm")
        if criterion.rule is None:
            continue
        lines.append(f"# {indent}  Cách tính: {criterion.rule.describe(criterion.max_points)}")
        if criterion.evidence:
            lines.append(f"# {indent}  Tài liệu kiểm chứng: {criterion.evidence}")
        lines.append(
            f"# {indent}  Kê khai: {expected_answer(criterion.rule, criterion, kinds=kinds)}"
        )
        lines.append(f"# {json.dumps(criterion.code, ensure_ascii=False)} = ")
        lines.append("")
    lines += [
        "",
        "[self_assessed]   # điểm tự đánh giá, theo mã tiêu chí (không bắt buộc)",
        "",
        "[evidence]        # tài liệu kiểm chứng: một văn bản hoặc danh sách",
        "",
        "[explanations]    # giải trình",
        "",
    ]
    return "\n".join(lines)
