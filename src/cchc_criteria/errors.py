"""The library's one family of errors.

Everything a user can cause — a malformed file, an unknown set id, a broken plugin — raises a
subclass of :class:`CchcError` whose message names the file, the criterion code and what was
expected. Problems with a unit's *answers* are not errors: scoring reports them as findings.
"""

from __future__ import annotations

import attrs

__all__ = [
    "AmbiguousSetError",
    "ArgumentError",
    "CchcError",
    "DateFormatError",
    "DuplicateSetError",
    "FormulaError",
    "InputError",
    "InvalidValueError",
    "NumberFormatError",
    "PluginError",
    "Problem",
    "SetNotFoundError",
    "UnknownSetError",
]


class CchcError(Exception):
    """Base class of every error this library raises for a user's mistake."""


class NumberFormatError(CchcError, ValueError):
    """A figure typed by a person could not be read as a number, rate or ratio.

    ``message_vi`` says the same in Vietnamese (it defaults to the English message), so that a
    finding built from the error reads in one language.
    """

    def __init__(self, message: str, message_vi: str | None = None) -> None:
        super().__init__(message)
        self.message_vi = message if message_vi is None else message_vi


class ArgumentError(CchcError, TypeError, ValueError):
    """A function of the library was called with an argument of the wrong type or value.

    It is also a :class:`TypeError` and a :class:`ValueError`, so callers who catch those
    keep working.
    """


@attrs.frozen
class Problem:
    """One mistake in a file: what was expected, and where (line, criterion code)."""

    message: str
    line: int | None = None
    criterion: str | None = None

    def render(self, path: str) -> str:
        """ "file:line: criterion 7.1.2: message"."""
        where = f"{path}:{self.line}" if self.line is not None else path
        about = f"criterion {self.criterion}: " if self.criterion else ""
        return f"{where}: {about}{self.message}"


class InputError(CchcError):
    """A file could not be read as the library expects.

    ``path`` names the file and ``problems`` lists every mistake found in it, each with the
    line (where the parser gives one), the criterion code and what was expected. The message
    has one line per problem.
    """

    def __init__(
        self,
        path: str,
        message: str | None = None,
        *,
        location: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.path = path
        self.location = location
        self.problems = list(problems or [])
        if message is not None:
            self.problems.insert(0, Problem(f"{location}: {message}" if location else message))
        self.detail = "; ".join(p.message for p in self.problems)
        super().__init__("\n".join(p.render(path) for p in self.problems))


class UnknownSetError(CchcError, LookupError):
    """No installed plugin registers a criterion set with the requested id."""

    def __init__(
        self,
        set_id: str,
        known: list[str],
        suggestions: list[str],
        *,
        failed: list[str] | None = None,
    ) -> None:
        self.set_id = set_id
        self.known = known
        self.suggestions = suggestions
        self.failed = list(failed or [])
        shown = repr(set_id)
        if len(set_id) > 80:
            shown = f"{set_id[:60]!r}… ({len(set_id)} characters)"
        message = f"no criterion set with id {shown} is installed"
        if suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        elif known:
            message += "; installed sets: " + ", ".join(known)
        elif not self.failed:
            message += (
                "; no criterion-set plugin is installed (try: pip install cchc-criteria-quangngai)"
            )
        if self.failed:
            message += "; it may come from a plugin that failed: " + "; ".join(self.failed)
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would otherwise quote the message
        return str(self.args[0])


class DuplicateSetError(CchcError):
    """Two plugins register a criterion set under the same id."""


class PluginError(CchcError):
    """A plugin failed to load, or its hook returned something that is not a criterion set."""


class InvalidValueError(CchcError, ValueError):
    """A value the library cannot accept where it was given: a negative max, a band rule with
    no bands, a divisor of 0, an answer table that names no band."""


class DateFormatError(CchcError, ValueError):
    """A date or period that cannot be read unambiguously."""


class FormulaError(CchcError, ValueError):
    """A formula that is not in the formula language, or that cannot be evaluated.

    ``formula`` is the text, ``position`` the 0-based column of the problem (``None`` for the
    whole formula) and ``reason`` what is wrong; the message shows the place with a caret.
    """

    def __init__(self, formula: str, position: int | None, message: str) -> None:
        self.formula = formula
        self.position = position
        self.reason = message
        if position is None:
            super().__init__(f"formula {_excerpt(formula, 0)[0]!r}: {message}")
        else:
            shown, offset = _excerpt(formula, position)
            pointer = " " * offset + "^"
            super().__init__(
                f"column {position + 1} of the formula: {message}\n  {shown}\n  {pointer}"
            )


def _excerpt(formula: str, position: int, width: int = 60) -> tuple[str, int]:
    """At most ``width`` characters of ``formula`` around ``position``, and its offset there."""
    if len(formula) <= width:
        return formula, position
    start = max(0, min(position - width // 2, len(formula) - width))
    shown = formula[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(formula) else ""
    return prefix + shown + suffix, position - start + len(prefix)


class SetNotFoundError(CchcError, LookupError):
    """No installed set is in force for a province, a unit kind and a day (or period).

    ``candidates`` are the sets of that province and unit kind at other times; ``successor``
    names what replaced the province or unit kind by that day, when something did.
    """

    def __init__(self, message: str, candidates: list[str], successor: str | None = None):
        self.candidates = candidates
        self.successor = successor
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class AmbiguousSetError(CchcError, LookupError):
    """Several installed sets are in force for a province, a unit kind and a day; the message
    names them."""

    def __init__(self, message: str, candidates: list[str]):
        self.candidates = candidates
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])
