"""The machinery of the finding catalogue: severities, categories, and one code's entry.

A `FindingKind` is one code of the catalogue with its messages in both languages; the
entries themselves are in `catalogue_scoring` and
`catalogue_lint`, and `findings` builds
the catalogue and makes findings from it.
"""

from __future__ import annotations

import enum
import string
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import attrs

from cchc_criteria.numbers import decimal_of, format_number
from cchc_criteria.text import Lang, Text, shown

__all__ = ["UNSCORED", "Category", "FindingKind", "Severity", "entry"]

UNSCORED = Text("tiêu chí chưa được chấm", "the criterion is left unscored")
"""What a message adds when the criterion is left unscored."""


class Severity(enum.StrEnum):
    """How much a finding matters: ``error`` (the score cannot be trusted), ``warning``,
    ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(enum.StrEnum):
    """Where a finding comes from: scoring a unit's answers, or lint of the set as published."""

    SCORING = "scoring"
    LINT = "lint"


@attrs.frozen
class FindingKind:
    """One finding code of the catalogue.

    Attributes:
        code: the stable identifier (``"held-to-max"``); tools may match on it.
        severity: how much it matters.
        category: scoring or lint.
        messages: the message templates by variant ("" is the usual one), each a
            `Text` of ``str.format`` templates over named values.
        parts: optional fragments by name, each shown (in place of ``{name}``) only when every
            value it names is given.
        doc: the documentation page, relative to ``docs/``.
    """

    code: str
    severity: Severity
    category: Category
    messages: Mapping[str, Text]
    parts: Mapping[str, Text] = attrs.field(factory=dict)
    doc: str = ""

    @classmethod
    def of(
        cls,
        code: str,
        severity: Severity | str,
        messages: Mapping[str, Text | tuple[str, str]],
        *,
        category: Category | str = Category.SCORING,
        parts: Mapping[str, Text | tuple[str, str]] | None = None,
        doc: str = "",
    ) -> FindingKind:
        """A catalogue entry as a plugin rule kind declares one (``RuleKind.findings``):
        ``messages`` by variant ("" is the usual one), each a ``Text`` or a (Vietnamese,
        English) pair of ``str.format`` templates over the finding's values."""

        def text(value: Text | tuple[str, str]) -> Text:
            return value if isinstance(value, Text) else Text(*value)

        return cls(
            code,
            Severity(severity),
            Category(category),
            MappingProxyType({k: text(v) for k, v in messages.items()}),
            MappingProxyType({k: text(v) for k, v in (parts or {}).items()}),
            doc,
        )

    def render(self, variant: str, values: Mapping[str, object], lang: Lang) -> str:
        """The message of ``variant`` in ``lang`` with ``values`` filled in."""
        shown = {name: _shown(value, lang) for name, value in values.items()}
        for name, part in self.parts.items():
            template = part.get(lang)
            needed = _fields(template)
            given = all(values.get(field) is not None for field in needed)
            shown[name] = template.format_map(shown) if given else ""
        return self.messages[variant].get(lang).format_map(shown)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _shown(value: object, lang: Lang) -> object:
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, str | bool) or value is None:
        return value
    if isinstance(value, Fraction):
        value = decimal_of(value)
    if isinstance(value, Decimal | int):
        return format_number(value, lang=lang, max_places=4)
    return _Safe(value)


class _Safe:
    """A value a message names (an answer as given), written without ever raising."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return shown(self.value, quoted=True)

    def __str__(self) -> str:
        return shown(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def entry(
    code: str,
    severity: Severity,
    category: Category,
    messages: Mapping[str, tuple[str, str]],
    parts: Mapping[str, tuple[str, str]] | None = None,
) -> FindingKind:
    """A catalogue entry from (Vietnamese, English) template pairs."""
    doc = f"findings.md#{code}" if category is Category.SCORING else f"lint/{code}.md"
    return FindingKind(
        code,
        severity,
        category,
        MappingProxyType({k: Text(vi, en) for k, (vi, en) in messages.items()}),
        MappingProxyType({k: Text(vi, en) for k, (vi, en) in (parts or {}).items()}),
        doc,
    )
