"""What a plan says of a node: the explanations and the warning it writes while scoring."""

from __future__ import annotations

from decimal import Decimal

from cchc_criteria.model import Finding, NAPolicy, Role, finding
from cchc_criteria.numbers import format_number
from cchc_criteria.scoring.card import NodeScore
from cchc_criteria.text import Lang, Text

__all__ = [
    "excluded",
    "fraction_for_percent",
    "group_explanation",
    "held_to",
    "outside_scope",
]


def held_to(lang: Lang, said: Text, points: Decimal, to_max: bool) -> str:
    """The rule's explanation, then the points actually given: held to the max (or to 0)."""
    shown = format_number(points, lang=lang, max_places=4)
    if lang == "vi":
        where = "tối đa" if to_max else "0"
        return f"{said.vi}; giữ ở mức {where}: {shown} điểm"
    where = "the max" if to_max else "0"
    return f"{said.en}; held to {where}: {shown} point" + ("" if points == 1 else "s")


def fraction_for_percent(code: str, answer: object, value: Decimal | None) -> list[Finding]:
    """A warning when a bare number between 0 and 1 is given where a percentage is expected:
    "0,95" is read as 0,95 % as typed, though 95 % was most likely meant.

    Args:
        code: the criterion's code.
        answer: the answer as given.
        value: the figure read from it, in percent units, if any.

    Returns:
        The warning, or an empty list.
    """
    if value is None or not 0 < value < 1 or isinstance(answer, bool):
        return []
    if isinstance(answer, str) and ("%" in answer or "/" in answer):
        return []
    if not isinstance(answer, str | int | float | Decimal):
        return []
    return [finding("fraction-for-percent", code, answer=answer, shown=value, meant=value * 100)]


def excluded(lang: Lang, maximum: Decimal) -> str:
    if lang == "vi":
        return f"không áp dụng: {_vi(maximum)} điểm tối đa được loại khỏi tổng"
    return f"not applicable: its {_en(maximum)} max points leave the totals"


def group_explanation(
    lang: Lang,
    children: list[NodeScore],
    redistributed: Decimal = Decimal(0),
    policy: NAPolicy | None = None,
    result: Decimal | None = None,
) -> str:
    monitored = [c.code for c in children if c.role is Role.MONITOR]
    counted = [c for c in children if c.role is not Role.MONITOR]
    scored = [c for c in counted if c.points is not None]
    if not scored:
        text = "chưa có tiêu chí nào được chấm" if lang == "vi" else "nothing scored yet"
        return text + _monitored(lang, monitored)
    fmt = _vi if lang == "vi" else _en
    signs = {Role.SCORE: "+", Role.BONUS: "+", Role.DEDUCTION: "−"}
    terms = " ".join(f"{signs[c.role]} {fmt(c.points)}" for c in scored if c.points is not None)
    text = ("tổng: " if lang == "vi" else "sum: ") + terms.lstrip("+ ")
    unscored = [c.code for c in counted if not c.complete]
    if unscored:
        text += ("; chưa đủ: " if lang == "vi" else "; incomplete: ") + ", ".join(unscored)
    if redistributed and policy is not None:
        shown = "" if result is None else fmt(result)
        text += _redistributed(lang, fmt(redistributed), policy, counted, shown)
    return text + _monitored(lang, monitored)


def _redistributed(
    lang: Lang, amount: str, policy: NAPolicy, children: list[NodeScore], result: str
) -> str:
    """What a group that kept its max did with the max of its not-applicable criteria."""
    dropped = ", ".join(c.code for c in children if c.role is Role.SCORE and not c.applicable)
    if lang == "vi":
        how = "quy đổi theo tỷ lệ điểm tối đa" if policy is NAPolicy.RESCALE else "chia đều"
        return (
            f"; {amount} điểm của {dropped} (không áp dụng) được {how} cho các tiêu chí còn "
            f"lại: {result}"
        )
    how = "in proportion to their max" if policy is NAPolicy.RESCALE else "evenly"
    return (
        f"; the {amount} points of {dropped} (not applicable) shared {how} among the others: "
        f"{result}"
    )


def _monitored(lang: Lang, codes: list[str]) -> str:
    if not codes:
        return ""
    shown = ", ".join(codes)
    return (
        f"; theo dõi, không tính: {shown}" if lang == "vi" else f"; monitored, not counted: {shown}"
    )


def _vi(value: Decimal) -> str:
    return format_number(value, max_places=4)


def _en(value: Decimal) -> str:
    return format_number(value, lang="en", max_places=4)


def outside_scope(lang: Lang, names: tuple[str, ...]) -> str:
    """Why a criterion is not applicable to a unit outside the groups it applies to."""
    shown = ", ".join(names)
    if lang == "vi":
        return (
            f"chỉ áp dụng cho {shown}: không áp dụng cho đơn vị này, điểm tối đa được loại "
            "khỏi tổng"
        )
    return f"applies to {shown} only: not applicable to this unit, its max leaves the totals"
