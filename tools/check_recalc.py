"""Fail unless every cell of a workbook keeps its saved value once LibreOffice recalculates it.

Used by the nox ``print`` session and by ``tests/test_surfaces.py``::

    python tools/check_recalc.py build/print/card.xlsx build/print/ranking.xlsx

A workbook saves each formula with the value the library computed. A person who opens it in a
spreadsheet that recalculates on load (LibreOffice set to "always recalculate", Excel after an
edit) sees what the formula gives instead. This opens every workbook in headless LibreOffice
with recalculation on load forced, saves it again, and compares every cell of every sheet with
the saved one: numbers to 1e-9 of their size, everything else exactly.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook

# LibreOffice's own setting "Recalculation on file load: always" for OOXML and ODF files.
_ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    """The LibreOffice command, or an error that says how to install it."""
    found = shutil.which("soffice")
    if found is None:
        raise SystemExit("LibreOffice is needed: apt-get install libreoffice-calc-nogui")
    return found


def recalculate(workbooks: Sequence[Path], folder: Path) -> list[Path]:
    """Each workbook opened in LibreOffice with recalculation forced and saved into
    ``folder`` (one LibreOffice run for all of them); the saved copies, in order."""
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        _ALWAYS_RECALCULATE, encoding="utf-8"
    )
    out = folder / "recalculated"
    out.mkdir(exist_ok=True)
    names = [w.name for w in workbooks]
    if len(set(names)) != len(names):
        raise ValueError(f"workbooks must have different names: {names}")
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            *(str(w) for w in workbooks),
        ],
        check=True,
        capture_output=True,
    )
    copies = [out / name for name in names]
    missing = [str(c) for c in copies if not c.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not save {', '.join(missing)}")
    return copies


def _same(saved: object, recalculated: object) -> bool:
    if isinstance(saved, bool) or isinstance(recalculated, bool):
        return saved == recalculated
    if isinstance(saved, int | float) and isinstance(recalculated, int | float):
        return math.isclose(saved, recalculated, rel_tol=1e-9, abs_tol=1e-9)
    return saved == recalculated


def differences(saved: Path, recalculated: Path) -> list[str]:
    """Every cell whose value differs between the workbook as saved and as recalculated:
    ``sheet!A1: saved 11.5, recalculated 13 (=SUM(C5))``."""
    before = load_workbook(saved, data_only=True)
    after = load_workbook(recalculated, data_only=True)
    formulas = load_workbook(saved)
    found = []
    for sheet in before.worksheets:
        other = after[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                value = other[cell.coordinate].value
                if not _same(cell.value, value):
                    formula = formulas[sheet.title][cell.coordinate].value
                    live = isinstance(formula, str) and formula.startswith("=")
                    shown = f" ({formula})" if live else ""
                    found.append(
                        f"{saved.name} {sheet.title}!{cell.coordinate}: saved {cell.value!r}, "
                        f"recalculated {value!r}{shown}"
                    )
    return found


def main(*names: str) -> int:
    workbooks = [Path(n) for n in names]
    with tempfile.TemporaryDirectory() as folder:
        copies = recalculate(workbooks, Path(folder))
        problems = [d for w, c in zip(workbooks, copies, strict=True) for d in differences(w, c)]
    for problem in problems:
        print(problem)
    print(f"{len(workbooks)} workbook(s) recalculated, {len(problems)} cell(s) differ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
