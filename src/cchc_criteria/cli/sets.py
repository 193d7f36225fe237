"""The commands about criterion sets and plugins: list, show, lint and diff sets, print a
file format's schema, list plugins, start a new one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cchc_criteria.cli._app import cli, emit, open_errors
from cchc_criteria.cli._io import (
    EXIT_FINDINGS,
    EXIT_OK,
    Fail,
    echo,
    library,
    load_criterion_set,
    warn_failed_plugins,
)
from cchc_criteria.cli._options import (
    LANG,
    MESSAGE_LANG,
    OUTPUT,
    SCHEMA_KINDS,
    SET,
    UNIT_KINDS,
    complete_set,
    format_option,
)
from cchc_criteria.errors import CchcError
from cchc_criteria.text import Lang, Text

__all__ = [
    "diff_command",
    "lint_command",
    "new_plugin_command",
    "plugins_command",
    "schema_command",
    "sets_command",
    "show_command",
]


@cli.command("sets", short_help="List the installed criterion sets.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--province", help="Only sets of this province (case and accents ignored).")
@click.option("--unit-kind", help="Only sets for this kind of unit: sở, huyện, xã, …")
@click.option("--year", type=int, help="Only sets in force at some time in this year.")
@click.option("--on", "day", metavar="DATE", help="Only sets in force on this day (31/12/2019).")
@MESSAGE_LANG
def sets_command(
    as_json: bool,
    province: str | None,
    unit_kind: str | None,
    year: int | None,
    day: str | None,
    lang: Lang,
) -> None:
    """List the installed criterion sets, the plugins that provide them, and lint status.

    A set whose published text has lint errors is still listed and usable (it is what was
    published); it is marked, and `cchc lint SET` says what is wrong.
    """
    import json

    from cchc_criteria.dates import parse_date
    from cchc_criteria.reports.data import set_data
    from cchc_criteria.reports.text import render_sets
    from cchc_criteria.selection import select_sets

    try:
        lib = library()
        registered = lib.list_sets()
        on = None if day is None else parse_date(day)
    except CchcError as error:
        raise Fail(error.text) from None
    warn_failed_plugins()  # a set that is not listed: its plugin, or its file, says why
    rows = [
        set_data(
            r.criterion_set,
            plugin=r.plugin,
            distribution=r.distribution,
            version=r.version,
            lint_errors=len(open_errors(lib.lint(r.criterion_set))),
        )
        for r in select_sets(registered, province=province, unit_kind=unit_kind, year=year, on=on)
    ]
    if as_json:
        echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not registered:
        said = Text(
            "chưa cài bộ tiêu chí nào: hãy cài một plugin có bộ tiêu chí, như "
            "cchc-criteria-quangngai (pip install cchc-criteria-quangngai), hoặc tự viết: "
            "cchc new-plugin TÊN",
            "no criterion set is installed: install a plugin that provides sets, such as "
            "cchc-criteria-quangngai (pip install cchc-criteria-quangngai), or write one: "
            "cchc new-plugin NAME",
        )
        echo(said.get(lang), err=True)
        sys.exit(EXIT_FINDINGS)
    else:
        echo(render_sets(rows), nl=False)


@cli.command("diff", short_help="What changed between two criterion sets.")
@click.argument("before", metavar="SET_A", shell_complete=complete_set)
@click.argument("after", metavar="SET_B", shell_complete=complete_set)
@format_option(["text", "markdown", "json"], default="text")
@OUTPUT
@LANG
def diff_command(before: str, after: str, fmt: str, output: str | None, lang: Lang) -> None:
    """What changed from SET_A to SET_B (ids or files): criteria added, removed, renumbered,
    split, merged, and changed (max points, title, rule, bands in the published wording).

    Criteria are matched through SET_B's code map (lineage) where it has one, else by code and
    title. Exits 0 whether or not the sets differ, 2 on bad input.
    """
    try:
        diff = library().diff_sets(load_criterion_set(before), load_criterion_set(after))
    except CchcError as error:
        raise Fail(error.text) from None
    emit(diff, fmt, output, lang=lang)


@cli.command("lint", short_help="Check a criterion set as published.")
@click.argument("set_id", metavar="SET")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@LANG
def lint_command(set_id: str, as_json: bool, lang: Lang) -> None:
    """Check SET (an id or a set file) as published: gaps, overlaps, awards above the max.

    Exits 1 when there are errors that the set does not acknowledge, 0 otherwise.
    """
    import json

    from cchc_criteria.reports.data import finding_data
    from cchc_criteria.reports.text import render_lint

    try:
        criterion_set = load_criterion_set(set_id)
    except CchcError as error:
        raise Fail(error.text) from None
    findings = library().lint(criterion_set)
    errors = open_errors(findings)
    if as_json:
        echo(json.dumps([finding_data(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        echo(render_lint(criterion_set.id, findings, len(errors), lang=lang), nl=False)
    sys.exit(EXIT_FINDINGS if errors else EXIT_OK)


@cli.command("schema", short_help="Print the JSON Schema of a file format.")
@click.argument("kind", type=click.Choice(SCHEMA_KINDS), default="set")
@MESSAGE_LANG
def schema_command(kind: str, lang: Lang) -> None:
    """Print the JSON Schema of a format: "set" (default), "assessment" or "scorecard".

    Point an editor at it to check a file as it is typed.
    """
    import json

    echo(json.dumps(library().schema(kind), ensure_ascii=False, indent=2) + "\n", nl=False)


@cli.command("new-plugin", short_help="Write a new criterion-set plugin to start from.")
@click.argument("name")
@click.option("--province", required=True, help='The province (or index), as written: "Hà Nội".')
@click.option(
    "--unit-kind",
    type=click.Choice(UNIT_KINDS),
    default="xã",
    show_default=True,
    help="The kind of unit its first set scores.",
)
@click.option("--year", type=int, required=True, help="The year of its first set.")
@click.option(
    "-o", "--output", "folder", help="The folder to write (default: ./cchc-criteria-NAME)."
)
@click.option(
    "--with-kind",
    is_flag=True,
    help="Give the plugin a rule kind of its own (kinds.py, NAME_at_least) and a row scored "
    "by it, to change into the rule the published table needs.",
)
@MESSAGE_LANG
def new_plugin_command(
    name: str,
    province: str,
    unit_kind: str,
    year: int,
    folder: str | None,
    with_kind: bool,
    lang: Lang,
) -> None:
    """Write a plugin distribution for NAME (lowercase: "hanoi"): pyproject.toml with its
    entry point, licence and project links, the set as a TOML data file with an example row of
    each common kind of rule, the loader, an example assessment, tests with the conformance
    suite, a README, a noxfile, a .gitignore and GitHub workflows that test it and publish it
    to PyPI by trusted publishing. It installs, is discovered, and its tests pass as written.
    """
    from cchc_criteria.model import UnitKind
    from cchc_criteria.scaffold import Plugin, write_plugin
    from cchc_criteria.text import nfc

    plugin = Plugin(name, nfc(province), UnitKind(unit_kind), year, with_kind=with_kind)
    target = Path(folder) if folder else Path(plugin.distribution)
    try:
        written = write_plugin(plugin, target)
    except CchcError as error:
        raise Fail(error.text) from None
    for path in written:
        echo(str(path))
    steps = f"pip install {'./' if folder is None else ''}{target} && cchc sets && pytest {target}"
    echo(f"\n{'Tiếp theo' if lang == 'vi' else 'Next'}: {steps}", err=True)


@cli.command("plugins", short_help="List the installed plugins and their sets.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@MESSAGE_LANG
def plugins_command(as_json: bool, lang: Lang) -> None:
    """List the installed plugins: distribution, version, the sets and rule kinds each gives,
    and what failed. The library's own plugin (the built-in rule kinds) comes first."""
    import json

    import attrs

    from cchc_criteria.registry import plugin_reports

    reports = plugin_reports()
    if as_json:
        echo(json.dumps([attrs.asdict(r) for r in reports], ensure_ascii=False, indent=2))
        return
    if not reports:
        echo(
            "chưa cài plugin bộ tiêu chí nào"
            if lang == "vi"
            else "no criterion-set plugin is installed"
        )
    for report in reports:
        origin = f"{report.distribution or '?'} {report.version or ''}".strip()
        parts = []
        if report.sets:
            parts.append("sets: " + ", ".join(report.sets))
        if report.kinds:
            parts.append("rule kinds: " + ", ".join(report.kinds))
        if report.error is not None:
            parts.append(f"ERROR: {report.error}")
        echo(f"{report.name}  ({origin})  " + "; ".join(parts or ["(nothing)"]))
    if any(r.error for r in reports):
        sys.exit(EXIT_FINDINGS)


@cli.command("findings", short_help="List every finding code and its message.")
@click.option(
    "--kind",
    "kind_names",
    multiple=True,
    metavar="NAME",
    help="Only the codes of this rule kind (repeatable): a plugin documents its own.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a Markdown table.")
@LANG
def findings_command(kind_names: tuple[str, ...], as_json: bool, lang: Lang) -> None:
    """List the finding codes scoring and lint report — the built-in ones and those of the
    installed plugins' rule kinds — as a Markdown table (code, severity, who reports it, the
    message in the language of --lang). `--kind NAME` keeps one rule kind's own codes: the
    table a plugin author puts in the kind's documentation."""
    import json

    from cchc_criteria.reports.catalogue import catalogue_rows, render_catalogue_markdown

    try:
        rows = catalogue_rows(library().kinds, only=kind_names)
    except CchcError as error:
        raise Fail(error.text) from None
    if as_json:
        echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        echo(render_catalogue_markdown(rows, lang=lang), nl=False)


@cli.command("show", short_help="Show a set's criteria and rules.")
@SET
@LANG
def show_command(set_id: str, lang: Lang) -> None:
    """Show SET: its facts, then every criterion with its max points and its rule in words."""
    from cchc_criteria.reports.text import render_set

    try:
        cs = load_criterion_set(set_id)
    except CchcError as error:
        raise Fail(error.text) from None
    echo(render_set(cs, lang=lang), nl=False)
