"""What the kinds that read a figure on a scale share: the figure's hint in templates, its
Excel cell, and the JSON Schema of ``scale``."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from cchc_criteria.model import Scale
from cchc_criteria.rules.keys import choice_error
from cchc_criteria.rules.kinds import AnswerCell

__all__ = ["SCALE_SCHEMA", "read_scale_and_direction", "scale_cell", "scale_hint"]

SCALE_SCHEMA: dict[str, Any] = {"type": "string", "enum": [s.value for s in Scale]}


_SCALE_HINTS = {
    Scale.PERCENT: 'tỷ lệ phần trăm: 93, "93,5%" hoặc "3/41"',
    Scale.RATIO: 'tỷ lệ: 0.93, "93%" hoặc "3/41"',
    Scale.COUNT: "số lượng (số nguyên): 4",
    Scale.NUMBER: 'một số: 7 hoặc "7,5"',
}


def scale_hint(scale: Scale) -> str:
    """What a figure on ``scale`` looks like, in Vietnamese (for templates)."""
    return _SCALE_HINTS[scale]


def scale_cell(scale: Scale) -> AnswerCell:
    """The Excel cell of a figure on ``scale``: rates from 0 to 100 % (or 1), which may be
    typed as a ratio of counts; counts whole and not negative."""
    if scale is Scale.PERCENT:
        return AnswerCell(low=Decimal(0), high=Decimal(100), ratio=True)
    if scale is Scale.RATIO:
        return AnswerCell(low=Decimal(0), high=Decimal(1), ratio=True)
    if scale is Scale.COUNT:
        return AnswerCell(low=Decimal(0), whole=True)
    return AnswerCell()


def read_scale_and_direction(keys: Mapping[str, Any]) -> tuple[Scale, bool]:
    """A comparing rule's ``scale`` (percent by default) and whether lower is better
    (``better = "lower"``; ``"higher"`` by default), each refused with its choices."""
    scale = keys.get("scale", "percent")
    scales = {s.value: s for s in Scale}
    if scale not in scales:
        raise choice_error("scale", list(scales), scale)
    better = keys.get("better", "higher")
    if better not in ("higher", "lower"):
        raise choice_error("better", ("higher", "lower"), better)
    return scales[scale], better == "lower"
