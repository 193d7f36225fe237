"""What a release needs that the code alone does not show: one version, a changelog entry."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import cchc_criteria as cc

ROOT = Path(__file__).resolve().parents[1]


def test_the_plugins_follow_the_one_version() -> None:
    version = cc.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?", version)
    core = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert core["dynamic"] == ["version"]  # read from src/cchc_criteria/_version.py
    plugins = sorted((ROOT / "plugins").glob("*/pyproject.toml"))
    assert plugins
    for pyproject in plugins:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        assert project["version"] == version, pyproject
        assert f"cchc-criteria>={version}" in project["dependencies"], pyproject


def test_the_changelog_has_an_entry_for_the_version_and_unreleased_work() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert headings[0] == "Unreleased"
    assert cc.__version__ in headings


def test_the_release_workflow_runs_the_readme_checks_before_publishing() -> None:
    workflow = (ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = next(line for line in readme.splitlines() if "nox -s lint" in line)
    assert test_command.strip() in workflow
    assert "nox -s build" in workflow
    assert "id-token: write" in workflow  # trusted publishing: no token stored
    assert "pypa/gh-action-pypi-publish" in workflow


def _checker() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_dists", ROOT / "tools/check_dists.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_distribution_checker_catches_a_bad_wheel(tmp_path: Path) -> None:
    import zipfile

    wheel = tmp_path / "cchc_criteria-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("cchc_criteria/__init__.py", "")
        archive.writestr("cchc_criteria/__pycache__/x.cpython-311.pyc", b"")
        archive.writestr("tests/test_x.py", "")
        archive.writestr(
            "cchc_criteria-0.1.0.dist-info/METADATA",
            "Metadata-Version: 2.4\nName: cchc-criteria\nVersion: 0.1.0\n"
            "Project-URL: Changelog, https://github.com/cchc-criteria/cchc-criteria/blob/main/NOPE.md\n",
        )
    problems = "\n".join(_checker().check_wheel(wheel))  # type: ignore[attr-defined]
    assert "cchc_criteria/py.typed is missing" in problems
    assert "schemas/scorecard.schema.json is missing" in problems
    assert "tests/test_x.py should not be in a wheel" in problems
    assert "__pycache__" in problems
    assert "no license" in problems
    assert "Typing :: Typed" in problems
    assert "names NOPE.md, which is not in the repository" in problems
