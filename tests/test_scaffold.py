"""`cchc new-plugin`: a plugin distribution written whole, or nothing written."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path
from typing import Any

import pytest

import cchc_criteria as cc
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


# --------------------------------------------------------------------------- the plugin kit


def _written(tmp_path: Path, *options: str) -> Path:
    """A plugin ``cchc new-plugin hanoi`` writes, with ``options``."""
    folder = tmp_path / "plugin"
    where = ("--province", "Hà Nội", "--year", "2025", "-o", str(folder))
    code, _, err = run("new-plugin", "hanoi", *where, *options)
    assert code == 0, err
    return folder


def test_a_new_plugin_has_what_a_published_distribution_needs(tmp_path: Path) -> None:
    folder = _written(tmp_path)
    for name in ("LICENSE", ".gitignore", ".github/workflows/ci.yml", "README.md", "noxfile.py"):
        assert (folder / name).is_file(), name
    project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert "Typing :: Typed" in project["classifiers"]
    assert set(project["urls"]) == {"Homepage", "Issues", "Changelog"}
    release = (folder / ".github/workflows/release.yml").read_text(encoding="utf-8")
    assert "id-token: write" in release  # trusted publishing: no token is stored
    assert "pypa/gh-action-pypi-publish" in release
    noxfile = (folder / "noxfile.py").read_text(encoding="utf-8")
    assert 'os.environ.get("CCHC_CRITERIA", "cchc-criteria")' in noxfile  # a checkout, too
    assert not (folder / "src/cchc_criteria_hanoi/kinds.py").exists()
    for path in folder.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"), str(path))  # every file is Python


def test_with_kind_the_plugin_brings_the_example_kind_under_its_own_name(
    tmp_path: Path,
) -> None:
    folder = _written(tmp_path, "--with-kind")
    package = folder / "src/cchc_criteria_hanoi"
    kinds = (package / "kinds.py").read_text(encoding="utf-8")
    assert 'name="hanoi_at_least"' in kinds
    assert 'strategies="cchc_criteria_hanoi.kinds:answers"' in kinds
    assert "cchc_criteria.scaffold_kind" not in kinds
    ast.parse(kinds)
    # The rest of the module is the library's own example kind, which its tests check.
    own = (Path(cc.__file__).parent / "scaffold_kind.py").read_text(encoding="utf-8")
    tail = own[own.index("from __future__") :]
    assert kinds.endswith(
        tail.replace('name="at_least"', 'name="hanoi_at_least"').replace(
            "cchc_criteria.scaffold_kind:answers", "cchc_criteria_hanoi.kinds:answers"
        )
    )
    assert "from cchc_criteria_hanoi.kinds import register_rule_kinds" in (
        package / "__init__.py"
    ).read_text(encoding="utf-8")
    row = (package / "sets/hanoi.xa.2025.toml").read_text(encoding="utf-8")
    assert 'rule = "hanoi_at_least"' in row
    assert "check_compiled" in (folder / "tests/test_sets.py").read_text(encoding="utf-8")
