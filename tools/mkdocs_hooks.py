"""Parts of the docs generated from the code, so they cannot drift from it — and kept in the
pages themselves, so that a reader on a code host sees them too.

A generated part sits between two markers in a page::

    <!-- generated: schema set -->
    …the table of the set format's fields…
    <!-- end: schema -->

``python tools/mkdocs_hooks.py`` writes every part again from the code (``--check`` only
says which page is stale; ``tests/test_docs.py`` fails on a stale one), and MkDocs writes
them again when it builds the site (``hooks:`` in mkdocs.yml). The parts:

- ``schema KIND``: the fields of a file format, from the JSON Schema the library ships.
- ``cli-help``: the ``--help`` of every ``cchc`` command, from click.
- ``findings-catalogue [vi]``: every finding code, from the catalogue (``cchc findings``), its
  message in English or Vietnamese.
- ``rule-kinds [vi]``: every built-in rule kind, its keys and its page, from the registry.
- ``error-example [vi]``: a set file with three mistakes and what reading it says.
- ``api-index``: every public name of ``cchc_criteria``, its signature and the first line of
  its docstring (the full reference below it is rendered by mkdocstrings on the site).

Generated from the library alone (its built-in kinds, no installed plugin), so that the
pages are the same on every machine.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from cchc_criteria.cli import cli
from cchc_criteria.errors import InputError
from cchc_criteria.library import Library
from cchc_criteria.registry import Registry
from cchc_criteria.reports.catalogue import catalogue_rows, render_catalogue_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs"
_REGION = re.compile(
    r"(<!-- generated: ([\w-]+)(?: (\w+))? -->\n)(.*?)(<!-- end: \2 -->)", re.DOTALL
)


def _core() -> Library:
    """The library with its built-in kinds only: no installed plugin changes a page."""
    return Library(Registry())


def _kind(spec: dict[str, Any] | bool) -> str:
    if not isinstance(spec, dict):
        return "any" if spec else "nothing"
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
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
    document = _core().schema(kind)
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
    env = {"CCHC_LANG": "en", "COLUMNS": "100"}
    parts = ["```text", runner.invoke(cli, ["--help"], env=env).output.rstrip(), "```"]
    for name in sorted(cli.commands):  # type: ignore[attr-defined]
        parts += ["", f"### cchc {name}", "", "```text"]
        parts += [runner.invoke(cli, [name, "--help"], env=env).output.rstrip(), "```"]
    return "\n".join(parts)


def rule_kinds(lang: str = "en") -> str:
    """Every built-in rule kind: its name, the keys its rows take, its page."""
    kinds = _core().kinds
    vi = lang == "vi"
    heads = "| `rule =` | các khóa | trang |" if vi else "| `rule =` | its keys | page |"
    required_word = " (bắt buộc)" if vi else " (required)"
    lines = [heads, "|---|---|---|"]
    for name in kinds.names:
        kind = kinds.get(name)
        required = set(kind.schema.get("required", ()))
        keys = ", ".join(
            f"`{k}`" + (required_word if k in required else "") for k in sorted(kind.keys)
        )
        lines.append(f"| `{name}` | {keys or '—'} | [{name}](kinds/{name}.md) |")
    return "\n".join(lines)


# A set file with three mistakes, as the Errors section shows it.
BROKEN = """\
id = "demo.broken"
title = "Ba lỗi"

[[criteria]]
code = "1"
title = "Công tác chỉ đạo"
max = 2

[[criteria]]
code = "1.1"
title = "Kế hoạch"
max = "một"
rule = "yes_no"

[[criteria]]
code = "1.2"
title = "Nhiệt kế"
max = 1
rule = "thermometer"

[[criteria]]
code = "2.1"
title = "Mồ côi"
max = 1
rule = "yes_no"
"""


def error_example(lang: str = "en") -> str:
    """``BROKEN`` and every mistake reading it reports, one line each, in ``lang``."""
    try:
        _core().loads_set(BROKEN, source="broken.toml")
    except InputError as error:
        said = error.message("vi" if lang == "vi" else "en")
    else:  # pragma: no cover - the example has mistakes
        raise AssertionError("the error example reads without an error")
    lines = [line.removeprefix("broken.toml: ") for line in said.splitlines()]
    said_of = "tệp bộ tiêu chí có lỗi" if lang == "vi" else "a set file with mistakes"
    shown = ["```toml", f"# broken.toml: {said_of}", BROKEN.rstrip(), "```"]
    return "\n".join([*shown, "", "```text", *lines, "```"])


def api_index() -> str:
    """A table of every public name: what it is, with its signature, and its first line."""
    import inspect

    import cchc_criteria as cc

    lines = ["| name | what it is |", "|---|---|"]
    for name in sorted(cc.__all__, key=str.lower):
        if name == "__version__":
            continue
        value = getattr(cc, name)
        if inspect.isclass(value):
            shown = f"class `{name}`"
        elif callable(value):
            signature = inspect.signature(value)
            params = ", ".join(p for p in signature.parameters)
            shown = f"`{name}({params})`"
        else:
            shown = f"`{name}`"
        doc = inspect.getdoc(value) if inspect.isclass(value) or callable(value) else ""
        first = (doc or "").split("\n\n")[0].replace("\n", " ").replace("|", "\\|")
        lines.append(f"| [{shown}](#cchc_criteria.{name}) | {first} |")
    return "\n".join(lines)


GENERATORS: dict[str, Callable[[str], str]] = {
    "api-index": lambda _: api_index(),
    "schema": schema_page,
    "cli-help": lambda _: cli_help(),
    "findings-catalogue": lambda lang: render_catalogue_markdown(
        catalogue_rows(_core().kinds), lang="vi" if lang == "vi" else "en"
    ),
    "rule-kinds": lambda lang: rule_kinds(lang),
    "error-example": lambda lang: error_example(lang),
}


def refresh(markdown: str) -> str:
    """``markdown`` with every generated part written again from the code."""

    def again(match: re.Match[str]) -> str:
        opening, name, argument, _, closing = match.groups()
        body = GENERATORS[name](argument or "").rstrip()
        return f"{opening}{body}\n{closing}"

    return _REGION.sub(again, markdown)


def on_page_markdown(markdown: str, **_: Any) -> str:
    return refresh(markdown)


def stale_pages() -> list[Path]:
    """The pages whose generated parts differ from what the code generates now."""
    pages = sorted(DOCS.rglob("*.md"))
    return [p for p in pages if refresh(t := p.read_text(encoding="utf-8")) != t]


def main(argv: list[str]) -> int:
    stale = stale_pages()
    if "--check" in argv:
        for page in stale:
            print(f"{page}: generated parts are stale: python tools/mkdocs_hooks.py")
        return 1 if stale else 0
    for page in stale:
        page.write_text(refresh(page.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"{page}: written again")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
