"""The ``cchc`` command: the only place that prints or exits.

Exit codes: 0 clean; 1 the scorecard is incomplete or has error findings; 2 bad usage or
unreadable input (a missing file, an unknown set, a broken plugin); 3 a bug.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import click

from cchc_criteria import __version__
from cchc_criteria.cli._io import (
    EXIT_BUG,
    EXIT_FINDINGS,
    EXIT_OK,
    LANG_ENV,
    STDIN_NAME,
    STDIO,
    Fail,
    assessment_files,
    colour,
    current_lang,
    echo,
    load_criterion_set,
    note,
    remember_lang,
    set_verbosity,
    stdin_document,
    verbosity,
    write,
    write_bytes,
)
from cchc_criteria.cli._options import (
    EXCEL,
    FORMATS,
    LANG,
    MESSAGE_LANG,
    NO_COLOR,
    OUTPUT,
    SCHEMA_KINDS,
    SET,
    STRICT_ENV,
    UNIT_KINDS,
    complete_set,
    csv_dialect,
    format_option,
)
from cchc_criteria.errors import CchcError
from cchc_criteria.text import Lang, Text, printable

if TYPE_CHECKING:
    from cchc_criteria.model import Assessment, CriterionSet, Finding
    from cchc_criteria.reports import Standing
    from cchc_criteria.scoring import Scorecard

# Each command imports what it uses when it runs: `cchc --version`, `cchc --help` and shell
# completion load click and little of the library.

__all__ = ["main"]

#: The most processes ``cchc rank -j`` asks for (more than a machine runs usefully).
MAX_JOBS = 256


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 80})
@click.version_option(__version__, "-V", "--version", prog_name="cchc")
@click.option(
    "--strict-plugins",
    is_flag=True,
    help=f"Fail if any plugin fails to load (also: {STRICT_ENV}=1).",
)
@click.option("-q", "--quiet", is_flag=True, help="No warnings and no progress bar; errors only.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Say on standard error which set and files are read."
)
def cli(strict_plugins: bool, quiet: bool, verbose: bool) -> None:
    """Score units against Vietnam's administrative-reform criterion sets (Chỉ số CCHC)."""
    remember_lang(os.environ.get(LANG_ENV, ""))  # until the command's --lang is read
    if strict_plugins:
        os.environ[STRICT_ENV] = "1"
    set_verbosity(quiet=quiet, verbose=verbose)


def _load_card(criterion_set: CriterionSet | str, assessment: str | Path) -> Scorecard:
    """Read ``assessment`` and score it: the one loader of every command. The file must be
    written for ``criterion_set`` when it names a set."""
    from cchc_criteria.api import score

    if isinstance(criterion_set, str):
        criterion_set = load_criterion_set(criterion_set)
    return score(criterion_set, _load_answers(criterion_set, assessment))


def _load_answers(criterion_set: CriterionSet, assessment: str | Path) -> Assessment:
    """Read ``assessment`` (a file, or ``-``: standard input) for ``criterion_set``: a file
    written for another set is refused, and answers given as tables are checked against
    their rules."""
    from cchc_criteria.formats import load_assessment, read_assessment

    note(
        Text(
            f"đọc {assessment} cho {criterion_set.id}",
            f"reading {assessment} for {criterion_set.id}",
        )
    )
    if str(assessment) == STDIO:
        text, fmt = stdin_document()
        answers = read_assessment(text, source=STDIN_NAME, format=fmt, criterion_set=criterion_set)
    else:
        answers = load_assessment(assessment, criterion_set=criterion_set)
    if answers.set_id is not None and answers.set_id != criterion_set.id:
        raise Fail(
            Text(
                f"{assessment}: tệp này là bản tự chấm theo bộ {answers.set_id!r}, "
                f"không phải {criterion_set.id!r}",
                f"{assessment}: the file is an assessment for {answers.set_id!r}, "
                f"not {criterion_set.id!r}",
            )
        )
    return answers


@cli.command("score", short_help="Score a unit's assessment against a set.")
@SET
@click.argument("assessment")
@format_option(list(FORMATS), default="text")
@OUTPUT
@LANG
@NO_COLOR
@EXCEL
def score_command(
    set_id: str,
    assessment: str,
    fmt: str,
    output: str | None,
    lang: Lang,
    no_color: bool,
    excel: bool,
) -> None:
    """Score ASSESSMENT (a TOML, JSON or filled-in XLSX file) against SET (an id or a file).

    Prints the scorecard laid out like the published table, then the total, index, grade and
    findings. Exits 0 when the scorecard is complete and has no errors, 1 otherwise.
    """
    from cchc_criteria.reports import render

    dialect = csv_dialect(excel, fmt)
    try:
        card = _load_card(set_id, assessment)
    except CchcError as error:
        raise Fail(error.text) from None
    if fmt == "xlsx":
        write_bytes(_xlsx().scorecard_workbook(card, lang=lang), output)
    elif fmt == "csv":
        from cchc_criteria.reports.csv import render_csv

        write(render_csv(card, lang=lang, dialect=dialect), output)
    else:
        text = render(card, fmt, lang=lang)
        if fmt == "text" and output is None:
            write(colour(printable(text), no_color), None, escaped=False)
        else:
            write(printable(text) if fmt in ("text", "markdown") else text, output)
    sys.exit(EXIT_OK if card.complete and not card.errors else EXIT_FINDINGS)


_NEEDS_OPENPYXL = Text(
    "định dạng xlsx cần openpyxl: pip install 'cchc-criteria[xlsx]'",
    "the xlsx format needs openpyxl: pip install 'cchc-criteria[xlsx]'",
)


def _xlsx() -> ModuleType:
    try:
        xlsx = importlib.import_module("cchc_criteria.reports.xlsx")  # openpyxl is optional
    except ImportError:
        raise Fail(_NEEDS_OPENPYXL) from None
    return xlsx


def _open_errors(findings: tuple[Finding, ...]) -> list[Finding]:
    from cchc_criteria.model import Severity

    return [f for f in findings if f.severity is Severity.ERROR and not f.acknowledged]


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

    from cchc_criteria.analysis import lint
    from cchc_criteria.dates import parse_date
    from cchc_criteria.registry import list_sets
    from cchc_criteria.reports.data import set_data
    from cchc_criteria.reports.text import render_sets
    from cchc_criteria.selection import select_sets

    try:
        registered = list_sets()
        on = None if day is None else parse_date(day)
    except CchcError as error:
        raise Fail(error.text) from None
    rows = [
        set_data(
            r.criterion_set,
            plugin=r.plugin,
            distribution=r.distribution,
            version=r.version,
            lint_errors=len(_open_errors(lint(r.criterion_set))),
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
    import json

    from cchc_criteria.analysis.diff import diff_sets
    from cchc_criteria.reports.data import diff_data
    from cchc_criteria.reports.markdown import render_diff_markdown
    from cchc_criteria.reports.text import render_diff

    try:
        diff = diff_sets(load_criterion_set(before), load_criterion_set(after))
    except CchcError as error:
        raise Fail(error.text) from None
    if fmt == "json":
        write(json.dumps(diff_data(diff), ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "markdown":
        write(render_diff_markdown(diff, lang=lang), output)
    else:
        write(render_diff(diff, lang=lang), output)


@cli.command("lint", short_help="Check a criterion set as published.")
@click.argument("set_id", metavar="SET")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@LANG
def lint_command(set_id: str, as_json: bool, lang: Lang) -> None:
    """Check SET (an id or a set file) as published: gaps, overlaps, awards above the max.

    Exits 1 when there are errors that the set does not acknowledge, 0 otherwise.
    """
    import json

    from cchc_criteria.analysis import lint
    from cchc_criteria.reports.data import finding_data
    from cchc_criteria.reports.text import render_lint

    try:
        criterion_set = load_criterion_set(set_id)
    except CchcError as error:
        raise Fail(error.text) from None
    findings = lint(criterion_set)
    errors = _open_errors(findings)
    if as_json:
        echo(json.dumps([finding_data(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        echo(render_lint(criterion_set.id, findings, len(errors), lang=lang), nl=False)
    sys.exit(EXIT_FINDINGS if errors else EXIT_OK)


@cli.command("advise", short_help="Show where a unit can earn more points.")
@click.argument("set_id", metavar="SET")
@click.argument("assessment")
@click.option("--json", "as_json", is_flag=True, help="Print the advice as JSON.")
@LANG
def advise_command(set_id: str, assessment: str, as_json: bool, lang: Lang) -> None:
    """Where the unit of ASSESSMENT can earn more points against SET, most points first."""
    import json

    from cchc_criteria.analysis.advice import advise
    from cchc_criteria.reports.data import advice_data
    from cchc_criteria.reports.text import render_advice

    try:
        card = _load_card(set_id, assessment)
    except CchcError as error:
        raise Fail(error.text) from None
    advice = advise(card)
    if as_json:
        echo(json.dumps(advice_data(advice), ensure_ascii=False, indent=2))
    else:
        echo(render_advice(advice, lang=lang), nl=False)


@cli.command("template", short_help="Write a blank assessment to fill in.")
@SET
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["toml", "xlsx"]),
    default="toml",
    show_default=True,
    help="A TOML file, or an Excel workbook with drop-down lists.",
)
@OUTPUT
@MESSAGE_LANG
def template_command(set_id: str, fmt: str, output: str | None, lang: Lang) -> None:
    """Write a blank assessment for SET: every criterion, its rule and what to declare.

    The TOML template has every answer line commented out, so it scores as incomplete until
    it is filled in. The XLSX template (--format xlsx -o FILE) has drop-down lists and
    validated number ranges; `cchc score SET FILE.xlsx` reads it back once filled in.
    """
    from cchc_criteria.formats.template import render_template

    try:
        criterion_set = load_criterion_set(set_id)
    except CchcError as error:
        raise Fail(error.text) from None
    if fmt == "xlsx":
        try:
            spreadsheet = importlib.import_module("cchc_criteria.formats.spreadsheet")
        except ImportError:
            raise Fail(_NEEDS_OPENPYXL) from None
        write_bytes(spreadsheet.template_workbook(criterion_set), output)
    else:
        write(render_template(criterion_set), output)


@cli.command("schema", short_help="Print the JSON Schema of a file format.")
@click.argument("kind", type=click.Choice(SCHEMA_KINDS), default="set")
@MESSAGE_LANG
def schema_command(kind: str, lang: Lang) -> None:
    """Print the JSON Schema of a format: "set" (default), "assessment" or "scorecard".

    Point an editor at it to check a file as it is typed.
    """
    from cchc_criteria.formats.schema import schema_text

    echo(schema_text(kind), nl=False)


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
@MESSAGE_LANG
def new_plugin_command(
    name: str, province: str, unit_kind: str, year: int, folder: str | None, lang: Lang
) -> None:
    """Write a plugin distribution for NAME (lowercase: "hanoi"): pyproject.toml with its
    entry point, the set as a TOML data file with an example row of each common kind of rule,
    the loader, an example assessment, tests with the conformance suite, a README and a
    noxfile. It installs, is discovered, and its tests pass as written.
    """
    from cchc_criteria.model import UnitKind
    from cchc_criteria.scaffold import Plugin, write_plugin
    from cchc_criteria.text import nfc

    plugin = Plugin(name, nfc(province), UnitKind(unit_kind), year)
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


@cli.command("rank", short_help="Rank many units within their groups.")
@SET
@click.argument("paths", nargs=-1, required=True)
@format_option(["text", "csv", "json", "html", "xlsx"], default="text")
@OUTPUT
@LANG
@EXCEL
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0, max=MAX_JOBS),
    default=1,
    show_default=True,
    help=f"Read and score the files in this many processes (0: one per CPU; at most "
    f"{MAX_JOBS}, and never more than 4 per CPU or one per file).",
)
def rank_command(
    set_id: str,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: Lang,
    excel: bool,
    jobs: int,
) -> None:
    """Rank the units of PATHS (assessment files, or folders of them) against SET.

    Units are ranked within their group (the assessment's `group`) by exact index; equal
    indices share a rank (1, 2, 2, 4). Incomplete scorecards are listed but not ranked.
    With --jobs, files are read and scored in several processes (a set whose rules compare
    each unit with the best of its cohort is scored in one).
    """
    import io
    import json

    from cchc_criteria.reports import rank, render_ranking_html
    from cchc_criteria.reports.csv import ranking_csv_rows
    from cchc_criteria.reports.data import ranking_data
    from cchc_criteria.reports.text import render_ranking_text

    dialect = csv_dialect(excel, fmt)
    try:
        criterion_set = load_criterion_set(set_id)
        files = assessment_files(paths)
        label = "Chấm điểm" if lang == "vi" else "Scoring"
        shown = len(files) >= 10 and sys.stderr.isatty() and verbosity() >= 0
        with click.progressbar(
            length=len(files), label=label, file=sys.stderr if shown else io.StringIO()
        ) as bar:
            cpus = os.cpu_count() or 1
            workers = min(jobs or cpus, 4 * cpus, max(len(files), 1))
            entries = _rank_entries(criterion_set, files, workers, bar.update)
    except CchcError as error:
        raise Fail(error.text) from None
    ranking = rank(entries)
    del entries  # the ranking holds the standings now: each unit's row is kept once
    if fmt == "xlsx":
        write_bytes(_xlsx().ranking_workbook(ranking, lang=lang), output)
    elif fmt == "html":
        write(render_ranking_html(ranking, lang=lang), output)
    elif fmt == "csv":
        write(ranking_csv_rows(ranking, dialect=dialect), output)
    elif fmt == "json":
        write(json.dumps(ranking_data(ranking), ensure_ascii=False, indent=2) + "\n", output)
    else:
        write(render_ranking_text(ranking, lang=lang), output)


def _rank_entries(
    criterion_set: CriterionSet, files: list[str], jobs: int, advance: Callable[[int], None]
) -> list[tuple[Standing, str, str]]:
    """(standing, group, file name) of every unit: what a ranking reads, and no scorecard.

    Where a rule compares each unit with the best of the cohort, every file is read first and
    the cohort bound (``score_each``); otherwise each file is read and scored in turn — in
    ``jobs`` processes when there are several — so that only its standing stays: the memory
    does not grow with the units' answers or nodes. ``advance(1)`` is called per file.
    """
    from concurrent.futures import ProcessPoolExecutor

    from cchc_criteria.api import score, score_each
    from cchc_criteria.reports import Standing
    from cchc_criteria.scoring import needs_cohort

    if needs_cohort(criterion_set):
        units = []
        for path in files:
            units.append(_load_answers(criterion_set, path))
            advance(1)
        cards: Iterable[Scorecard] = score_each(criterion_set, units)
        return [
            (Standing.of(card), card.assessment.group, os.path.basename(path))
            for card, path in zip(cards, files, strict=True)
        ]
    entries = []
    if jobs > 1 and len(files) > 1:
        chunk = max(1, len(files) // (jobs * 8))
        with ProcessPoolExecutor(jobs, initializer=_worker_set, initargs=(criterion_set,)) as pool:
            for path, (fields, group) in zip(
                files, pool.map(_worker_standing, files, chunksize=chunk), strict=True
            ):
                standing = Standing(criterion_set=criterion_set, **fields)
                entries.append((standing, group, os.path.basename(path)))
                advance(1)
        return entries
    for path in files:
        card = score(criterion_set, _load_answers(criterion_set, path))
        entries.append((Standing.of(card), card.assessment.group, os.path.basename(path)))
        advance(1)
    return entries


# The set a worker process of ``rank --jobs`` scores against (sent once, when it starts).
_worker_criterion_set: CriterionSet | None = None


def _worker_set(criterion_set: CriterionSet) -> None:
    global _worker_criterion_set
    _worker_criterion_set = criterion_set


def _worker_standing(path: str) -> tuple[dict[str, Any], str]:
    """A unit's standing without its set (the parent has it: it is not sent back for every
    unit), and its group."""
    import attrs

    from cchc_criteria.api import score
    from cchc_criteria.reports import Standing

    criterion_set = _worker_criterion_set
    assert criterion_set is not None, "the pool's initializer sets it"
    card = score(criterion_set, _load_answers(criterion_set, path))
    standing = Standing.of(card)
    fields = {
        field.alias or field.name: getattr(standing, field.name)
        for field in attrs.fields(Standing)
        if field.name != "criterion_set"
    }
    return fields, card.assessment.group


@cli.command("compare", short_help="Compare self-assessed with appraised, or two years.")
@SET
@click.argument("assessment")
@click.option(
    "--with",
    "other",
    nargs=2,
    metavar="SET2 ASSESSMENT2",
    help="Compare with the same unit scored against another set (another year); which year "
    "is earlier is read from the sets and the periods assessed.",
)
@click.option(
    "--before",
    "earlier",
    nargs=2,
    metavar="SET2 ASSESSMENT2",
    help="Like --with, saying that SET2 ASSESSMENT2 is the earlier year.",
)
@click.option(
    "--after",
    "later",
    nargs=2,
    metavar="SET2 ASSESSMENT2",
    help="Like --with, saying that SET2 ASSESSMENT2 is the later year.",
)
@format_option(["text", "csv", "json"], default="text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the same as -f json).")
@OUTPUT
@LANG
@EXCEL
def compare_command(
    set_id: str,
    assessment: str,
    other: tuple[str, str] | None,
    earlier: tuple[str, str] | None,
    later: tuple[str, str] | None,
    fmt: str,
    as_json: bool,
    output: str | None,
    lang: Lang,
    excel: bool,
) -> None:
    """Compare self-assessed with appraised scores for ASSESSMENT, criterion by criterion;
    or, with --with (--before, --after), the same unit in another year, criteria matched
    through the sets' code map. The earlier year is always "before", whatever the order of
    the arguments."""
    import json

    from cchc_criteria.analysis.compare import chronological, compare_declared, compare_years
    from cchc_criteria.reports.csv import render_comparison_csv
    from cchc_criteria.reports.data import comparison_data
    from cchc_criteria.reports.text import render_comparison

    given = [pair for pair in (other, earlier, later) if pair]
    if len(given) > 1:
        raise click.UsageError(
            Text(
                "chỉ dùng một trong --with, --before, --after",
                "give one of --with, --before, --after",
            ).get(lang)
        )
    fmt = "json" if as_json else fmt
    dialect = csv_dialect(excel, fmt)
    try:
        card = _load_card(set_id, assessment)
        if given:
            second = _load_card(given[0][0], given[0][1])
            if earlier:
                before, after = second, card
            elif later:
                before, after = card, second
            else:
                before, after = chronological(card, second)
            comparison = compare_years(before, after)
        else:
            comparison = compare_declared(card)
    except CchcError as error:
        raise Fail(error.text) from None
    unit = card.assessment.unit or str(assessment)
    if given:
        title = (
            f"So sánh qua các năm — {unit}: {before.criterion_set.id} → {after.criterion_set.id}"
            if lang == "vi"
            else f"Year on year — {unit}: {before.criterion_set.id} → {after.criterion_set.id}"
        )
    else:
        title = (
            f"Điểm tự đánh giá và điểm thẩm định — {unit} ({card.criterion_set.id})"
            if lang == "vi"
            else f"Self-assessed and appraised — {unit} ({card.criterion_set.id})"
        )
    if fmt == "json":
        text = json.dumps(comparison_data(comparison), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = render_comparison_csv(comparison, dialect=dialect)
    else:
        text = render_comparison(comparison, years=bool(given), lang=lang, title=title)
    write(text, output)


_INTERRUPTED = Text("đã dừng (Ctrl-C)", "interrupted")
_ABORTED = Text("đã hủy", "aborted")


def main() -> None:
    """Entry point of the ``cchc`` console script.

    An unexpected exception is a bug in cchc-criteria or in a plugin: it is reported in one
    line (set ``CCHC_DEBUG=1`` to see the traceback) with exit code 3. Ctrl-C exits 130.
    """
    try:
        code = cli.main(prog_name="cchc", standalone_mode=False)
    except click.exceptions.Abort as abort:  # click turns Ctrl-C (and EOF) into Abort
        interrupted = isinstance(abort.__context__, KeyboardInterrupt)
        echo(f"cchc: {(_INTERRUPTED if interrupted else _ABORTED).get(current_lang())}", err=True)
        sys.exit(130 if interrupted else EXIT_FINDINGS)
    except KeyboardInterrupt:
        echo(f"cchc: {_INTERRUPTED.get(current_lang())}", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BrokenPipeError:
        # The reader went away (``cchc show … | head``): nothing more to say to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_FINDINGS)
    except Exception as error:
        if os.environ.get("CCHC_DEBUG"):
            raise
        what = f"{type(error).__name__}: {error}"
        said = Text(
            f"cchc: lỗi nội bộ: {what} (đây là lỗi của chương trình; hãy chạy lại với "
            "CCHC_DEBUG=1 và báo cáo kèm traceback)",
            f"cchc: internal error: {what} "
            "(this is a bug; run again with CCHC_DEBUG=1 and report the traceback)",
        )
        echo(said.get(current_lang()), err=True)
        sys.exit(EXIT_BUG)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
