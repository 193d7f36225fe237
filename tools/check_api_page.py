"""Fail unless the built API reference documents every public name, the hook specs and the
testing kit, with no raw Sphinx role (``:class:`…```) left in its text.

The public names are those in ``__all__`` of the package and of each module the reference
renders (the stable API of docs/plugins.md), and every ``cc.module.Name`` the pages use.
Used by the nox ``docs`` session after the site is built::

    python tools/check_api_page.py build/site/api/index.html
"""

from __future__ import annotations

import html
import importlib
import re
import sys
from pathlib import Path

from cchc_criteria import hookspecs

_ROLE = re.compile(r":(?:class|func|data|meth|mod|attr|exc|obj):`")
_USED = re.compile(r"\bcc\.([a-z_]+(?:\.[a-z_]+)*)\.([A-Za-z_]+)\b")
DOCS = Path(__file__).resolve().parent.parent / "docs"

MODULES = (
    "cchc_criteria",
    "cchc_criteria.rules",
    "cchc_criteria.rules.kinds",
    "cchc_criteria.model",
    "cchc_criteria.scoring",
    "cchc_criteria.numbers",
    "cchc_criteria.errors",
    "cchc_criteria.reports.data",
    "cchc_criteria.testing",
)
"""The modules the reference renders whole: each name of their ``__all__`` has an entry."""


def wanted() -> list[str]:
    """The ids the page must have: ``module.name`` for every name the API promises."""
    names = [
        f"{module}.{name}"
        for module in MODULES
        for name in importlib.import_module(module).__all__
        if name != "__version__"
    ]
    specs = [n for n in dir(hookspecs) if n.startswith("register_")]
    assert specs, "the hook specs are named register_…"
    names += [f"cchc_criteria.hookspecs.{name}" for name in specs]
    return [*names, "cchc_criteria.testing.pytest_plugin.ConformanceSuite"]


def used_in_pages() -> set[tuple[str, str]]:
    """Every ``cc.module.Name`` the pages use, as (module, name)."""
    found: set[tuple[str, str]] = set()
    for page in DOCS.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        found |= {(f"cchc_criteria.{m.group(1)}", m.group(2)) for m in _USED.finditer(text)}
    return found


def problems(page: str) -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    ids = set(re.findall(r'id="(cchc_criteria[^"]*)"', page))
    found = [f"raw role left: {m.group(0)}…" for m in _ROLE.finditer(text)]
    found += [f"no entry for {name}" for name in wanted() if name not in ids]
    # A name the pages use has an entry in its module or in the one that defines it.
    for module, name in sorted(used_in_pages()):
        if not any(
            i == f"{module}.{name}" or (i.startswith(module) and i.endswith(f".{name}"))
            for i in ids
        ):
            found.append(f"the pages use {module}.{name}, which has no entry")
    return found


def main(path: str) -> int:
    found = problems(Path(path).read_text(encoding="utf-8"))
    for problem in found:
        print(f"{path}: {problem}", file=sys.stderr)
    said = f"{len(found)} problem(s)" if found else "every public name documented"
    print(f"{path}: {said}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
