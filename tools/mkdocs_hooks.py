"""MkDocs hooks: pages generated from the code, so they cannot drift from it.

- ``<!-- schema: set|assessment|scorecard -->`` becomes a table of the format's fields, from
  the JSON Schema the library ships (``cchc schema KIND``).
- ``<!-- cli-help -->`` becomes the ``--help`` of every ``cchc`` command, from click.
- ``<!-- findings-catalogue -->`` becomes the table of every finding code, from the catalogue
  (``cchc findings`` prints the same, plugins' codes included).
"""

from __future__ import annotations

import re
from typing import Any

from click.testing import CliRunner

from cchc_criteria.cli import cli
from cchc_criteria.library import Library
from cchc_criteria.reports.catalogue import catalogue_rows, render_catalogue_markdown

_SCHEMA = re.compile(r"<!-- schema: (\w+) -->")


def _kind(spec: dict[str, Any] | bool) -> str:
    if not isinstance(spec, dict):
        return "any" if spec else "nothing"
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in spec or "oneOf" in spec:
        return " or ".join(_kind(s) for s in spec.get("anyOf", spec.get("oneOf", [])))
    kind = spec.get("type", "")
    if "const" in spec:
        return f"`{spec['const']}`"
    if "enum" in spec:
        return " / ".join(f"`{v}`" for v in spec["enum"])
    return " or ".join(kind) if isinstance(kind, list) else str(kind or "any")


def _table(properties: dict[str, Any], required: list[str]) -> list[str]:
    lines = ["| field | type | required | description |", "|---|---|---|---|"]
    for name, spec in properties.items():
        about = spec.get("description", "") if isinstance(spec, dict) else ""
        description = str(about).replace("|", "\\|")
        mark = "yes" if name in required else ""
        lines.append(f"| `{name}` | {_kind(spec).replace('|', '/')} | {mark} | {description} |")
    return lines


def schema_page(kind: str) -> str:
    """The fields of the ``kind`` format, top level then every definition, as Markdown."""
    document = Library.default().schema(kind)
    lines = [str(document.get("description", "")), ""]
    lines += _table(document.get("properties", {}), document.get("required", []))
    for name, definition in document.get("$defs", {}).items():
        if "properties" in definition:
            lines += ["", f"**`{name}`**", ""]
            lines += _table(definition["properties"], definition.get("required", []))
    return "\n".join(lines)


def cli_help() -> str:
    """``cchc --help`` and the help of every command, as code blocks."""
    runner = CliRunner()
    parts = ["```text", runner.invoke(cli, ["--help"]).output.rstrip(), "```"]
    for name in sorted(cli.commands):  # type: ignore[attr-defined]
        parts += ["", f"### cchc {name}", "", "```text"]
        parts += [runner.invoke(cli, [name, "--help"]).output.rstrip(), "```"]
    return "\n".join(parts)


def on_page_markdown(markdown: str, **_: Any) -> str:
    markdown = _SCHEMA.sub(lambda m: schema_page(m.group(1)), markdown)
    if "<!-- findings-catalogue -->" in markdown:
        table = render_catalogue_markdown(catalogue_rows(Library.default().kinds))
        markdown = markdown.replace("<!-- findings-catalogue -->", table)
    if "<!-- cli-help -->" in markdown:
        markdown = markdown.replace("<!-- cli-help -->", cli_help())
    return markdown
