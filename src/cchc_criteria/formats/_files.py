"""Reading a data file: bytes → UTF-8 text → a TOML or JSON document, or one InputError.

Every document is bounded before the library looks at it: at most `MAX_FILE_BYTES`
bytes, nested at most `MAX_NESTING` tables or arrays deep, with no whole number longer
than Python reads (4,300 digits) and no text that is not valid Unicode. Whatever falls outside
is one clear problem, never a crash deep in a parser.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

# tomli is the standard library's tomllib, published with compiled wheels: it reads a large
# set about twice as fast.
import tomli

from cchc_criteria.errors import ArgumentError, InputError, Problem
from cchc_criteria.text import Text

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "cannot",
    "format_of",
    "key_line",
    "parse_document",
    "read_bytes",
    "read_text",
]

MAX_FILE_BYTES: Final = 256 * 1024 * 1024
"""The largest data file read (a criterion set of 100,000 rows is a few tens of MiB)."""
MAX_NESTING: Final = 32
"""The deepest nesting of tables and arrays in a set or assessment file."""
_BOM = "\ufeff"


def format_of(name: str) -> str:
    """ "json" for a ``.json`` name, else "toml"."""
    return "json" if name.lower().endswith(".json") else "toml"


def read_text(path: str | Path) -> str:
    """The file's text; `InputError` if it cannot be read or is not UTF-8.

    A byte-order mark (as Windows editors write) is dropped.
    """
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            str(path),
            Text(
                f"tệp không phải văn bản UTF-8 (byte {error.start}); hãy lưu lại dạng UTF-8",
                f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8",
            ),
        ) from None
    return text.removeprefix(_BOM)


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; `InputError` for a folder, a file too large, a bad name, or
    one that cannot be read."""
    if not isinstance(path, str | os.PathLike):
        raise ArgumentError(f"expected a file name or path, got {type(path).__name__}")
    name = str(path)
    try:
        file = Path(path)
        if file.is_dir():
            raise InputError(
                name, Text("đây là thư mục, không phải tệp", "this is a folder, not a file")
            )
        # Opened without waiting (a pipe with no writer would hang the open itself), then
        # refused unless it is a file: a pipe, a device (/dev/zero) or a socket never ends.
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            mode = os.fstat(descriptor).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(
                    name,
                    Text(
                        "đây không phải một tệp thường (mà là ống dẫn hay thiết bị); hãy cho "
                        "tên một tệp",
                        "this is not a regular file (a pipe or a device); give a file",
                    ),
                )
            if hasattr(os, "set_blocking"):
                os.set_blocking(descriptor, True)
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise InputError(
                name,
                Text(
                    f"tệp có hơn {_vi_count(MAX_FILE_BYTES)} byte; chỉ đọc tối đa "
                    f"{_vi_count(MAX_FILE_BYTES)} byte",
                    f"the file has more than {MAX_FILE_BYTES:,} bytes; at most "
                    f"{MAX_FILE_BYTES:,} are read",
                ),
            )
        return data
    except OSError as error:
        raise InputError(
            name, cannot(Text("không đọc được tệp", "cannot read the file"), error)
        ) from None
    except ValueError as error:  # an embedded NUL byte in the name, and the like
        raise InputError(
            repr(name),
            Text(f"tên tệp không dùng được: {error}", f"not a usable file name: {error}"),
        ) from None


_OS_REASONS_VI = {
    errno.ENOENT: "không có tệp hay thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.EISDIR: "đây là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.ENOSPC: "hết chỗ trên đĩa",
    errno.EROFS: "hệ thống tệp chỉ cho đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.ELOOP: "quá nhiều liên kết tượng trưng",
}
"""What the system says when a file cannot be opened, in Vietnamese, by error number."""


def cannot(what: Text, error: OSError) -> Text:
    """``what`` could not be done, and the system's reason ("cannot write the file: No space
    left on device")."""
    reason = os_reason(error)
    return Text(f"{what.vi}: {reason.vi}", f"{what.en}: {reason.en}")


def os_reason(error: OSError) -> Text:
    """Why the system refused a file, in both languages (its own words in English)."""
    english = str(error.strerror or error)
    return Text(_OS_REASONS_VI.get(error.errno or 0, english), english)


def _vi_count(count: int) -> str:
    """A count as Vietnamese writes it: 1.048.576."""
    return f"{count:,}".replace(",", ".")


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _second_line(text: str, key: str) -> int | None:
    """The line of the second ``"key":`` in JSON text (where a duplicate key stands)."""
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    matches = [m.start() for m in pattern.finditer(text)]
    if len(matches) < 2:
        return None
    return text.count("\n", 0, matches[1]) + 1


def parse_document(text: str, source: str, fmt: str, what: Text) -> dict[str, Any]:
    """Parse TOML (or JSON) into a table; ``what`` names the document for messages."""
    text = text.removeprefix(_BOM)
    try:
        document = _parse(text, source, fmt)
    except RecursionError:
        raise InputError(source, _TOO_DEEP) from None
    if not isinstance(document, dict):
        raise InputError(
            source, Text(f"{what.vi} là một đối tượng JSON", f"{what.en} is a JSON object")
        )
    # A lone surrogate can come only from a JSON "\u" escape (TOML refuses one, and the text
    # itself was decoded from UTF-8).
    _check_tree(document, source, texts=fmt == "json" and "\\u" in text)
    return document


def _parse(text: str, source: str, fmt: str) -> Any:
    if fmt == "json":
        try:
            return json.loads(text, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as error:
            raise InputError(
                source,
                problems=[
                    Problem(
                        Text(f"JSON không hợp lệ: {error.msg}", f"not valid JSON: {error.msg}"),
                        line=error.lineno,
                    )
                ],
            ) from None
        except _DuplicateKey as duplicate:
            raise InputError(
                source,
                problems=[
                    Problem(
                        Text(
                            f"khóa {duplicate.key!r} được ghi hai lần trong một đối tượng; "
                            "hãy giữ một (các trình đọc JSON sẽ lặng lẽ lấy lần sau cùng)",
                            f"the key {duplicate.key!r} is given twice in one object; "
                            "keep one (JSON readers would silently take the last)",
                        ),
                        line=_second_line(text, duplicate.key),
                    )
                ],
            ) from None
        except ValueError as error:  # a whole number beyond Python's digit limit
            raise InputError(source, _digits_message(error)) from None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        match = re.search(r"at line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        raise InputError(
            source,
            problems=[
                Problem(Text(f"TOML không hợp lệ: {error}", f"not valid TOML: {error}"), line=line)
            ],
        ) from None
    except ValueError as error:
        raise InputError(source, _digits_message(error)) from None


def _digits_message(error: ValueError) -> Text:
    if "digits" in str(error):
        return Text(
            "một số nguyên có quá 4.300 chữ số: ngoài phạm vi cho phép",
            "a whole number has more than 4,300 digits: out of range",
        )
    return Text(f"không đọc được: {error}", f"cannot be read: {error}")


_TOO_DEEP = Text(
    f"bảng hoặc mảng lồng nhau quá sâu (tối đa {MAX_NESTING} cấp)",
    f"tables or arrays are nested too deeply (at most {MAX_NESTING} levels)",
)


def _check_tree(document: dict[str, Any], source: str, *, texts: bool = True) -> None:
    """Refuse nesting deeper than MAX_NESTING and, with ``texts``, text that is not valid
    Unicode (iteratively, so that the check itself cannot run out of stack). Only tables and
    arrays go on the stack; texts are checked where they are found, and only when they are
    not plain ASCII."""
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(document, 1)]
    while stack:
        container, depth = stack.pop()
        if depth > MAX_NESTING:
            raise InputError(source, _TOO_DEEP)
        if isinstance(container, dict):
            if texts:
                for key in container:
                    if isinstance(key, str) and not key.isascii():
                        _check_unicode(key, source)
            values: Iterable[Any] = container.values()
        else:
            values = container
        for value in values:
            if isinstance(value, dict | list):
                stack.append((value, depth + 1))
            elif texts and isinstance(value, str) and not value.isascii():
                _check_unicode(value, source)


def _check_unicode(text: str, source: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        shown, lone = repr(text[:40]), repr(text[error.start])
        raise InputError(
            source,
            Text(
                f"chuỗi {shown} có một ký tự thay thế lẻ {lone} (một mã \\u hỏng): "
                "không phải Unicode hợp lệ",
                f"the text {shown} has a lone surrogate {lone} (a broken \\u escape): "
                "it is not valid Unicode",
            ),
        ) from None


def key_line(
    lines: list[str], key: str, *, begin: int = 0, end: int | None = None, table: str | None = None
) -> int | None:
    """The 1-based number of the first line that sets ``key`` (``key =``, ``"key" =``,
    ``"key":`` in JSON, or the table header ``[key]``) among ``lines[begin:end]``; with
    ``table``, the search starts at that table's header. ``None`` when no line does."""
    if table is not None:
        header = re.compile(rf"^\s*\[{re.escape(table)}\]\s*$")
        begin = next((n for n, line in enumerate(lines) if header.match(line)), begin)
    name = re.escape(key)
    pattern = re.compile(rf'^\s*(?:"{name}"\s*[:=]|{name}\s*[:=]|\[{name}\])')
    for number in range(begin, len(lines) if end is None else end):
        if pattern.match(lines[number]):
            return number + 1
    return None
