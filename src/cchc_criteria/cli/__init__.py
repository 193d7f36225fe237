"""The ``cchc`` command: the only place that prints or exits.

Exit codes: 0 clean; 1 the scorecard is incomplete or has error findings; 2 bad usage or
unreadable input (a missing file, an unknown set, a broken plugin); 3 a bug.

The commands live by family (`units`, `cohorts`,
`sets`)
on the group of `_app`; importing this package registers them all."""

from __future__ import annotations

import os
import sys

import click

from cchc_criteria.cli import cohorts, sets, units  # noqa: F401 - importing them registers the commands
from cchc_criteria.cli._app import cli
from cchc_criteria.cli._io import EXIT_BUG, EXIT_FINDINGS, EXIT_OK, current_lang, echo
from cchc_criteria.text import Text

__all__ = ["cli", "main"]


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
