"""The finding catalogue as documentation: every code, who reports it, and its messages.

One generator for the library's pages and a plugin's alike: the library's findings page
(``<!-- findings-catalogue -->`` in ``docs/findings.md``) and ``cchc findings --kind NAME``,
which a plugin author runs to document the codes of a rule kind of their own
(``RuleKind.findings``), both come from `catalogue_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import CATALOGUE, FindingKind
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.text import Lang, Text

__all__ = ["catalogue_rows", "render_catalogue_markdown"]


def catalogue_rows(kinds: RuleKinds, *, only: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Every finding code as plain data, in catalogue order: ``code``, ``severity``,
    ``category``, ``reported_by`` (the rule kinds whose own code it is, comma-separated, or
    "scoring"/"lint"),
    and each variant's message templates (``messages``: variant → ``{"vi", "en"}``).

    ``only`` keeps the codes of those rule kinds (an unknown name is an
    `ArgumentError` naming the kinds there are).
    """
    owners: dict[str, list[str]] = {}
    for kind in kinds.by_name.values():
        for found in kind.findings:
            owners.setdefault(found.code, []).append(kind.name)
    wanted = list(only)
    unknown = [name for name in wanted if name not in kinds.by_name]
    if unknown:
        named, there = ", ".join(map(repr, unknown)), ", ".join(kinds.names)
        raise ArgumentError(
            Text(
                f"không có loại quy tắc {named}; các loại là: {there}",
                f"no rule kind {named}; there are: {there}",
            )
        )
    rows = []
    for code, found in CATALOGUE.items():
        by = owners.get(code, [found.category.value])
        if wanted and not set(by) & set(wanted):
            continue
        rows.append(_row(found, ", ".join(by)))
    return rows


def _row(found: FindingKind, reported_by: str) -> dict[str, Any]:
    return {
        "code": found.code,
        "severity": found.severity.value,
        "category": found.category.value,
        "reported_by": reported_by,
        "messages": {
            variant: {"vi": text.vi, "en": text.en} for variant, text in found.messages.items()
        },
    }


_HEADINGS: Mapping[Lang, tuple[str, ...]] = {
    "vi": ("Mã", "Mức", "Do ai báo", "Lời báo"),
    "en": ("Code", "Severity", "Reported by", "Message"),
}


def render_catalogue_markdown(rows: Iterable[Mapping[str, Any]], *, lang: Lang = "en") -> str:
    """A Markdown table of `catalogue_rows`: the usual message of each code in ``lang``,
    its placeholders (``{count}``) as written in the template and its literal braces as
    printed (the template's ``{{`` is ``{``)."""
    lines = ["| " + " | ".join(_HEADINGS[lang]) + " |", "|---|---|---|---|"]
    for row in rows:
        messages = row["messages"]
        usual = messages.get("") or next(iter(messages.values()))
        said = usual[lang].replace("{{", "{").replace("}}", "}")
        said = said.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{row['code']}` | {row['severity']} | {row['reported_by']} | {said} |")
    return "\n".join(lines) + "\n"
