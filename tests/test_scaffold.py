"""`cchc new-plugin`: a plugin distribution written whole, or nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc_support import run


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("x"), "this is a file; choose a new folder"),
        (lambda p: p.symlink_to("/nonexistent/place"), "this is a link; choose a new folder"),
        (lambda p: (p.mkdir(), (p / "f").write_text("x")), "the folder is not empty"),
    ],
)
def test_new_plugin_never_writes_into_a_used_place(tmp_path: Path, make: Any, message: str) -> None:
    target = tmp_path / "target"
    make(target)
    code, _, err = run(
        "new-plugin", "demo", "--province", "Hà Nội", "--year", "2025", "-o", str(target)
    )
    assert code == 2
    assert message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["target"]


def test_new_plugin_refuses_long_names_leaving_nothing(tmp_path: Path) -> None:
    code, _, err = run(
        "new-plugin", "a" * 300, "--province", "Hà Nội", "--year", "2025", "-o", str(tmp_path / "p")
    )
    assert code == 2
    assert "at most 50" in err
    code, _, err = run(
        "new-plugin",
        "demo",
        "--province",
        "Hà Nội",
        "--year",
        "2025",
        "-o",
        str(tmp_path / ("b" * 300)),
    )
    assert code == 2
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
