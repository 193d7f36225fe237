"""The finding codes of the ``lateness`` kind."""

from __future__ import annotations

from cchc_criteria.model.finding_kinds import Category, FindingKind, Severity, entry

__all__ = ["FINDINGS"]

FINDINGS: tuple[FindingKind, ...] = (
    entry(
        "needs-period",
        Severity.ERROR,
        Category.SCORING,
        {
            "": (
                'hạn là {deadline}: cần kỳ đánh giá của đơn vị (period = "tháng 6/2025") '
                "để biết ngày hạn; tiêu chí chưa được chấm",
                'the deadline is {deadline}: the unit\'s period (period = "tháng 6/2025") '
                "says which day it is; the criterion is left unscored",
            )
        },
    ),
    entry(
        "late-not-accepted",
        Severity.WARNING,
        Category.SCORING,
        {
            "": (
                "gửi ngày {sent} sau ngày {limit}: không được tính, {points} điểm",
                "sent on {sent}, after {limit}: not accepted, {points} points",
            )
        },
    ),
)
"""The finding codes of the kind's own (``RuleKind.findings``)."""
