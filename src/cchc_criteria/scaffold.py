"""``cchc new-plugin``: a criterion-set plugin distribution, ready to install, from nothing.

The plugin ships its set as a TOML data file (one ``[[criteria]]`` per row of the published
table, an example row of each common kind of rule), reads it with ``importlib.resources``,
registers it through the ``cchc_criteria`` entry point, and tests it with the conformance suite
in two lines. Everything it writes is checked before it is written: the set reads, lints clean
and its example scores.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs

from cchc_criteria import scaffold_kind
from cchc_criteria._scaffold_files import Plugin, plugin_files
from cchc_criteria.errors import ArgumentError, InputError
from cchc_criteria.formats.output import cannot, process_umask
from cchc_criteria.hookspecs import hookimpl
from cchc_criteria.library import Library
from cchc_criteria.model import Severity
from cchc_criteria.registry import Registry
from cchc_criteria.rules.kinds import RuleKind
from cchc_criteria.text import Text

__all__ = ["Plugin", "write_plugin"]

_NAME_BYTES = 200
"""The longest folder name most file systems hold (a staging name adds a few characters)."""
_NAME = re.compile(r"[a-z][a-z0-9_]*")


def write_plugin(plugin: Plugin, folder: Path) -> list[Path]:
    """Write the plugin's distribution into ``folder`` (which must not exist or be empty);
    return the files written."""
    if not _NAME.fullmatch(plugin.name) or len(plugin.name) > 50:
        raise ArgumentError(
            Text(
                "tên plugin gồm tối đa 50 chữ thường, chữ số và _, bắt đầu bằng chữ; "
                f"nhận được {plugin.name!r}",
                "a plugin name is at most 50 lowercase letters, digits and _, starting with a "
                "letter; "
                f"got {plugin.name!r}",
            )
        )
    if not 1900 <= plugin.year <= 2999:
        raise ArgumentError(
            Text(
                f"cần một năm như 2025, nhận được {plugin.year}",
                f"expected a year such as 2025, got {plugin.year}",
            )
        )
    _check_target(folder)
    files = plugin_files(plugin)
    _check(plugin, files)
    # Everything is written into a new folder beside the target, which then takes the
    # target's name in one step: a failure half-way leaves nothing behind.
    try:
        parent = folder.absolute().parent
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name[:50]}.", dir=parent))
    except (OSError, ValueError) as error:
        raise InputError(str(folder), _cannot_create(error)) from None
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.chmod(staging, 0o777 & ~process_umask())
        if folder.is_dir():
            folder.rmdir()  # empty (checked above); a folder appearing since makes this fail
        os.rename(staging, folder)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(str(folder), _cannot_create(error)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [folder / relative for relative in files]


def _check_target(folder: Path) -> None:
    """The target must be a new name or an empty folder: not a file, not a link (dangling or
    not), not a folder with anything in it, and a name the system can hold."""
    what = None
    try:
        if folder.is_symlink():
            what = Text(
                "đây là một liên kết; hãy chọn một thư mục mới",
                "this is a link; choose a new folder",
            )
        elif folder.exists() and not folder.is_dir():
            what = Text(
                "đây là một tệp; hãy chọn một thư mục mới", "this is a file; choose a new folder"
            )
        elif folder.is_dir() and any(folder.iterdir()):
            what = Text(
                "thư mục không trống; hãy chọn một thư mục mới",
                "the folder is not empty; choose a new one",
            )
        elif len(os.fsencode(folder.name)) > _NAME_BYTES:
            what = Text(
                f"tên thư mục dài quá {_NAME_BYTES} byte",
                f"the folder's name is longer than {_NAME_BYTES} bytes",
            )
    except (OSError, ValueError) as error:
        raise InputError(str(folder), _cannot_create(error)) from None
    if what is not None:
        raise InputError(str(folder), what)


def _cannot_create(error: Exception) -> Text:
    what = Text("không tạo được thư mục", "cannot create the folder")
    if isinstance(error, OSError):
        return cannot(what, error)
    return Text(f"{what.vi}: {error}", f"{what.en}: {error}")


class _OwnKind:
    """A stand-in for the new plugin while its files are checked: it registers the plugin's
    kind (the library's own example kind, under the plugin's name for it)."""

    def __init__(self, name: str) -> None:
        self.kind = attrs.evolve(scaffold_kind.KIND, name=name)

    @hookimpl
    def register_rule_kinds(self, register: Callable[[RuleKind], None]) -> None:
        register(self.kind)


def _check(plugin: Plugin, files: dict[str, str]) -> None:
    """The generated set reads, lints clean, and its example scores complete."""
    set_text = files[f"src/{plugin.package}/sets/{plugin.set_id}.toml"]
    lib = Library.default()
    if plugin.with_kind:  # the set names the plugin's own kind: check it with that kind
        lib = Library(Registry([_OwnKind(plugin.kind_name)], names=[plugin.name]))
    criterion_set = lib.loads_set(set_text, source=f"{plugin.set_id}.toml")
    problems = [f for f in lib.lint(criterion_set) if f.severity is not Severity.INFO]
    example = files[f"src/{plugin.package}/examples/example.toml"]
    card = lib.score(criterion_set, lib.loads_assessment(example, source="example.toml"))
    if problems or not card.complete:  # pragma: no cover - a bug in the templates below
        raise AssertionError(f"the generated plugin is not sound: {problems} {card.findings}")
