"""How the ``cchc`` command reads and writes: exit codes, one-line errors, warnings and notes
by verbosity (in the language of ``--lang``), standard streams for ``-``, files written
whole, sets found by id or path."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cchc_criteria.errors import CchcError, Message, PluginError, as_text
from cchc_criteria.text import LANGS, Lang, Text, printable

if TYPE_CHECKING:
    from cchc_criteria.library import Library
    from cchc_criteria.model import CriterionSet

# The library is imported by the functions that use it, not here: `cchc --version` and
# `cchc --help` load click and little else.

__all__ = [
    "EXIT_BUG",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "LANG_ENV",
    "STDIN_NAME",
    "STDIO",
    "Fail",
    "assessment_files",
    "colour",
    "current_lang",
    "echo",
    "library",
    "load_criterion_set",
    "note",
    "refuse_overwriting_an_input",
    "remember_lang",
    "set_verbosity",
    "stdin_document",
    "verbosity",
    "warn",
    "warn_failed_plugins",
    "write",
    "write_bytes",
]

EXIT_OK = 0
"""Exit codes: clean; findings (incomplete, or error findings); bad usage or input; a bug."""
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3


LANG_ENV = "CCHC_LANG"
"""The variable that sets the default of every --lang."""


_remembered: list[Lang] = []


def remember_lang(chosen: str) -> None:
    """Keep the command's ``--lang`` for when its context is gone (an internal error is
    reported after the command has left)."""
    _remembered[:] = ["en" if chosen == "en" else "vi"]


def current_lang() -> Lang:
    """The language messages are printed in: the command's ``--lang``, else ``CCHC_LANG``,
    else Vietnamese."""
    context = click.get_current_context(silent=True)
    while context is not None:
        chosen = context.params.get("lang")
        if chosen in LANGS:
            return "en" if chosen == "en" else "vi"
        context = context.parent
    return _remembered[0] if _remembered else _env_lang()


def _env_lang() -> Lang:
    chosen = os.environ.get(LANG_ENV, "").strip().lower()
    return "en" if chosen == "en" else "vi"


_ERROR = Text("lỗi", "error")
"""The words before a message on standard error."""
_WARNING = Text("cảnh báo", "warning")


class Fail(click.ClickException):
    """A user error: printed as one line (in the language of ``--lang``), exit code 2.

    ``message`` is a `Text` in both languages, or the text of a
    `CchcError` (``Fail(error.text)``).
    """

    exit_code = EXIT_USAGE

    def __init__(self, message: Message) -> None:
        self.text = as_text(message)
        self.lang = current_lang()
        super().__init__(self.text.get(self.lang))

    def show(self, file: object = None) -> None:
        echo(f"cchc: {_ERROR.get(self.lang)}: {self.format_message()}", err=True)


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    click.echo(printable(text), err=err, nl=nl)


# The key, in the click context's meta (shared by every command of one invocation), of the
# verbosity: -1 with --quiet, 1 with --verbose, else 0.
_VERBOSITY = "cchc.verbosity"


def set_verbosity(*, quiet: bool, verbose: bool) -> None:
    """Record --quiet or --verbose for this invocation."""
    if quiet and verbose:
        raise Fail(
            Text(
                "--quiet và --verbose mâu thuẫn nhau: hãy chọn một",
                "--quiet and --verbose go against each other: give one",
            )
        )
    click.get_current_context().meta[_VERBOSITY] = -1 if quiet else 1 if verbose else 0


def verbosity() -> int:
    """-1 with --quiet, 1 with --verbose, else 0."""
    context = click.get_current_context(silent=True)
    return 0 if context is None else int(context.meta.get(_VERBOSITY, 0))


def warn(message: Message) -> None:
    """A warning on standard error, unless --quiet."""
    if verbosity() >= 0:
        lang = current_lang()
        echo(f"cchc: {_WARNING.get(lang)}: {as_text(message).get(lang)}", err=True)


def note(message: Message) -> None:
    """A note on standard error with --verbose."""
    if verbosity() > 0:
        echo(f"cchc: {as_text(message).get(current_lang())}", err=True)


def is_file(reference: str) -> bool:
    try:
        return Path(reference).is_file()
    except (OSError, ValueError):  # a name too long for the system, a NUL byte, …
        return False


STDIO = "-"
"""The file name that means standard input (or, for -o, standard output)."""


STDIN_NAME = "<stdin>"


def stdin_document() -> tuple[str, str]:
    """The text on standard input and its format ("json" when it starts with "{", else
    "toml"), bounded like a file."""
    from cchc_criteria.formats import MAX_FILE_BYTES

    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES:,}"
        raise Fail(
            Text(
                f"{STDIN_NAME}: quá {limit.replace(',', '.')} byte; chỉ đọc tối đa chừng ấy",
                f"{STDIN_NAME}: more than {limit} bytes; at most that is read",
            )
        )
    if data.startswith(b"PK"):
        raise Fail(
            Text(
                f"{STDIN_NAME}: bảng tính XLSX được đọc từ tệp: hãy cho tên tệp, không dùng -",
                f"{STDIN_NAME}: an XLSX workbook is read from a file: give its name, not -",
            )
        )
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise Fail(
            Text(
                f"{STDIN_NAME}: không phải văn bản UTF-8 (byte {error.start})",
                f"{STDIN_NAME}: not UTF-8 text (byte {error.start})",
            )
        ) from None
    return text, "json" if text.lstrip().startswith("{") else "toml"


def library() -> Library:
    """The library this run works with: the installed plugins, strict when the command line
    says ``cchc --strict-plugins`` (or ``CCHC_STRICT_PLUGINS=1`` is set). Every command reads
    sets and scores through it; nothing is written into the environment."""
    from cchc_criteria.library import Library

    context = click.get_current_context(silent=True)
    if context is not None and context.find_root().params.get("strict_plugins"):
        return Library.installed(strict=True)
    return Library.default()


def load_criterion_set(reference: str) -> CriterionSet:
    """An installed set by id, a set file by path (.toml or .json), or ``-``: a set on
    standard input.

    Plugins that failed are named on standard error; the sets of the others are served.
    """
    lib = library()
    note(Text(f"bộ tiêu chí: {reference}", f"set: {reference}"))
    if reference == STDIO:
        text, fmt = stdin_document()
        return lib.loads_set(text, source=STDIN_NAME, format=fmt)
    if reference.lower().endswith((".toml", ".json")) or is_file(reference):
        return lib.load_set(reference)
    try:
        found = lib.get_set(reference)
    except PluginError:
        raise  # it names the plugin that could not build the set, and why
    except CchcError:
        warn_failed_plugins()
        raise
    warn_failed_plugins()
    return found


def warn_failed_plugins() -> None:
    for failure in library().registry.failures:
        warn(failure.text)


# What a command reads from a folder it is given (an output there would be read next time).
_READ_SUFFIXES = (".toml", ".json", ".xlsx")


def refuse_overwriting_an_input(output: str) -> None:
    """Fail when ``output`` is a file the command reads: one of its arguments, or an
    assessment inside a folder it was given (``-o unit.toml`` would replace the unit's own
    figures with a report)."""
    context = click.get_current_context(silent=True)
    if context is None:
        return
    target = Path(output)
    try:
        if not target.exists():
            return
        resolved = target.resolve()
    except (OSError, ValueError):
        return
    given: list[str] = []
    for key, value in context.params.items():
        if key == "output":
            continue
        values = value if isinstance(value, tuple | list) else (value,)
        given += [v for v in values if isinstance(v, str)]
    for name in given:
        try:
            place = Path(name)
            if place.is_file() and place.resolve() == resolved:
                break
            inside = place.is_dir() and resolved.is_relative_to(place.resolve())
            if inside and resolved.suffix.lower() in _READ_SUFFIXES:
                break
        except (OSError, ValueError):
            continue
    else:
        return
    raise Fail(
        Text(
            f"{output}: đây là tệp lệnh đang đọc; ghi vào đó sẽ xóa mất dữ liệu gốc. Hãy "
            "chọn tên khác cho --output",
            f"{output}: this is a file the command reads; writing there would replace it. "
            "Give --output another name",
        )
    )


def write(text: str | Iterable[str], output: str | None, *, escaped: bool = True) -> None:
    """Print ``text``, or write it whole to ``output`` (never half a file, never through a
    link). Printed text has its control characters escaped unless ``escaped`` is false
    (text that carries its own colours, already escaped). ``text`` may come in chunks (a
    large report, row by row): each is printed or written as it comes."""
    from cchc_criteria.formats import write_atomic

    if output is None or output == STDIO:
        for chunk in (text,) if isinstance(text, str) else text:
            click.echo(printable(chunk) if escaped else chunk, nl=False)
        return
    refuse_overwriting_an_input(output)
    try:
        write_atomic(output, text)
    except CchcError as error:
        raise Fail(error.text) from None


def write_bytes(data: bytes, output: str | None) -> None:
    """Write a binary file whole to ``output``; ``-`` is standard output, unless that is a
    terminal (a workbook's bytes would garble it)."""
    from cchc_criteria.formats import write_atomic

    if output is None or output == STDIO:
        stdout = sys.stdout.buffer
        if output is None or stdout.isatty():
            raise Fail(
                Text(
                    "định dạng nhị phân cần --output TỆP (hoặc -o - khi đầu ra chuẩn được "
                    "chuyển vào một tệp hay một ống)",
                    "binary formats need --output FILE (or -o - with standard output "
                    "redirected to a file or a pipe)",
                )
            )
        stdout.write(data)
        stdout.flush()
        return
    refuse_overwriting_an_input(output)
    try:
        write_atomic(output, data)
    except CchcError as error:
        raise Fail(error.text) from None


def assessment_files(paths: tuple[str, ...]) -> list[str]:
    """The assessment files of ``paths`` (files, or folders of them, subfolders included),
    each once: a file given twice (or through a link, or also inside a folder given) is one
    unit. A linked folder inside a folder is not entered, so a link back up (a loop) is
    harmless. No file at all is an error. The names are kept as text (a ``Path`` costs four
    times the memory, and rank keeps one name per unit)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise Fail(
                Text(f"{name}: không có tệp hay thư mục này", f"{name}: no such file or folder")
            )
        if path.is_dir():
            found = []
            for folder, subfolders, names in os.walk(path, followlinks=False):
                subfolders.sort()
                found += [
                    Path(folder) / n for n in names if Path(n).suffix.lower() in _READ_SUFFIXES
                ]
            files += sorted(found)
        else:
            files.append(path)
    if not files:
        raise Fail(
            Text(
                f"không có tệp tự chấm nào (.toml, .json, .xlsx) trong {', '.join(paths)}",
                f"no assessment files (.toml, .json, .xlsx) in {', '.join(paths)}",
            )
        )
    unique: dict[Path, Path] = {}
    for path in files:
        key = path.resolve()
        if key in unique:
            warn(
                Text(
                    f"{path} là cùng một tệp với {unique[key]}; chỉ xếp hạng một lần",
                    f"{path} is the same file as {unique[key]}; it is ranked once",
                )
            )
            continue
        unique[key] = path
    return [str(path) for path in unique.values()]


def colour(text: str, no_color: bool) -> str:
    """Severity words in colour on a terminal (click strips colours elsewhere)."""
    if no_color or os.environ.get("NO_COLOR"):
        return text
    styles = {"LỖI": "red", "ERROR": "red", "CẢNH BÁO": "yellow", "WARNING": "yellow"}
    lines = []
    for line in text.split("\n"):
        for word, colour in styles.items():
            if line.startswith(f"  {word} ["):
                line = "  " + click.style(word, fg=colour, bold=True) + line[2 + len(word) :]
                break
        lines.append(line)
    return "\n".join(lines)
