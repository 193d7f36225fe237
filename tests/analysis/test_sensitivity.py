"""Sensitivity over a cohort, checked against scoring every unit again by hand (issue 26)."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.analysis.ranking import rank
from cchc_criteria.analysis.sensitivity import sensitivity
from cchc_criteria.numbers import decimal_of, plain
from cchc_support import run

SET = """\
id = "demo.sens"
title = "Độ nhạy"

[[criteria]]
code = "1"
title = "Kế hoạch"
max = 2
rule = "yes_no"

[[criteria]]
code = "2"
title = "Tỷ lệ trực tuyến"
max = 3
rule = "proportional"

[[criteria]]
code = "3"
title = "Tỷ lệ đúng hạn"
max = 5
rule = "bands"
bands = [
  { from = 90, points = 5 }, { from = 70, below = 90, points = 3 }, { below = 70, points = 0 },
]
"""

# The answer that gives each criterion its max, and the one that gives it nothing.
FULL = {"1": True, "2": "100%", "3": "95%"}
NONE = {"1": False, "2": "0%", "3": "10%"}


def _place(card: cc.Scorecard, cohort: list[cc.Scorecard]) -> int:
    """The unit's place, ranking the cohort by hand with its card replaced."""
    ranked = rank([(c, "", str(i)) for i, c in enumerate(cohort)])
    return next(r.rank for r in ranked if r.source == str(cohort.index(card)))  # type: ignore[return-value]


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(0, 100), st.integers(0, 100)), min_size=2, max_size=6
    )
)
def test_every_figure_is_the_cohort_scored_again_by_hand(
    units: list[tuple[bool, int, int]],
) -> None:
    criterion_set = cc.loads_set(SET)
    cards = cc.score_many(
        criterion_set,
        [{"1": plan, "2": f"{rate}%", "3": f"{on_time}%"} for plan, rate, on_time in units],
    )
    for row in sensitivity(cards):
        gains, losses, up, down = [], [], [], []
        for position, card in enumerate(cards):
            assert card.index is not None
            high = card.with_answers({row.code: FULL[row.code]})
            low = card.with_answers({row.code: NONE[row.code]})
            assert high.index is not None
            assert low.index is not None
            gains.append(Fraction(high.index - card.index))
            losses.append(Fraction(low.index - card.index))
            place = _place(card, cards)
            for moved, places in ((high, up), (low, down)):
                others = [*cards[:position], moved, *cards[position + 1 :]]
                places.append(place - _place(moved, others))
        assert row.units == len(cards)
        assert row.to_max == decimal_of(sum(gains, Fraction(0)) / len(gains))
        assert row.to_min == decimal_of(sum(losses, Fraction(0)) / len(losses))
        assert row.places_to_max == decimal_of(Fraction(sum(up), len(up)))
        assert row.places_to_min == decimal_of(Fraction(sum(down), len(down)))
        assert row.losing == sum(
            1 for c in cards if (c[row.code].points or 0) < c[row.code].max_points
        )


def test_one_band_up_is_advices_step() -> None:
    criterion_set = cc.loads_set(SET)
    cards = cc.score_many(criterion_set, [{"1": True, "2": "50%", "3": "80%"}])
    (band,) = [row for row in sensitivity(cards) if row.code == "3"]
    # 80 % → the next band from 90 %: 3 → 5 points of 10, +20 points of index.
    assert band.band_up == Decimal(20)
    assert band.to_max == Decimal(20)
    assert band.to_min == Decimal(-30)


def test_the_command_in_text_json_and_html(tmp_path: Path) -> None:
    (tmp_path / "set.toml").write_text(SET, encoding="utf-8")
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "a.toml").write_text('unit = "A"\n[answers]\n"1" = true\n"2" = "50%"\n"3" = "80%"\n')
    (folder / "b.toml").write_text(
        'unit = "B"\n[answers]\n"1" = false\n"2" = "100%"\n"3" = "95%"\n'
    )
    args = ["sensitivity", str(tmp_path / "set.toml"), str(folder)]
    code, out, _ = run(*args, "--lang", "en")
    assert code == 0, out
    assert out.startswith("Sensitivity: demo.sens, 2 units")
    code, out, _ = run(*args, "-f", "json")
    data = json.loads(out)
    cards = cc.score_many(
        cc.loads_set(SET), [cc.load_assessment(folder / n) for n in ("a.toml", "b.toml")]
    )
    expected = {row.code: str(row.to_max) for row in sensitivity(cards)}
    assert {row["code"]: row["to_max"] for row in data["criteria"]} == expected
    code, out, _ = run(*args, "-f", "html", "--lang", "vi")
    assert "<h1>Độ nhạy — demo.sens</h1>" in out
    assert out.count('class="bar"') == 3


def test_the_ranking_page_carries_the_cohorts_sensitivity(tmp_path: Path) -> None:
    (tmp_path / "set.toml").write_text(SET, encoding="utf-8")
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "a.toml").write_text('unit = "A"\n[answers]\n"1" = true\n"2" = "50%"\n"3" = "80%"\n')
    (folder / "b.toml").write_text('unit = "B"\n[answers]\n"1" = false\n"2" = "90%"\n"3" = "95%"\n')
    args = ["rank", str(tmp_path / "set.toml"), str(folder), "-f", "html", "--lang", "en"]
    code, plain_page, _ = run(*args)
    assert code == 0, plain_page
    code, page, _ = run(*args, "--sensitivity")
    assert code == 0, page
    ranking_part, section = page.split("<h2>Sensitivity by criterion</h2>")
    assert plain_page.split("</body>")[0] == ranking_part  # the ranking as rank draws it
    cards = cc.score_many(
        cc.loads_set(SET), [cc.load_assessment(folder / n) for n in ("a.toml", "b.toml")]
    )
    for row in sensitivity(cards):  # each criterion's row shows the core's own numbers
        shown = [plain(v.quantize(Decimal("0.01"))) for v in (row.to_max, row.to_min)]
        cells = f"<td>{row.code}</td><td>{row.title}</td><td>{shown[0]}</td><td>{shown[1]}</td>"
        assert cells in section
    assert section.count('class="bar"') == 3
    code, _, err = run(*args[:3], "--lang", "en", "--sensitivity")  # text: no place for it
    assert code != 0
    assert "--sensitivity goes with -f html" in err
