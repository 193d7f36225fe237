"""Set the version of the library and of every in-repo plugin, together::

    python tools/bump_version.py 0.2.0

The library's version lives in src/cchc_criteria/_version.py (pyproject.toml reads it); each
in-repo plugin's pyproject.toml carries the same version and requires the library at it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?$")


def main(version: str) -> int:
    if not _VERSION.match(version):
        print(f"not a release version: {version!r} (like 0.2.0 or 0.2.0rc1)", file=sys.stderr)
        return 2
    core = ROOT / "src/cchc_criteria/_version.py"
    text = core.read_text(encoding="utf-8")
    core.write_text(re.sub(r'__version__ = "[^"]*"', f'__version__ = "{version}"', text))
    for pyproject in sorted((ROOT / "plugins").glob("*/pyproject.toml")):
        text = pyproject.read_text(encoding="utf-8")
        text = re.sub(r'(?m)^version = "[^"]*"', f'version = "{version}"', text)
        text = re.sub(r'"cchc-criteria>=[^"]*"', f'"cchc-criteria>={version}"', text)
        pyproject.write_text(text, encoding="utf-8")
        print(f"{pyproject.relative_to(ROOT)}: {version}")
    print(f"{core.relative_to(ROOT)}: {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]) if len(sys.argv) == 2 else 2)
