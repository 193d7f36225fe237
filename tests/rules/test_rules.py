"""Yes/no, verdicts, proportional, counts and manual rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc_criteria import Scale
from cchc_criteria.model import FractionOfMax, Points
from cchc_criteria.rules import (
    ChoiceRule,
    DeductionRule,
    ManualRule,
    Option,
    PerItemRule,
    ProportionalRule,
    YesNoRule,
)

ISSUED = YesNoRule(
    yes=Option("Đã ban hành kế hoạch", Points("1,5")), no=Option("Chưa ban hành", Points(0))
)


@pytest.mark.parametrize(
    "answer",
    [True, "Có", "có", "CO", "yes", "true", "Đã ban hành kế hoạch", "đã ban hành KẾ HOẠCH"],
)
def test_yes_answers(answer: object) -> None:
    assert ISSUED.score(answer, Decimal("1.5")).points == Decimal("1.5")


@pytest.mark.parametrize("answer", [False, "Không", "khong", "no", "false", "Chưa ban hành"])
def test_no_answers(answer: object) -> None:
    assert ISSUED.score(answer, Decimal("1.5")).points == 0


@pytest.mark.parametrize("answer", ["có lẽ", 1.5, None, "Không áp dụng"])
def test_yes_no_refuses_anything_else(answer: object) -> None:
    outcome = ISSUED.score(answer, Decimal("1.5"))
    assert outcome.points is None
    assert outcome.findings[0].code == "invalid-answer"
    assert "Đã ban hành kế hoạch" in outcome.findings[0].message


def test_default_yes_no_awards_the_max() -> None:
    assert YesNoRule().score("Có", Decimal(2)).points == 2
    assert YesNoRule().score("Không", Decimal(2)).points == 0


VERDICT = ChoiceRule(
    [
        Option("Hoàn thành xuất sắc", FractionOfMax(1)),
        Option("Hoàn thành tốt", FractionOfMax("0.75"), aliases=["tốt"]),
        Option("Hoàn thành", FractionOfMax("0.5")),
        Option("Không hoàn thành", Points(0)),
    ]
)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Hoàn thành xuất sắc", Decimal(4)),
        ("hoàn thành tốt", Decimal(3)),
        ("Tot", Decimal(3)),
        ("HOÀN THÀNH", Decimal(2)),
        ("Không hoàn thành", Decimal(0)),
    ],
)
def test_verdicts_by_label_folded(answer: str, expected: Decimal) -> None:
    outcome = VERDICT.score(answer, Decimal(4))
    assert outcome.points == expected


def test_unknown_verdict_lists_the_options() -> None:
    outcome = VERDICT.score("Khá", Decimal(4))
    assert outcome.points is None
    assert "Hoàn thành tốt" in outcome.findings[0].message


@pytest.mark.parametrize(
    ("scale", "answer", "expected"),
    [
        (Scale.PERCENT, 50, Decimal(2)),
        (Scale.PERCENT, "3/4", Decimal(3)),
        (Scale.RATIO, Decimal("0.25"), Decimal(1)),
        (Scale.RATIO, "50%", Decimal(2)),
    ],
)
def test_proportional(scale: Scale, answer: object, expected: Decimal) -> None:
    assert ProportionalRule(scale).score(answer, Decimal(4)).points == expected


def test_proportional_refuses_rates_above_one_whole() -> None:
    assert ProportionalRule(Scale.RATIO).score("1.5", Decimal(4)).findings[0].code == (
        "out-of-domain"
    )


def test_proportional_needs_a_rate_scale() -> None:
    with pytest.raises(ValueError, match='"percent" or "ratio"'):
        ProportionalRule(Scale.COUNT)


def test_per_item_with_cap() -> None:
    # "1 điểm cho mỗi ứng dụng đang sử dụng, tối đa 5 điểm"
    rule = PerItemRule(1, cap=5)
    assert [rule.score(n, Decimal(5)).points for n in (0, 3, 5, 9)] == [0, 3, 5, 5]
    assert rule.score("2.5", Decimal(5)).findings[0].code == "invalid-answer"
    assert rule.score(-2, Decimal(5)).findings[0].code == "out-of-domain"
    assert rule.points_range(Decimal(5)) == (0, 5)


def test_per_item_without_cap_is_unbounded() -> None:
    assert PerItemRule("0.5").points_range(Decimal(2)) == (0, None)


def test_deduction_with_floor() -> None:
    # "mỗi báo cáo trễ hạn trừ 0,5 điểm"
    rule = DeductionRule("0,5")
    assert [rule.score(n, Decimal(2)).points for n in (0, 1, 3, 4, 10)] == [2, 1.5, 0.5, 0, 0]
    assert DeductionRule("0,5", floor="0,5").score(10, Decimal(2)).points == Decimal("0.5")


@pytest.mark.parametrize(("answer", "expected"), [("1,25", Decimal("1.25")), (0, 0), (2, 2)])
def test_manual_within_bounds(answer: object, expected: Decimal) -> None:
    assert ManualRule().score(answer, Decimal(2)).points == expected


@pytest.mark.parametrize("answer", ["2,5", -1])
def test_manual_outside_bounds(answer: object) -> None:
    outcome = ManualRule().score(answer, Decimal(2))
    assert outcome.points is None
    assert outcome.findings[0].code == "out-of-domain"


def test_every_rule_describes_itself_in_both_languages() -> None:
    for rule in (
        ISSUED,
        VERDICT,
        ProportionalRule(),
        PerItemRule(1, 5),
        DeductionRule(1),
        ManualRule(),
    ):
        assert rule.describe(Decimal(2))
        assert rule.describe(Decimal(2), lang="en")
        assert rule.describe(Decimal(2)) != rule.describe(Decimal(2), lang="en")
