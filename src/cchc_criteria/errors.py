"""The library's one family of errors.

Everything a user can cause — a malformed file, an unknown set id, a broken plugin — raises a
subclass of `CchcError` whose message names the file, the criterion code and what was
expected. Problems with a unit's *answers* are not errors: scoring reports them as findings.

Every error speaks both languages: ``error.text`` is a `Text`
(``error.text.vi``, ``error.text.en``, ``error.message(lang)``), and ``str(error)`` is the
English, as Python's own errors are. The ``cchc`` command prints the language of ``--lang``
(Vietnamese by default). `ArgumentError` — a function of the library called the wrong
way — speaks to a programmer, mostly in English only; a message that is the same in both
languages is a plain string (`as_text`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs

from cchc_criteria._bilingual import LANGS, Lang, Text

__all__ = [
    "AmbiguousSetError",
    "ArgumentError",
    "CchcError",
    "DateFormatError",
    "DuplicateSetError",
    "FormulaError",
    "InputError",
    "InvalidValueError",
    "Message",
    "NumberFormatError",
    "PluginError",
    "Problem",
    "SetNotFoundError",
    "UnknownSetError",
    "as_text",
    "require",
    "require_all",
    "text_of",
]


Message: TypeAlias = "str | Text"
"""What an error is made with: a `Text` in both languages, or a plain string (the same in both: a
message from another library, a programmer's mistake)."""


def as_text(message: Message) -> Text:
    """``message`` as a `Text` (a plain string in both languages).

    Args:
        message: a `Text`, or a plain string.

    Returns:
        The message as a `Text`.
    """
    return message if isinstance(message, Text) else Text(message, message)


def text_of(error: BaseException) -> Text:
    """What ``error`` says, in both languages when it is one of ours.

    Args:
        error: any exception.

    Returns:
        Its message in both languages.
    """
    if isinstance(error, CchcError):
        return error.text
    return as_text(str(error))


class CchcError(Exception):
    """Base class of every error this library raises for a user's mistake.

    ``text`` is the message in Vietnamese and English; ``str(error)`` is the English.
    """

    text: Text

    def __init__(self, message: Message = "", *args: object) -> None:
        self.text = as_text(message)
        super().__init__(self.text.en, *args)

    def message(self, lang: Lang = "vi") -> str:
        """The message in ``lang`` (Vietnamese by default)."""
        return self.text.get(lang)

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its attributes, not by calling __init__ again with the message: the
        # subclasses take other arguments (a path and problems, a formula and a position).
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[CchcError], args: tuple[object, ...], state: dict[str, object]) -> CchcError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class NumberFormatError(CchcError, ValueError):
    """A figure typed by a person could not be read as a number, rate or ratio. A finding
    built from it (an invalid answer) carries its ``text`` in both languages."""


class ArgumentError(CchcError, TypeError, ValueError):
    """A function of the library was called with an argument of the wrong type or value.

    It is also a `TypeError` and a `ValueError`, so callers who catch those
    keep working.
    """


def require(value: object, kind: type | tuple[type, ...], what: str) -> None:
    """Raise `ArgumentError` unless ``value`` is a ``kind``: the one check a public
    function makes of an argument it cannot work with ("lint() takes a CriterionSet, got
    int"), so that misuse never surfaces as an AttributeError from deep inside.

    Args:
        value: the argument.
        kind: the type (or types) it must be.
        what: how the message names the argument.

    Raises:
        ArgumentError: when ``value`` is not a ``kind``.
    """
    if not isinstance(value, kind):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        names = " or ".join(k.__name__ for k in kinds)
        raise ArgumentError(f"{what} takes a {names}, got {type(value).__name__}")


def require_all(values: object, kind: type, what: str) -> tuple[Any, ...]:
    """``values`` as a tuple, each one a ``kind``; otherwise `ArgumentError` ("criteria
    are a list of Criterion, got int").

    Args:
        values: the arguments (an iterable).
        kind: the type each must be.
        what: how the message names them.

    Returns:
        The values, as a tuple.

    Raises:
        ArgumentError: when ``values`` is not iterable or one of them is not a ``kind``.
    """
    if not isinstance(values, Iterable) or isinstance(values, str):
        raise ArgumentError(f"{what} are a list of {kind.__name__}, got {type(values).__name__}")
    result = tuple(values)
    for value in result:
        require(value, kind, f"a list of {what}")
    return result


@attrs.frozen
class Problem:
    """One mistake in a file: what was expected (in both languages), and where (line,
    criterion code)."""

    text: Text = attrs.field(converter=as_text)
    line: int | None = None
    criterion: str | None = None

    @property
    def message(self) -> str:
        """What was expected, in English."""
        return self.text.en

    def render(self, path: str, lang: Lang = "en") -> str:
        """ "file:line: criterion 7.1.2: message" (in Vietnamese: "tiêu chí 7.1.2")."""
        where = f"{path}:{self.line}" if self.line is not None else path
        word = "tiêu chí" if lang == "vi" else "criterion"
        about = f"{word} {self.criterion}: " if self.criterion else ""
        return f"{where}: {about}{self.text.get(lang)}"


class InputError(CchcError):
    """A file could not be read as the library expects.

    ``path`` names the file and ``problems`` lists every mistake found in it, each with the
    line (where the parser gives one), the criterion code and what was expected. The message
    has one line per problem.
    """

    def __init__(
        self,
        path: str,
        message: Message | None = None,
        *,
        location: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.path = path
        self.location = location
        self.problems = list(problems or [])
        if message is not None:
            text = as_text(message)
            if location:
                text = Text(f"{location}: {text.vi}", f"{location}: {text.en}")
            self.problems.insert(0, Problem(text))
        self.detail = "; ".join(p.message for p in self.problems)
        super().__init__(
            Text(*("\n".join(p.render(path, lang) for p in self.problems) for lang in LANGS))
        )


class UnknownSetError(CchcError, LookupError):
    """No installed plugin registers a criterion set with the requested id."""

    def __init__(
        self,
        set_id: str,
        known: list[str],
        suggestions: list[str],
        *,
        failed: list[Message] | None = None,
    ) -> None:
        self.set_id = set_id
        self.known = known
        self.suggestions = suggestions
        failures = [as_text(f) for f in failed or []]
        self.failed = [f.en for f in failures]
        shown = repr(set_id)
        shown_vi = shown
        if len(set_id) > 80:
            shown = f"{set_id[:60]!r}… ({len(set_id)} characters)"
            shown_vi = f"{set_id[:60]!r}… ({len(set_id)} ký tự)"
        vi = f"không có bộ tiêu chí nào mang mã {shown_vi} được cài đặt"
        en = f"no criterion set with id {shown} is installed"
        if suggestions:
            alternatives = [repr(s) for s in suggestions]
            vi += "; có phải " + " hoặc ".join(alternatives) + "?"
            en += "; did you mean " + " or ".join(alternatives) + "?"
        elif known:
            vi += "; các bộ đã cài: " + ", ".join(known)
            en += "; installed sets: " + ", ".join(known)
        elif not self.failed:
            vi += "; chưa cài plugin bộ tiêu chí nào (thử: pip install cchc-criteria-quangngai)"
            en += (
                "; no criterion-set plugin is installed (try: pip install cchc-criteria-quangngai)"
            )
        if self.failed:
            vi += "; có thể bộ này thuộc một plugin bị lỗi: " + "; ".join(f.vi for f in failures)
            en += "; it may come from a plugin that failed: " + "; ".join(self.failed)
        super().__init__(Text(vi, en))

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

    def __init__(self, formula: str, position: int | None, message: Message) -> None:
        self.formula = formula
        self.position = position
        self.reason = as_text(message)
        reason = self.reason
        if position is None:
            shown = repr(_excerpt(formula, 0)[0])
            text = Text(f"công thức {shown}: {reason.vi}", f"formula {shown}: {reason.en}")
        else:
            shown, offset = _excerpt(formula, position)
            pointer = " " * offset + "^"
            text = Text(
                f"cột {position + 1} của công thức: {reason.vi}\n  {shown}\n  {pointer}",
                f"column {position + 1} of the formula: {reason.en}\n  {shown}\n  {pointer}",
            )
        super().__init__(text)


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

    def __init__(self, message: Message, candidates: list[str], successor: str | None = None):
        self.candidates = candidates
        self.successor = successor
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class AmbiguousSetError(CchcError, LookupError):
    """Several installed sets are in force for a province, a unit kind and a day; the message
    names them."""

    def __init__(self, message: Message, candidates: list[str]):
        self.candidates = candidates
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])
