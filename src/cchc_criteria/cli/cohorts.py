"""The commands about many units: rank them, and how much each criterion moves them."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click

from cchc_criteria.cli._app import MAX_JOBS, cli, emit, load_answers
from cchc_criteria.cli._io import (
    Fail,
    assessment_files,
    library,
    load_criterion_set,
    verbosity,
)
from cchc_criteria.cli._options import (
    EXCEL,
    LANG,
    OUTPUT,
    SET,
    csv_dialect,
    format_option,
    letterhead_for,
    letterhead_options,
)
from cchc_criteria.errors import CchcError
from cchc_criteria.text import Lang, Text

if TYPE_CHECKING:
    from cchc_criteria.model import CriterionSet
    from cchc_criteria.reports import Standing
    from cchc_criteria.scoring import Scorecard

__all__ = ["rank_command", "sensitivity_command"]


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
@click.option(
    "--sensitivity",
    "with_sensitivity",
    is_flag=True,
    help="With -f html: the cohort's sensitivity below the ranking (a chart of the units "
    "losing points per criterion, and how far each criterion moves them). Keeps every "
    "scorecard while it works.",
)
@letterhead_options
def rank_command(
    set_id: str,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: Lang,
    excel: bool,
    jobs: int,
    with_sensitivity: bool,
    authority: str | None,
    signers: tuple[str, ...],
) -> None:
    """Rank the units of PATHS (assessment files, or folders of them) against SET.

    Units are ranked within their group (the assessment's `group`) by exact index; equal
    indices share a rank (1, 2, 2, 4). Incomplete scorecards are listed but not ranked.
    With --jobs, files are read and scored in several processes (a set whose rules compare
    each unit with the best of its cohort is scored in one).
    """
    import io

    from cchc_criteria.reports import rank

    dialect = csv_dialect(excel, fmt)
    if with_sensitivity:
        if fmt != "html":
            raise Fail(Text("--sensitivity đi cùng -f html", "--sensitivity goes with -f html"))
        _rank_with_sensitivity(set_id, paths, output, lang, (authority, signers))
        return
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
    letterhead = letterhead_for(criterion_set, "", authority, signers)
    emit(ranking, fmt, output, lang=lang, dialect=dialect, letterhead=letterhead)


def _rank_with_sensitivity(
    set_id: str,
    paths: tuple[str, ...],
    output: str | None,
    lang: Lang,
    signing: tuple[str | None, tuple[str, ...]],
) -> None:
    """The ranking's HTML page with the cohort's sensitivity below it: every card is kept
    (sensitivity scores each unit again), so this reads the files in one process."""
    import os.path

    from cchc_criteria.analysis.sensitivity import sensitivity
    from cchc_criteria.reports import rank

    try:
        criterion_set = load_criterion_set(set_id)
        files = assessment_files(paths)
        units = [load_answers(criterion_set, path) for path in files]
        cards = list(library().score_each(criterion_set, units))
        result = sensitivity(cards)
    except CchcError as error:
        raise Fail(error.text) from None
    ranking = rank(
        [
            (card, card.assessment.group, os.path.basename(path))
            for card, path in zip(cards, files, strict=True)
        ]
    )
    letterhead = letterhead_for(criterion_set, "", *signing)
    emit(ranking, "html", output, lang=lang, sensitivity=result, letterhead=letterhead)


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

    from cchc_criteria.reports import Standing

    lib = library()
    if lib.needs_cohort(criterion_set):
        units = []
        for path in files:
            units.append(load_answers(criterion_set, path))
            advance(1)
        cards: Iterable[Scorecard] = lib.score_each(criterion_set, units)
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
        card = lib.score(criterion_set, load_answers(criterion_set, path))
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

    from cchc_criteria.reports import Standing

    criterion_set = _worker_criterion_set
    assert criterion_set is not None, "the pool's initializer sets it"
    # No command context here: the installed plugins, as the parent (strict or not) found
    # them working before it started the pool.
    card = library().score(criterion_set, load_answers(criterion_set, path))
    standing = Standing.of(card)
    fields = {
        field.alias or field.name: getattr(standing, field.name)
        for field in attrs.fields(Standing)
        if field.name != "criterion_set"
    }
    return fields, card.assessment.group


@cli.command("sensitivity", short_help="How much each criterion moves a cohort.")
@SET
@click.argument("paths", nargs=-1, required=True)
@format_option(["text", "json", "html"], default="text")
@OUTPUT
@LANG
def sensitivity_command(
    set_id: str, paths: tuple[str, ...], fmt: str, output: str | None, lang: Lang
) -> None:
    """For each criterion of SET over the units of PATHS (files, or folders of them): how
    many lose points on it, and how much a unit's index and place in its group would move if
    that criterion alone went to its max, to nothing, or one band up — every unit scored
    again, exactly."""
    from cchc_criteria.analysis.sensitivity import sensitivity

    try:
        criterion_set = load_criterion_set(set_id)
        units = [load_answers(criterion_set, path) for path in assessment_files(paths)]
        result = sensitivity(library().score_many(criterion_set, units))
    except CchcError as error:
        raise Fail(error.text) from None
    emit(result, fmt, output, lang=lang)
