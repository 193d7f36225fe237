"""Reading one answer for a rule, and the findings a rule reports about it."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal, Inexact
from fractions import Fraction

from cchc_criteria.errors import NumberFormatError
from cchc_criteria.model import Outcome, Scale, finding
from cchc_criteria.numbers import (
    EXACT_CONTEXT,
    decimal_of,
    format_number,
    parse_rate,
    quotient_form,
)
from cchc_criteria.text import Lang, LazyText, Text, shown

# A plain figure for a fast scorer: at most 15 digits, so that its product with a max of at
# most 12 digits is exact in any context.
_PLAIN_FIGURE = re.compile(r"[0-9]{1,9}(?:,[0-9]{1,6})?")
# A rate typed with its sign: "93%", "93 %", "93,5 %".
_PERCENT_FIGURE = re.compile(r"([0-9]{1,9}(?:,[0-9]{1,6})?) ?%")
# A ratio of counts: "187/200", "3 / 41".
_RATIO_FIGURE = re.compile(r"([0-9]{1,9}) ?/ ?([0-9]{1,9})")
_PLAIN_LIMIT = 10**9
_DOMAINS = {
    scale: tuple(None if edge is None else Decimal(edge.numerator) for edge in scale.domain())
    for scale in Scale
}
_ONE = Decimal(1)
_ZERO = Decimal(0)

YES_WORDS = frozenset({"co", "yes", "true", "dat", "x", "1"})
NO_WORDS = frozenset({"khong", "no", "false", "chua", "0"})


def figure_text(answer: object) -> str:
    """The answer as it was given, as text for a scorecard."""
    return shown(answer)


def refusal(
    code: str,
    answer: object,
    /,
    *,
    variant: str = "",
    band: int | None = None,
    value: Decimal | None = None,
    **values: object,
) -> Outcome:
    """An outcome that scores nothing, with one error finding of the catalogue's ``code``;
    the finding's message is the explanation."""
    problem = finding(code, variant=variant, band=band, value=value, **values)
    return Outcome(
        points=None, figure=figure_text(answer), explanation=problem.text, findings=(problem,)
    )


def unexpected(answer: object, expected: Text) -> Outcome:
    """The refusal of an answer of the wrong form: ``invalid-answer``, saying what was
    ``expected`` and what was given."""
    given = figure_text(answer)
    return refusal(
        "invalid-answer",
        answer,
        expected=expected,
        alternative="",
        error=Text(f"nhận được {given}", f"got {given}"),
    )


def read_quantity(answer: object, scale: Scale) -> Fraction:
    """Read ``answer`` exactly in the units of ``scale`` (NumberFormatError if it is not one).

    Args:
        answer: the unit's answer (a number, text such as "93,5 %" or "3/41").
        scale: the scale the figure is read in (count, percent, ratio, …).

    Returns:
        The figure, exactly.

    Raises:
        NumberFormatError: when ``answer`` is not a figure of ``scale``.
    """
    if isinstance(answer, bool) or answer is None:
        raise _not_a(scale, answer)
    if scale is Scale.COUNT:
        if isinstance(answer, str) and ("/" in answer or "%" in answer):
            raise _not_a(scale, answer)
        value = parse_rate(answer, percent=False)
        if value.denominator != 1:
            raise _not_a(scale, answer)
        return value
    if scale is Scale.NUMBER:
        if isinstance(answer, str) and ("/" in answer or "%" in answer):
            raise _not_a(scale, answer)
        return parse_rate(answer, percent=False)
    return parse_rate(answer, percent=scale is Scale.PERCENT)


@functools.cache
def fast_reader(scale: Scale) -> Callable[[object], Decimal | None]:
    """The reader of plain answers on ``scale`` for a fast scorer (``RuleKind.compile``), in
    every form people and programs give a figure: text of digits with at most one decimal
    comma ("93,5"), a rate with its sign ("93 %", on a percent or ratio scale), a whole
    number, a ``Decimal`` or a ``float`` (read from its shortest repr, as ``to_decimal``
    does) — each of at most 9 whole digits and 6 decimals (a longer one is read by
    `read_figure`). Every kind's computation of points is exact whatever figure it
    is given; this reader only decides what is read without parsing. It gives ``None`` for
    anything else, for a value outside the scale's domain or not whole on a count, and for
    a bare number between 0 and 1 on a percent scale (scoring warns about those):
    ``read_figure`` and the rule's ``score`` then decide."""
    low, high = _DOMAINS[scale]
    whole = scale is Scale.COUNT
    percent = scale is Scale.PERCENT
    ratio = scale is Scale.RATIO
    match = _PLAIN_FIGURE.fullmatch
    with_sign = _PERCENT_FIGURE.fullmatch
    of_counts = _RATIO_FIGURE.fullmatch

    def read(answer: object) -> Decimal | None:
        bare = True
        if type(answer) is str:
            # One pattern tried per answer, told by its characters.
            if "/" in answer:
                counts = of_counts(answer) if percent or ratio else None
                if counts is None:
                    return None
                # Exact or not at all: "187/200" is 93,5 %; "3/41" goes to score.
                exact = _exact_ratio(counts.group(1), counts.group(2), percent)
                if exact is None:
                    return None
                value = exact
                bare = False
            elif "%" in answer:
                found = with_sign(answer) if percent or ratio else None
                if found is None:
                    return None
                value = Decimal(found.group(1).replace(",", "."))
                if ratio:
                    value = value.scaleb(-2)
                bare = False
            elif match(answer):
                value = Decimal(answer.replace(",", "."))
            else:
                return None
        elif type(answer) is int:
            if not -_PLAIN_LIMIT < answer < _PLAIN_LIMIT:
                return None
            value = Decimal(answer)
        elif type(answer) is Decimal or type(answer) is float:
            value = answer if type(answer) is Decimal else Decimal(repr(answer))
            if not _plain_decimal(value):
                return None
        else:
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            return None
        if whole and value != value.to_integral_value():
            return None
        if percent and bare and 0 < value < _ONE:
            return None
        return value

    return read


def _exact_ratio(numerator: str, denominator: str, percent: bool) -> Decimal | None:
    """``numerator / denominator`` (× 100 in percent) when it is a decimal of at most 6
    places, else ``None``."""
    bottom = Decimal(denominator)
    if not bottom:
        return None  # 0/0 and n/0: score says what is wrong
    top = Decimal(numerator)
    try:
        value = EXACT_CONTEXT.divide(top * 100 if percent else top, bottom)
    except Inexact:
        return None
    return value if _plain_decimal(value) else None


_WHOLE_LIMIT = Decimal(10**9)
_MICRO = Decimal("1e-6")


def _plain_decimal(value: Decimal) -> bool:
    """A finite, non-negative number of at most 9 whole digits and 6 decimals (told without
    taking the number apart: ``as_tuple`` costs more than the comparisons)."""
    return (
        value.is_finite()
        and not value.is_signed()
        and value < _WHOLE_LIMIT
        and value == value.quantize(_MICRO)
    )


def read_figure(answer: object, scale: Scale, *, alternative: str = "") -> Fraction | Outcome:
    """The answer's exact value on ``scale``, or the outcome that refuses it.

    ``alternative`` names another accepted kind of answer for the message ("a band's label").
    """
    try:
        value = read_quantity(answer, scale)
    except NumberFormatError as error:
        return refusal(
            "invalid-answer",
            answer,
            expected=Text(expected(scale, "vi"), expected(scale)),
            alternative=Text(" hoặc tên một khoảng", " or a band's label") if alternative else "",
            error=error_text(error),
        )
    if outside_domain(value, scale):
        return domain_refusal(answer, value, scale)
    return value


Figure = Decimal | Fraction
"""A figure read exactly: a Decimal, or a Fraction where it is no finite decimal ("3/41")."""


def read_exact(answer: object, scale: Scale, *, alternative: str = "") -> Figure | Outcome:
    """The answer's exact value on ``scale`` — a Decimal from `fast_reader` where it
    takes the answer, else what `read_figure` reads (a Fraction) — or the outcome that
    refuses it. Every kind's ``score`` reads its figure here, so that its one computation of
    points sees the same figure on every path."""
    value = fast_reader(scale)(answer)
    if value is not None:
        return value
    return read_figure(answer, scale, alternative=alternative)


def figure_value(value: Figure) -> Decimal:
    """A figure as a scorecard shows it (``NodeScore.value``): the Decimal nearest it,
    written as `decimal_of` writes it."""
    if type(value) is Decimal:
        return quotient_form(value)
    return decimal_of(Fraction(value))


def scored(
    points: Decimal, value: Decimal, answer: object, explain: Callable[..., str], *args: object
) -> Outcome:
    """The outcome of a rule that has no rounding of its own and matched no band;
    ``explain(lang, *args)`` says why (called only when the explanation is read)."""
    return Outcome(
        points=points,
        exact=points,
        value=value,
        figure=figure_text(answer),
        explanation=LazyText(explain, *args),
    )


def error_text(error: NumberFormatError) -> Text:
    """A number error's message in both languages."""
    return error.text


def expected(scale: Scale, lang: Lang = "en") -> str:
    """What an answer on ``scale`` looks like, for messages (English or ``"vi"``)."""
    if lang == "vi":
        return {
            Scale.PERCENT: 'tỷ lệ phần trăm như 93, "93,5%" hoặc "3/41"',
            Scale.RATIO: 'tỷ lệ như 0,93, "93%" hoặc "3/41"',
            Scale.COUNT: "một số nguyên như 4",
            Scale.NUMBER: 'một số như 7 hoặc "7,5"',
        }[scale]
    return {
        Scale.PERCENT: 'a rate in percent such as 93, "93,5%" or "3/41"',
        Scale.RATIO: 'a rate such as 0.93, "93%" or "3/41"',
        Scale.COUNT: "a whole number such as 4",
        Scale.NUMBER: 'a number such as 7 or "7,5"',
    }[scale]


def _not_a(scale: Scale, answer: object) -> NumberFormatError:
    return NumberFormatError(
        Text(
            f"cần {expected(scale, 'vi')}, nhận được {shown(answer, quoted=True):.60}",
            f"expected {expected(scale)}, got {shown(answer, quoted=True):.60}",
        )
    )


def outside_domain(value: Fraction, scale: Scale) -> bool:
    """Whether ``value`` is outside what ``scale`` allows (a rate over 100 %, a negative count)."""
    low, high = scale.domain()
    return (low is not None and value < low) or (high is not None and value > high)


def domain_refusal(answer: object, value: Fraction, scale: Scale) -> Outcome:
    """The outcome for a value outside its scale's domain."""
    low, high = scale.domain()
    span = (
        Text(f"từ {low} đến {high}{scale.symbol}", f"from {low} to {high}{scale.symbol}")
        if high is not None
        else Text(f"từ {low} trở lên", f"{low} or more")
    )
    return refusal(
        "out-of-domain",
        answer,
        figure=figure_text(answer),
        shown=value,
        unit=scale.symbol,
        span=span,
    )


def points_word(points: Decimal, lang: Lang) -> str:
    """ "1,5 điểm" / "1.5 points"."""
    number = format_number(points, lang=lang, max_places=4)
    return f"{number} điểm" if lang == "vi" else f"{number} point" + ("" if points == 1 else "s")
