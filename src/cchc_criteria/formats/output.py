"""Writing a file all or nothing, without following links planted beside it."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from cchc_criteria.errors import ArgumentError, InputError
from cchc_criteria.formats._files import cannot
from cchc_criteria.text import Text

__all__ = ["cannot", "process_umask", "write_atomic"]


def write_atomic(path: str | Path, data: bytes | str | Iterable[bytes | str]) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` whole, or not at all.

    ``data`` may also be chunks of text or bytes (a generator of a report's rows): they are
    written as they come, so that a large report is never held whole in memory.

    The bytes go to a new file with a random name, created exclusively in the target's folder
    (so no existing file or symbolic link is ever written through), and that file then
    replaces ``path`` in one step. Readers see the old file or the new one, never half of
    one. A new file gets the permissions the umask allows (``rw-r--r--`` under 022,
    ``rw-------`` under 077); a replaced file keeps its own.

    A ``path`` that is not a file but a device, a pipe or a socket (``/dev/stdout``, a FIFO)
    is written to as it is, never replaced. `InputError` names the path
    when it cannot be written (``/dev/full``: no space left).
    """
    if isinstance(data, bytes | str):
        chunks: Iterable[bytes | str] = (data,)
    elif isinstance(data, Iterable) and not isinstance(data, Mapping | bytearray):
        chunks = data
    else:
        raise ArgumentError(f"write_atomic writes bytes or text, got {type(data).__name__}")
    name = str(path)
    try:
        target = Path(path)
        if not target.name or name.endswith(os.sep):
            raise InputError(
                repr(name),
                Text("cần tên của một tệp để ghi", "expected the name of a file to write"),
            )
        if target.is_dir():
            raise InputError(
                name,
                Text(
                    "đây là thư mục; hãy cho tên một tệp để ghi",
                    "this is a folder; give the name of a file to write",
                ),
            )
        if _is_stream(target):
            _write_through(target, chunks)
            return
        folder = target.parent
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name[:100]}.", suffix=".partial", dir=folder
        )
    except OSError as error:
        raise InputError(name, _cannot_write(error)) from None
    except ValueError as error:  # a NUL byte in the name, and the like
        raise InputError(
            repr(name),
            Text(f"tên tệp không dùng được: {error}", f"not a usable file name: {error}"),
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            _write_chunks(file, chunks)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode(target))
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(name, _cannot_write(error)) from None
    except BaseException:  # Ctrl-C, or anything else: never leave the .partial behind
        Path(temporary).unlink(missing_ok=True)
        raise


def _is_stream(target: Path) -> bool:
    """Whether ``target`` (followed through links) is a device, a pipe or a socket: written
    to in place, since replacing it would put a file where the system keeps a device."""
    try:
        mode = target.stat().st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISBLK(mode)


def _write_through(target: Path, chunks: Iterable[bytes | str]) -> None:
    descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "wb") as stream:
        _write_chunks(stream, chunks)
        stream.flush()


def _write_chunks(file: BinaryIO, chunks: Iterable[bytes | str]) -> None:
    for chunk in chunks:
        if isinstance(chunk, str):
            file.write(chunk.encode("utf-8"))
        elif isinstance(chunk, bytes):
            file.write(chunk)
        else:
            raise ArgumentError(
                f"write_atomic writes chunks of bytes or text, got {type(chunk).__name__}"
            )


def _cannot_write(error: OSError) -> Text:
    return cannot(Text("không ghi được tệp", "cannot write the file"), error)


def _mode(target: Path) -> int:
    """The permissions of the file being replaced, or what the umask allows a new one."""
    try:
        if target.is_file() and not target.is_symlink():
            return target.stat().st_mode & 0o777
    except OSError:
        pass
    return 0o666 & ~process_umask()


def process_umask() -> int:
    """The process's umask: read from ``/proc/self/status`` where the system has it (reading
    it with ``os.umask`` means setting it for a moment, which other threads would see)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
