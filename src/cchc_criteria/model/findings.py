"""Findings and their catalogue: every code declared once, with both languages' messages.

A `Finding` is something a person should look at in a scorecard or a set. It keeps its
code, where it is and the values it is about; its message is rendered from the catalogue in
Vietnamese or English when it is read (``finding.text.get(lang)``), so no message is written
anywhere but in the catalogue (`catalogue_scoring` and
`catalogue_lint`; the machinery of an entry is in
`finding_kinds`). Make one with `finding`::

    finding("held-to-max", "7.3.3", points=Decimal("1.5"), figure="15%", max=Decimal(1))

Numbers in the values are shown the way of each language (``1,5`` / ``1.5``); a value that is a
`Text` is shown in the language being rendered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import attrs

from cchc_criteria.errors import ArgumentError, InvalidValueError
from cchc_criteria.model.catalogue_lint import LINT_KINDS
from cchc_criteria.model.catalogue_scoring import SCORING_KINDS
from cchc_criteria.model.finding_kinds import Category, FindingKind, Severity
from cchc_criteria.numbers import decimal_of
from cchc_criteria.text import Text, html_table

__all__ = [
    "CATALOGUE",
    "FINDING_CODES",
    "LINT_CODES",
    "Category",
    "Finding",
    "FindingKind",
    "Findings",
    "Severity",
    "add_findings",
    "finding",
]


@attrs.frozen
class Finding:
    """Something about a scorecard or a set that a person should look at.

    Attributes:
        code: a stable, documented identifier such as ``"no-band"`` (see `CATALOGUE`).
        severity: ``error``, ``warning`` or ``info``.
        criterion: the code of the criterion concerned ("" for the whole set).
        variant: which of the code's messages applies ("" for the usual one).
        values: the values the message is about, as (name, value) pairs.
        band: the band (or option) concerned, 1-based in document order.
        value: the value concerned (the first value in a gap, above the max, …).
        acknowledged: the reason the set's own data gives for accepting this finding; an
            acknowledged finding is still shown but no longer fails a check.
    """

    code: str
    severity: Severity
    criterion: str
    variant: str = ""
    values: tuple[tuple[str, object], ...] = ()
    band: int | None = None
    value: Decimal | None = None
    acknowledged: str | None = None

    @property
    def text(self) -> Text:
        """The message in Vietnamese and English, rendered from the catalogue."""
        kind = CATALOGUE[self.code]
        values = dict(self.values)
        return Text(
            vi=kind.render(self.variant, values, "vi"), en=kind.render(self.variant, values, "en")
        )

    @property
    def message(self) -> str:
        """The message in English (``text.en``)."""
        return self.text.en

    @property
    def message_vi(self) -> str:
        """The message in Vietnamese (``text.vi``)."""
        return self.text.vi

    def __str__(self) -> str:
        where = f"{self.criterion}: " if self.criterion else ""
        note = f" (acknowledged: {self.acknowledged})" if self.acknowledged else ""
        return f"{self.severity} [{self.code}] {where}{self.message}{note}"


class Findings(tuple[Finding, ...]):
    """Findings as a scorecard holds them: a tuple (equal to a plain tuple of the same
    findings) that shows as a table in a notebook — code, severity, criterion, message."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return html_table(
            ("Mã", "Mức", "Tiêu chí", "Nội dung"),
            ((f.code, f.severity.value, f.criterion, f.message_vi) for f in self),
        )


def finding(
    code: str,
    criterion: str = "",
    /,
    *,
    variant: str = "",
    band: int | None = None,
    value: Decimal | Fraction | None = None,
    **values: object,
) -> Finding:
    """A finding of the catalogue's ``code`` about ``criterion``, with its message's values.

    ``band`` and ``value`` are kept on the finding and are also values of the message.

    Args:
        code: a code of the catalogue (``cchc findings`` lists them; a plugin kind's own
            codes join it when the kind is made).
        criterion: the criterion it is about ("" for the whole card or set).
        variant: which of the code's messages, when it has several.
        band: the band it is about, kept on the finding.
        value: the figure it is about, kept on the finding.
        values: the message's other placeholders (``{max}``, ``{shown}``, …).

    Returns:
        The `Finding`, its message in Vietnamese and English.

    Raises:
        ArgumentError: the code is not in the catalogue, or has no such variant.
    """
    kind = CATALOGUE.get(code)
    if kind is None:
        raise ArgumentError(f"no finding code {code!r} in the catalogue")
    if variant not in kind.messages:
        raise ArgumentError(f"finding {code!r} has no message variant {variant!r}")
    number = decimal_of(value) if isinstance(value, Fraction) else value
    if band is not None:
        values["band"] = band
    if number is not None:
        values.setdefault("value", number)
    return Finding(
        code, kind.severity, criterion, variant, tuple(sorted(values.items())), band, number
    )


_CATALOGUE: dict[str, FindingKind] = {k.code: k for k in SCORING_KINDS + LINT_KINDS}
_SCORING: dict[str, Severity] = {
    k.code: k.severity for k in _CATALOGUE.values() if k.category is Category.SCORING
}
_LINT: dict[str, Severity] = {
    k.code: k.severity for k in _CATALOGUE.values() if k.category is Category.LINT
}

CATALOGUE: Mapping[str, FindingKind] = MappingProxyType(_CATALOGUE)
"""Every finding code, declared once: severity, category, messages, docs page. Read-only; the codes
of plugin rule kinds join it when the registry loads them (`add_findings`)."""

FINDING_CODES: Mapping[str, Severity] = MappingProxyType(_SCORING)
"""Every finding code scoring can report, with its severity (documented in ``docs/findings.md``;
the codes are stable: tools may match on them)."""

LINT_CODES: Mapping[str, Severity] = MappingProxyType(_LINT)
"""Every lint code with its severity; each is documented on its own page in ``docs/lint/``."""


def add_findings(kinds: Iterable[FindingKind]) -> None:
    """Add the finding codes a rule kind declares (``RuleKind.findings``) to the catalogue.

    A code already there with the same definition is kept; a code already there with another
    definition (a built-in code, or another kind's) is refused with
    `InvalidValueError`, and none of ``kinds`` is added.

    Args:
        kinds: the finding kinds to add.

    Raises:
        InvalidValueError: when a code is already defined otherwise (none is added).
    """
    new: dict[str, FindingKind] = {}
    for kind in kinds:
        if not isinstance(kind, FindingKind):
            raise InvalidValueError(
                Text(
                    f"cần một FindingKind, nhận được {type(kind).__name__}",
                    f"expected a FindingKind, got {type(kind).__name__}",
                )
            )
        known = _CATALOGUE.get(kind.code, new.get(kind.code))
        if known is not None and known != kind:
            raise InvalidValueError(
                Text(
                    f"mã phát hiện {kind.code!r} đã có trong danh mục với nội dung khác; "
                    "hãy chọn mã khác",
                    f"the finding code {kind.code!r} is already in the catalogue with another "
                    "definition; choose another code",
                )
            )
        new[kind.code] = kind
    for code, kind in new.items():
        _CATALOGUE[code] = kind
        (_SCORING if kind.category is Category.SCORING else _LINT)[code] = kind.severity
