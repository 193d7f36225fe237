"""The rule protocol: what every scoring rule (cách tính điểm) gives and says."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol, runtime_checkable

import attrs

from cchc_criteria.model.findings import Finding
from cchc_criteria.text import Lang, Text

__all__ = ["Outcome", "Rule"]


@attrs.frozen
class Outcome:
    """What a rule made of one answer.

    Attributes:
        points: the points the rule awards (after its own published rounding), ``None`` when
            the answer could not be scored.
        exact: the points before the rule's own rounding.
        value: the figure the rule used, in its scale (e.g. the rate in percent).
        figure: the answer as it was given, as text.
        matched: the label of the band or option that applied.
        explanation: one line saying why, in Vietnamese and English.
        findings: problems with the answer (their criterion code is filled in by scoring).
    """

    points: Decimal | None
    exact: Decimal | None = None
    value: Decimal | None = None
    figure: str = ""
    matched: str | None = None
    explanation: Text = attrs.field(factory=lambda: Text("", ""))
    findings: tuple[Finding, ...] = ()


@runtime_checkable
class Rule(Protocol):
    """A scoring rule (cách tính điểm): scores one answer and knows its own range of points."""

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score ``answer`` for a criterion whose max is ``max_points``."""

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The lowest and highest points the rule as written can award over its whole domain.

        ``None`` means unbounded. The range is of the rule's own output, before scoring holds it
        to ``[0, max_points]``; a rule that can exceed its criterion's max shows it here.
        """

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The rule in words, for reports and templates."""
