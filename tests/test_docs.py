"""The documentation covers what the code offers: finding codes, hooks, public names."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import cchc_criteria as cc
from cchc_criteria import hookspecs

ROOT = Path(__file__).parents[1]
SOURCE = ROOT / "src" / "cchc_criteria"


def _library_codes() -> dict[str, cc.FindingKind]:
    """The library's own codes: the central catalogue and the built-in kinds' (a plugin's
    codes, which another test may have registered in this process, are its own to document)."""
    from cchc_criteria import builtins
    from cchc_criteria.model.catalogue_lint import LINT_KINDS
    from cchc_criteria.model.catalogue_scoring import SCORING_KINDS

    kinds = [*SCORING_KINDS, *LINT_KINDS, *(f for k in builtins.KINDS for f in k.findings)]
    return {kind.code: kind for kind in kinds}


def test_every_catalogued_code_has_its_docs_page() -> None:
    # The catalogue says where each code is documented; the page (and anchor) must exist.
    for code, kind in _library_codes().items():
        page, _, anchor = kind.doc.partition("#")
        path = ROOT / "docs" / page
        assert path.is_file(), f"{code}: {kind.doc} does not exist"
        if anchor:
            assert f"`{anchor}`" in path.read_text(encoding="utf-8"), f"{code}: no heading"


def test_every_message_of_the_catalogue_renders_in_both_languages() -> None:
    from string import Formatter

    for code, kind in cc.CATALOGUE.items():
        for variant, text in kind.messages.items():
            names = {
                n for part in (text.vi, text.en) for _, n, _, _ in Formatter().parse(part) if n
            }
            assert {n for _, n, _, _ in Formatter().parse(text.vi) if n} == {
                n for _, n, _, _ in Formatter().parse(text.en) if n
            }, f"{code}/{variant}: the two languages name different values"
            values = dict.fromkeys(names, "x")
            finding = cc.finding(code, "1", variant=variant, **values)
            assert finding.text.vi
            assert finding.text.en
            assert finding.severity is kind.severity


def test_every_finding_code_is_documented() -> None:
    text = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    scoring = {c: k.severity for c, k in _library_codes().items() if k.category == "scoring"}
    for code, severity in scoring.items():
        heading = next(
            (line for line in text.splitlines() if line.startswith("### ") and f"`{code}`" in line),
            None,
        )
        assert heading is not None, f"{code} is not documented"
        assert f"({severity})" in heading, f"{code}: documented severity differs"


def test_every_hook_is_documented() -> None:
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    hooks = [
        name
        for name, value in vars(hookspecs).items()
        if callable(value) and hasattr(value, "cchc_criteria_spec")
    ]
    assert hooks == [
        "register_criterion_sets",
        "register_criterion_set_loaders",
        "register_rule_kinds",
    ]
    for hook in hooks:
        assert f"#### `{hook}()`" in text


def test_every_public_name_has_a_docstring() -> None:
    for name in cc.__all__:
        value = getattr(cc, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"cchc_criteria.{name} has no docstring"


def _tool(name: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_api_page_check_names_every_missing_entry_and_raw_role() -> None:
    """``nox -s docs`` runs tools/check_api_page.py on the built reference; here, that it fails
    for what it must: a public name (of the package, a stable module, the hooks, the testing
    kit, or one the pages use) with no entry, and a raw Sphinx role."""
    check = _tool("check_api_page")
    ids = check.wanted() + [f"{m}.{n}" for m, n in check.used_in_pages()]
    assert {"cchc_criteria.score", "cchc_criteria.numbers.parse_rate"} <= set(ids)
    assert "cchc_criteria.hookspecs.register_rule_kinds" in ids
    assert "cchc_criteria.testing.check_criterion_set" in ids
    assert ("cchc_criteria.numbers", "to_decimal") in check.used_in_pages()
    whole = "".join(f'<h2 id="{i}">x</h2>' for i in ids)
    assert check.problems(whole) == []
    dropped = whole.replace('id="cchc_criteria.numbers.parse_rate"', 'id="elsewhere"')
    assert check.problems(dropped) == ["no entry for cchc_criteria.numbers.parse_rate"]
    assert check.problems(whole + "<p>see :class:`~cchc_criteria.Assessment`</p>") == [
        "raw role left: :class:`…"
    ]


def test_the_generated_parts_of_the_pages_are_current() -> None:
    """The command help, the formats' fields, the findings, the kinds, the error example and
    the API index are generated into the pages (a code host shows them too): each as the
    code generates it now (``python tools/mkdocs_hooks.py`` writes them again)."""
    hooks = _tool("mkdocs_hooks")
    assert hooks.stale_pages() == []
    formats = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    for name in cc.Library(
        cc.registry.Registry()
    ).kinds.names:  # every built-in kind, none hand-listed
        assert f"| `{name}` |" in formats, name


def test_every_cc_name_the_docs_use_exists_and_is_not_deprecated() -> None:
    """``cc.score``, ``cc.rules.BandRule``, … as the pages, the README and the notebook write
    them: each resolves, without a deprecation warning."""
    import warnings

    pages = [*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs").rglob("*.ipynb")]
    pages.append(ROOT / "README.md")
    dotted = re.compile(r"\bcc\.[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
    names = {name for page in pages for name in dotted.findall(page.read_text(encoding="utf-8"))}
    assert "cc.score" in names
    missing = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in sorted(names):
            value: object = cc
            try:
                for part in name.split(".")[1:]:
                    value = getattr(value, part)
            except (AttributeError, DeprecationWarning) as error:
                missing.append(f"{name}: {error}")
    assert missing == []


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert "cchc score quangngai.so.2019" in commands[0]
    assert "nox" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_lint_rule_has_its_own_page() -> None:
    index = (ROOT / "docs" / "lint" / "index.md").read_text(encoding="utf-8")
    for code, severity in cc.model.LINT_CODES.items():
        page = ROOT / "docs" / "lint" / f"{code}.md"
        assert page.is_file(), f"docs/lint/{code}.md is missing"
        first = page.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"# `{code}` ({severity}): ")
        assert f"[`{code}`]({code}.md)" in index


def test_the_seed_set_findings_are_explained_against_its_table() -> None:
    text = (ROOT / "docs" / "quangngai-2019.md").read_text(encoding="utf-8")
    cs = cc.get_set("quangngai.so.2019")
    for finding in cc.lint(cs):
        assert f"`{finding.code}`" in text, finding.code
        assert finding.criterion in text


def test_relative_links_in_the_docs_lead_somewhere() -> None:
    pages = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text("utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to {target}"


def test_every_built_in_rule_kind_has_its_page_and_its_example_reads() -> None:
    from cchc_criteria.builtins import KINDS

    index = (ROOT / "docs" / "kinds" / "index.md").read_text(encoding="utf-8")
    for kind in KINDS:
        page = ROOT / "docs" / "kinds" / f"{kind.name}.md"
        assert page.is_file(), f"docs/kinds/{kind.name}.md is missing"
        text = page.read_text(encoding="utf-8")
        assert f"[`{kind.name}`]({kind.name}.md)" in index
        for key in kind.keys:
            assert f"`{key}`" in text, f"{kind.name}: key {key} is not documented"
        (example,) = re.findall(r"```toml\n(.+?)\n```", text, re.S)
        document = f'id = "doc"\ntitle = "doc"\n{example}\n'
        criterion_set = cc.loads_set(document, source=f"docs/kinds/{kind.name}.md")
        (criterion,) = criterion_set.criteria
        assert cc.rule_kinds().of_rule(criterion.rule) is kind


def _schema_keys() -> set[str]:

    document = cc.Library(cc.registry.Registry()).schema("set")  # the core's keys, no plugin's
    keys = set(document["properties"])
    for name in ("criterion", "band", "option", "grade"):
        keys |= set(document["$defs"][name]["properties"])
    keys |= {"code", "criterion", "reason"}  # [[acknowledge]]
    return keys


def test_every_key_of_the_set_schema_is_documented() -> None:
    pages = [ROOT / "docs" / "formats.md", *(ROOT / "docs" / "kinds").glob("*.md")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    missing = sorted(
        key
        for key in _schema_keys()
        if f"`{key}`" not in text
        and f"\n{key} =" not in text
        and f" {key} = " not in text
        and f"{{ {key} =" not in text
    )
    assert missing == []


def test_the_command_reference_matches_cchc_help() -> None:
    from click.testing import CliRunner

    from cchc_criteria.cli import cli

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():  # type: ignore[attr-defined]
        assert f"cchc {name}" in text, f"cchc {name} is not in docs/cli.md"
        for param in command.params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("-") and flag not in ("-h", "--help"):
                    assert flag in text, f"cchc {name} {flag} is not in docs/cli.md"
    help_text = CliRunner().invoke(cli, ["--help"]).stdout
    for flag in ("--strict-plugins", "--version"):
        assert flag in help_text
        assert flag in text


def test_every_translated_page_has_its_english_page_and_keeps_its_anchors() -> None:
    """A Vietnamese page (page.vi.md) mirrors its English page section by section, and each
    heading keeps the English anchor, so a link from any page lands in either language."""
    from markdown.extensions.toc import slugify

    heading = re.compile(r"^#{2,4} (.*?)(?: \{ #([\w-]+) \})?$", re.MULTILINE)
    translated = sorted((ROOT / "docs").rglob("*.vi.md"))
    assert len(translated) >= 20  # the home page, the guides, the references, every kind
    for page in translated:
        english = page.with_name(page.name.replace(".vi.md", ".md"))
        assert english.is_file(), page
        anchors = [
            slugify(text.replace("`", ""), "-")
            for text, _ in heading.findall(english.read_text(encoding="utf-8"))
        ]
        kept = [anchor for _, anchor in heading.findall(page.read_text(encoding="utf-8"))]
        assert kept == anchors, page


def test_every_public_function_documents_its_arguments_and_result() -> None:
    """The API reference shows Args and Returns for every public function of the stable API
    (the modules tools/check_api_page.py wants whole); mkdocs --strict fails on an Args entry
    that names no parameter, this on a function that has none."""
    check = _tool("check_api_page")
    missing = []
    for name in check.wanted():
        module, _, attribute = name.rpartition(".")
        try:
            value = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError):
            continue  # the hook specs and the pytest plugin: their own tests
        if not inspect.isfunction(value):
            continue
        doc = inspect.getdoc(value) or ""
        signature = inspect.signature(value)
        if set(signature.parameters) - {"self"} and "Args:" not in doc:
            missing.append(f"{name}: Args")
        if signature.return_annotation not in (None, "None") and "Returns:" not in doc:
            missing.append(f"{name}: Returns")
    assert missing == []
