"""The options and arguments that several ``cchc`` commands share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cchc_criteria.cli._io import LANG_ENV, Fail, remember_lang
from cchc_criteria.errors import CchcError
from cchc_criteria.text import Text, nfc

if TYPE_CHECKING:
    from cchc_criteria.model import CriterionSet
    from cchc_criteria.reports import Letterhead
    from cchc_criteria.reports.csv import Dialect

__all__ = [
    "EXCEL",
    "FORMATS",
    "LANG",
    "LANG_ENV",
    "MESSAGE_LANG",
    "NO_COLOR",
    "OUTPUT",
    "SCHEMA_KINDS",
    "SET",
    "STRICT_ENV",
    "UNIT_KINDS",
    "complete_set",
    "csv_dialect",
    "format_option",
]


def complete_set(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for SET: the installed ids (no set is built for it)."""
    from cchc_criteria.registry import registry

    try:
        return [i for i in registry().set_ids() if i.startswith(nfc(incomplete))]
    except CchcError:
        return []


_F = TypeVar("_F", bound=Callable[..., Any])

# What the options offer, written here so that defining the commands imports nothing of the
# library (tests/cli/test_cli.py checks each against the library's own list).
FORMATS = ("text", "markdown", "csv", "json", "html", "xlsx")
"""The formats of a scorecard report (cchc_criteria.reports.FORMATS), and the workbook."""
SCHEMA_KINDS = ("assessment", "scorecard", "scorecard-1", "set")
"""The kinds of file whose schema `cchc schema` prints (cchc_criteria.formats.schema.SCHEMAS)."""
UNIT_KINDS = ("bộ", "tỉnh", "sở", "huyện", "xã")
"""The kinds of unit a new plugin's set may score (cchc_criteria.UnitKind)."""
STRICT_ENV = "CCHC_STRICT_PLUGINS"
"""The variable that makes a failed plugin an error (cchc_criteria.registry.STRICT_ENV)."""


def _lang_option(help: str) -> Callable[[_F], _F]:
    return click.option(
        "--lang",
        type=click.Choice(["vi", "en"]),
        default="vi",
        envvar=LANG_ENV,
        show_default=True,
        show_envvar=True,
        help=help,
        callback=_remember_lang,
    )


def _remember_lang(context: click.Context, parameter: click.Parameter, value: str) -> str:
    # Kept past the command's context, for the one line that reports an internal error.
    remember_lang(value)
    return value


LANG = _lang_option(
    "Language of the output, messages and errors: Vietnamese (decimal comma) or English."
)
MESSAGE_LANG = _lang_option("Language of messages and errors: Vietnamese or English.")
"""--lang of a command whose output is the same in both languages (a list, a schema)."""


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


def letterhead_options(command: _F) -> _F:
    """--authority and --signer: the letterhead and the signatures of a printed report."""
    command = click.option(
        "--signer",
        "signers",
        multiple=True,
        metavar="TITLE",
        help="Who signs the printed report (-f xlsx or html), left to right, once each; the "
        "last is the head of the unit. Default: Người lập biểu, Thủ trưởng đơn vị.",
    )(command)
    return click.option(
        "--authority",
        metavar="NAME",
        help="The body above the unit on the printed report's letterhead (cơ quan chủ "
        "quản). Default: the set's authority.",
    )(command)


def letterhead_for(
    criterion_set: CriterionSet, unit: str, authority: str | None, signers: tuple[str, ...]
) -> Letterhead | None:
    """The letterhead --authority and --signer ask for (``None``: the report's own)."""
    from cchc_criteria.reports import Letterhead

    if authority is None and not signers:
        return None
    return Letterhead.of(criterion_set, unit, authority=authority, signatures=signers or None)


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
