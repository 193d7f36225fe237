"""The safe formula language: exact, small, and refusing everything else with a pointer."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.formulas import MAX_DEPTH, FormulaError, parse_formula
from cchc_criteria.numbers import EXACT_CONTEXT

RATE = {"rate"}


def value(text: str, **names: int | str) -> Fraction:
    return parse_formula(text, set(names)).evaluate({k: Fraction(v) for k, v in names.items()})


def test_decimal_arithmetic_is_exact() -> None:
    assert value("0.1 + 0.2") == Fraction(3, 10)
    assert cc.numbers.decimal_of(value("0.1 + 0.2")) == Decimal("0.3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rate * 1.5 / 100", Fraction(3, 2)),
        ("rate × 1.5 ÷ 100", Fraction(3, 2)),
        ("min(rate / 85 * 10, 10)", Fraction(10)),
        ("max(0, rate - 120)", Fraction(0)),
        ("-rate + 2 * (3 - 1)", Fraction(-96)),
        ("rate − 1", Fraction(99)),
        ("--rate", Fraction(100)),
        ("2 * 3 + 4", Fraction(10)),
        ("2 * (3 + 4)", Fraction(14)),
        ("8 / 4 / 2", Fraction(1)),
        ("min(rate, 2, .5)", Fraction(1, 2)),
    ],
)
def test_the_language(text: str, expected: Fraction) -> None:
    assert value(text, rate=100) == expected


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("__import__('os')", 1, "'__import__' cannot be called"),
        ("rate.real", 5, "attribute access is not allowed"),
        ("rate.__class__", 5, "attribute access is not allowed"),
        ("rate[0]", 5, "subscripts are not allowed"),
        ("abs(rate)", 1, "'abs' cannot be called"),
        ("eval('1')", 1, "'eval' cannot be called"),
        ("x + 1", 1, "unknown name 'x'"),
        ("rate ** 2", 7, "expected a number, a name or '('"),
        ("rate * 40%", 10, "write a percentage as a number"),
        ("'1'", 1, "text is not allowed"),
        ("", 1, "empty"),
        ("1 +", 4, "ends where"),
        ("(1 + 2", 7, "closing parenthesis"),
        ("1 + 2)", 6, "unexpected ')'"),
        ("min(1; 2)", 6, "unexpected ';'"),
        ("1..2", 1, "not a number"),
        ("max", 1, "needs its arguments"),
    ],
)
def test_everything_else_is_refused_with_a_pointer(text: str, column: int, message: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula(text, RATE)
    assert caught.value.position == column - 1
    assert message in str(caught.value)
    assert f"column {column}" in str(caught.value)
    assert isinstance(caught.value, cc.CchcError)


def test_ten_thousand_deep_nesting_is_refused_without_a_crash() -> None:
    text = "(" * 10_000 + "1" + ")" * 10_000
    with pytest.raises(FormulaError, match=f"nested more than {MAX_DEPTH} levels"):
        parse_formula(text, RATE)
    calls = "min(" * 10_000 + "1" + ")" * 10_000
    with pytest.raises(FormulaError, match="nested more than"):
        parse_formula(calls, RATE)
    assert value("-" * 100_000 + "1") == 1


def test_division_by_zero_at_evaluation() -> None:
    formula = parse_formula("1 / (rate - 50)", RATE)
    assert formula.evaluate({"rate": Fraction(51)}) == 1
    with pytest.raises(FormulaError, match="division by zero"):
        formula.evaluate({"rate": Fraction(50)})


def test_a_formula_award_in_a_band() -> None:
    rule = cc.rules.BandRule(
        [
            cc.model.Band(
                "60-85",
                cc.model.Formula("min(rate / 85 * 10, 10)", places=2),
                cc.model.at_least(60),
                cc.model.below(85),
            ),
            cc.model.Band("85+", cc.model.Points(10), cc.model.at_least(85)),
        ]
    )
    outcome = rule.score(70, Decimal(10))
    assert outcome.points == Decimal("8.24")
    low, high = rule.points_range(Decimal(10))
    assert low is not None
    assert low.quantize(Decimal("0.0001")) == Decimal("7.0588")  # 60 / 85 × 10
    assert high == 10


def test_a_formula_that_divides_by_zero_is_a_finding() -> None:
    rule = cc.rules.BandRule(
        [cc.model.Band("all", cc.model.Formula("1 / (value - 50)"), cc.model.at_least(0))]
    )
    outcome = rule.score(50, Decimal(1))
    assert outcome.points is None
    assert [f.code for f in outcome.findings] == ["formula-error"]


def test_a_formula_award_with_a_bad_text_cannot_be_built() -> None:
    with pytest.raises(FormulaError, match="unknown name 'ty_le'"):
        cc.model.Formula("ty_le * 2")


def _formula_texts(operators: str, places: int) -> st.SearchStrategy[str]:
    """Formulas over ``rate`` with the binary ``operators``, unary minus, min and max."""
    return st.recursive(
        st.one_of(
            st.integers(0, 1000).map(str),
            st.decimals(0, 100, places=places).map(str),
            st.just("rate"),
        ),
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(operators), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"
            ),
            inner.map(lambda t: f"-{t}"),
            st.tuples(inner, inner).map(lambda t: f"min({t[0]}, {t[1]})"),
            st.tuples(inner, inner).map(lambda t: f"max({t[0]}, {t[1]})"),
        ),
        max_leaves=12,
    )


simple = _formula_texts("+-*", 2)
dividing = _formula_texts("+-*/", 3)


@given(simple, st.fractions(min_value=0, max_value=100, max_denominator=50))
def test_bounds_contain_every_value(text: str, rate: Fraction) -> None:
    formula = parse_formula(text, RATE)
    low, high = formula.bounds({"rate": (Fraction(0), Fraction(100))})
    result = formula.evaluate({"rate": rate})
    assert low is None or low <= result
    assert high is None or result <= high


@given(st.text(max_size=40))
def test_any_text_either_parses_or_raises_formula_error(text: str) -> None:
    with contextlib.suppress(FormulaError):
        parse_formula(text, RATE)


@given(dividing, st.decimals(0, 100, places=3))
def test_a_formula_over_decimals_is_the_exact_value_or_refuses(text: str, rate: Decimal) -> None:
    from decimal import DecimalException

    formula = parse_formula(text, RATE)
    over_decimals = formula.over_decimals(EXACT_CONTEXT)
    assert over_decimals is not None  # every number written in a formula is a decimal
    try:
        exact = formula.evaluate({"rate": Fraction(rate)})
    except FormulaError:
        exact = None
    try:
        value = over_decimals({"rate": rate})
    except DecimalException:
        return  # a digit would be lost, or a division by zero: the exact path decides
    assert exact is not None
    assert Fraction(value) == exact


def test_a_formula_of_a_thousand_terms_is_refused() -> None:
    with pytest.raises(cc.FormulaError, match="more than 100 operations"):
        cc.model.Formula(" + ".join(["rate"] * 1000))
    with pytest.raises(cc.FormulaError, match="more than 100 operations"):
        cc.model.Formula("min(" + ", ".join(["rate"] * 200) + ")" + " + 1" * 100)
    # At the limit it evaluates, whatever its shape.
    formula = cc.model.Formula(" + ".join(["rate"] * 101))
    assert formula.exact(Fraction(1), Decimal(1)) == 101
