"""Manual scoring: points entered directly, e.g. by the appraisal council."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError, NumberFormatError
from cchc_criteria.model import Outcome
from cchc_criteria.numbers import format_number, to_decimal
from cchc_criteria.rules._answers import error_text, points_word, refusal, scored
from cchc_criteria.rules.kinds import AnswerCell, RuleKind
from cchc_criteria.text import Lang, Text

__all__ = ["KIND", "ManualRule"]


@attrs.frozen
class ManualRule:
    """The answer is the score itself, a number from 0 to the criterion's max.

    Attributes:
        guidance: the published instructions for whoever enters the score.
    """

    guidance: str = ""

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Accept a score within [0, max]."""
        try:
            points = to_decimal(answer)
        except NumberFormatError as error:
            return refusal(
                "invalid-answer", answer, variant="manual", max=max_points, error=error_text(error)
            )
        if not 0 <= points <= max_points:
            return refusal("out-of-domain", answer, variant="manual", points=points, max=max_points)
        return scored(
            points,
            points,
            answer,
            _explain,
            points,
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From 0 to the max."""
        return Decimal(0), max_points

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The rule in words."""
        if lang == "vi":
            return f"chấm trực tiếp từ 0 đến {format_number(max_points)} điểm"
        return f"scored directly from 0 to {format_number(max_points, lang='en')}"


def _explain(lang: Lang, points: Decimal) -> str:
    if lang == "vi":
        return f"điểm chấm trực tiếp: {points_word(points, 'vi')}"
    return f"score entered directly: {points_word(points, 'en')}"


def _read(keys: Mapping[str, Any]) -> ManualRule:
    guidance = keys.get("guidance", "")
    if not isinstance(guidance, str):
        raise InvalidValueError(Text("guidance phải là một chuỗi", "guidance must be a text"))
    return ManualRule(guidance)


KIND = RuleKind(
    name="manual",
    pure=True,
    rule_class=ManualRule,
    keys={"guidance"},
    read=lambda keys, kinds: _read(keys),
    write=lambda rule, kinds: {"guidance": rule.guidance} if rule.guidance else {},
    schema={"properties": {"guidance": {"type": "string"}}},
    hint=lambda rule, max_points: f"điểm chấm trực tiếp, từ 0 đến {format_number(max_points)}",
    cell=lambda rule, max_points: AnswerCell(low=Decimal(0), high=max_points),
)
"""The kind ``rule = "manual"``."""
