"""Figures counted over the months so far (lũy kế): a monthly set scores a month from the
unit's figures of that month and of the earlier months of its quarter or year, for the rows
that say so (``cumulative = "quarter"`` or ``"year"``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import attrs

from cchc_criteria.dates import parse_period
from cchc_criteria.errors import CchcError, InputError, NumberFormatError
from cchc_criteria.model import NA, Assessment, CriterionSet
from cchc_criteria.numbers import plain, to_decimal
from cchc_criteria.text import Text

__all__ = ["cumulate"]


def cumulate(
    criterion_set: CriterionSet, assessment: Assessment, earlier: Iterable[Assessment]
) -> Assessment:
    """``assessment`` (one month's) with the figure of every cumulative row of
    ``criterion_set`` added up over the months so far: the earlier months of its quarter
    (``cumulative = "quarter"``) or of its year (``"year"``) among ``earlier``.

    Counts and numbers are added; rates given as ratios ("3/41") add their numerators and
    their denominators ("3/41" and "5/40" make "8/81"). A rate given as a percentage cannot
    be added up and is refused, as is an earlier assessment of another unit or a month that
    cannot be read: `InputError` names it. A row the unit does not
    answer this month, or a month without the row, adds nothing.

    Args:
        criterion_set: the set whose cumulative rows are added up.
        assessment: this month's assessment.
        earlier: the unit's earlier months (others are refused, months outside the quarter or
            year passed over).

    Returns:
        A new assessment with the cumulative figures; ``assessment`` is left unchanged.

    Raises:
        InputError: for a rate given as a percentage on a cumulative row, an earlier assessment
            of another unit, or a month that cannot be read.
    """
    month = _month(assessment)
    if month is None:
        return assessment
    before: list[tuple[date, Assessment]] = []
    for other in earlier:
        when = _month(other)
        if when is None:
            raise InputError(
                str(other.source or other.period or "?"),
                Text(
                    f"kỳ {other.period!r} không phải một tháng: cần tháng để cộng dồn",
                    f"the period {other.period!r} is not a month: adding up needs months",
                ),
            )
        if assessment.unit and other.unit and other.unit != assessment.unit:
            raise InputError(
                str(other.source or other.period),
                Text(
                    f"đây là bản của {other.unit!r}, không phải {assessment.unit!r}",
                    f"this is {other.unit!r}'s, not {assessment.unit!r}'s",
                ),
            )
        if when < month:
            before.append((when, other))
    answers = dict(assessment.answers)
    for criterion in criterion_set.walk():
        over = criterion.cumulative
        given = answers.get(criterion.code)
        if not over or given is None or given is NA:
            continue
        first = (month.month - 1) // 3 * 3 + 1 if over == "quarter" else 1
        figures = [given] + [
            other.answers[criterion.code]
            for when, other in sorted(before, key=lambda pair: pair[0])
            if when.year == month.year
            and when.month >= first
            and other.answers.get(criterion.code) not in (None, NA)
        ]
        answers[criterion.code] = _added(figures, criterion.code, assessment)
    return attrs.evolve(assessment, answers=answers)


def _month(assessment: Assessment) -> date | None:
    """The first day of the month ``assessment`` is for; ``None`` when its period is not one
    month (or cannot be read)."""
    if not assessment.period:
        return None
    try:
        period = parse_period(assessment.period)
    except CchcError:
        return None
    if (period.start.year, period.start.month) != (period.end.year, period.end.month):
        return None
    return period.start.replace(day=1)


def _added(figures: list[object], code: str, assessment: Assessment) -> object:
    """The figures added up: numbers summed, ratios summed part by part."""
    ratios = [f for f in figures if isinstance(f, str) and "/" in f]
    try:
        if ratios and len(ratios) == len(figures):
            parts = [tuple(to_decimal(part) for part in f.split("/", 1)) for f in ratios]
            top = sum((p[0] for p in parts), Decimal(0))
            bottom = sum((p[1] for p in parts), Decimal(0))
            return f"{plain(top)}/{plain(bottom)}"
        if not ratios and not any(isinstance(f, str) and "%" in f for f in figures):
            return sum((to_decimal(f) for f in figures), Decimal(0))
    except NumberFormatError:
        pass
    raise InputError(
        str(assessment.source or assessment.period),
        Text(
            f"tiêu chí {code}: không cộng dồn được {figures!r}; hãy ghi số đếm, hoặc tỷ lệ "
            'dạng "tử số/mẫu số" cho mọi tháng',
            f"criterion {code}: {figures!r} cannot be added up; give counts, or every month's "
            'rate as "numerator/denominator"',
        ),
    )
