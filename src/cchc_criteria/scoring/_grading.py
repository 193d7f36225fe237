"""Grades that need more than the index (``Grade.requires``): a unit that misses a condition
of the grade its index falls in gets the next grade down whose conditions it meets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from cchc_criteria.model import Finding, Grade, GradeCondition, finding
from cchc_criteria.model.bands import interval_contains
from cchc_criteria.numbers import decimal_of, format_number
from cchc_criteria.scoring.card import NodeScore
from cchc_criteria.text import Text

__all__ = ["grade_with_conditions"]

_LOWEST = Fraction(-(10**40))


def grade_with_conditions(
    grades: Sequence[Grade],
    index: Decimal,
    first: Grade,
    node: Callable[[str], NodeScore],
    leaves_below: Callable[[str], tuple[str, ...]],
) -> tuple[str | None, tuple[Finding, ...]]:
    """The grade of a unit whose index is in ``first``'s band, given its nodes: ``first``
    when it meets every condition, else the best grade below ``first`` (by lower edge) whose
    lower edge the index reaches and whose conditions it meets, or none; and an info
    finding (``grade-condition-unmet``) for every grade it missed."""
    reached = Fraction(index)
    below = sorted(
        (
            g
            for g in grades
            if _edge(g) < _edge(first) and interval_contains(g.lower, None, reached)
        ),
        key=_edge,
        reverse=True,
    )
    misses: list[tuple[Grade, GradeCondition, Text]] = []
    chosen: Grade | None = None
    for grade in (first, *below):
        missed = _missed(grade.requires, node, leaves_below)
        if missed is None:
            chosen = grade
            break
        misses.append((grade, *missed))
    given = (
        Text("không xếp loại", "no grade")
        if chosen is None
        else Text(repr(chosen.label), repr(chosen.label))
    )
    found = tuple(
        finding(
            "grade-condition-unmet",
            index=index,
            grade=grade.label,
            condition=condition.describe(),
            why=why,
            given=given,
        )
        for grade, condition, why in misses
    )
    return (None if chosen is None else chosen.label), found


def _edge(grade: Grade) -> Fraction:
    return _LOWEST if grade.lower is None else Fraction(grade.lower.value)


def _missed(
    conditions: Sequence[GradeCondition],
    node: Callable[[str], NodeScore],
    leaves_below: Callable[[str], tuple[str, ...]],
) -> tuple[GradeCondition, Text] | None:
    """The first condition the unit misses, and why; ``None`` when it meets them all."""
    for condition in conditions:
        code = condition.criterion
        if condition.kind == "no_zero_under":
            for leaf in leaves_below(code):
                looked = node(leaf)
                if looked.applicable and looked.points == 0:
                    return condition, Text(f"{leaf}: 0 điểm", f"{leaf}: 0 points")
            continue
        looked = node(code)
        least = condition.value if condition.value is not None else Decimal(0)
        if condition.kind == "index_from":
            if looked.points is None or looked.max_points <= 0:
                return condition, Text(f"{code} chưa được chấm", f"{code} is not scored")
            reached = decimal_of(Fraction(looked.points) * 100 / Fraction(looked.max_points))
        else:
            if looked.value is None:
                return condition, Text(f"{code} không có số liệu", f"{code} has no figure")
            reached = looked.value
        if reached < least:
            return condition, Text(
                f"{code}: {format_number(reached, max_places=2)}",
                f"{code}: {format_number(reached, lang='en', max_places=2)}",
            )
    return None
