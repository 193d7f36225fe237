"""Sets that change year by year: the set in force, what changed, what replaced a province."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.analysis.compare import Side, chronological, compare_years
from cchc_criteria.analysis.diff import MIRROR
from cchc_criteria.api import diff_sets
from cchc_criteria.cli import cli
from cchc_criteria.succession import MERGERS_2025, UNCHANGED_2025, ended, successor
from cchc_criteria.testing import criterion_sets, rules

DATA = Path(__file__).parent / "data"
V2024 = DATA / "demo.xa.2024.toml"
V2025 = DATA / "demo.xa.2025.toml"


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    """``cchc ARGS``, with messages in ``lang`` (English unless a test asks for Vietnamese)."""
    result = CliRunner().invoke(cli, list(args), env={"CCHC_LANG": lang})
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- periods


def test_the_in_force_wording_is_kept_as_published() -> None:
    cs = cc.load_set(V2025)
    assert cs.in_force_text == "năm 2025"
    assert (cs.valid_from, cs.valid_until) == (date(2025, 1, 1), date(2025, 12, 31))
    again = cc.loads_set(cc.dumps_set(cs))
    assert again == cs
    assert 'in_force = "năm 2025"' in cc.dumps_set(cs)
    assert again.lineage == cs.lineage


def test_an_assessment_outside_the_sets_period_is_flagged() -> None:
    cs = cc.load_set(V2025)
    card = cc.score(cs, cc.Assessment(answers={}, period="năm 2026"))
    (warning,) = [f for f in card.findings if f.code == "period-outside-set"]
    assert warning.message_vi == (
        "kỳ đánh giá năm 2026 nằm ngoài thời gian áp dụng của bộ tiêu chí (năm 2025)"
    )
    inside = cc.score(cs, cc.Assessment(answers={}, period="6 tháng đầu năm 2025"))
    assert "period-outside-set" not in [f.code for f in inside.findings]


# --------------------------------------------------------------------------- finding a set


def a_set(set_id: str, province: str, in_force: str, kind: str = "sở") -> cc.CriterionSet:
    text = (
        f'id = "{set_id}"\ntitle = "{set_id}"\nprovince = "{province}"\nunit_kind = "{kind}"\n'
        f'in_force = "{in_force}"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 1\n'
        'rule = "yes_no"\n'
    )
    return cc.loads_set(text)


@pytest.fixture
def installed() -> tuple[cc.registry.RegisteredSet, ...]:
    sets = [
        a_set("kontum.so.2024", "Kon Tum", "từ 1/1/2024 đến 30/6/2025"),
        a_set("quangngai.so.2025", "Quảng Ngãi", "từ 1/7/2025 đến 31/12/2025"),
        a_set("quangngai.so.2025b", "Quảng Ngãi", "năm 2025"),
        a_set("hanoi.huyen.2024", "Hà Nội", "năm 2024", kind="huyện"),
    ]
    return tuple(cc.registry.RegisteredSet(cs, "test") for cs in sets)


def test_find_set_across_the_2025_boundary(
    installed: tuple[cc.registry.RegisteredSet, ...],
) -> None:
    before = cc.find_set(province="Kon Tum", unit_kind="sở", on=date(2025, 3, 1), sets=installed)
    assert before.id == "kontum.so.2024"
    with pytest.raises(cc.SetNotFoundError) as caught:
        cc.find_set(province="Kon Tum", unit_kind="sở", on=date(2025, 8, 1), sets=installed)
    error = caught.value
    assert error.successor == "Quảng Ngãi"
    assert error.candidates == ["kontum.so.2024"]
    assert "Kon Tum was merged into Quảng Ngãi from 01/07/2025" in str(error)
    assert "look for the sets of Quảng Ngãi: quangngai.so.2025, quangngai.so.2025b" in str(error)
    assert "kontum.so.2024 (từ 1/1/2024 đến 30/6/2025)" in str(error)


def test_find_set_names_every_set_when_several_are_in_force(
    installed: tuple[cc.registry.RegisteredSet, ...],
) -> None:
    with pytest.raises(cc.AmbiguousSetError) as caught:
        cc.find_set(province="quang ngai", unit_kind="so", on="31/12/2025", sets=installed)
    assert caught.value.candidates == ["quangngai.so.2025", "quangngai.so.2025b"]
    only = cc.find_set(province="Quảng Ngãi", on=date(2025, 3, 1), sets=installed)
    assert only.id == "quangngai.so.2025b"


def test_find_set_says_the_district_level_ended(
    installed: tuple[cc.registry.RegisteredSet, ...],
) -> None:
    assert cc.find_set(province="Hà Nội", unit_kind="huyện", on="năm 2024", sets=installed)
    with pytest.raises(cc.SetNotFoundError, match="the huyện level ended on 01/07/2025"):
        cc.find_set(province="Hà Nội", unit_kind="huyện", on="năm 2026", sets=installed)


def test_find_set_for_a_whole_period_and_the_installed_plugin() -> None:
    assert cc.find_set(province="Quảng Ngãi", unit_kind="sở", on="năm 2019").id == (
        "quangngai.so.2019"
    )
    with pytest.raises(cc.SetNotFoundError, match="no installed set is in force for Quảng Ngãi"):
        cc.find_set(province="Quảng Ngãi", unit_kind="sở", on="từ năm 2019 đến năm 2020")


def test_sets_on_a_day() -> None:
    assert "quangngai.so.2019" in run("sets", "--on", "31/12/2019")[1]
    assert run("sets", "--on", "1/1/2020")[1] == ""
    code, _, err = run("sets", "--on", "hôm qua")
    assert code == 2
    assert err.startswith("cchc: error:")


# --------------------------------------------------------------------------- successions


@pytest.mark.parametrize(
    ("province", "former"),
    [(p, f) for p, formers in MERGERS_2025.items() for f in formers if f != p],
)
def test_each_merged_province_names_its_successor(province: str, former: str) -> None:
    found = successor(former, date(2025, 7, 1))
    assert found is not None
    assert (found.former, found.successor) == (former, province)
    assert successor(former, date(2025, 6, 30)) is None
    assert successor(province, date(2026, 1, 1)) is None  # the new province itself stays


def test_the_reorganisation_has_34_provinces_from_63() -> None:
    assert len(UNCHANGED_2025) == 11
    assert len(MERGERS_2025) == 23
    formers = [f for formers in MERGERS_2025.values() for f in formers]
    assert len(formers) + len(UNCHANGED_2025) == 63
    assert len(set(formers) | set(UNCHANGED_2025)) == 63
    for province in UNCHANGED_2025:
        assert successor(province, date(2026, 1, 1)) is None
    assert ended(cc.UnitKind.DISTRICT, date(2025, 7, 1)) is not None
    assert ended(cc.UnitKind.DISTRICT, date(2025, 6, 30)) is None
    assert ended(cc.UnitKind.COMMUNE, date(2026, 1, 1)) is None


def test_kon_tum_after_july_2025_names_quang_ngai() -> None:
    # With the installed plugins only (no set for Kon Tum at all).
    with pytest.raises(cc.SetNotFoundError) as caught:
        cc.find_set(province="Kon Tum", on=date(2025, 8, 1))
    assert caught.value.successor == "Quảng Ngãi"


# --------------------------------------------------------------------------- diff

TEXT = """\
demo.xa.2024 → demo.xa.2025
set: demo.xa.2024 → demo.xa.2025
    title: “Bộ tiêu chí CCHC cấp xã năm 2024” → “Bộ tiêu chí CCHC cấp xã năm 2025”
    in_force: “năm 2024” → “năm 2025”
    lineage: — → “demo.xa.2024” (1.2 ← 1.2, 1.3; 1.3 ← 1.4; 2.1 ← 2.1; 2.2 ← 2.1)
changed: 1 → 1
    max points: 5 → 4
merged: 1.2, 1.3 → 1.2
renumbered: 1.4 → 1.3
    band 2: “from 60 % to under 90 %: 0.5 points” → “from 70 % to under 90 %: 0.5 points”
    band 3: “under 60 %: 0 points” → “under 70 %: 0 points”
split: 2.1 → 2.1, 2.2
added: — → 3
added: — → 3.1
removed: 1.5 → —
8 change(s)
"""


def test_cchc_diff_text() -> None:
    code, out, _ = run("diff", str(V2024), str(V2025), "--lang", "en")
    assert code == 0
    assert out == TEXT
    code, out, _ = run("diff", str(V2024), str(V2025), lang="vi")
    assert code == 0
    assert "gộp: 1.2, 1.3 → 1.2" in out
    assert "khoảng 2: “từ 60 % đến dưới 90 %: 0,5 điểm” → “từ 70 % đến dưới 90 %: 0,5 điểm”" in out
    assert out.endswith("8 thay đổi\n")


def test_cchc_diff_json_and_markdown() -> None:
    code, out, _ = run("diff", str(V2024), str(V2025), "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["before"], data["after"]) == ("demo.xa.2024", "demo.xa.2025")
    assert [(c["kind"], c["before"], c["after"]) for c in data["changes"]] == [
        ("set", [], []),
        ("changed", ["1"], ["1"]),
        ("merged", ["1.2", "1.3"], ["1.2"]),
        ("renumbered", ["1.4"], ["1.3"]),
        ("split", ["2.1"], ["2.1", "2.2"]),
        ("added", [], ["3"]),
        ("added", [], ["3.1"]),
        ("removed", ["1.5"], []),
    ]
    assert data["changes"][1]["details"] == ["max points: 5 → 4"]
    assert data["changes"][1]["details_vi"] == ["điểm tối đa: 5 → 4"]
    code, out, _ = run("diff", str(V2024), str(V2025), "-f", "markdown", "--lang", "en")
    assert "| merged | 1.2, 1.3 | 1.2 |  |" in out


LATENESS = """\
id = "late"
title = "t"
[[criteria]]
code = "1"
title = "Báo cáo năm"
max = 2
rule = "lateness"
deadline = "2024-12-20"
days = "working"
holidays = ["2024-12-24"]
not_after = "2025-01-10"
bands = [
  { to = 0, points = 2 },
  { above = 0, to = 2, points = 1 },
  { above = 2, points = 0 },
]
"""


@pytest.mark.parametrize(
    ("old", "new", "detail"),
    [
        (
            'deadline = "2024-12-20"',
            'deadline = "2024-12-22"',
            "deadline: “2024-12-20” → “2024-12-22”",
        ),
        (
            'holidays = ["2024-12-24"]',
            'holidays = ["2024-12-25"]',
            "holidays: [“2024-12-24”] → [“2024-12-25”]",
        ),
        (
            'not_after = "2025-01-10"',
            'not_after = "2025-01-15"',
            "not_after: “2025-01-10” → “2025-01-15”",
        ),
        ('days = "working"\n', "", "days: “working” → —"),
    ],
)
def test_diff_sees_every_key_of_a_lateness_rule(old: str, new: str, detail: str) -> None:
    before = cc.loads_set(LATENESS)
    after = cc.loads_set(LATENESS.replace(old, new))
    (change,) = cc.diff_sets(before, after).changes
    assert change.kind == "changed"
    assert [d.en for d in change.details] == [detail]


def test_diff_sees_the_sets_own_data() -> None:
    before = cc.loads_set(LATENESS)
    after = cc.loads_set(LATENESS.replace('title = "t"', 'title = "t"\nrounding = { places = 2 }'))
    (change,) = cc.diff_sets(before, after).changes
    assert change.kind == "set"
    assert change.details[0].en.startswith("rounding: ")


@settings(max_examples=150, deadline=None)
@given(rules(), rules(), st.sampled_from(["", "x"]), st.sampled_from(["", "y"]))
def test_any_change_of_a_rule_or_a_row_shows_in_the_diff(
    first: cc.Rule, second: cc.Rule, evidence: str, notes: str
) -> None:
    def one(rule: cc.Rule, evidence: str = "", notes: str = "") -> cc.CriterionSet:
        row = cc.Criterion("1", "x", 2, rule=rule, evidence=evidence, notes=notes)
        return cc.CriterionSet(id="a", title="a", criteria=[row])

    assert bool(diff_sets(one(first), one(second))) == (first != second)
    assert bool(diff_sets(one(first), one(first, evidence, notes))) == bool(evidence or notes)


def test_cchc_diff_exit_codes() -> None:
    assert run("diff", str(V2024), str(V2024))[0] == 0
    assert run("diff", str(V2024), str(V2024), "--lang", "en")[1].endswith("0 change(s)\n")
    code, _, err = run("diff", str(V2024), "no.such.set")
    assert code == 2
    assert err.startswith("cchc: error: no criterion set with id 'no.such.set'")


def test_without_a_code_map_criteria_are_matched_by_code_then_title() -> None:
    old = cc.load_set(V2024)
    new = cc.loads_set(
        V2025.read_text(encoding="utf-8")
        .replace('predecessor = "demo.xa.2024"\n', "")
        .split("[lineage]")[0]
        + V2025.read_text(encoding="utf-8").split('"2.2" = "2.1"\n')[1]
    )
    kinds = {(c.kind, c.before, c.after) for c in diff_sets(old, new).changes}
    assert ("renumbered", ("1.4",), ("1.3",)) in kinds  # the same title, another code
    assert ("changed", ("1.2",), ("1.2",)) in kinds  # a new title, the same code
    assert ("removed", ("1.3",), ()) in kinds
    assert ("removed", ("1.5",), ()) in kinds


@settings(max_examples=60, deadline=None)
@given(criterion_sets(max_depth=2), criterion_sets(max_depth=2))
def test_diff_of_a_set_with_itself_is_empty_and_diffs_mirror(
    a: cc.CriterionSet, b: cc.CriterionSet
) -> None:
    assert not diff_sets(a, a)
    forward = {(c.kind, c.before, c.after, len(c.details)) for c in diff_sets(a, b).changes}
    backward = {
        (MIRROR[c.kind], c.after, c.before, len(c.details)) for c in diff_sets(b, a).changes
    }
    assert forward == backward


# --------------------------------------------------------------------------- comparing years


def test_comparing_two_years_goes_through_the_code_map() -> None:
    old, new = cc.load_set(V2024), cc.load_set(V2025)
    answers_2024 = {"1.1": True, "1.2": True, "1.3": False, "1.4": "75%", "1.5": True, "2.1": "50%"}
    answers_2025 = {"1.1": True, "1.2": True, "1.3": "95%", "2.1": "80%", "2.2": "20%", "3.1": True}
    comparison = compare_years(cc.score(old, answers_2024), cc.score(new, answers_2025))
    lines = {line.code: line for line in comparison.lines}
    # 1.4 (2024) is 1.3 (2025): same max, compared under its new code, and said so.
    assert (lines["1.3"].before, lines["1.3"].after, lines["1.3"].difference) == (
        Decimal("0.5"),
        Decimal(1),
        Decimal("0.5"),
    )
    assert lines["1.3"].note.en == "code the year before: 1.4"
    # 1.2 merged from 1.2 and 1.3 (max 1 + 1 = 2): compared with their points added up.
    assert (lines["1.2"].before, lines["1.2"].after, lines["1.2"].difference) == (1, 2, 1)
    assert lines["1.2"].max_before == 2
    assert lines["1.2"].note.en == "merged from 1.2, 1.3"
    # 2.1 and 2.2 split from 2.1: not compared, and why.
    assert lines["2.1"].note.en == "split from 2.1: not compared"
    assert lines["2.2"].note.en == "split from 2.1: not compared"
    assert lines["1.5"].note.en == "in one year only"
    assert lines["3.1"].note.en == "in one year only"
    assert lines["1.1"].difference == 0
    # Only comparable leaves count in the totals: 1.1, 1.2 (merged) and 1.3.
    assert (comparison.before_total, comparison.after_total) == (Decimal("2.5"), Decimal(4))
    assert comparison.before == Side("demo.xa.2024", "2024-01-01 – 2024-12-31", "points")
    assert comparison.after == Side("demo.xa.2025", "2025-01-01 – 2025-12-31", "points")


def _compare_json(*arguments: str) -> dict[str, Any]:
    code, out, err = run("compare", *arguments, "-f", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_compare_direction_comes_from_the_sets_never_the_argument_order() -> None:
    # docs/versions.md writes the newer year first: "before" must still be the older one.
    new_file = str(_write({"1.1": True, "1.3": "95%"}))
    old_file = str(_write({"1.1": False, "1.4": "75%"}))
    newer_first = _compare_json(str(V2025), new_file, "--with", str(V2024), old_file)
    older_first = _compare_json(str(V2024), old_file, "--with", str(V2025), new_file)
    assert newer_first == older_first
    assert newer_first["before"] == {
        "set": "demo.xa.2024",
        "period": "2024-01-01 – 2024-12-31",
        "scores": "points",
        "unit": "",
    }
    assert newer_first["after"]["set"] == "demo.xa.2025"
    lines = {line["code"]: line for line in newer_first["lines"]}
    assert (lines["1.1"]["before"], lines["1.1"]["after"], lines["1.1"]["difference"]) == (
        "0",
        "1",
        "1",
    )
    # The code map is used: 1.4 of 2024 is 1.3 of 2025.
    assert lines["1.3"]["difference"] == "0.5"
    assert lines["1.3"]["note_en"] == "code the year before: 1.4"
    # An explicit direction says the same, and one against the sets is refused.
    explicit = _compare_json(str(V2025), new_file, "--before", str(V2024), old_file)
    assert explicit == newer_first
    code, _, err = run("compare", str(V2025), new_file, "--after", str(V2024), old_file)
    assert code == 2
    assert "wrong way round" in err or "đảo" in err
    code, _, err = run(
        "compare",
        str(V2025),
        new_file,
        "--with",
        str(V2024),
        old_file,
        "--before",
        str(V2024),
        old_file,
    )
    assert code == 2


def test_compare_years_refuses_the_wrong_order_and_chronological_orders() -> None:
    old, new = cc.load_set(V2024), cc.load_set(V2025)
    card_old, card_new = cc.score(old, {"1.1": True}), cc.score(new, {"1.1": False})
    with pytest.raises(cc.ArgumentError, match="wrong way round"):
        compare_years(card_new, card_old)
    assert chronological(card_new, card_old) == (card_old, card_new)
    assert chronological(card_old, card_new) == (card_old, card_new)
    # The same set, two periods assessed: the periods decide.
    a = cc.score(old, cc.Assessment({"1.1": True}, period="2023"))
    b = cc.score(old, cc.Assessment({"1.1": False}, period="Năm 2024"))
    assert chronological(b, a) == (a, b)
    assert compare_years(a, b).lines[1].difference == -1
    # Nothing tells: the caller must say.
    with pytest.raises(cc.ArgumentError, match="cannot tell which is earlier"):
        chronological(cc.score(old, {}), cc.score(old, {}))


def _write(answers: dict[str, object]) -> Path:
    import tempfile

    import tomli_w

    folder = Path(tempfile.mkdtemp())
    path = folder / "unit.toml"
    path.write_text(tomli_w.dumps({"answers": answers}), encoding="utf-8")
    return path
