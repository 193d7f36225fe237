"""The house: layers and private modules are kept by import-linter, and the check can fail."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()"
)


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the source tree ``tree`` with this project's contracts."""
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A copy of the source tree and its contracts, to break on purpose."""
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_every_contract(scratch: Path) -> None:
    result = lint_imports(scratch)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        (
            "numbers.py",
            "from cchc_criteria import cli",
            "cchc_criteria.numbers -> cchc_criteria.cli",
        ),
        (
            "scoring/scorer.py",
            "from cchc_criteria.analysis import lint",
            "cchc_criteria.scoring.scorer -> cchc_criteria.analysis",
        ),
        (
            "model/criteria.py",
            "import cchc_criteria.rules",
            "cchc_criteria.model.criteria -> cchc_criteria.rules",
        ),
        (
            "reports/text.py",
            "from cchc_criteria.formats._files import read_text",
            "cchc_criteria.reports.text -> cchc_criteria.formats._files",
        ),
        (
            "analysis/lint.py",
            "from cchc_criteria.rules._answers import refusal",
            "cchc_criteria.analysis.lint -> cchc_criteria.rules._answers",
        ),
    ],
)
def test_a_wrong_import_breaks_a_contract(
    scratch: Path, module: str, line: str, broken: str
) -> None:
    path = scratch / "src" / "cchc_criteria" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # planted\n", encoding="utf-8")
    result = lint_imports(scratch)
    assert result.returncode == 1
    assert "BROKEN" in result.stdout
    assert broken in result.stdout


def test_no_module_of_the_library_is_over_500_lines() -> None:
    """A module a maintainer can read in one sitting: a larger one is split by what it does."""
    root = Path(__file__).resolve().parents[1] / "src" / "cchc_criteria"
    long = {
        str(path.relative_to(root)): count
        for path in root.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}


def test_a_built_in_kind_is_its_module_its_docs_page_and_one_line_in_builtins() -> None:
    """What adding a built-in rule kind touches: the module that makes its RuleKind (with its
    own finding codes), its page in docs/kinds/, its line in builtins.KINDS and its
    strategies in the testing kit — no other module names it as a kind."""
    import inspect

    from cchc_criteria import builtins
    from cchc_criteria.model.catalogue_lint import LINT_KINDS
    from cchc_criteria.model.catalogue_scoring import SCORING_KINDS
    from cchc_criteria.testing.kinds import STRATEGIES

    root = Path(__file__).resolve().parents[1]
    sources = {p: p.read_text(encoding="utf-8") for p in (root / "src").rglob("*.py")}
    central = {k.code for k in SCORING_KINDS + LINT_KINDS}
    package = Path(inspect.getfile(builtins)).parent  # installed or in the checkout
    for kind in builtins.KINDS:
        module = inspect.getsourcefile(kind.rule_class)
        assert module is not None
        making = [p for p, text in sources.items() if f'name="{kind.name}"' in text]
        expected = root / "src" / "cchc_criteria" / Path(module).relative_to(package)
        assert making == [expected], kind.name
        assert (root / "docs" / "kinds" / f"{kind.name}.md").is_file(), kind.name
        assert kind.name in STRATEGIES
        assert not {f.code for f in kind.findings} & central, kind.name


def test_the_public_surface_is_small_and_the_moved_names_say_where_they_went() -> None:
    import cchc_criteria as cc
    from cchc_criteria import rules

    assert len(cc.__all__) <= 60
    assert cc.rules.BandRule is rules.BandRule  # a subpackage is an attribute at once
    for name, module in cc._MOVED_TO.items():
        assert name not in cc.__all__
        with pytest.warns(DeprecationWarning, match=rf"use {module}\.{name}$"):
            value = getattr(cc, name)
        assert value is getattr(importlib.import_module(module), name)
    for old, new in cc._RENAMED.items():
        with pytest.warns(DeprecationWarning, match=rf"use cchc_criteria\.{new}$"):
            assert getattr(cc, old) is getattr(cc, new)


# The suites that cross every layer, each named for what it checks, not for a past review.
CROSS_LAYER = {
    "test_architecture.py",  # the house itself
    "test_doc_examples.py",  # every example of the docs, scored
    "test_docs.py",  # the docs cover what the code offers
    "test_fuzz.py",  # generated files through the API and the command
    "test_notebook.py",  # the analysts' notebook in the docs, executed
    "test_performance.py",  # what stays fast and small, by behaviour
    "test_plugin_authors.py",  # the plugin author's path, end to end
    "test_properties.py",  # Hypothesis properties of every rule kind and of scoring
    "test_release.py",  # the distributions built
    "test_surfaces.py",  # every report against the card's own numbers
    "test_versions.py",  # sets over the years: diffs, lineage, selection
    "rules/test_real_kinds.py",  # one real index's set across the composite kinds
}


def test_the_tests_of_a_subpackage_live_in_its_mirror() -> None:
    """tests/<package>/test_<module>.py tests src/cchc_criteria/<package>/<module>.py
    (``test_<package>.py``: the package as a whole); the suites that cross every layer are
    listed above, and no file is named after a review."""
    root = Path(__file__).resolve().parents[1]
    source = root / "src" / "cchc_criteria"
    mirrors = [p for p in (root / "tests").iterdir() if p.is_dir() and p.name != "data"]
    assert mirrors
    for folder in mirrors:
        if folder.name.startswith((".", "__")):
            continue
        assert (source / folder.name).is_dir(), folder.name
        assert list(folder.glob("test_*.py")), folder.name
    strays = []
    for test_file in sorted((root / "tests").rglob("test_*.py")):
        relative = test_file.relative_to(root / "tests")
        name, package = relative.stem.removeprefix("test_"), relative.parent
        mirrored = (
            (source / package / f"{name}.py").is_file()
            or (source / package / f"_{name}.py").is_file()
            or (source / package / name).is_dir()
            or name == package.name
        )
        if not mirrored and relative.as_posix() not in CROSS_LAYER:
            strays.append(relative.as_posix())
    assert strays == []
