"""Writing a file all or nothing, without following links planted beside it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cchc_criteria.errors import InputError
from cchc_criteria.formats._files import os_reason
from cchc_criteria.text import Text

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` whole, or not at all.

    The bytes go to a new file with a random name, created exclusively in the target's folder
    (so no existing file or symbolic link is ever written through), and that file then
    replaces ``path`` in one step. Readers see the old file or the new one, never half of
    one. :class:`~cchc_criteria.InputError` names the path when it cannot be written.
    """
    name = str(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
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
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode(target))
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(name, _cannot_write(error)) from None


def _cannot_write(error: OSError) -> Text:
    reason = os_reason(error)
    return Text(f"không ghi được tệp: {reason.vi}", f"cannot write the file: {reason.en}")


def _mode(target: Path) -> int:
    """The permissions of the file being replaced, or the usual rw-r--r-- for a new one.

    (Reading the umask would mean changing it for a moment, which other threads would see.)
    """
    try:
        if target.is_file() and not target.is_symlink():
            return target.stat().st_mode & 0o777
    except OSError:
        pass
    return 0o644
