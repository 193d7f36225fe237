"""Findings: what a person should look at in a scorecard or a set."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal

import attrs

__all__ = ["FINDING_CODES", "Finding", "Severity"]


class Severity(enum.StrEnum):
    """How much a finding matters: ``error`` makes a scorecard unreliable, ``info`` only tells."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """Something about a scorecard or a set that a person should look at.

    Attributes:
        code: a stable, documented identifier such as ``"no-band"``.
        severity: ``error``, ``warning`` or ``info``.
        criterion: the code of the criterion concerned ("" for the whole set).
        message: what is wrong and what was expected, in English.
        message_vi: the same in Vietnamese.
        band: the band concerned (1-based, in document order), for findings about a band.
        value: the value concerned (the first value in a gap, above the max, …).
        acknowledged: the reason the set's own data gives for accepting this finding; an
            acknowledged finding is still shown but no longer fails a check.
    """

    code: str
    severity: Severity
    criterion: str
    message: str
    message_vi: str = ""
    band: int | None = None
    value: Decimal | None = None
    acknowledged: str | None = None

    def __str__(self) -> str:
        where = f"{self.criterion}: " if self.criterion else ""
        note = f" (acknowledged: {self.acknowledged})" if self.acknowledged else ""
        return f"{self.severity} [{self.code}] {where}{self.message}{note}"


#: Every finding code scoring can report, with its severity. Documented one by one in
#: ``docs/findings.md``; the codes are stable: tools may match on them.
FINDING_CODES: Mapping[str, Severity] = {
    "unanswered": Severity.WARNING,
    "invalid-answer": Severity.ERROR,
    "out-of-domain": Severity.ERROR,
    "no-band": Severity.ERROR,
    "formula-error": Severity.ERROR,
    "overlapping-bands": Severity.WARNING,
    "band-needs-figure": Severity.WARNING,
    "unknown-band": Severity.ERROR,
    "held-to-max": Severity.WARNING,
    "held-to-zero": Severity.WARNING,
    "group-held": Severity.WARNING,
    "na-not-allowed": Severity.ERROR,
    "unknown-criterion": Severity.ERROR,
    "answer-for-group": Severity.ERROR,
    "self-assessed-differs": Severity.WARNING,
    "appraised-differs": Severity.WARNING,
    "self-assessed-missing": Severity.INFO,
    "appraised-missing": Severity.INFO,
    "self-assessed-unchecked": Severity.INFO,
    "appraised-unchecked": Severity.INFO,
    "invalid-declared-score": Severity.ERROR,
    "declared-score-out-of-range": Severity.ERROR,
    "no-grade": Severity.ERROR,
    "fraction-for-percent": Severity.WARNING,
}
