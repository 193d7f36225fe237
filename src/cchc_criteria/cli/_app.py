"""The ``cchc`` command group and what its commands share: reading a set and a unit's
assessment into a scorecard, and the Excel writer when it is installed.

Each command imports what it uses when it runs: ``cchc --version``, ``cchc --help`` and shell
completion load click and little of the library."""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import click

from cchc_criteria import __version__
from cchc_criteria.cli._io import (
    LANG_ENV,
    STDIN_NAME,
    STDIO,
    Fail,
    assessment_files,
    colour,
    library,
    load_criterion_set,
    note,
    remember_lang,
    set_verbosity,
    stdin_document,
    warn,
    write,
    write_bytes,
)
from cchc_criteria.cli._options import (
    STRICT_ENV,
)
from cchc_criteria.text import Lang, Text, printable

if TYPE_CHECKING:
    from cchc_criteria.model import Assessment, CriterionSet, Finding
    from cchc_criteria.scoring import Scorecard


__all__ = [
    "MAX_JOBS",
    "NEEDS_OPENPYXL",
    "cli",
    "emit",
    "load_answers",
    "load_card",
    "open_errors",
    "xlsx_writer",
]


MAX_JOBS = 256
"""The most processes ``cchc rank -j`` asks for (more than a machine runs usefully)."""


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
    # --strict-plugins stays in this context: _io.library() reads it when a command first
    # needs the plugins (--help loads none).
    set_verbosity(quiet=quiet, verbose=verbose)


def load_card(
    criterion_set: CriterionSet | str,
    assessment: str | Path,
    surveys: Sequence[str] = (),
    previous: str | None = None,
    earlier: Sequence[str] = (),
) -> Scorecard:
    """Read ``assessment`` and score it: the one loader of every command. The file must be
    written for ``criterion_set`` when it names a set. Each of ``surveys`` is a survey file
    whose votes answer the surveyed criteria (one criterion answered twice is refused);
    ``previous``, the unit's assessment of the period before, gives the year-over-year rows
    their previous figures (``rules.with_previous``); ``earlier``, its assessments of the
    earlier months, let the cumulative rows add up the months so far
    (``scoring.cumulate``)."""
    if isinstance(criterion_set, str):
        criterion_set = load_criterion_set(criterion_set)
    answers = load_answers(criterion_set, assessment)
    given = {code: str(assessment) for code in answers.answers}
    added: dict[str, object] = {}
    for survey in surveys:
        for code, votes in library().load_survey(survey, criterion_set).items():
            if code in given:
                raise Fail(
                    Text(
                        f"{survey}: tiêu chí {code} đã được trả lời trong {given[code]}",
                        f"{survey}: criterion {code} is already answered in {given[code]}",
                    )
                )
            given[code] = survey
            added[code] = votes
    if added:
        answers = attrs.evolve(answers, answers={**answers.answers, **added})
    if previous is not None:
        answers = _with_previous(criterion_set, answers, previous)
    if earlier:
        from cchc_criteria.scoring import cumulate

        months = [library().load_assessment(path) for path in earlier]
        answers = cumulate(criterion_set, answers, months)
    return library().score(criterion_set, answers)


def load_answers(criterion_set: CriterionSet, assessment: str | Path) -> Assessment:
    """Read ``assessment`` (a file, or ``-``: standard input) for ``criterion_set``: a file
    written for another set is refused, and answers given as tables are checked against
    their rules."""
    lib = library()
    note(
        Text(
            f"đọc {assessment} cho {criterion_set.id}",
            f"reading {assessment} for {criterion_set.id}",
        )
    )
    if str(assessment) == STDIO:
        text, fmt = stdin_document()
        answers = lib.loads_assessment(
            text, source=STDIN_NAME, format=fmt, criterion_set=criterion_set
        )
    else:
        answers = lib.load_assessment(assessment, criterion_set=criterion_set)
    if answers.set_id is not None and answers.set_id != criterion_set.id:
        raise Fail(
            Text(
                f"{assessment}: tệp này là bản tự chấm theo bộ {answers.set_id!r}, "
                f"không phải {criterion_set.id!r}",
                f"{assessment}: the file is an assessment for {answers.set_id!r}, "
                f"not {criterion_set.id!r}",
            )
        )
    if str(assessment).lower().endswith(".xlsx"):
        _warn_unnamed(criterion_set, answers, str(assessment))
    return answers


def _warn_unnamed(criterion_set: CriterionSet, answers: Assessment, name: str) -> None:
    """Warn when a filled-in workbook leaves its unit, its period or (where the set ranks
    within groups) its group empty: the rows at the top of the sheet that people skip."""
    empty = [
        words
        for words, value, needed in (
            (("đơn vị", "the unit"), answers.unit, True),
            (("kỳ đánh giá", "the period"), answers.period, True),
            (("nhóm", "the group"), answers.group, bool(criterion_set.groups)),
        )
        if needed and not value.strip()
    ]
    if empty:
        vi = ", ".join(w[0] for w in empty)
        en = ", ".join(w[1] for w in empty)
        warn(
            Text(
                f"{name}: chưa ghi {vi} ở đầu trang 'Kê khai'",
                f"{name}: {en} left empty at the top of sheet 'Kê khai'",
            )
        )


def _with_previous(criterion_set: CriterionSet, answers: Assessment, previous: str) -> Assessment:
    """``answers`` with last period's figures beside: from ``previous``, the unit's file of
    the period before, or a folder in which that file is looked up by unit and period."""
    from cchc_criteria.rules import previous_of, with_previous

    if not Path(previous).is_dir():
        return with_previous(criterion_set, answers, library().load_assessment(previous))
    found = previous_of(
        answers, (library().load_assessment(path) for path in assessment_files((previous,)))
    )
    if found is None:
        raise Fail(
            Text(
                f"{previous}: không có bản đánh giá của {answers.unit!r} cho kỳ liền trước "
                f"{answers.period!r}",
                f"{previous}: no assessment of {answers.unit!r} for the period before "
                f"{answers.period!r}",
            )
        )
    return with_previous(criterion_set, answers, found)


NEEDS_OPENPYXL = Text(
    "định dạng xlsx cần openpyxl: pip install 'cchc-criteria[xlsx]'",
    "the xlsx format needs openpyxl: pip install 'cchc-criteria[xlsx]'",
)


def xlsx_writer() -> ModuleType:
    try:
        xlsx = importlib.import_module("cchc_criteria.reports.xlsx")  # openpyxl is optional
    except ImportError:
        raise Fail(NEEDS_OPENPYXL) from None
    return xlsx


def emit(
    obj: object,
    fmt: str,
    output: str | None,
    *,
    lang: Lang,
    no_color: bool | None = None,
    **options: Any,
) -> None:
    """Lay ``obj`` out in ``fmt`` (``reports.render``) and print it or write it to ``output``:
    a workbook as bytes, text and Markdown with their control characters escaped, and, where
    a command offers colours (``no_color`` given), the severity words coloured on a
    terminal."""
    from cchc_criteria.reports import render

    if fmt == "xlsx":
        xlsx_writer()  # the extra's message when openpyxl is not installed
    # A CSV's header row speaks the language asked for, as the other reports do (programs
    # that need the keys ask with --lang en, or read JSON).
    result = render(obj, fmt, lang=lang, **{"headers": "lang", **options})
    if isinstance(result, bytes):
        write_bytes(result, output)
    elif isinstance(result, str) and fmt == "text" and output is None and no_color is not None:
        write(colour(printable(result), no_color), None, escaped=False)
    elif isinstance(result, str) and fmt in ("text", "markdown"):
        write(printable(result), output)
    else:
        write(result, output)


def open_errors(findings: tuple[Finding, ...]) -> list[Finding]:
    from cchc_criteria.model import Severity

    return [f for f in findings if f.severity is Severity.ERROR and not f.acknowledged]
