"""The options and arguments that several ``cchc`` commands share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from cchc_criteria.cli._io import LANG_ENV, Fail
from cchc_criteria.errors import CchcError
from cchc_criteria.registry import list_sets
from cchc_criteria.reports.csv import Dialect
from cchc_criteria.text import Text

__all__ = [
    "EXCEL",
    "LANG",
    "LANG_ENV",
    "MESSAGE_LANG",
    "NO_COLOR",
    "OUTPUT",
    "SET",
    "complete_set",
    "csv_dialect",
    "format_option",
]


def complete_set(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for SET: the installed ids."""
    try:
        return [
            r.criterion_set.id for r in list_sets() if r.criterion_set.id.startswith(incomplete)
        ]
    except CchcError:
        return []


_F = TypeVar("_F", bound=Callable[..., Any])


def _lang_option(help: str) -> Callable[[_F], _F]:
    return click.option(
        "--lang",
        type=click.Choice(["vi", "en"]),
        default="vi",
        envvar=LANG_ENV,
        show_default=True,
        show_envvar=True,
        help=help,
    )


LANG = _lang_option(
    "Language of the output, messages and errors: Vietnamese (decimal comma) or English."
)
#: --lang of a command whose output is the same in both languages (a list, a schema).
MESSAGE_LANG = _lang_option("Language of messages and errors: Vietnamese or English.")


OUTPUT = click.option(
    "-o",
    "--output",
    help="Write to this file (all or nothing) instead of printing.",
)


NO_COLOR = click.option(
    "--no-color", is_flag=True, help="No colours, even on a terminal (also: NO_COLOR=1)."
)


SET = click.argument("set_id", metavar="SET", shell_complete=complete_set)


def format_option(choices: list[str], *, default: str) -> Callable[[_F], _F]:
    """The -f/--format option of a command that writes ``choices``."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


EXCEL = click.option(
    "--excel",
    is_flag=True,
    help="With -f csv: CSV for Excel in a Vietnamese locale (UTF-8 with BOM, ';', decimal comma).",
)


def csv_dialect(excel: bool, fmt: str) -> Dialect:
    if excel and fmt != "csv":
        raise Fail(
            Text(
                "--excel đi cùng -f csv (muốn có bảng tính, dùng -f xlsx)",
                "--excel goes with -f csv (for a workbook, use -f xlsx)",
            )
        )
    return "excel" if excel else "rfc4180"
