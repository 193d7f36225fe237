"""Open every built wheel and sdist and check what it holds (run by ``nox -s build``)::

    python tools/check_dists.py dist/*.whl dist/*.tar.gz

A wheel must hold its package with ``py.typed``, its data (the core's JSON Schemas, a plugin's
set files and examples), and nothing else: no tests, caches, compiled files or build outputs.
Its metadata must name the license, carry the classifiers (``Typing :: Typed``) and project
URLs whose repository paths exist in this checkout. An sdist must hold what building a wheel
from it needs (pyproject.toml, README, the sources) and no caches or build outputs.
"""

from __future__ import annotations

import email.parser
import re
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPOSITORY = "https://github.com/cchc-criteria/cchc-criteria"
_FORBIDDEN = re.compile(
    r"(^|/)(tests?/|__pycache__/|\.pytest_cache/|\.nox/|\.venv/|build/|dist/)|\.pyc$"
)
# What each distribution's wheel must hold, beyond its package's __init__.py.
_NEEDED = {
    "cchc_criteria": [
        "cchc_criteria/py.typed",
        "cchc_criteria/schemas/criterion-set.schema.json",
        "cchc_criteria/schemas/assessment.schema.json",
        "cchc_criteria/schemas/scorecard.schema.json",
    ],
    "cchc_criteria_quangngai": [
        "cchc_criteria_quangngai/py.typed",
        "cchc_criteria_quangngai/sets/",
        "cchc_criteria_quangngai/examples/",
    ],
    "cchc_criteria_example_monthly": [
        "cchc_criteria_example_monthly/py.typed",
        "cchc_criteria_example_monthly/sets/",
        "cchc_criteria_example_monthly/examples/khao_sat_an_hoa_2025_06.csv",
    ],
}


def _url_problems(metadata: email.message.Message) -> list[str]:
    problems = []
    urls = metadata.get_all("Project-URL") or []
    if not urls:
        problems.append("no Project-URL")
    for entry in urls:
        label, _, url = (part.strip() for part in entry.partition(","))
        if not url.startswith(REPOSITORY):
            problems.append(f"Project-URL {label} is not in the repository: {url}")
            continue
        path = re.sub(r"^/(blob|tree)/main/?", "", url[len(REPOSITORY) :])
        if path and not path.startswith("/issues") and not (ROOT / path).exists():
            problems.append(f"Project-URL {label} names {path}, which is not in the repository")
    return problems


def check_wheel(path: Path) -> list[str]:
    problems = []
    with zipfile.ZipFile(path) as wheel:
        names = wheel.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(wheel.read(info).decode())
    package = next((p for p in _NEEDED if f"{p}/__init__.py" in names), None)
    if package is None:
        return [f"{path.name}: no known package in it"]
    for needed in _NEEDED[package]:
        if not any(n.startswith(needed) for n in names):
            problems.append(f"{needed} is missing")
    problems += [f"{name} should not be in a wheel" for name in names if _FORBIDDEN.search(name)]
    if not (metadata.get("License-Expression") or metadata.get("License")):
        problems.append("no license in the metadata")
    classifiers = metadata.get_all("Classifier") or []
    if "Typing :: Typed" not in classifiers:
        problems.append("no 'Typing :: Typed' classifier")
    if not any(c.startswith("Programming Language :: Python :: 3.13") for c in classifiers):
        problems.append("no Python 3.13 classifier")
    problems += _url_problems(metadata)
    return [f"{path.name}: {p}" for p in problems]


def check_sdist(path: Path) -> list[str]:
    with tarfile.open(path) as sdist:
        names = [n.split("/", 1)[1] for n in sdist.getnames() if "/" in n]
    problems = [
        f"{needed} is missing"
        for needed in ("pyproject.toml", "README.md", "PKG-INFO")
        if needed not in names
    ]
    if not any(n.startswith("src/") for n in names):
        problems.append("no sources (src/)")
    problems += [
        f"{n} should not be in an sdist"
        for n in names
        if re.search(r"(^|/)(__pycache__/|\.nox/|\.venv/|build/|dist/|\.pytest_cache/)|\.pyc$", n)
    ]
    return [f"{path.name}: {p}" for p in problems]


def main(paths: list[str]) -> int:
    problems: list[str] = []
    wheels = sdists = 0
    for name in paths:
        path = Path(name)
        if path.suffix == ".whl":
            wheels += 1
            problems += check_wheel(path)
        elif path.name.endswith(".tar.gz"):
            sdists += 1
            problems += check_sdist(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"checked {wheels} wheel(s) and {sdists} sdist(s): {len(problems)} problem(s)")
    return 1 if problems or not wheels or not sdists else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
