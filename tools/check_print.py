"""Fail unless a workbook printed through LibreOffice looks as delivered on paper.

Used by the nox ``print`` session::

    python tools/check_print.py build/print/card.pdf "46,15 %" "7,5"

Checks that every page is A4, that each sheet's table is one page wide (the last column's
heading is on the sheet's first page: LibreOffice prints the sheets one after another, each
starting on a new page), that the texts given appear as printed (the Vietnamese decimal
comma), and renders every page to PNG beside the PDF (``card-1.png``, …) for a person to look
at, failing if a page is blank.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from check_screenshot import main as check_page

A4 = (595.3, 841.9)  # points, portrait


def _pages(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    return [(float(w), float(h)) for w, h in sizes]


def main(pdf_name: str, *expected: str) -> int:
    pdf = Path(pdf_name)
    failures: list[str] = []
    pages = _pages(pdf)
    print(f"{pdf}: {len(pages)} page(s)")
    for number, (width, height) in enumerate(pages, start=1):
        short, long = sorted((width, height))
        if abs(short - A4[0]) > 2 or abs(long - A4[1]) > 2:
            failures.append(f"page {number} is {width} x {height} pt, not A4")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for wanted in expected:
        if wanted not in flat:
            failures.append(f"{wanted!r} is not on the printed pages")
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
    for image in sorted(pdf.parent.glob(f"{pdf.stem}-*.png")):
        if check_page(str(image)) != 0:
            failures.append(f"{image} is blank")
    for failure in failures:
        print(f"{pdf}: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
