"""CSV reports: cells a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cchc_support import S, assessment, run

HOSTILE = '=HYPERLINK("http://evil.example","x")'


def test_csv_cells_are_neutralised(tmp_path: Path) -> None:
    unit = assessment(tmp_path, f'unit = \'{HOSTILE}\'\n[answers]\n"7.1.2" = "-5"\n')
    code, out, _ = run("rank", S, unit, "-f", "csv")
    assert code == 0
    assert f"'{HOSTILE}" in out.replace('""', '"')
    code, out, _ = run("score", S, unit, "-f", "csv")
    row = next(line for line in out.splitlines() if line.startswith("7.1.2,"))
    assert ",'-5," in row  # the figure as typed is text: neutralised
    assert ",-" not in row.replace(",'-5,", ",")  # numbers are never prefixed


def test_a_carriage_return_never_starts_an_unguarded_csv_cell(tmp_path: Path) -> None:
    # A bare CR ends a row for many readers: what follows must not become a cell of its own
    # that starts a formula.
    unit = assessment(
        tmp_path,
        'unit = "Sở\\r=HYPERLINK(1)"\n[answers]\n"7.1.2" = "93%\\r=1+1"\n',
    )
    target = tmp_path / "out.csv"  # a file gets the text as it is (a terminal, escapes)
    for command in (["score", S, unit, "-f", "csv"], ["rank", S, unit, "-f", "csv"]):
        for excel in ([], ["--excel"]):
            code, _, err = run(*command, *excel, "-o", str(target))
            assert code in (0, 1), err
            out = target.read_bytes().decode("utf-8-sig")
            assert "\r" not in out
            assert "=1+1" in out or "=HYPERLINK(1)" in out  # the text is kept
            delimiter = ";" if excel else ","
            # Read as a spreadsheet would, with universal newlines.
            text = io.StringIO(out, newline=None)
            rows = list(csv.reader(text, delimiter=delimiter))
            assert not [cell for row in rows for cell in row if cell.startswith("=")]
