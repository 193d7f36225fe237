"""The ``cchc`` command: the only place that prints or exits.

Exit codes: 0 clean; 1 the scorecard is incomplete or has error findings; 2 bad usage or
unreadable input (a missing file, an unknown set, a broken plugin); 3 a bug.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from cchc_criteria import __version__
from cchc_criteria.advice import advise
from cchc_criteria.analysis import lint
from cchc_criteria.errors import CchcError
from cchc_criteria.formats import load_assessment, load_set
from cchc_criteria.formats.schema import SCHEMAS, schema_text
from cchc_criteria.formats.template import render_template
from cchc_criteria.model import CriterionSet, Finding, Severity
from cchc_criteria.numbers import format_number
from cchc_criteria.registry import get_set, list_sets
from cchc_criteria.reports import render_text
from cchc_criteria.scoring import score

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3


class _Fail(click.ClickException):
    """A user error: printed as one line, exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file: object = None) -> None:
        click.echo(f"cchc: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 80})
@click.version_option(__version__, "-V", "--version", prog_name="cchc")
def cli() -> None:
    """Score units against Vietnam's administrative-reform criterion sets (Chỉ số CCHC)."""


def _criterion_set(reference: str) -> CriterionSet:
    """An installed set by id, or a set file by path (.toml or .json)."""
    if reference.lower().endswith((".toml", ".json")) or Path(reference).is_file():
        return load_set(reference)
    return get_set(reference)


def _write(text: str, output: Path | None) -> None:
    """Print ``text``, or write it whole to ``output`` (never half a file)."""
    if output is None:
        click.echo(text, nl=False)
        return
    partial = output.with_name(output.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise _Fail(f"{output}: cannot write the file: {error.strerror or error}") from None


@cli.command("score")
@click.argument("set_id", metavar="SET")
@click.argument("assessment", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Language of the report.",
)
def score_command(set_id: str, assessment: Path, lang: str) -> None:
    """Score ASSESSMENT (a TOML or JSON file) against SET (an id or a set file).

    Prints the scorecard laid out like the published table, then the total, index, grade and
    findings. Exits 0 when the scorecard is complete and has no errors, 1 otherwise.
    """
    try:
        criterion_set = _criterion_set(set_id)
        answers = load_assessment(assessment)
        if answers.set_id is not None and answers.set_id != criterion_set.id:
            raise _Fail(
                f"{assessment}: the file is an assessment for {answers.set_id!r}, "
                f"not {criterion_set.id!r}"
            )
        card = score(criterion_set, answers)
    except CchcError as error:
        raise _Fail(str(error)) from None
    click.echo(render_text(card, lang=lang), nl=False)
    sys.exit(EXIT_OK if card.complete and not card.errors else EXIT_FINDINGS)


def _open_errors(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR and not f.acknowledged]


@cli.command("sets")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def sets_command(as_json: bool) -> None:
    """List the installed criterion sets, the plugins that provide them, and lint status.

    A set whose published text has lint errors is still listed and usable (it is what was
    published); it is marked, and `cchc lint SET` says what is wrong.
    """
    try:
        registered = list_sets()
    except CchcError as error:
        raise _Fail(str(error)) from None
    rows = []
    for r in registered:
        cs = r.criterion_set
        rows.append(
            {
                "id": cs.id,
                "title": cs.title,
                "province": cs.province,
                "unit_kind": None if cs.unit_kind is None else cs.unit_kind.value,
                "valid_from": None if cs.valid_from is None else cs.valid_from.isoformat(),
                "valid_until": None if cs.valid_until is None else cs.valid_until.isoformat(),
                "plugin": r.plugin,
                "distribution": r.distribution,
                "version": r.version,
                "lint_errors": len(_open_errors(lint(cs))),
            }
        )
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        mark = f"  [lint: {row['lint_errors']} error(s)]" if row["lint_errors"] else ""
        origin = f"{row['distribution'] or row['plugin']} {row['version'] or ''}".strip()
        click.echo(f"{row['id']}  {row['title']}  ({origin}){mark}")


@cli.command("lint")
@click.argument("set_id", metavar="SET")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Language of the messages.",
)
def lint_command(set_id: str, as_json: bool, lang: str) -> None:
    """Check SET (an id or a set file) as published: gaps, overlaps, awards above the max.

    Exits 1 when there are errors that the set does not acknowledge, 0 otherwise.
    """
    try:
        criterion_set = _criterion_set(set_id)
    except CchcError as error:
        raise _Fail(str(error)) from None
    findings = lint(criterion_set)
    errors = _open_errors(findings)
    if as_json:
        click.echo(json.dumps([_finding_json(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(_finding_line(finding, lang))
        click.echo(
            f"{criterion_set.id}: {len(findings)} finding(s), {len(errors)} error(s)"
            if lang == "en"
            else f"{criterion_set.id}: {len(findings)} phát hiện, {len(errors)} lỗi"
        )
    sys.exit(EXIT_FINDINGS if errors else EXIT_OK)


def _finding_json(finding: Finding) -> dict[str, object]:
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "criterion": finding.criterion,
        "band": finding.band,
        "value": None if finding.value is None else str(finding.value),
        "message": finding.message,
        "message_vi": finding.message_vi,
        "acknowledged": finding.acknowledged,
    }


def _finding_line(finding: Finding, lang: str) -> str:
    message = finding.message_vi if lang == "vi" and finding.message_vi else finding.message
    where = f"{finding.criterion}: " if finding.criterion else ""
    note = ""
    if finding.acknowledged:
        word = "đã chấp nhận" if lang == "vi" else "acknowledged"
        note = f" ({word}: {finding.acknowledged})"
    return f"{finding.severity} [{finding.code}] {where}{message}{note}"


@cli.command("advise")
@click.argument("set_id", metavar="SET")
@click.argument("assessment", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the advice as JSON.")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Language of the advice.",
)
def advise_command(set_id: str, assessment: Path, as_json: bool, lang: str) -> None:
    """Where the unit of ASSESSMENT can earn more points against SET, most points first."""
    try:
        card = score(_criterion_set(set_id), load_assessment(assessment))
    except CchcError as error:
        raise _Fail(str(error)) from None
    advice = advise(card)
    if as_json:
        steps = [
            {
                "criterion": s.criterion,
                "kind": s.kind,
                "target": str(s.target),
                "exclusive": s.exclusive,
                "continuous": s.continuous,
                "gain": str(s.gain),
                "message": s.message,
                "message_vi": s.message_vi,
            }
            for s in advice.steps
        ]
        payload = {"points": str(advice.points), "reachable": str(advice.reachable), "steps": steps}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for step in advice.steps:
        click.echo(step.message_vi if lang == "vi" else step.message)
    now, after = (
        format_number(v, lang=lang, max_places=4) for v in (advice.points, advice.reachable)
    )
    click.echo(
        f"Tổng điểm: {now} → {after} nếu thực hiện mọi bước"
        if lang == "vi"
        else f"Total: {now} → {after} with every step taken"
    )


@cli.command("template")
@click.argument("set_id", metavar="SET")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of printing.",
)
def template_command(set_id: str, output: Path | None) -> None:
    """Write a blank assessment for SET: every criterion, its rule and what to declare.

    Every answer line is commented out, so the file scores as incomplete until it is filled
    in.
    """
    try:
        text = render_template(_criterion_set(set_id))
    except CchcError as error:
        raise _Fail(str(error)) from None
    _write(text, output)


@cli.command("schema")
@click.argument("kind", type=click.Choice(sorted(SCHEMAS)), default="set")
def schema_command(kind: str) -> None:
    """Print the JSON Schema of a file format: "set" (default) or "assessment".

    Point an editor at it to check a file as it is typed.
    """
    click.echo(schema_text(kind), nl=False)


def main() -> None:
    """Entry point of the ``cchc`` console script.

    An unexpected exception is a bug in cchc-criteria or in a plugin: it is reported in one
    line (set ``CCHC_DEBUG=1`` to see the traceback) with exit code 3.
    """
    try:
        cli.main(prog_name="cchc", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("cchc: interrupted", err=True)
        sys.exit(130)
    except Exception as error:
        if os.environ.get("CCHC_DEBUG"):
            raise
        click.echo(
            f"cchc: internal error: {type(error).__name__}: {error} "
            "(this is a bug; run again with CCHC_DEBUG=1 and report the traceback)",
            err=True,
        )
        sys.exit(EXIT_BUG)
