"""Fail unless the built API reference documents every public name, the hook specs and the
testing kit, with no raw Sphinx role (``:class:`…```) left in its text.

Used by the nox ``docs`` session after the site is built::

    python tools/check_api_page.py build/site/api/index.html
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import cchc_criteria as cc
from cchc_criteria import hookspecs

_ROLE = re.compile(r":(?:class|func|data|meth|mod|attr|exc|obj):`")


def problems(page: str) -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    found = [f"raw role left: {m.group(0)}…" for m in _ROLE.finditer(text)]
    wanted = [f"cchc_criteria.{name}" for name in cc.__all__ if name != "__version__"]
    specs = [n for n in dir(hookspecs) if n.startswith("register_")]
    assert specs, "the hook specs are named register_…"
    wanted += [f"cchc_criteria.hookspecs.{name}" for name in specs]
    wanted += ["cchc_criteria.testing.check_criterion_set", "cchc_criteria.rules.kinds.RuleKind"]
    wanted += ["cchc_criteria.testing.pytest_plugin.ConformanceSuite"]
    found += [f"no entry for {name}" for name in wanted if f'id="{name}"' not in page]
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
