"""The finding codes of the ``bands`` kind: what scoring a figure (or a named band) against
published bands can find."""

from __future__ import annotations

from cchc_criteria.model.finding_kinds import UNSCORED, Category, FindingKind, Severity, entry

__all__ = ["FINDINGS"]

FINDINGS: tuple[FindingKind, ...] = (
    entry(
        "unknown-band",
        Severity.ERROR,
        Category.SCORING,
        {
            "": (
                "không có khoảng {ref!r}; các khoảng là: {labels}",
                "no band {ref!r}; the bands are: {labels}",
            )
        },
    ),
    entry(
        "band-needs-figure",
        Severity.WARNING,
        Category.SCORING,
        {
            "": (
                "đơn vị chỉ nêu khoảng {band} ({label!r}), điểm của khoảng này tính theo công "
                "thức từ số liệu{span}; cần kê khai số liệu để chấm",
                "the unit names band {band} ({label!r}), whose points depend on the figure by "
                "a formula{span}; give the figure to score it",
            )
        },
        {"span": (" (từ {least} đến {most})", " (from {least} to {most})")},
    ),
    entry(
        "band-contradicts-figure",
        Severity.WARNING,
        Category.SCORING,
        {
            "": (
                "đơn vị chọn khoảng {chosen!r} nhưng số liệu kê khai {shown} thuộc khoảng "
                "{matched!r}; điểm tính theo số liệu",
                "the unit chose band {chosen!r} but its figure {shown} falls in {matched!r}; "
                "the figure is scored",
            )
        },
    ),
    entry(
        "no-band",
        Severity.ERROR,
        Category.SCORING,
        {
            "": (
                "{shown}{unit} không thuộc khoảng nào của thang điểm đã ban hành ({bands}); "
                + UNSCORED.vi,
                "{shown}{unit} falls in none of the published bands ({bands}); " + UNSCORED.en,
            )
        },
    ),
    entry(
        "formula-error",
        Severity.ERROR,
        Category.SCORING,
        {
            "": (
                "không tính được công thức của khoảng {band} tại {shown}{unit}: {reason}",
                "band {band}'s formula cannot be evaluated at {shown}{unit}: {reason}",
            )
        },
    ),
    entry(
        "overlapping-bands",
        Severity.WARNING,
        Category.SCORING,
        {
            "": (
                "{shown}{unit} thuộc khoảng {band} và cả khoảng {others}; đã dùng khoảng đứng "
                "trước",
                "{shown}{unit} falls in band {band} and also in band(s) {others}; the first in "
                "document order was used",
            )
        },
    ),
)
"""The finding codes of the kind's own (``RuleKind.findings``)."""
