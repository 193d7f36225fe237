"""Vietnamese numbers, rates and ratios: parsed exactly or refused with a reason."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria import NumberFormatError
from cchc_criteria.numbers import (
    format_number,
    parse_number,
    parse_rate,
    plain,
    round_points,
    to_decimal,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7,5", Decimal("7.5")),
        ("7.5", Decimal("7.5")),
        ("13", Decimal(13)),
        ("0,25", Decimal("0.25")),
        ("1.112.320.000", Decimal(1112320000)),
        ("1.234,5", Decimal("1234.5")),
        (" 93,5 ", Decimal("93.5")),
        ("0.500", Decimal("0.5")),
        ("-2", Decimal(-2)),
    ],
)
def test_parse_number_reads_vietnamese_and_plain_forms(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 234", 1234), ("1 234 567,5", Decimal("1234567.5")), ("- 5", -5), ("1\u00a0234", 1234)],
)
def test_a_space_groups_thousands(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["9 3", "1 5", "12 345 6", "1 23", "9 3%", "3/4 1", "93 ,5"])
def test_a_space_between_digits_is_refused_not_joined(text: str) -> None:
    with pytest.raises(NumberFormatError, match="space between its digits"):
        parse_rate(text, percent=True)


@given(st.integers(0, 999), st.integers(0, 99) | st.integers(1000, 10**6))
def test_digits_split_by_a_space_read_only_as_thousands(head: int, tail: int) -> None:
    # "9 3" is never 93: only a group of exactly three digits after a space is a number.
    with pytest.raises(NumberFormatError):
        parse_number(f"{head} {tail}")
    assert parse_number(f"{head} {tail % 1000:03d}") == head * 1000 + tail % 1000


def test_ambiguous_thousands_or_decimal_is_refused_with_both_spellings() -> None:
    with pytest.raises(NumberFormatError, match=r"1500 .*1,500"):
        parse_number("1.500")


@pytest.mark.parametrize("text", ["", "abc", "7,5,5", "NaN", "Infinity", "1..2"])
def test_parse_number_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_float_converts_from_its_shortest_repr() -> None:
    assert to_decimal(0.1) == Decimal("0.1")
    assert to_decimal(0.1) + to_decimal(0.2) == Decimal("0.3")


def test_bool_is_not_a_number() -> None:
    with pytest.raises(NumberFormatError, match="yes/no"):
        to_decimal(True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("93%", Fraction(93)),
        ("93 %", Fraction(93)),
        ("93,5 %", Fraction(187, 2)),
        ("93.5%", Fraction(187, 2)),
        (93, Fraction(93)),
        (Decimal("93.5"), Fraction(187, 2)),
        ("3/41", Fraction(300, 41)),
        ("0/3", Fraction(0)),
    ],
)
def test_parse_rate_in_percent(value: object, expected: Fraction) -> None:
    assert parse_rate(value, percent=True) == expected


def test_parse_rate_as_ratio() -> None:
    assert parse_rate("93%", percent=False) == Fraction(93, 100)
    assert parse_rate("3/41", percent=False) == Fraction(3, 41)
    assert parse_rate("0,93", percent=False) == Fraction(93, 100)


def test_zero_over_zero_is_undefined_and_says_what_to_do() -> None:
    with pytest.raises(NumberFormatError, match=r"undefined.*NA"):
        parse_rate("0/0", percent=True)


def test_n_over_zero_is_refused() -> None:
    with pytest.raises(NumberFormatError, match="divides by zero"):
        parse_rate("3/0", percent=True)


def test_format_number_vietnamese_and_english() -> None:
    assert format_number(Decimal("7.5")) == "7,5"
    assert format_number(Decimal("7.5"), lang="en") == "7.5"
    assert format_number(Decimal("1112320000"), group=True) == "1.112.320.000"
    assert format_number(Decimal("1112320000"), group=True, lang="en") == "1,112,320,000"
    assert format_number(Decimal("1234.5"), group=True) == "1.234,5"
    assert format_number(Decimal("1500"), group=True) == "1500"  # "1.500" would be ambiguous
    assert format_number(Decimal("1500")) == "1500"
    assert format_number(Decimal("13.00")) == "13"
    assert format_number(Decimal("0.25"), places=2) == "0,25"
    assert format_number(Decimal(300) / Decimal(41), max_places=2) == "≈ 7,32"


def test_round_points_half_up() -> None:
    assert round_points(Decimal("0.125"), 2) == Decimal("0.13")
    assert round_points(Decimal("89.995"), 2) == Decimal("90.00")


@given(
    st.one_of(
        st.integers(-(10**12), 10**12).map(Decimal),
        st.decimals(
            allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
        ),
    ),
    st.booleans(),
)
def test_format_then_parse_gives_the_same_decimal(value: Decimal, group: bool) -> None:
    assert parse_number(format_number(value, group=group)) == value


def test_a_long_exact_number_is_written_and_read_back_whole() -> None:
    # 34 significant digits: more than the default decimal context keeps (28).
    edge = Decimal("0.1234567890123456789012345678901234")
    cs = cc.CriterionSet(
        id="t",
        title="t",
        criteria=[
            cc.Criterion(
                "1",
                "x",
                1,
                rule=cc.rules.BandRule(
                    [cc.model.Band("a", cc.model.Points(1), cc.model.at_least(edge))]
                ),
            )
        ],
    )
    again = cc.loads_set(cc.dumps_set(cs))
    assert again == cs
    assert plain(edge) == "0.1234567890123456789012345678901234"


@given(
    st.from_regex(r"\A[+-]?[0-9]{1,20}(,[0-9]{0,42})?\Z"),
    st.booleans(),
)
def test_plain_figures_read_at_once_read_as_the_general_reading_does(
    text: str, percent: bool
) -> None:
    # A space around the figure sends it down the general reading, which strips it.
    spaced = f" {text} "
    try:
        general = parse_number(spaced)
    except NumberFormatError:
        with pytest.raises(NumberFormatError):
            parse_number(text)
        with pytest.raises(NumberFormatError):
            parse_rate(text, percent=percent)
        return
    assert str(parse_number(text)) == str(general)
    assert parse_rate(text, percent=percent) == parse_rate(spaced, percent=percent)


_quotients = st.decimals(
    min_value=-(10**17), max_value=10**17, allow_nan=False, allow_infinity=False, places=None
).filter(lambda d: d.as_tuple().exponent >= -40)  # type: ignore[operator]


@given(_quotients, _quotients.filter(bool), st.sampled_from([1, 100]))
def test_an_exact_quotient_is_decimal_of_the_fraction_digit_for_digit(
    numerator: Decimal, denominator: Decimal, times: int
) -> None:
    from cchc_criteria.numbers import decimal_of, exact_quotient

    expected = decimal_of(Fraction(numerator) * times / Fraction(denominator))
    assert str(exact_quotient(numerator, denominator, times)) == str(expected)


@given(_quotients)
def test_the_quotient_form_is_the_canonical_form(value: Decimal) -> None:
    from cchc_criteria.numbers import canonical, quotient_form

    if len(value.as_tuple().digits) <= 34:
        assert str(quotient_form(value)) == str(canonical(value))
