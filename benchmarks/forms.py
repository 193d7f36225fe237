"""Answers as people and programs type them, and the seed set scored by hand.

The benchmark's national answers are plain text and whole numbers. Users of the library give
the same figures in other forms: a ``Decimal`` (the natural Python type), a ``float`` (from a
spreadsheet or pandas), "93,5 %" with its sign, a ratio of counts ("187/200"), a criterion
marked not applicable, self-assessed scores beside the figures. :func:`retyped` writes a
unit's answers in one of those forms; every form must give the card the plain form gives.

:func:`seed_answers` and :func:`score_seed` are the seed department's set (Quảng Ngãi 2019,
area 7) with ``Decimal`` answers and its scorer written by hand, straight-line: the baseline of
the library on a small real set.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from fractions import Fraction

import cchc_criteria as cc
from cchc_criteria.model import FractionOfMax, Points
from cchc_criteria.rules import BandRule

FORMS = (
    "plain",
    "Decimal",
    "float",
    "percent sign",
    "fraction",
    "not applicable",
    "declared",
    "a warning",
    "named band",
    "named band and figure",
    "ratio that does not end",
    "all text",
)
"""The forms of answer the benchmark types; "a warning" is the plain form with one rate typed
under 1 % ("0,5"), which every card warns about (``fraction-for-percent``); "named band"
names the band a rate falls in instead of the rate (`cc.ChosenBand`, where the band's award
needs no figure), and "named band and figure" gives both, as a filled workbook does; "ratio
that does not end" gives each rate as a ratio of counts whose quotient never ends ("30/41",
near the plain rate), which no Decimal holds exactly; "all text" types every answer as a
text field holds it: yes/no as "Có"/"Không", counts as "3", dates as "15/03/2025", the
figures of a row's parts as texts."""

_NEVER_ENDING = (41, 37, 53, 29, 7, 3)  # denominators with a prime factor other than 2 and 5


def typed(
    criterion_set: cc.CriterionSet, unit: dict[str, object], form: str, rates: frozenset[str]
) -> object:
    """``unit``'s answers typed in ``form`` (one of `FORMS`) for ``criterion_set``."""
    if form == "declared":
        return declared(criterion_set, unit)
    if form.startswith("named band"):
        return named(criterion_set, unit, with_figure=form == "named band and figure")
    return retyped(unit, form, rates)


def as_percent_text(unit: dict[str, object]) -> dict[str, object]:
    """``unit`` with every ratio of counts ("30/41") written as its percentage in a float's
    text, for the float scorer (which agrees with the library to the cent)."""
    result = dict(unit)
    for code, answer in unit.items():
        if isinstance(answer, str) and "/" in answer:
            part, whole = answer.split("/")
            result[code] = repr(int(part) / int(whole) * 100)
    return result


def _as_text(answer: object) -> object:
    """``answer`` as a person types it into a text field."""
    if isinstance(answer, bool):
        return "Có" if answer else "Không"
    if isinstance(answer, int):
        return str(answer)
    if isinstance(answer, date):
        return answer.strftime("%d/%m/%Y")
    if isinstance(answer, dict):
        return {name: _as_text(value) for name, value in answer.items()}
    return answer


def _rate(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def retyped(unit: dict[str, object], form: str, rates: frozenset[str]) -> object:
    """``unit``'s answers in ``form``; ``rates`` are the codes whose answer is a percentage.
    "declared" gives an Assessment whose self-assessed scores are the card's own."""
    if form in ("plain", "declared"):
        return dict(unit)
    if form == "all text":
        return {code: _as_text(answer) for code, answer in unit.items()}
    result: dict[str, object] = {}
    for code, answer in unit.items():
        if code not in rates or not isinstance(answer, str):
            result[code] = answer
        elif form == "Decimal":
            result[code] = _rate(answer)
        elif form == "float":
            result[code] = float(_rate(answer))
        elif form == "percent sign":
            result[code] = f"{answer} %"
        elif form == "fraction":
            exact = Fraction(_rate(answer))
            result[code] = f"{exact.numerator}/{exact.denominator * 100}"  # a ratio of counts
        elif form == "ratio that does not end":
            whole = _NEVER_ENDING[sum(map(ord, code)) % len(_NEVER_ENDING)]
            part = min(max(round(_rate(answer) * whole / 100), 1), whole - 1)
            result[code] = f"{part}/{whole}"
        else:
            result[code] = answer
    if form == "not applicable":
        first = sorted(rates)[0]
        result[first] = cc.NA
    if form == "a warning":
        first = sorted(rates)[0]
        result[first] = "0,5"
    return result


def named(
    criterion_set: cc.CriterionSet, unit: dict[str, object], *, with_figure: bool
) -> dict[str, object]:
    """The unit's answers with every banded rate given as the band it falls in (by its
    label), with the rate beside it or, where the band's award needs no figure, alone."""
    card = cc.score(criterion_set, unit)
    result = dict(unit)
    for code, answer in unit.items():
        criterion = criterion_set.find(code)
        label = card[code].matched
        if criterion is None or not isinstance(criterion.rule, BandRule) or label is None:
            continue
        band = next(b for b in criterion.rule.bands if b.label == label)
        if with_figure:
            result[code] = cc.ChosenBand(label, figure=answer)
        elif isinstance(band.award, Points | FractionOfMax):
            result[code] = cc.ChosenBand(label)
    return result


def declared(criterion_set: cc.CriterionSet, unit: dict[str, object]) -> cc.Assessment:
    """The unit's answers with self-assessed scores: what the figures give, leaf by leaf."""
    card = cc.score(criterion_set, unit)
    scores = {node.code: node.points for node in card if node.is_leaf}
    return cc.Assessment(unit, self_assessed=scores)


# --------------------------------------------------------------------------- the seed set

_D = Decimal
_ZERO, _ONE, _HALF, _QUARTER = _D(0), _D(1), _D("0.5"), _D("0.25")
_RATES = ("7.1.1", "7.1.2", "7.1.4", "7.2.1", "7.2.2", "7.2.3", "7.3.1", "7.3.2", "7.3.3")


def seed_answers(units: int, seed: int = 23) -> list[dict[str, object]]:
    """``units`` random units of the seed set, every rate a ``Decimal`` with one decimal
    (7.1.1 outside the published gap from 70 % to 80 %)."""
    rng = random.Random(seed)
    result = []
    for _ in range(units):
        unit: dict[str, object] = {code: _D(rng.randint(0, 1000)) / 10 for code in _RATES}
        unit["7.1.1"] = _D(rng.choice([rng.randint(0, 699), rng.randint(800, 1000)])) / 10
        unit["7.1.3"] = rng.choice(["Đã kết nối, liên thông", "Chưa thực hiện kết nối, liên thông"])
        unit["7.4.1"] = rng.choice(["Đã công bố", "Chưa công bố"])
        unit["7.4.2"] = rng.choice(["Thực hiện đúng", "Không duy trì"])
        result.append(unit)
    return result


def _held(points: Decimal, most: Decimal) -> Decimal:
    return _ZERO if points < _ZERO else most if points > most else points


def score_seed(a: dict[str, object]) -> Decimal:
    """The seed set's total for ``a``, by hand: straight-line Decimal, as a person who knows
    the published table would write it (the bands as printed, each row held to its max)."""
    r: Decimal = a["7.1.1"]  # type: ignore[assignment]
    p711 = r * _D("1.5") / 100 if r >= 80 else _ZERO
    r = a["7.1.2"]  # type: ignore[assignment]
    p712 = _ONE if r >= 90 else _HALF if r >= 60 else _QUARTER if r >= 50 else _ZERO
    p713 = _ONE if a["7.1.3"] == "Đã kết nối, liên thông" else _ZERO
    r = a["7.1.4"]  # type: ignore[assignment]
    p714 = _ONE if r == 100 else _HALF if r >= 80 else _ZERO
    g71 = _held(p711 + p712 + p713 + p714, _D("4.5"))
    r = a["7.2.1"]  # type: ignore[assignment]
    p721 = _ONE if r >= 80 else _HALF if r >= 60 else _ZERO
    r = a["7.2.2"]  # type: ignore[assignment]
    p722 = _ONE if r >= 40 else r / 40 if r >= 20 else _ZERO
    r = a["7.2.3"]  # type: ignore[assignment]
    p723 = _ONE if r >= 30 else r / 40 if r >= 10 else _ZERO
    g72 = _held(p721 + p722 + p723, _D(3))
    r = a["7.3.1"]  # type: ignore[assignment]
    p731 = _HALF if r >= 70 else _QUARTER if r >= 50 else _ZERO
    r = a["7.3.2"]  # type: ignore[assignment]
    p732 = _ONE if r >= 10 else r / 10
    r = a["7.3.3"]  # type: ignore[assignment]
    p733 = _ONE if r >= 15 else min(r / 10, _ONE)
    g73 = _held(p731 + p732 + p733, _D("2.5"))
    p741 = _D("1.5") if a["7.4.1"] == "Đã công bố" else _ZERO
    p742 = _D("1.5") if a["7.4.2"] == "Thực hiện đúng" else _ZERO
    g74 = _held(p741 + p742, _D(3))
    return _held(g71 + g72 + g73 + g74, _D(13))
