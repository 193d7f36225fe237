"""quangngai.so.2019: the set as published, and the seed department's scorecard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import cchc_criteria as cc
from cchc_criteria.testing import check_criterion_set
from cchc_criteria_quangngai import example_path, set_path

# (code, max points) of every row of Phụ lục 3, in document order, as printed.
PUBLISHED = [
    ("7", "13"),
    ("7.1", "4.5"),
    ("7.1.1", "1.5"),
    ("7.1.2", "1"),
    ("7.1.3", "1"),
    ("7.1.4", "1"),
    ("7.2", "3"),
    ("7.2.1", "1"),
    ("7.2.2", "1"),
    ("7.2.3", "1"),
    ("7.3", "2.5"),
    ("7.3.1", "0.5"),
    ("7.3.2", "1"),
    ("7.3.3", "1"),
    ("7,4", "3"),
    ("7.4.1", "1.5"),
    ("7.4.2", "1.5"),
]

# The "Điểm tự đánh giá" column of the table (blank cells absent).
SELF_ASSESSED = {
    "7": "7.5",
    "7.1": "4.5",
    "7.1.1": "1.5",
    "7.1.2": "1",
    "7.1.3": "1",
    "7.1.4": "1",
    "7.2": "0",
    "7.2.1": "0",
    "7.2.3": "0",
    "7.3": "0",
    "7.3.1": "0",
    "7.3.3": "0",
    "7,4": "3",
    "7.4.1": "1.5",
    "7.4.2": "1.5",
}


@pytest.fixture(scope="module")
def cs() -> cc.CriterionSet:
    return cc.get_set("quangngai.so.2019")


def test_registered_through_the_entry_point(cs: cc.CriterionSet) -> None:
    assert cs == cc.load_set(set_path("quangngai.so.2019"))
    (registered,) = [r for r in cc.list_sets() if r.criterion_set.id == "quangngai.so.2019"]
    assert registered.plugin == "quangngai"


def test_every_row_as_published(cs: cc.CriterionSet) -> None:
    assert [(c.code, c.max_points) for c in cs.walk()] == [
        (code, Decimal(points)) for code, points in PUBLISHED
    ]
    assert cs.max_points == 13
    assert cs.unit_kind is cc.UnitKind.DEPARTMENT
    assert (cs.valid_from, cs.valid_until) == (date(2019, 1, 1), date(2019, 12, 31))
    assert "lĩnh vực 7" in cs.scope
    assert "Phụ lục 3" in cs.source


def test_band_texts_are_kept_with_their_typos(cs: cc.CriterionSet) -> None:
    rule = cs.find("7.1.2").rule  # type: ignore[union-attr]
    assert isinstance(rule, cc.rules.BandRule)
    assert [b.label for b in rule.bands] == [
        "Từ 90% số văn bản trả lên",
        "Từ 60% - dưới 90% số văn bản",
        "Từ 50% - dưới 60% số văn bản",
        "Dưới 50% số văn bản",
    ]


def test_the_issue_example(cs: cc.CriterionSet) -> None:
    card = cc.score(cs, {"7.1.2": "93%", "7.1.3": True, "7.2.2": "3/41", "7.4.1": cc.NA})
    assert not card.complete
    assert card["7.1.2"].points == 1
    assert card["7.1.2"].index == 100
    assert card["7.1.3"].points == 1
    assert card["7.2.2"].points == 0
    assert card["7.2.2"].figure == "3/41"
    assert card["7.4.1"].points is None
    assert not card["7.4.1"].applicable
    assert card.max_points == Decimal("11.5")  # 13 less 7.4.1's 1.5
    assert card["7,4"].max_points == Decimal("1.5")
    assert card.points == 2
    assert card.open_points == Decimal("8.5")  # 11.5 less the 3 points scored
    assert isinstance(card.index, Decimal)
    assert {f.code for f in card.findings} == {"unanswered"}


def test_the_seed_scorecard(cs: cc.CriterionSet) -> None:
    assessment = cc.load_assessment(example_path())
    card = cc.score(cs, assessment)
    # What the report's figures determine agrees with the department's own column.
    determined = {
        "7.1.2": 1,
        "7.1.3": 1,
        "7.1.4": 1,
        "7.2": 0,
        "7.2.1": 0,
        "7.2.2": 0,
        "7.2.3": 0,
        "7.3.1": 0,
        "7,4": 3,
        "7.4.1": "1.5",
        "7.4.2": "1.5",
    }
    for code, points in determined.items():
        assert card[code].points == Decimal(points), code
        assert card[code].complete, code
    # Self-assessed 7.5 of 13 in the report; the figures determine 6 and leave 3.5 open.
    assert card["7"].self_assessed == Decimal("7.5")
    assert card["7"].published_max == 13
    assert card.points == 6
    assert card.open_points == Decimal("3.5")
    assert not card.complete
    assert {code: card[code].self_assessed for code in SELF_ASSESSED} == {
        code: Decimal(v) for code, v in SELF_ASSESSED.items()
    }
    # Every blank or undetermined cell is a finding, never a silent 0.
    findings = {(f.code, f.criterion) for f in card.findings}
    assert findings == {
        ("band-needs-figure", "7.1.1"),
        ("self-assessed-unchecked", "7.1.1"),
        ("self-assessed-unchecked", "7.1"),
        ("self-assessed-missing", "7.2.2"),
        ("unanswered", "7.3.2"),
        ("band-needs-figure", "7.3.3"),
        ("self-assessed-unchecked", "7.3.3"),
        ("self-assessed-unchecked", "7.3"),
        ("self-assessed-unchecked", "7"),
    }
    assert card["7.1.1"].points is None
    assert card["7.3.2"].points is None
    # The set's own published mistakes that touch the criteria the department answered.
    assert {(f.code, f.criterion) for f in card.lint_findings} == {
        ("code-typo", "7,4"),
        ("band-gap", "7.1.1"),
        ("band-overlap", "7.2.1"),
        ("band-jump", "7.2.3"),
        ("award-above-max", "7.3.3"),
        ("not-monotone", "7.3.3"),
    }


@pytest.mark.parametrize(
    ("code", "answer", "points", "finding"),
    [
        ("7.1.1", "75%", None, "no-band"),  # 70–80 % is in no published band
        ("7.1.1", "69,9%", Decimal(0), None),
        ("7.1.1", "80%", Decimal("1.2"), None),
        ("7.2.1", "85%", Decimal(1), "overlapping-bands"),  # ≥ 80 and ≥ 60 overlap
        ("7.2.1", "70%", Decimal("0.5"), None),
        ("7.2.3", "29%", Decimal("0.725"), None),  # "× 1/40 %" below its 30 % edge
        ("7.2.3", "30%", Decimal(1), None),
        ("7.3.3", "12%", Decimal(1), "held-to-max"),  # "× 1/10 %" gives 1.2 > max 1
        ("7.3.3", "8%", Decimal("0.8"), None),
        ("7.1.4", "100%", Decimal(1), None),
        ("7.1.4", "99,99%", Decimal("0.5"), None),
    ],
)
def test_published_mistakes_score_as_published(
    cs: cc.CriterionSet, code: str, answer: str, points: Decimal | None, finding: str | None
) -> None:
    card = cc.score(cs, {code: answer})
    assert card[code].points == points
    codes = {f.code for f in card.findings if f.criterion == code}
    assert codes == ({finding} if finding else set())


def test_the_set_passes_the_plugin_conformance_check(cs: cc.CriterionSet) -> None:
    check_criterion_set(cs, max_examples=100)


def test_the_example_ships_with_the_distribution() -> None:
    assert example_path().is_file()
    assert cc.load_assessment(example_path()).set_id == "quangngai.so.2019"


def test_the_data_file_lies_beside_the_table_row_by_row() -> None:
    text = set_path("quangngai.so.2019").read_text(encoding="utf-8")
    codes = [line.split('"')[1] for line in text.splitlines() if line.startswith("code = ")]
    assert codes == [code for code, _ in PUBLISHED]


def test_the_data_file_round_trips(cs: cc.CriterionSet) -> None:
    assert cc.loads_set(cc.dumps_set(cs)) == cs
    assert cc.loads_set(cc.dumps_set(cs, format="json"), format="json") == cs
