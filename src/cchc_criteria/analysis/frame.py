"""Scorecards, their findings and comparisons as pandas DataFrames, for analysts (needs the
``pandas`` extra).

pandas is imported only when `to_frame` is called, so the library does not need it.
"""

from __future__ import annotations

import importlib
import typing
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from cchc_criteria.analysis.cohort_compare import CohortComparison
from cchc_criteria.analysis.compare import Comparison, Line
from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import CATALOGUE
from cchc_criteria.scoring import NodeRow, Scorecard
from cchc_criteria.text import Lang, shown

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped,unused-ignore]

__all__ = [
    "COMPARISON_COLUMNS",
    "FINDING_COLUMNS",
    "FRAME_COLUMNS",
    "findings_frame",
    "to_frame",
]

FRAME_COLUMNS: tuple[str, ...] = (
    "set_id",
    "unit",
    "period",
    "group",
    "grade",
    *(field.name for field in attrs.fields(NodeRow)),
)
"""The columns of `to_frame`: who and what was scored, then every field of `NodeRow`."""


def _numbers(record: type) -> frozenset[str]:
    """The fields of ``record`` that hold numbers (Decimal, or Decimal | None)."""
    return frozenset(
        name
        for name, hint in typing.get_type_hints(record).items()
        if hint is Decimal or Decimal in typing.get_args(hint)
    )


_NUMBERS = _numbers(NodeRow)


COMPARISON_COLUMNS: tuple[str, ...] = (
    "unit",
    "set_before",
    "period_before",
    "set_after",
    "period_after",
    *(field.name for field in attrs.fields(Line) if field.name != "note"),
    "note",
    "note_en",
)
"""The columns of `to_frame` given a comparison: the unit, each side's set and period, then every
field of `Line` (its note in Vietnamese and in English)."""
_COMPARISON_NUMBERS = _numbers(Line)


FINDING_COLUMNS: tuple[str, ...] = (
    "set_id",
    "unit",
    "period",
    "group",
    "criterion",
    "code",
    "severity",
    "category",
    "message",
    "message_vi",
    "acknowledged",
)
"""The columns of `findings_frame`: who was scored, then one finding's fields."""


def findings_frame(cards: Scorecard | Iterable[Scorecard]) -> pandas.DataFrame:
    """One row per finding per scorecard — the findings about the answers, then the set's own
    (lint) that touch the card — in the columns of `FINDING_COLUMNS`: which criteria
    most often lose points, or which units have errors, in one ``groupby``. Needs pandas.

    Args:
        cards: a scorecard, or any number of them.

    Returns:
        A ``pandas.DataFrame`` with one row per finding.

    Raises:
        ArgumentError: pandas is not installed, or ``cards`` are not scorecards.
    """
    pd = _pandas()
    records: list[dict[str, object]] = []
    for card in _cards(cards, "findings_frame"):
        who = _who(card)
        for found in (*card.findings, *card.lint_findings):
            records.append(
                {
                    **who,
                    "criterion": found.criterion,
                    "code": found.code,
                    "severity": found.severity.value,
                    "category": CATALOGUE[found.code].category.value,
                    "message": found.message,
                    "message_vi": found.message_vi,
                    "acknowledged": found.acknowledged,
                }
            )
    return pd.DataFrame.from_records(records, columns=list(FINDING_COLUMNS))


def _who(card: Scorecard) -> dict[str, object]:
    """The columns that say whose card a row comes from."""
    return {
        "set_id": card.criterion_set.id,
        "unit": card.assessment.unit,
        "period": card.assessment.period,
        "group": card.assessment.group,
    }


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise ArgumentError("a frame needs pandas: pip install 'cchc-criteria[pandas]'") from None


def _cards(cards: Scorecard | Iterable[Scorecard], verb: str) -> list[Scorecard]:
    given: object = cards  # what a caller passed, whatever its annotation says
    if not isinstance(given, Scorecard | Iterable) or isinstance(given, str):
        raise ArgumentError(f"{verb} takes scorecards, got {type(given).__name__}")
    batch = [cards] if isinstance(cards, Scorecard) else list(cards)
    for card in batch:
        if not isinstance(card, Scorecard):
            raise ArgumentError(f"{verb} takes scorecards, got {type(card).__name__}")
    return batch


def to_frame(
    cards: Scorecard | Iterable[Scorecard] | Comparison | CohortComparison,
    *,
    numbers: Literal["float", "decimal"] = "float",
    lang: Lang = "vi",
) -> pandas.DataFrame:
    """One row per node per scorecard, in the columns of `FRAME_COLUMNS`; or, given a
    comparison (`compare`), one row per line per
    unit, in the columns of `COMPARISON_COLUMNS`.

    ``numbers="float"`` (the default) gives float columns that pandas computes with (an
    absent number is NaN); ``numbers="decimal"`` keeps the exact `Decimal`
    values in object columns. Needs pandas: ``pip install 'cchc-criteria[pandas]'``.

    >>> frame = cc.to_frame(cards)                                   # doctest: +SKIP
    >>> frame[frame.depth == 1].pivot(index="unit", columns="code", values="index")
    >>> changes = cc.to_frame(cc.compare(cards_2024, cards_2025))    # doctest: +SKIP
    >>> changes.groupby("code")[["rule_change", "unit_change"]].sum()

    Args:
        cards: a scorecard, scorecards, or a comparison from `compare`.
        numbers: ``"float"`` for float columns, ``"decimal"`` for exact `Decimal` ones.
        lang: the language of the text columns (notes, explanations).

    Returns:
        A pandas DataFrame with one row per node per scorecard (or per line per unit).

    Raises:
        ArgumentError: for ``numbers`` other than "float" or "decimal", or anything but
            scorecards or a comparison.
    """
    if numbers not in ("float", "decimal"):
        raise ArgumentError(
            f"numbers is 'float' or 'decimal', got {shown(numbers, quoted=True):.60}"
        )
    pd = _pandas()
    if isinstance(cards, Comparison | CohortComparison):
        frame = _comparison_frame(pd, cards)
        columns: frozenset[str] = _COMPARISON_NUMBERS
    else:
        records: list[dict[str, object]] = []
        for card in _cards(cards, "to_frame"):
            who = {**_who(card), "grade": card.grade}
            for row in card.rows(lang=lang):
                records.append({**who, **attrs.asdict(row)})
        frame = pd.DataFrame.from_records(records, columns=list(FRAME_COLUMNS))
        columns = _NUMBERS
    if numbers == "float":
        for column in columns:
            frame[column] = [
                float("nan") if v is None else float(v) if isinstance(v, Decimal) else v
                for v in frame[column]
            ]
            frame[column] = frame[column].astype("float64")
    return frame


def _comparison_frame(pd: Any, comparison: Comparison | CohortComparison) -> Any:
    each = comparison.comparisons if isinstance(comparison, CohortComparison) else (comparison,)
    records: list[dict[str, object]] = []
    for one in each:
        before, after = one.before, one.after
        who = {
            "unit": (after.unit if after else "") or (before.unit if before else ""),
            "set_before": before.set_id if before else "",
            "period_before": before.period if before else "",
            "set_after": after.set_id if after else "",
            "period_after": after.period if after else "",
        }
        for line in one.lines:
            fields = attrs.asdict(line, recurse=False)
            note = fields.pop("note")
            records.append({**who, **fields, "note": note.vi, "note_en": note.en})
    return pd.DataFrame.from_records(records, columns=list(COMPARISON_COLUMNS))
