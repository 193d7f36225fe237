"""Every Python example in the docs and the README runs, as a reader would run it.

Each page's fenced ``python`` blocks run in order in one namespace, in a fresh folder (with the
repository's ``plugins`` folder at hand, as in a checkout). A block (``python`` or ``toml``)
whose first line is a comment naming a file (``# src/pkg/__init__.py``) is a file the page
asks the reader to write: it is written, not run, and a ``pyproject.toml`` among them that
declares a ``cchc_criteria`` entry point is installed the way pip would (a dist-info on the
import path), so the page's later blocks use the plugin it builds.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import cchc_criteria as cc
from cchc_criteria import registry
from cchc_criteria.cli import cli
from cchc_support import install

ROOT = Path(__file__).resolve().parents[1]
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
_BLOCK = re.compile(r"^```(python|toml)\n(.*?)^```", re.DOTALL | re.MULTILINE)
_FILE = re.compile(r"#\s*([\w./-]+\.(?:py|toml))\s*$")


def _blocks(page: Path) -> list[tuple[str, str]]:
    return _BLOCK.findall(page.read_text(encoding="utf-8"))


def _named(source: str) -> str | None:
    match = _FILE.match(source.splitlines()[0]) if source.strip() else None
    return match.group(1) if match else None


RUNNABLE = [p for p in PAGES if any(lang == "python" for lang, _ in _blocks(p))]


def _install(folder: Path, pyproject: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Install the project of ``folder`` as pip would for the test: its metadata in
    ``site`` (a fresh folder, never the project's own: ``plugins`` is the repository's, and
    nothing may be written into it) and its ``src`` on the import path."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    points = project.get("entry-points", {}).get("cchc_criteria")
    if not points:
        return
    lines = "".join(f"{key} = {value}\n" for key, value in points.items())
    install(site, project["name"], f"[cchc_criteria]\n{lines}", version=project["version"])
    monkeypatch.syspath_prepend(str(folder / "src"))
    monkeypatch.syspath_prepend(str(site))
    for module in points.values():
        monkeypatch.delitem(sys.modules, module, raising=False)


@pytest.mark.parametrize("page", RUNNABLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_examples_of_the_page_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # The examples name the repository's files; the pages' own files (a plugin's
    # tests/test_sets.py) are written beside them, never into the repository.
    (tmp_path / "plugins").symlink_to(ROOT / "plugins")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "data").symlink_to(ROOT / "tests" / "data")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    pyproject: Path | None = None
    ran = 0
    registry._registry.cache_clear()
    try:
        for number, (lang, source) in enumerate(_blocks(page)):
            name = _named(source)
            if name is not None:
                target = tmp_path / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(source, encoding="utf-8")
                if target.name == "pyproject.toml":
                    pyproject = target
                continue
            if lang == "toml" and "[project]" in source and "entry-points" in source:
                pyproject = tmp_path / "pyproject.toml"
                pyproject.write_text(source, encoding="utf-8")
                continue
            if lang != "python":
                continue
            if pyproject is not None:
                _install(tmp_path, pyproject, tmp_path / "site-packages", monkeypatch)
                pyproject = None
                registry._registry.cache_clear()
            code = compile(source, f"{page.relative_to(ROOT)} (block {number + 1})", "exec")
            exec(code, namespace)  # the docs' own examples, from this repository
            ran += 1
    finally:
        registry._registry.cache_clear()
    assert ran > 0


TOML_PAGES = [p for p in PAGES if any(lang == "toml" for lang, _ in _blocks(p))]


@pytest.mark.parametrize("page", TOML_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_toml_examples_of_the_page_are_valid(page: Path) -> None:
    """Every TOML example parses; a whole set file reads as a set, a whole assessment as an
    assessment (fragments — one criterion, one table — only parse)."""
    for number, (lang, source) in enumerate(_blocks(page)):
        if lang != "toml" or source.startswith("# broken.toml"):  # mistakes, shown as such
            continue
        where = f"{page.relative_to(ROOT)} (block {number + 1})"
        try:
            document = tomllib.loads(source)
        except tomllib.TOMLDecodeError as error:
            pytest.fail(f"{where}: {error}")
        if "id" in document and "criteria" in document:
            cc.loads_set(source, source=where)
        elif "answers" in document:
            cc.loads_assessment(source, source=where)


SHELL_PAGES = [p for p in PAGES if re.search(r"^```sh\n", p.read_text(encoding="utf-8"), re.M)]
_SHELL = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
# Steps that install, build or run the test suite are exercised by CI itself (the README's
# commands, the nox sessions), not here.
_INSTALL = (
    "python3 ",
    "pip ",
    ".venv/bin/pip ",
    ".venv/bin/python -m ",
    "pytest ",
    ". .venv/bin/activate",
    "nox ",
)


@pytest.mark.parametrize("page", SHELL_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_cchc_commands_of_the_page_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ``cchc`` command in a shell example runs (exit 0, or 1 for findings) in a fresh
    folder, in order; ``cp`` steps copy; the part of a line after a pipe is left to the shell."""
    monkeypatch.chdir(tmp_path)
    for folder in ("plugins", "tests"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    ran = 0
    registry._registry.cache_clear()
    for block in _SHELL.findall(page.read_text(encoding="utf-8")):
        for line in block.splitlines():
            for step in line.split("#", 1)[0].split("&&"):
                words = shlex.split(step.split("|", 1)[0])
                if words and words[0] == ".venv/bin/cchc":
                    words[0] = "cchc"
                if words[:1] == ["cp"]:
                    shutil.copy(words[1], words[2])
                elif words[:2] == ["pip", "install"] and Path(words[-1]).is_dir():
                    # Installed as pip would: its entry point on the import path.
                    project = Path(words[-1])
                    site = tmp_path / "site-packages"
                    _install(project, project / "pyproject.toml", site, monkeypatch)
                    registry._registry.cache_clear()
                elif words[:1] == ["cchc"]:
                    result = CliRunner().invoke(cli, words[1:])
                    assert result.exit_code in (0, 1), f"{page.name}: {step}\n{result.output}"
                    assert result.exception is None or isinstance(result.exception, SystemExit)
                    ran += 1
                else:
                    assert not words or step.strip().startswith(_INSTALL), step
    registry._registry.cache_clear()
    assert ran > 0 or page.name == "README.md"
