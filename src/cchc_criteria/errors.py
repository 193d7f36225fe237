"""The library's one family of errors.

Everything a user can cause — a malformed file, an unknown set id, a broken plugin — raises a
subclass of :class:`CchcError` whose message names the file, the criterion code and what was
expected. Problems with a unit's *answers* are not errors: scoring reports them as findings.
"""

from __future__ import annotations

__all__ = [
    "CchcError",
    "DuplicateSetError",
    "InputError",
    "NumberFormatError",
    "PluginError",
    "UnknownSetError",
]


class CchcError(Exception):
    """Base class of every error this library raises for a user's mistake."""


class NumberFormatError(CchcError, ValueError):
    """A figure typed by a person could not be read as a number, rate or ratio."""


class InputError(CchcError):
    """A file could not be read as the library expects.

    ``path`` names the file, ``location`` the place in it (a table, a criterion code) and
    ``expected`` what would have been accepted.
    """

    def __init__(self, path: str, message: str, *, location: str | None = None) -> None:
        self.path = path
        self.location = location
        self.detail = message
        where = f"{path}: {location}" if location else path
        super().__init__(f"{where}: {message}")


class UnknownSetError(CchcError, LookupError):
    """No installed plugin registers a criterion set with the requested id."""

    def __init__(self, set_id: str, known: list[str], suggestions: list[str]) -> None:
        self.set_id = set_id
        self.known = known
        self.suggestions = suggestions
        message = f"no criterion set with id {set_id!r} is installed"
        if suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        elif known:
            message += "; installed sets: " + ", ".join(known)
        else:
            message += (
                "; no criterion-set plugin is installed (try: pip install cchc-criteria-quangngai)"
            )
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would otherwise quote the message
        return str(self.args[0])


class DuplicateSetError(CchcError):
    """Two plugins register a criterion set under the same id."""


class PluginError(CchcError):
    """A plugin failed to load, or its hook returned something that is not a criterion set."""
