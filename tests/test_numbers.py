"""Vietnamese numbers, rates and ratios: parsed exactly or refused with a reason."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria import NumberFormatError
from cchc_criteria.numbers import (
    decimal_of,
    format_number,
    parse_number,
    parse_rate,
    plain,
    round_points,
    to_decimal,
)
from cchc_support import S, assessment, run, unit


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
    from cchc_criteria.numbers import exact_quotient

    expected = decimal_of(Fraction(numerator) * times / Fraction(denominator))
    assert str(exact_quotient(numerator, denominator, times)) == str(expected)


@given(_quotients)
def test_the_quotient_form_is_the_canonical_form(value: Decimal) -> None:
    from cchc_criteria.numbers import canonical, quotient_form

    if len(value.as_tuple().digits) <= 34:
        assert str(quotient_form(value)) == str(canonical(value))


@pytest.mark.parametrize(
    "figure",
    [
        '"1e34"',
        '"1e-1000000%"',
        '"1e1000000"',
        '"1e308"',
        '"93,0000000000000000000000000000000000000000000001"',
        '"' + "9" * 1_000_000 + '"',
    ],
)
def test_huge_and_tiny_figures_are_findings(tmp_path: Path, figure: str) -> None:
    path = assessment(tmp_path, f'[answers]\n"7.1.2" = {figure}\n')
    code, out, err = run("score", S, path, lang="vi")
    assert code == 1, err
    assert "[invalid-answer] 7.1.2" in out
    assert "ngoài phạm vi" in out or "chữ số thập phân" in out or "ký tự" in out


def test_forty_digit_percentages_within_range_are_scored_and_printed(tmp_path: Path) -> None:
    path = assessment(tmp_path, '[answers]\n"7.1.2" = "93,000000000000000000000000000000000001"\n')
    code, out, _ = run("score", S, path, "-f", "json")
    assert code == 1
    node = next(n for n in json.loads(out)["nodes"] if n["code"] == "7.1.2")
    assert node["points"] == "1"


@pytest.mark.parametrize("value", [10**40, -(10**40), Decimal("1e-41"), Fraction(10**30, 3), 1e300])
def test_out_of_range_numbers_through_the_api(value: object) -> None:
    with pytest.raises(cc.NumberFormatError, match=r"out of range|decimal places"):
        cc.model.Points(value)  # type: ignore[arg-type]
    card = cc.score(cc.get_set(S), {"7.1.2": value})
    (finding,) = [f for f in card.findings if f.criterion == "7.1.2"]
    assert finding.code == "invalid-answer"
    assert "out of range" in finding.message


def test_limits_bound_the_work_per_number() -> None:
    from cchc_criteria.numbers import MAX_DECIMALS, MAX_MAGNITUDE, MAX_NUMBER_TEXT, parse_number

    assert parse_number("9" * MAX_MAGNITUDE) == Decimal("9" * MAX_MAGNITUDE)
    with pytest.raises(cc.NumberFormatError, match="out of range"):
        parse_number("1" + "0" * MAX_MAGNITUDE)
    assert parse_number("0," + "0" * (MAX_DECIMALS - 1) + "1") == Decimal(f"1e-{MAX_DECIMALS}")
    with pytest.raises(cc.NumberFormatError, match="decimal places"):
        parse_number("0," + "0" * MAX_DECIMALS + "1")
    with pytest.raises(cc.NumberFormatError, match="characters"):
        parse_number("1" * (MAX_NUMBER_TEXT + 1))
    # Trailing zeros are not decimals that matter.
    assert parse_number("1," + "0" * 60) == 1


@pytest.mark.parametrize("digits", [310, 4300, 5000])
@pytest.mark.parametrize("table", ["answers", "self_assessed"])
def test_an_integer_of_thousands_of_digits_is_out_of_range(
    tmp_path: Path, digits: int, table: str
) -> None:
    path = unit(tmp_path, f'[{table}]\n"7.1.2" = {"9" * digits}\n')
    code, _, err = run("score", S, path)
    assert code in (1, 2)
    assert "out of range" in err or code == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "value",
    [Fraction(10**400), Fraction(1, 10**400), 10**5000, -(10**30), {"value": 10**5000}],
    ids=["fraction-10^400", "fraction-10^-400", "int-10^5000", "int--10^30", "table-10^5000"],
)
def test_huge_numbers_through_the_api_are_findings(value: object) -> None:
    card = cc.score(cc.get_set(S), {"7.1.2": value, "7.1.3": value, "7.2.2": value})
    for code in ("7.1.2", "7.1.3", "7.2.2"):
        assert card[code].points is None
    assert {f.code for f in card.findings if f.criterion == "7.1.2"} == {"invalid-answer"}
    assert all(isinstance(f.message, str) for f in card.findings)
    assert (
        "out of range" in card["7.1.2"].explanation.en or "expected" in card["7.1.2"].explanation.en
    )
