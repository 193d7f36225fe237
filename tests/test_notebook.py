"""The analysts' notebook in the docs runs, every cell, in a fresh kernel, and shows each
view: the set's table, a scorecard, the frames, the ranking, sensitivity, intervals and
two years compared."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "notebooks" / "analysis.ipynb"


def test_the_notebook_runs_and_shows_every_view(tmp_path: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("Cách tính" in page for page in html)  # the set's table
    assert any("CHƯA ĐẦY ĐỦ" in page for page in html)  # a scorecard that says what is open
    assert any("<table" in page and "open_points" in page for page in html)  # the frame
    assert any("<th>Hạng</th>" in page for page in html)  # the ranking
    assert any("<th>Mã</th>" in page for page in html)  # the findings
    text = "".join(o.get("text", "") for o in outputs)
    assert "7.1.2 " in text  # sensitivity
    assert "Sở A" in text  # intervals
    assert "('Sở C',) ('Sở D',)" in text  # two years: the units of one year only
    assert any("rule_change" in page and "unit_change" in page for page in html)  # the split
