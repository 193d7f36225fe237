"""The commands about one unit: score it, advise it, give it a template to fill, compare its
scores (the commands about many are in `cohorts`)."""

from __future__ import annotations

import importlib
import os
import sys

import click

from cchc_criteria.cli._app import (
    NEEDS_OPENPYXL,
    cli,
    emit,
    load_answers,
    load_card,
)
from cchc_criteria.cli._io import (
    EXIT_FINDINGS,
    EXIT_OK,
    Fail,
    assessment_files,
    library,
    load_criterion_set,
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
    SET,
    csv_dialect,
    format_option,
    letterhead_for,
    letterhead_options,
)
from cchc_criteria.errors import CchcError
from cchc_criteria.text import Lang, Text

__all__ = [
    "advise_command",
    "compare_command",
    "score_command",
    "template_command",
]


@cli.command("score", short_help="Score a unit's assessment against a set.")
@SET
@click.argument("assessment")
@format_option(list(FORMATS), default="text")
@OUTPUT
@LANG
@NO_COLOR
@EXCEL
@click.option(
    "--earlier",
    multiple=True,
    metavar="FILE",
    help="The unit's assessment of an earlier month: cumulative rows add its figures.",
)
@click.option(
    "--previous",
    metavar="FILE",
    help="Last period's assessment of the unit (or a folder to find it in, by unit and "
    "period): its figures for the year-over-year rows.",
)
@click.option(
    "--survey",
    "surveys",
    multiple=True,
    metavar="FILE",
    help="A survey file (CSV: one respondent per row, one column per surveyed criterion).",
)
@letterhead_options
def score_command(
    set_id: str,
    assessment: str,
    fmt: str,
    output: str | None,
    lang: Lang,
    no_color: bool,
    excel: bool,
    earlier: tuple[str, ...],
    previous: str | None,
    surveys: tuple[str, ...],
    authority: str | None,
    signers: tuple[str, ...],
) -> None:
    """Score ASSESSMENT (a TOML, JSON or filled-in XLSX file) against SET (an id or a file).

    Prints the scorecard laid out like the published table, then the total, index, grade and
    findings. Each --survey FILE answers the criteria scored by a survey with its votes;
    --previous FILE gives last period's figures to the rows scored year over year; each
    --earlier FILE is an earlier month's, whose figures the cumulative rows add up.
    Exits 0 when the scorecard is complete and has no errors, 1 otherwise.
    """
    dialect = csv_dialect(excel, fmt)
    try:
        card = load_card(set_id, assessment, surveys, previous, earlier)
    except CchcError as error:
        raise Fail(error.text) from None
    letterhead = letterhead_for(card.criterion_set, card.assessment.unit, authority, signers)
    emit(card, fmt, output, lang=lang, no_color=no_color, dialect=dialect, letterhead=letterhead)
    sys.exit(EXIT_OK if card.complete and not card.errors else EXIT_FINDINGS)


@cli.command("advise", short_help="Show where a unit can earn more points.")
@click.argument("set_id", metavar="SET")
@click.argument("assessment")
@click.option("--json", "as_json", is_flag=True, help="Print the advice as JSON.")
@LANG
def advise_command(set_id: str, assessment: str, as_json: bool, lang: Lang) -> None:
    """Where the unit of ASSESSMENT can earn more points against SET, most points first."""
    try:
        card = load_card(set_id, assessment)
    except CchcError as error:
        raise Fail(error.text) from None
    advice = library().advise(card)
    emit(advice, "json" if as_json else "text", None, lang=lang)


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
            raise Fail(NEEDS_OPENPYXL) from None
        write_bytes(spreadsheet.template_workbook(criterion_set, kinds=library().kinds), output)
    else:
        write(render_template(criterion_set, kinds=library().kinds), output)


@cli.command("compare", short_help="Compare self-assessed with appraised, or two years.")
@SET
@click.argument("assessment")
@click.argument("paths", nargs=-1, metavar="[PATHS]...")
@click.option(
    "--cohort",
    is_flag=True,
    help="SET and ASSESSMENT are two versions of a set (OLD NEW), PATHS the cohort's "
    "assessments: the places each unit gains or loses because the rules changed.",
)
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
@format_option(["text", "csv", "json", "xlsx"], default="text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the same as -f json).")
@OUTPUT
@LANG
@EXCEL
def compare_command(
    set_id: str,
    assessment: str,
    paths: tuple[str, ...],
    cohort: bool,
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
    the arguments. With --cohort (cchc compare --cohort OLD NEW PATHS...), the cohort's
    assessments are scored and ranked under both versions of the set, with the same
    figures."""
    if cohort or paths:
        _impact(set_id, assessment, paths, fmt, as_json, output, lang)
        return

    from cchc_criteria.analysis.compare import chronological, compare_declared, compare_years

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
        card = load_card(set_id, assessment)
        if given:
            second = load_card(given[0][0], given[0][1])
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
    emit(comparison, fmt, output, lang=lang, dialect=dialect, years=bool(given), title=title)


def _impact(
    old_id: str,
    new_id: str,
    paths: tuple[str, ...],
    fmt: str,
    as_json: bool,
    output: str | None,
    lang: Lang,
) -> None:
    """``cchc compare --cohort OLD NEW PATHS...``: the new version's impact on the cohort."""
    from cchc_criteria.analysis.impact import policy_impact

    if not paths:
        raise click.UsageError(
            Text(
                "cần --cohort BỘ_CŨ BỘ_MỚI và các bản đánh giá của các đơn vị",
                "give --cohort OLD NEW and the cohort's assessments",
            ).get(lang)
        )
    fmt = "json" if as_json else fmt
    if fmt not in ("text", "json"):
        raise Fail(Text("--cohort in ra text hoặc json", "--cohort prints text or json"))
    try:
        old, new = load_criterion_set(old_id), load_criterion_set(new_id)
        files = assessment_files(paths)
        units = [load_answers(old, path) for path in files]
        names = [os.path.basename(path) for path in files]
        impact = policy_impact(old, new, units, kinds=library().kinds, sources=names)
    except CchcError as error:
        raise Fail(error.text) from None
    emit(impact, fmt, output, lang=lang)
