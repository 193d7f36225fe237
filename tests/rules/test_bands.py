"""Band rules: the published edge words map one to one to closed and open edges."""

from __future__ import annotations

from decimal import Decimal

import pytest

import cchc_criteria as cc
from cchc_criteria import ChosenBand, Scale
from cchc_criteria.model import Band, FractionOfMax, Linear, Points, above, at_least, at_most, below
from cchc_criteria.rules import BandRule
from cchc_support import S

MAX = Decimal(1)

# "Từ 90% trở lên: 1; từ 60% đến dưới 90%: 0,5; từ 50% đến dưới 60%: 0,25; dưới 50%: 0"
SEED_LIKE = BandRule(
    [
        Band("Từ 90% trở lên", Points(1), at_least(90)),
        Band("Từ 60% - dưới 90%", Points("0,5"), at_least(60), below(90)),
        Band("Từ 50% - dưới 60%", Points("0,25"), at_least(50), below(60)),
        Band("Dưới 50%", Points(0), upper=below(50)),
    ]
)


def points(rule: BandRule, answer: object, max_points: Decimal = MAX) -> Decimal | None:
    return rule.score(answer, max_points).points


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (Decimal(90), Decimal(1)),  # "từ 90" includes 90
        (Decimal("89.999999999999999999999999"), Decimal("0.5")),
        (Decimal("90.000000000000000000000001"), Decimal(1)),
        ("89,999%", Decimal("0.5")),
        (Decimal(60), Decimal("0.5")),
        (Decimal("59.99"), Decimal("0.25")),
        (Decimal(50), Decimal("0.25")),
        (Decimal("49.9"), Decimal(0)),
        (0, Decimal(0)),
        (100, Decimal(1)),
        ("93%", Decimal(1)),
        ("93,5 %", Decimal(1)),
        ("9/10", Decimal(1)),  # exactly 90 %
        ("8/9", Decimal("0.5")),  # 88.88…%
        ("3/41", Decimal(0)),  # 7.3 %
    ],
)
def test_seed_like_bands_at_and_around_their_edges(answer: object, expected: Decimal) -> None:
    assert points(SEED_LIKE, answer) == expected


def test_89_5_is_never_rounded_into_the_90_band() -> None:
    outcome = SEED_LIKE.score(Decimal("89.5"), MAX)
    assert outcome.points == Decimal("0.5")
    assert outcome.matched == "Từ 60% - dưới 90%"
    assert outcome.value == Decimal("89.5")


@pytest.mark.parametrize(
    ("lower", "upper", "inside", "outside"),
    [
        (at_least(10), None, ["10", "10.0001", "100"], ["9.9999"]),  # từ 10 trở lên
        (above(10), None, ["10.0001", "50"], ["10", "9"]),  # trên 10
        (None, below(10), ["0", "9.9999"], ["10", "10.5"]),  # dưới 10
        (None, at_most(10), ["0", "10"], ["10.0001"]),  # đến 10
        (at_least(10), below(20), ["10", "19.9999"], ["9.9999", "20"]),
        (above(10), at_most(20), ["10.0001", "20"], ["10", "20.0001"]),
        (at_least(10), at_most(10), ["10"], ["9.9999", "10.0001"]),
        (above(10), below(20), ["10.0001", "19.9999"], ["10", "20"]),
    ],
)
def test_every_edge_kind_is_closed_or_open_as_worded(
    lower: cc.model.Lower | None,
    upper: cc.model.Upper | None,
    inside: list[str],
    outside: list[str],
) -> None:
    rule = BandRule([Band("the band", Points(1), lower, upper)])
    for value in inside:
        assert points(rule, Decimal(value)) == 1, value
    for value in outside:
        outcome = rule.score(Decimal(value), MAX)
        assert outcome.points is None, value
        assert [f.code for f in outcome.findings] == ["no-band"]


def test_fraction_of_max_award() -> None:
    rule = BandRule([Band("hoàn thành tốt", FractionOfMax("0.75"), at_least(0))])
    assert points(rule, 50, Decimal(4)) == Decimal(3)


def test_linear_award_inside_its_band_is_exact() -> None:
    # "Hoàn thành từ 80% - 100% kế hoạch: [tỷ lệ % hoàn thành x 1.5/100%]"
    rule = BandRule([Band("80-100", Linear("1.5", 100), at_least(80), at_most(100))])
    assert points(rule, 80, Decimal("1.5")) == Decimal("1.2")
    assert points(rule, "93,5%", Decimal("1.5")) == Decimal("1.4025")
    assert points(rule, 100, Decimal("1.5")) == Decimal("1.5")


def test_linear_award_keeps_exact_beside_rounded() -> None:
    # "(tỷ lệ / 85 %) × 10, tối đa 10, làm tròn 2 chữ số"
    rule = BandRule(
        [
            Band("60-85", Linear(10, 85, cap=10, places=2), at_least(60), below(85)),
            Band("85+", Points(10), at_least(85)),
        ]
    )
    outcome = rule.score(70, Decimal(10))
    assert outcome.points == Decimal("8.24")
    assert outcome.exact is not None
    assert outcome.exact.quantize(Decimal("1e-20")) == Decimal("8.23529411764705882353")


def test_ratio_is_matched_exactly_before_any_decimal_conversion() -> None:
    # 2/3 of 100 % is 66.66…; with an edge at 66.666666666666666666666666666666667 (above the
    # value) a rounded Decimal would wrongly fall in the upper band.
    edge = Decimal("66.666666666666666666666666666666667")
    rule = BandRule(
        [
            Band("low", Points(0), upper=below(edge)),
            Band("high", Points(1), at_least(edge)),
        ]
    )
    assert points(rule, "2/3") == 0


def test_overlapping_bands_use_the_first_in_document_order_and_warn() -> None:
    rule = BandRule(
        [
            Band("Từ 80% trở lên", Points(1), at_least(80)),
            Band("Từ 60% trở lên", Points("0.5"), at_least(60)),
            Band("Dưới 60%", Points(0), upper=below(60)),
        ]
    )
    outcome = rule.score(85, MAX)
    assert outcome.points == 1
    assert [f.code for f in outcome.findings] == ["overlapping-bands"]
    assert rule.score(70, MAX).points == Decimal("0.5")
    assert rule.score(70, MAX).findings == ()


def test_a_gap_leaves_the_criterion_unscored_with_an_error() -> None:
    rule = BandRule(
        [
            Band("80-100", Linear("1.5", 100), at_least(80), at_most(100)),
            Band("Dưới 70%", Points(0), upper=below(70)),
        ]
    )
    outcome = rule.score(75, Decimal("1.5"))
    assert outcome.points is None
    (finding,) = outcome.findings
    assert finding.code == "no-band"
    assert finding.severity is cc.Severity.ERROR
    assert "75 %" in finding.message


@pytest.mark.parametrize("answer", ["120%", "5/3", -1, "-0,5%"])
def test_rates_outside_0_to_100_are_out_of_domain(answer: object) -> None:
    outcome = SEED_LIKE.score(answer, MAX)
    assert outcome.points is None
    assert [f.code for f in outcome.findings] == ["out-of-domain"]


@pytest.mark.parametrize("answer", ["0/0", "3/0", "abc", True, "", "1.500"])
def test_malformed_answers_are_invalid_not_crashes(answer: object) -> None:
    outcome = SEED_LIKE.score(answer, MAX)
    assert outcome.points is None
    assert [f.code for f in outcome.findings] == ["invalid-answer"]


def test_zero_over_zero_message_suggests_not_applicable() -> None:
    (finding,) = SEED_LIKE.score("0/0", MAX).findings
    assert "NA" in finding.message


def test_count_bands() -> None:
    # "Ban chỉ đạo họp 4 lần/năm: 20 điểm; 3 lần: 15; 2 lần: 10; 1 lần: 5; không họp: 0"
    rule = BandRule(
        [
            Band("4 lần trở lên", Points(20), at_least(4)),
            Band("3 lần", Points(15), at_least(3), at_most(3)),
            Band("2 lần", Points(10), at_least(2), at_most(2)),
            Band("1 lần", Points(5), at_least(1), at_most(1)),
            Band("không họp", Points(0), at_most(0)),
        ],
        Scale.COUNT,
    )
    assert [points(rule, n, Decimal(20)) for n in range(6)] == [0, 5, 10, 15, 20, 20]
    assert rule.score("2,5", Decimal(20)).findings[0].code == "invalid-answer"
    assert rule.score(-1, Decimal(20)).findings[0].code == "out-of-domain"
    assert rule.score("50%", Decimal(20)).findings[0].code == "invalid-answer"


def test_chosen_band_by_position_and_by_label() -> None:
    assert SEED_LIKE.score(ChosenBand(2), MAX).points == Decimal("0.5")
    assert SEED_LIKE.score(ChosenBand("từ 60% - DƯỚI 90%"), MAX).points == Decimal("0.5")
    outcome = SEED_LIKE.score(ChosenBand(9), MAX)
    assert outcome.points is None
    assert outcome.findings[0].code == "unknown-band"


def test_chosen_formula_band_needs_the_figure_and_says_its_range() -> None:
    rule = BandRule([Band("80-100", Linear("1.5", 100), at_least(80), at_most(100))])
    outcome = rule.score(ChosenBand(1), Decimal("1.5"))
    assert outcome.points is None
    (finding,) = outcome.findings
    assert finding.code == "band-needs-figure"
    assert "1.2" in finding.message
    assert "1.5" in finding.message


def test_points_range_shows_a_formula_that_overshoots_its_max() -> None:
    # 7.3.3 as published: "Dưới 15%: tỷ lệ × 1/10%" reaches 1.5 for a 1-point criterion.
    rule = BandRule(
        [
            Band("Từ 15% trở lên", Points(1), at_least(15)),
            Band("Dưới 15%", Linear(1, 10), upper=below(15)),
        ]
    )
    assert rule.points_range(MAX) == (Decimal(0), Decimal("1.5"))


def test_describe_uses_the_published_edge_words() -> None:
    text = SEED_LIKE.describe(MAX)
    assert "từ 90 % trở lên: 1 điểm" in text
    assert "từ 60 % đến dưới 90 %: 0,5 điểm" in text
    assert "dưới 50 %: 0 điểm" in text
    assert "from 60 % to under 90 %: 0.5 points" in SEED_LIKE.describe(MAX, lang="en")


def test_a_band_rule_needs_a_band() -> None:
    with pytest.raises(ValueError, match="at least one band"):
        BandRule([])


def test_a_fraction_typed_for_a_percentage_is_kept_and_questioned() -> None:
    card = cc.score(cc.get_set(S), {"7.2.2": "0,95"})
    assert card["7.2.2"].value == Decimal("0.95")  # read as typed
    (warning,) = [f for f in card.findings if f.code == "fraction-for-percent"]
    assert warning.criterion == "7.2.2"
    assert "95" in warning.message
    assert '"95%"' in warning.message
    assert "ghi 95" in warning.message_vi
    for typed in ("95%", "19/20", "95", "0%", 0):
        card = cc.score(cc.get_set(S), {"7.2.2": typed})
        assert not [f for f in card.findings if f.code == "fraction-for-percent"], typed
