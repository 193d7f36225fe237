"""Cells of the workbooks the library writes: text stays text.

openpyxl takes any text that starts with "=" for a formula, so a unit named
``=HYPERLINK("http://…","x")`` would become a live link in a scorecard. Every workbook passes
through :func:`keep_text` before it is saved: only the formulas the library wrote itself stay
formulas.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

__all__ = ["keep_text"]


def keep_text(book: Any, formulas: Collection[tuple[str, str]] = ()) -> None:
    """Turn back into text every cell that openpyxl read as a formula, except ``formulas``
    (pairs of sheet title and cell coordinate that the library wrote as formulas)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and (sheet.title, cell.coordinate) not in formulas:
                    cell.data_type = "s"
