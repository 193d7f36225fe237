"""The package's verbs called wrongly: the library's own errors, never an AttributeError."""

from __future__ import annotations

from typing import Any

import pytest

import cchc_criteria as cc
from cchc_support import S


@pytest.mark.parametrize(
    "call",
    [
        lambda: cc.score(cc.get_set(S), None),  # type: ignore[arg-type]
        lambda: cc.score(None, {}),  # type: ignore[arg-type]
        lambda: cc.score(cc.get_set(S), [("7.1.2", "93%")]),  # type: ignore[arg-type]
        lambda: cc.Assessment(unit=5),  # type: ignore[arg-type]
        lambda: cc.Assessment(evidence={"7.1.2": 5}),  # type: ignore[dict-item]
        lambda: cc.Assessment(answers={7: "93%"}),  # type: ignore[dict-item]
        lambda: cc.Assessment(answers="7.1.2=93%"),  # type: ignore[arg-type]
        lambda: cc.get_set(None),  # type: ignore[arg-type]
    ],
)
def test_api_misuse_raises_the_librarys_errors(call: object) -> None:
    assert callable(call)
    with pytest.raises(cc.ArgumentError) as caught:
        call()
    assert isinstance(caught.value, cc.CchcError)
    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, ValueError)


class _Unwritable:
    def __str__(self) -> str:
        raise RuntimeError("cannot be written")

    __repr__ = __str__


SEED_CARD: dict[str, Any] = {}


def _card() -> cc.Scorecard:
    if not SEED_CARD:
        SEED_CARD["card"] = cc.score(cc.get_set(S), {"7.1.2": "93%"})
    card: cc.Scorecard = SEED_CARD["card"]
    return card


MISUSE = {
    "card[list]": lambda: _card()[["7.1"]],  # type: ignore[index]
    "card[object]": lambda: _card()[_Unwritable()],  # type: ignore[index]
    "Criterion(rule=5)": lambda: cc.Criterion("1", "x", 1, rule=5),  # type: ignore[arg-type]
    "Criterion(children=5)": lambda: cc.Criterion("1", "x", 1, children=5),  # type: ignore[arg-type]
    "CriterionSet(criteria=5)": lambda: cc.CriterionSet(id="a", title="a", criteria=5),  # type: ignore[arg-type]
    "CriterionSet(criteria=[5])": lambda: cc.CriterionSet(id="a", title="a", criteria=[5]),  # type: ignore[list-item]
    "CriterionSet(id=5)": lambda: cc.CriterionSet(id=5, title="a", criteria=[]),  # type: ignore[arg-type]
    "score(set, object)": lambda: cc.score(cc.get_set(S), _Unwritable()),  # type: ignore[arg-type]
    "score(set, {code: object})": lambda: cc.score(cc.get_set(S), {"7.1.2": _Unwritable()}),
    "BandRule([5])": lambda: cc.rules.BandRule([5]),  # type: ignore[list-item]
    "BandRule(5)": lambda: cc.rules.BandRule(5),  # type: ignore[arg-type]
    "Band(award=5)": lambda: cc.model.Band("x", 5),  # type: ignore[arg-type]
    "Formula(object)": lambda: cc.model.Formula(_Unwritable()),  # type: ignore[arg-type]
    "score_many(set, 5)": lambda: cc.score_many(cc.get_set(S), 5),  # type: ignore[arg-type]
    "to_frame(5)": lambda: cc.to_frame(5),  # type: ignore[arg-type]
    "lint(5)": lambda: cc.lint(5),  # type: ignore[arg-type]
    "advise(5)": lambda: cc.advise(5),  # type: ignore[arg-type]
    "get_set(object)": lambda: cc.get_set(_Unwritable()),  # type: ignore[arg-type]
    "ChosenBand(object)": lambda: cc.ChosenBand(_Unwritable()),  # type: ignore[arg-type]
    "dumps_set(5)": lambda: cc.dumps_set(5),  # type: ignore[arg-type]
    "diff_sets(set, 5)": lambda: cc.diff_sets(cc.get_set(S), 5),  # type: ignore[arg-type]
    "YesNoRule(yes=5)": lambda: cc.rules.YesNoRule(yes=5),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("name", list(MISUSE))
def test_api_misuse_is_an_argument_error(name: str) -> None:
    with pytest.raises(cc.CchcError) as caught:
        MISUSE[name]()
    assert isinstance(caught.value, cc.ArgumentError | cc.CchcError)
    assert str(caught.value)


def test_a_declared_score_that_cannot_be_written_is_a_finding() -> None:
    card = cc.score(cc.get_set(S), cc.Assessment({}, self_assessed={"7.1.2": _Unwritable()}))
    assert [f.message for f in card.findings if f.code == "invalid-declared-score"]
