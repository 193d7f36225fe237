"""What the performance work must keep true — without timing anything (speed is measured by
``benchmarks/bench.py`` beside its baselines, never by a test).

* ``import cchc_criteria`` loads no dependency; each public name loads its module on first use;
* the benchmark's hand-written scorers agree with the library (``nox -s bench_check`` runs
  the same check on more units);
* lazy explanations read as the eager ones did, and the structures built once stay private.
"""

from __future__ import annotations

import ast
import pickle
import re
import subprocess
import sys
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.text import LazyText, Text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench  # noqa: E402
import forms  # noqa: E402
import national  # noqa: E402


def modules_loaded_by(code: str) -> list[str]:
    """The modules of the library and of its dependencies loaded by ``code`` in a fresh
    Python."""
    listing = (
        "\nimport sys\nprint(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'attr', 'attrs', 'cattrs', 'click', 'pluggy', 'dateutil', 'openpyxl', 'pandas'} "
        "or m.startswith('cchc_criteria.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code + listing], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_package_loads_no_dependency() -> None:
    code = "import cchc_criteria as cc; v = cc.__version__"
    assert modules_loaded_by(code) == ["cchc_criteria._version"]


def test_the_version_and_help_of_the_command_load_click_and_little_of_the_library() -> None:
    code = (
        "from cchc_criteria.cli import cli\n"
        "cli.main(['--version'], standalone_mode=False)\n"
        "cli.main(['score', '--help'], standalone_mode=False)"
    )
    ours = [m for m in modules_loaded_by(code) if m.startswith("cchc_criteria.")]
    assert ours == [
        "cchc_criteria._bilingual",
        "cchc_criteria._version",
        "cchc_criteria.cli",
        "cchc_criteria.cli._app",
        "cchc_criteria.cli._io",
        "cchc_criteria.cli._options",
        "cchc_criteria.cli.cohorts",
        "cchc_criteria.cli.sets",
        "cchc_criteria.cli.units",
        "cchc_criteria.errors",
        "cchc_criteria.text",
    ]


def test_a_name_loads_only_what_it_needs() -> None:
    code = "import sys, cchc_criteria as cc; cc.Text; print('click' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in cc.__all__:
        assert getattr(cc, name) is not None, name
    assert set(cc.__all__) <= set(dir(cc))
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        cc.nothing_here  # noqa: B018


def test_the_lazy_table_and_the_typed_imports_name_the_same_things() -> None:
    source = (ROOT / "src" / "cchc_criteria" / "__init__.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    )
    typed = {
        (node.module, alias.name)
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    lazy = {(module, name) for module, names in cc._EXPORTS.items() for name in names}
    assert typed == lazy
    assert {name for _, name in lazy} | {"__version__"} == set(cc.__all__)


def test_lazy_text_reads_equals_and_pickles_as_text() -> None:
    calls: list[str] = []

    def make(lang: str, word: str) -> str:
        calls.append(lang)
        return f"{word} ({lang})"

    text = LazyText(make, "điểm")
    assert calls == []
    assert text.vi == "điểm (vi)"
    assert text.vi == "điểm (vi)"
    assert calls == ["vi"]  # written once, and only the language asked for
    plain = Text("điểm (vi)", "điểm (en)")
    assert text == plain
    assert plain == text
    assert hash(text) == hash(plain)
    assert pickle.loads(pickle.dumps(text)) == plain
    assert type(pickle.loads(pickle.dumps(text))) is Text


def test_explanations_of_a_scorecard_are_lazy_and_complete() -> None:
    tree = national.national_spec(areas=2, groups=4, leaves_per_group=8)
    criterion_set = cc.loads_set(national.set_toml(tree), source="small.toml")
    unit = national.answers(tree, 1)[0]
    card = cc.score(criterion_set, unit)
    lazy = [node for node in card if isinstance(node.explanation, LazyText)]
    assert lazy, "scoring explains nodes lazily"
    for node in card:
        assert node.explanation.vi, node.code
        assert node.explanation.en, node.code
    again = pickle.loads(pickle.dumps(card))
    assert [n.explanation for n in again] == [n.explanation for n in card]


def test_the_hand_written_scorers_agree_with_the_library() -> None:
    tree = national.national_spec()
    criterion_set = cc.loads_set(national.set_toml(tree), source="national.toml")
    assert sum(1 for _ in criterion_set.walk()) == 167
    assert cc.lint(criterion_set)  # band jumps, reported as information
    assert all(f.severity is not cc.Severity.ERROR for f in cc.lint(criterion_set))
    for unit in national.answers(tree, 40, seed=3):
        card = cc.score(criterion_set, unit)
        by_hand = national.score_decimal(tree, unit)
        assert card.complete
        assert card.points == by_hand
        assert abs(national.score_float(tree, unit) - float(by_hand)) < 0.005


def test_band_edges_kept_as_fractions_stay_out_of_equality_and_repr() -> None:
    edge = cc.model.at_least("60,5")
    assert edge == cc.model.Lower(edge.value)
    assert "Fraction" not in repr(edge)
    assert edge.admits(Fraction(121, 2))
    assert not edge.admits(Fraction(60))
    assert pickle.loads(pickle.dumps(edge)) == edge


def test_score_each_gives_the_cards_of_score_many_one_at_a_time() -> None:
    tree = national.national_spec(areas=2, groups=4, leaves_per_group=8)
    criterion_set = cc.loads_set(national.set_toml(tree), source="small.toml")
    units = national.answers(tree, 5, seed=5)
    cards = cc.score_each(criterion_set, units)
    assert not isinstance(cards, list)
    assert list(cards) == cc.score_many(criterion_set, units)
    with pytest.raises(cc.ArgumentError):
        cc.score_each("not a set", units)  # type: ignore[arg-type]


def test_a_standing_keeps_what_a_ranking_reads() -> None:
    from cchc_criteria.reports import Standing, rank
    from cchc_criteria.reports.csv import render_ranking_csv
    from cchc_criteria.reports.data import ranking_data
    from cchc_criteria.reports.text import render_ranking_text

    tree = national.national_spec(areas=3, groups=6, leaves_per_group=4)
    criterion_set = cc.loads_set(national.set_toml(tree), source="small.toml")
    answers = national.answers(tree, 6)
    units = [cc.Assessment(answers=a, unit=f"Đơn vị {n}") for n, a in enumerate(answers)]
    cards = cc.score_many(criterion_set, units)
    standings = [Standing.of(card) for card in cards]
    for card, standing in zip(cards, standings, strict=True):
        assert (standing.points, standing.index, standing.grade, standing.complete) == (
            card.points,
            card.index,
            card.grade,
            card.complete,
        )
        assert [code for code, _ in standing.areas] == list(card.roots)
        # kept as text, read back digit for digit (exponent and trailing zeros included)
        assert [repr(i) for i in standing.area_indices] == [repr(i) for i in card.area_indices]
        assert standing.area("2") == card["2"].index
        assert standing.area("2.1") is None
        assert not standing.has_area("2.1")
    full = rank([(c, "", f"{n}.toml") for n, c in enumerate(cards)])
    small = rank([(s, "", f"{n}.toml") for n, s in enumerate(standings)])
    assert full == small
    assert render_ranking_text(small) == render_ranking_text(full)
    assert render_ranking_csv(small) == render_ranking_csv(full)
    assert ranking_data(small)[0]["areas"].keys() == {"1", "2", "3"}


def test_rank_reads_file_by_file_unless_a_rule_needs_the_cohort(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cchc_criteria.cli import cli
    from cchc_criteria.reports import rank
    from cchc_criteria.reports.csv import render_ranking_csv

    tree = national.national_spec(areas=2, groups=4, leaves_per_group=8)
    text = national.set_toml(tree)
    criterion_set = cc.loads_set(text, source="set.toml")
    assert not cc.Library.default().needs_cohort(criterion_set)
    (tmp_path / "set.toml").write_text(text, encoding="utf-8")
    units = tmp_path / "units"
    units.mkdir()
    assessments = []
    for number, answers in enumerate(national.answers(tree, 12, seed=23)):
        path = units / f"u{number:02}.toml"
        lines = [f'unit = "Đơn vị {number}"', "[answers]"]
        for code, answer in answers.items():
            lines.append(f'"{code}" = {bench._toml(answer)}')
        path.write_text("\n".join(lines), encoding="utf-8")
        assessments.append(cc.load_assessment(path))
    command = ["rank", str(tmp_path / "set.toml"), str(units), "-f", "csv"]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.stderr
    cards = cc.score_many(criterion_set, assessments)
    ranking = rank([(c, "", f"u{n:02}.toml") for n, c in enumerate(cards)])
    expected = render_ranking_csv(ranking, headers="lang")  # cchc writes headings in Vietnamese
    assert result.stdout == expected
    # In two worker processes: the same ranking; a broken file is one error, exit 2.
    result = CliRunner().invoke(cli, [*command, "--jobs", "2"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected
    (units / "u05.toml").write_text('[answers]\n"1.1.1" = { band = [1] }\n', encoding="utf-8")
    result = CliRunner().invoke(cli, [*command, "-j", "2", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cchc: error: {units / 'u05.toml'}:2: criterion 1.1.1:")


def test_reused_outcomes_give_the_cards_of_a_fresh_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_criteria.scoring import _plan

    tree = national.national_spec(areas=2, groups=6, leaves_per_group=8)
    criterion_set = cc.loads_set(national.set_toml(tree), source="small.toml")
    units = national.answers(tree, 30, seed=29)
    warm = [cc.score(criterion_set, u) for u in units]
    again = [cc.score(criterion_set, u) for u in units]
    monkeypatch.setattr(_plan, "MAX_OUTCOMES", 0)
    _plan.forget_plans()
    fresh = [cc.score(criterion_set, u) for u in units]
    assert warm == again == fresh
    assert [n.explanation.en for c in warm for n in c] == [
        n.explanation.en for c in fresh for n in c
    ]


def test_answers_equal_as_numbers_but_written_apart_are_scored_apart() -> None:
    criterion_set = cc.loads_set(
        'id = "t"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "Tỷ lệ"\nmax = 2\n'
        'rule = "proportional"\n',
        source="t.toml",
    )
    from decimal import Decimal

    for answer in (Decimal("50.0"), Decimal("50"), 50, True, "50", 50.0):
        card = cc.score(criterion_set, {"1": answer})
        assert card["1"].figure == str(answer), answer


def test_tables_of_figures_are_reused_only_when_every_figure_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from decimal import Decimal

    from cchc_criteria.scoring import _plan

    criterion_set = cc.loads_set(
        'id = "t"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "Hai phần"\nmax = 2\n'
        'rule = "parts"\nparts = [\n  { name = "rate", max = 1, rule = "proportional" },\n'
        '  { name = "items", max = 1, rule = "per_item", points_per_item = "0,5", cap = 1 },\n]\n',
        source="t.toml",
    )
    answers: list[object] = [
        {"rate": "50", "items": 1},
        {"rate": 50, "items": 1},
        {"rate": "50", "items": True},  # not a count: refused, though True == 1
        {"items": 1, "rate": "50"},
        {"rate": Decimal("50.0"), "items": 1},
        {"rate": "50", "items": 1, "other": [1]},  # a figure the rule does not take
        {"rate": "50", "items": 1},
    ]
    cards = [cc.score(criterion_set, {"1": a}) for a in answers]
    assert len({id(c["1"]) for c in cards[:5]}) == 5, "each table its own node"
    assert cards[-1]["1"] is cards[0]["1"], "the same table's node is reused"
    monkeypatch.setattr(_plan, "MAX_OUTCOMES", 0)
    _plan.forget_plans()
    fresh = [cc.score(criterion_set, {"1": a}) for a in answers]
    assert cards == fresh
    assert [c["1"].figure for c in cards] == [str(a) for a in answers]
    assert cards[2].errors
    assert not cards[1].errors


def test_a_scorecard_makes_its_nodes_when_first_read() -> None:
    tree = national.national_spec(areas=3, groups=6, leaves_per_group=4)
    criterion_set = cc.loads_set(national.set_toml(tree), source="small.toml")
    for unit in national.answers(tree, 5, seed=31):
        card = cc.score(criterion_set, unit)
        assert len(card.nodes) == sum(1 for _ in criterion_set.walk())
        assert list(card.nodes) == [c.code for c in criterion_set.walk()]
        assert "1.1" in card.nodes
        assert "9.9" not in card.nodes
        assert 1 not in card.nodes
        assert card.nodes._made is None  # type: ignore[attr-defined]
        indices = card.area_indices  # what a ranking reads, without the views
        assert card.nodes._made is None  # type: ignore[attr-defined]
        assert indices == tuple(card[code].index for code in card.roots)
        assert card.nodes._made is not None  # type: ignore[attr-defined]
        assert dict(card.nodes) == dict(pickle.loads(pickle.dumps(card)).nodes)


_COMPILED = (
    "average",
    "bands",
    "choice",
    "deduction",
    "lateness",
    "parts",
    "per_item",
    "proportional",
    "relative",
    "yes_no",
)


@st.composite
def _compiled_rules(draw: st.DrawFn) -> tuple[cc.Rule, Decimal]:
    """A rule of a kind with a fast scorer, and a max."""
    from cchc_criteria.testing import rules

    maximum = draw(st.decimals(0, 20, places=draw(st.integers(0, 3))))
    if draw(st.integers(0, 4)) == 0:  # relative to a known best: a cohort's, or published
        best = draw(st.decimals(0, 150, places=draw(st.integers(0, 2))))
        scale = draw(st.sampled_from([cc.Scale.PERCENT, cc.Scale.NUMBER, cc.Scale.COUNT]))
        lower = draw(st.booleans())
        return cc.rules.RelativeRule(scale, lower_is_better=lower, reference=best), maximum
    if draw(st.booleans()):
        return draw(rules()), maximum
    parts = [
        cc.rules.Part(name, draw(rules()), draw(st.decimals(0, 5, places=1)))
        for name in draw(st.lists(st.sampled_from(["rate", "items", "n"]), min_size=1, unique=True))
    ]
    return cc.rules.PartsRule(parts), maximum


draw_places = 3


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_fast_scorers_give_the_points_score_gives_digit_for_digit(data: st.DataObject) -> None:
    from cchc_criteria.testing import answers_for, compiled_problems

    rule, maximum = data.draw(_compiled_rules())
    # Every form a figure is given in: text, "93,5 %", a whole number, a Decimal, a float.
    typed = (
        st.from_regex(r"\A[0-9]{1,3}(,[0-9]{1,3})?\Z")
        | st.from_regex(r"\A[0-9]{1,3}(,[0-9]{1,2})? ?%\Z")
        | st.from_regex(r"\A[0-9]{1,3} ?/ ?[0-9]{1,3}\Z")
        | st.integers(-2, 200)
        | st.decimals(-1, 200, places=draw_places)
        | st.floats(-1, 200, allow_nan=False)
    )
    if isinstance(rule, cc.rules.PartsRule):
        names = [part.name for part in rule.parts]
        answer = data.draw(
            st.fixed_dictionaries(dict.fromkeys(names, typed))
            | st.dictionaries(st.sampled_from([*names, "x"]), typed)
        )
    else:
        answer = data.draw(answers_for(rule, maximum) | typed)
    assert compiled_problems(rule, maximum, answer) == []


def test_every_kind_with_a_fast_scorer_answers_plain_figures() -> None:
    from cchc_criteria.registry import rule_kinds

    kinds = rule_kinds()
    assert sorted(n for n, k in kinds.by_name.items() if k.compile is not None) == sorted(_COMPILED)
    tree = national.national_spec(areas=1, groups=8, leaves_per_group=3)
    criterion_set = cc.loads_set(national.set_toml(tree), source="small.toml")
    unit = national.answers(tree, 1, seed=41)[0]
    answered = 0
    for criterion in criterion_set.walk():
        kind = None if criterion.rule is None else kinds.of_rule(criterion.rule)
        if kind is None or kind.compile is None:
            continue
        fast = kind.compile(criterion.rule, criterion.max_points, kinds)
        assert fast is not None, criterion.code
        answer = unit[criterion.code]
        if fast(answer) is not None:
            answered += 1
            outcome = criterion.rule.score(answer, criterion.max_points)  # type: ignore[union-attr]
            assert str(fast(answer)) == str(outcome.points)
    assert answered >= 10


def test_cards_scored_with_and_without_the_fast_scorers_are_the_same() -> None:
    import attrs

    from cchc_criteria import scoring
    from cchc_criteria.registry import rule_kinds
    from cchc_criteria.rules.kinds import RuleKinds

    kinds = rule_kinds()
    slow = RuleKinds({n: attrs.evolve(k, compile=None) for n, k in kinds.by_name.items()})
    tree = national.national_spec()
    criterion_set = cc.loads_set(national.set_toml(tree), source="national.toml")
    for unit in national.answers(tree, 30, seed=43):
        fast_card = scoring.score(criterion_set, unit, kinds=kinds)
        slow_card = scoring.score(criterion_set, unit, kinds=slow)
        assert fast_card == slow_card
        assert str(fast_card.points) == str(slow_card.points)
        assert [str(n.points) for n in fast_card] == [str(n.points) for n in slow_card]
        assert fast_card.findings == slow_card.findings


def test_the_testing_kit_catches_a_fast_scorer_that_breaks_its_promise() -> None:
    import attrs

    from cchc_criteria.registry import rule_kinds
    from cchc_criteria.rules.kinds import RuleKinds
    from cchc_criteria.testing import check_compiled

    kinds = rule_kinds()
    wrong = attrs.evolve(
        kinds.by_name["proportional"],
        compile=lambda rule, most, known: lambda answer: Decimal("1.00"),  # not digit for digit
    )
    broken = RuleKinds({**kinds.by_name, "proportional": wrong})
    check_compiled(cc.rules.ProportionalRule(), Decimal(2), max_examples=50)
    with pytest.raises(AssertionError, match="the fast scorer gives"):
        check_compiled(cc.rules.ProportionalRule(), Decimal(2), kinds=broken, max_examples=50)


@given(st.text(st.characters(max_codepoint=127), max_size=30))
def test_folding_ascii_at_once_folds_as_the_general_way(text: str) -> None:
    import unicodedata

    from cchc_criteria.text import fold

    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    general = " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
    assert fold(text) == general


def test_plain_answers_are_scored_by_the_fast_scorers_from_the_second_unit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[object] = []
    score = cc.rules.ProportionalRule.score

    def counted(self: cc.rules.ProportionalRule, answer: object, max_points: Decimal) -> cc.Outcome:
        calls.append(answer)
        return score(self, answer, max_points)

    monkeypatch.setattr(cc.rules.ProportionalRule, "score", counted)
    tree = national.national_spec(areas=2, groups=6, leaves_per_group=4)
    criterion_set = cc.loads_set(national.set_toml(tree), source="small.toml")
    cc.score(criterion_set, national.answers(tree, 1, seed=47)[0])
    assert calls  # the first unit: each rule through its score
    calls.clear()
    units = national.answers(tree, 6, seed=53)  # figures not seen yet
    cards = [cc.score(criterion_set, unit) for unit in units]
    assert calls == []  # then the fast scorers alone
    assert [c.points for c in cards] == [national.score_decimal(tree, u) for u in units]
    nodes = [dict(c.nodes) for c in cards]
    assert calls  # reading the nodes makes them from score
    assert all(n[code].points is not None for n in nodes for code in n)


@given(
    st.text(max_size=20)
    | st.sampled_from(["NA", " n/a ", "Không áp dụng", "\u0301na", "KHÔNG PHÁT SINH", "Có"])
)
def test_telling_na_at_once_tells_it_as_folding_does(text: str) -> None:
    from cchc_criteria.model import enums
    from cchc_criteria.text import fold

    assert enums.says_not_applicable(text) == (fold(text) in enums._NA_WORDS)


@given(
    st.dictionaries(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)
        | st.integers()
        | st.booleans(),
        max_size=6,
    )
)
def test_answers_are_kept_in_nfc_whether_their_codes_are_plain_or_not(
    answers: dict[str, object],
) -> None:
    import unicodedata

    def normal(text: str) -> str:
        return unicodedata.normalize("NFC", text)

    expected = {normal(k): normal(v) if isinstance(v, str) else v for k, v in answers.items()}
    assert cc.Assessment(answers=answers).answers == expected


@pytest.mark.parametrize("days", ["calendar", "working"])
def test_the_lateness_fast_scorer_keeps_its_promise(days: str) -> None:
    from cchc_criteria.testing import check_compiled

    criterion_set = cc.loads_set(
        'id = "t"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "Gửi báo cáo"\nmax = 1\n'
        f'rule = "lateness"\ndeadline = "2024-12-20"\ndays = "{days}"\n'
        'holidays = ["2024-12-24"]\nworking_days = ["2024-12-28"]\nnot_after = "2024-12-31"\n'
        "bands = [\n"
        '  { label = "Đúng hạn", to = 0, points = 1 },\n'
        '  { label = "Chậm đến 2 ngày", above = 0, to = 2, points = "0,5" },\n'
        '  { label = "Sau đó", above = 2, formula = "max(0, 0.5 - (count - 2) * 0.25)" },\n'
        "]\n",
        source="t.toml",
    )
    (criterion,) = criterion_set.criteria
    assert criterion.rule is not None
    check_compiled(criterion.rule, criterion.max_points, max_examples=150)


def _without_the_plain_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_criteria.scoring import _plan

    monkeypatch.setattr(_plan.Plan, "plain_pass", lambda self: None)


def _fast_only(leaf: object, answer: object) -> Decimal | None:
    """What the plain pass is given to settle an answer no fast scorer takes: nothing, so
    that a test sees which units the fast scorers alone take."""
    return None


def _same_cards(left: cc.Scorecard, right: cc.Scorecard) -> None:
    assert left == right
    assert str(left.points) == str(right.points)
    assert str(left.points_display) == str(right.points_display)
    assert (left.findings, left.lint_findings, left.grade) == (
        right.findings,
        right.lint_findings,
        right.grade,
    )
    assert [str(i) for i in left.area_indices] == [str(i) for i in right.area_indices]
    assert [str(n.points) for n in left] == [str(n.points) for n in right]


def test_the_plain_pass_gives_the_cards_of_the_general_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tree = national.national_spec()
    criterion_set = cc.loads_set(national.set_toml(tree), source="national.toml")
    units = national.answers(tree, 40, seed=59)
    units[5] = {**units[5], "1.1.1": cc.NA}  # not applicable: the plain pass removes its max
    units[6] = {k: v for k, v in units[6].items() if k != "2.1.1"}  # unanswered
    units[7] = {**units[7], "1.1.2": "150"}  # out of its domain
    cards = [cc.score(criterion_set, unit) for unit in units]
    plan = scoring_plan(criterion_set)
    assert plan.plain_pass() is not None
    assert plan.plain_pass().slots(units[5].get, _fast_only) is not None  # type: ignore[union-attr]
    assert plan.plain_pass().slots(units[6].get, _fast_only) is None  # type: ignore[union-attr]
    _without_the_plain_pass(monkeypatch)
    for unit, card in zip(units, cards, strict=True):
        _same_cards(card, cc.score(criterion_set, unit))


def test_a_draft_goes_to_the_general_pass_without_trying_the_plain_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A unit with fewer answers than the set has leaves (a draft) is scored by the general
    pass from the start: the plain pass would find the answer left out only part way
    through. A unit with as many answers, one of them for a code the set lacks, still
    tries the plain pass, and gives the same cards either way."""
    from cchc_criteria.scoring import _plain

    tree = national.national_spec()
    criterion_set = cc.loads_set(national.set_toml(tree), source="national.toml")
    full, other = national.answers(tree, 2, seed=61)
    draft = {k: v for k, v in full.items() if k != "3.2.1"}
    padded = {**draft, "9.9.9": "1"}  # as many answers as leaves, one left out all the same
    cards = [cc.score(criterion_set, unit) for unit in (full, draft, padded, other)]
    tried: list[tuple[object, ...]] = []  # the arguments of each call of the plain pass
    slots = _plain.PlainPass.slots

    def counted(self: _plain.PlainPass, *args: object) -> object:
        tried.append(args)
        return slots(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_plain.PlainPass, "slots", counted)
    again = [cc.score(criterion_set, unit) for unit in (full, draft, padded, other)]
    assert len(tried) == 3  # the full units and the padded draft: not the draft
    assert not cards[1].complete
    assert not cards[2].complete
    _without_the_plain_pass(monkeypatch)
    for card, unit, twice in zip(cards, (full, draft, padded, other), again, strict=True):
        _same_cards(card, cc.score(criterion_set, unit))
        _same_cards(card, twice)


def test_an_answer_that_makes_a_finding_keeps_its_unit_on_the_plain_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A unit one answer of which makes a finding ("0,5" for a rate, a figure held to its
    max, a value in two published bands) is scored on the plain pass, that leaf settled as
    the general pass settles it: no `Tally`, and the card the general pass gives, its findings
    in the same order as the declared scores' findings. So is a unit that names the bands
    its rates fall in, with the rates or without."""
    from cchc_criteria.scoring import _plan, scorer

    tree = national.national_spec()
    national_set = cc.loads_set(national.set_toml(tree), source="national.toml")
    rates = [leaf.code for leaf in national.leaves(tree) if leaf.kind == "bands"]
    units: list[cc.Assessment | dict[str, object]] = []
    for number, unit in enumerate(national.answers(tree, 24, seed=67)):
        typed = {**unit, rates[number % 7]: "0,5", rates[number % 7 + 7]: "0.25"}
        units.append(typed)
        card = cc.score(national_set, typed)
        declared = {node.code: node.points for node in card if node.is_leaf}
        declared[rates[number % 7]] += Decimal("0.25")  # differs, beside its leaf's warning
        units.append(cc.Assessment(typed, self_assessed=declared))
        for form in ("named band", "named band and figure"):
            units.append(forms.typed(national_set, unit, form, frozenset()))
    assert any(isinstance(a, cc.ChosenBand) for u in units[2::4] for a in u.values())
    seed = cc.get_set("quangngai.so.2019")
    pairs = [(national_set, unit) for unit in units]
    pairs += [(seed, unit) for unit in forms.seed_answers(40, seed=71)]

    class NoTally:
        def __init__(self, plan: object) -> None:
            raise AssertionError("a unit took the general pass")

    def cards(patch: pytest.MonkeyPatch | None = None) -> list[cc.Scorecard]:
        _plan.forget_plans()
        cc.score(national_set, units[0])
        cc.score(seed, pairs[-1][1])  # each plan's plain pass is made for its second unit
        if patch is not None:
            patch.setattr(scorer, "Tally", NoTally)
        return [cc.score(s, unit) for s, unit in pairs]

    with monkeypatch.context() as patch:
        plain = cards(patch)
    codes = {f.code for card in plain for f in card.findings}
    assert codes >= {
        "fraction-for-percent",
        "held-to-max",
        "overlapping-bands",
        "self-assessed-differs",
    }
    _without_the_plain_pass(monkeypatch)
    for left, right in zip(plain, cards(), strict=True):
        _same_cards(left, right)


def test_a_named_band_is_remembered_by_the_band_and_the_figure_as_typed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A named band (`cc.ChosenBand`) is keyed by its band, by type, and its figure as any
    answer is: once a plan has seen it, its points are read without the rule's ``score``."""
    from cchc_criteria._values import value_key
    from cchc_criteria.rules import BandRule

    band = cc.ChosenBand
    keys = [
        value_key(band(1)),
        value_key(band("1")),
        value_key(band(1, figure="93")),
        value_key(band(1, figure=Decimal("93"))),
        value_key(band(1, figure=Decimal("93.0"))),
        value_key(band(1, figure=93)),
    ]
    assert None not in keys
    assert len(set(keys)) == len(keys)
    assert value_key(band("Dưới 60%", figure="5")) == value_key(band("Dưới 60%", figure="5"))
    assert value_key(band(1, figure=object())) is None  # a figure no key tells apart

    tree = national.national_spec()
    national_set = cc.loads_set(national.set_toml(tree), source="national.toml")
    unit = national.answers(tree, 1, seed=73)[0]
    units = [forms.named(national_set, unit, with_figure=w) for w in (False, True)]
    cards = [cc.score(national_set, u) for u in units * 2]  # the plan's second sight of each
    calls: list[object] = []
    scored = BandRule.score

    def counted(rule: BandRule, answer: object, max_points: Decimal) -> object:
        calls.append(answer)
        return scored(rule, answer, max_points)

    monkeypatch.setattr(BandRule, "score", counted)
    again = [cc.score(national_set, u) for u in units]
    assert [c.points for c in again] == [c.points for c in cards[:2]]
    assert not [a for a in calls if isinstance(a, cc.ChosenBand)]


def test_a_ratio_that_does_not_end_is_remembered_once_settled() -> None:
    """ "30/41" is left to the rule's ``score`` by its fast scorer (no Decimal holds its
    quotient); its points, which come with no finding, join the leaf's memo once settled, so
    that the next unit that gives it reads them as a fast scorer's."""
    from cchc_criteria.registry import rule_kinds
    from cchc_criteria.scoring import _plan
    from cchc_criteria.scoring._steps import Leaf

    tree = national.national_spec()
    national_set = cc.loads_set(national.set_toml(tree), source="national.toml")
    rates = frozenset(
        leaf.code for leaf in national.leaves(tree) if leaf.kind in ("bands", "proportional")
    )
    plain = national.answers(tree, 2, seed=83)
    units = [forms.typed(national_set, u, "ratio that does not end", rates) for u in plain]
    cards = [cc.score(national_set, u) for u in units * 2]  # the plan's second sight of each
    assert not any(card.findings for card in cards)
    plan = _plan.plan_of(national_set, rule_kinds())
    leaves = [s for s in plan.steps if isinstance(s, Leaf) and s.code in rates]
    for unit, card in zip(units, cards[:2], strict=True):
        for leaf in leaves:
            answer = unit[leaf.code]
            assert "/" in answer
            assert leaf.points_seen[answer] == card[leaf.code].points


def test_a_memo_keeps_short_texts_and_numbers_only() -> None:
    from cchc_criteria._values import LONGEST_KEPT, small

    assert small("9" * LONGEST_KEPT)
    assert small((str, "Có"))
    assert small(10**LONGEST_KEPT - 1)
    assert not small("9" * (LONGEST_KEPT + 1))
    assert not small((dict, (("rate", (str, "x" * 10**4)),)))
    assert not small(-(10**LONGEST_KEPT))


def test_a_plan_keeps_no_huge_answer_alive() -> None:
    """A plan's memos outlive the unit: an answer of megabytes (a figure typed as a text, a
    `Decimal` of 100,000 digits, an option's name typed at length, a band named beside such a
    figure) is scored, and not kept once its card is gone."""
    import gc
    import tracemalloc

    tree = national.national_spec()
    criterion_set = cc.loads_set(national.set_toml(tree), source="national.toml")
    units = national.answers(tree, 3, seed=79)
    for unit in units:
        cc.score(criterion_set, unit)  # the plan, its fast scorers and its plain pass made
    leaves = national.leaves(tree)
    band = next(leaf.code for leaf in leaves if leaf.kind == "bands")
    choice = next(leaf.code for leaf in leaves if leaf.kind == "choice")
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(8):
            huge = f"{number}" + "0" * 10**6
            for code, answer in (
                (band, huge),
                (band, Decimal(f"{number}" + "1" * 10**5)),
                (band, cc.ChosenBand(1, figure=huge)),
                (choice, "x" * 10**6 + str(number)),
            ):
                card = cc.score(criterion_set, {**units[0], code: answer})
                assert card[code].points is None or card.findings
            del huge, answer, card
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 2**20, f"{kept / 2**20:.1f} MiB kept after the cards are gone"


@pytest.mark.parametrize(
    "rule",
    [
        'rule = "per_item"\npoints_per_item = 0.5\ncap = 2',
        'rule = "proportional"',
        'rule = "yes_no"',
        'rule = "bands"\nbands = [{ from = 1, points = 2 }, { below = 1, points = 0 }]',
    ],
)
def test_remembered_answers_never_stand_for_an_equal_answer_of_another_type(
    rule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both passes remember the points of text and whole-number answers per leaf; an
    answer equal to one of them but of another type (True == 1, Decimal("1") == 1, 1.0,
    "1,0") must get its own points, as a plan that remembers nothing gives them."""

    text = f'id = "t"\ntitle = "t"\n\n[[criteria]]\ncode = "1"\ntitle = "a"\nmax = 2\n{rule}\n'
    criterion_set = cc.loads_set(text, source="t.toml")
    forms: list[object] = [1, True, "1", Decimal("1"), 1.0, "1,0", Decimal("1.0"), 0, False, "0"]
    forms += [f for f in forms for _ in range(3)]  # each again once it is remembered
    _remembering_changes_nothing(criterion_set, forms, monkeypatch)


def _remembering_changes_nothing(
    criterion_set: cc.CriterionSet, answers: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Row 1 answered with each of ``answers`` in turn, by one plan (which remembers), gives
    the card a new plan (which remembers nothing) gives; with and without the plain pass."""
    from cchc_criteria.scoring import _plan

    for plain in (True, False):
        _plan.forget_plans()
        if not plain:
            _without_the_plain_pass(monkeypatch)
        cards = [cc.score(criterion_set, {"1": answer}) for answer in answers]
        for answer, card in zip(answers, cards, strict=True):
            _plan.forget_plans()  # a new plan: nothing remembered, no fast scorer yet
            _same_cards(card, cc.score(criterion_set, {"1": answer}))


def test_a_parts_row_remembers_its_figures_by_type_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each part of a ``parts`` row remembers the points of its figures typed as text or
    whole numbers; a figure equal to one of them but of another type gets its own points."""

    text = (
        'id = "t"\ntitle = "t"\n\n[[criteria]]\ncode = "1"\ntitle = "a"\nmax = 3\n'
        'rule = "parts"\nparts = [\n'
        '  { name = "rate", max = 1, rule = "yes_no" },\n'
        '  { name = "items", max = 2, rule = "per_item", points_per_item = "0,5", cap = 2 },\n'
        "]\n"
    )
    criterion_set = cc.loads_set(text, source="t.toml")
    forms: list[object] = [1, True, "1", Decimal("1"), 1.0, "1,0", 0, False, "0", 3, "3"]
    tables = [{"rate": a, "items": b} for a in forms for b in forms]
    tables += tables[::7]  # again, once remembered
    _remembering_changes_nothing(criterion_set, tables, monkeypatch)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_unit_with_answers_not_applicable_gets_the_same_card_on_both_passes(
    data: st.DataObject,
) -> None:
    """Every leaf answered, some of them NA, under every not-applicable policy: the plain
    pass (which removes an NA's max as the tally does, or leaves the unit to the general
    pass) gives the general pass's card, digit for digit."""
    from cchc_criteria.testing import criterion_sets, valid_answers

    criterion_set = data.draw(criterion_sets(na_policies=data.draw(st.booleans())))
    leaves = [c for c in criterion_set.walk() if c.rule is not None]
    units = []
    for _ in range(3):
        answers: dict[str, object] = {}
        for leaf in leaves:
            assert leaf.rule is not None
            valid = valid_answers(leaf.rule, leaf.max_points)
            answers[leaf.code] = data.draw(st.just(cc.NA) | valid | valid)
        units.append(answers)
    _both_passes_agree(criterion_set, units)


def _both_passes_agree(criterion_set: cc.CriterionSet, units: Sequence[object]) -> None:
    """Each unit scored twice (the fast scorers compiled, then the plain pass) gives the card
    the general pass alone gives."""
    from cchc_criteria.scoring import _plan

    cards = [cc.score(criterion_set, unit) for unit in units * 2]  # type: ignore[arg-type]
    original = _plan.Plan.plain_pass
    try:
        _plan.Plan.plain_pass = lambda self: None  # type: ignore[method-assign]
        again = [cc.score(criterion_set, unit) for unit in units * 2]  # type: ignore[arg-type]
    finally:
        _plan.Plan.plain_pass = original  # type: ignore[method-assign]
    for left, right in zip(cards, again, strict=True):
        _same_cards(left, right)


def scoring_plan(criterion_set: cc.CriterionSet) -> object:
    from cchc_criteria.registry import rule_kinds
    from cchc_criteria.scoring import _plan

    return _plan.plan_of(criterion_set, rule_kinds())


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_plain_pass_agrees_with_the_general_one_on_any_set(data: st.DataObject) -> None:
    from cchc_criteria.testing import assessments, criterion_sets

    # Every not-applicable policy too: the plain pass removes an NA's max where the general
    # one would, and leaves a policy that gives it to others to the general pass.
    criterion_set = data.draw(criterion_sets(na_policies=data.draw(st.booleans())))
    units = [
        data.draw(assessments(criterion_set, valid_only=draw_valid))
        for draw_valid in (True, True, True, False)
    ]
    _both_passes_agree(criterion_set, units)


def _retyped(answer: object, form: str) -> object:
    """A plain figure ("93,5", 93) in another form people or programs use; anything else as
    it is."""
    if isinstance(answer, bool) or not isinstance(answer, str | int):
        return answer
    text = str(answer)
    if not re.fullmatch(r"[0-9]{1,6}(,[0-9]{1,4})?", text):
        return answer
    number = Decimal(text.replace(",", "."))
    if form == "Decimal":
        return number
    if form == "float" and Decimal(repr(float(number))) == number:
        return float(number)
    return answer


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_every_form_of_a_figure_gives_the_card_its_plain_form_gives(data: st.DataObject) -> None:
    from cchc_criteria.testing import assessments, criterion_sets

    criterion_set = data.draw(criterion_sets(max_depth=2))
    unit = data.draw(assessments(criterion_set))
    form = data.draw(st.sampled_from(["Decimal", "float"]))
    plain = {
        code: str(a).replace(".", ",") if isinstance(a, Decimal) else a
        for code, a in unit.answers.items()
    }
    retyped = {code: _retyped(answer, form) for code, answer in plain.items()}
    for _ in range(2):  # the second unit of a plan may take the plain pass
        first, second = cc.score(criterion_set, plain), cc.score(criterion_set, retyped)
        assert second.points == first.points
        assert [(n.code, n.points, n.applicable) for n in second] == [
            (n.code, n.points, n.applicable) for n in first
        ]
        assert sorted(f.code for f in second.findings) == sorted(f.code for f in first.findings)


@pytest.mark.parametrize(
    "scale", [cc.Scale.PERCENT, cc.Scale.NUMBER, cc.Scale.COUNT, cc.Scale.RATIO]
)
@pytest.mark.parametrize("lower", [False, True])
def test_the_relative_fast_scorer_on_every_form_and_edge(scale: cc.Scale, lower: bool) -> None:
    from cchc_criteria.testing import compiled_problems

    answers: list[object] = [-3, "-3", 0, "0", 1, 5, "7,5", Decimal("0.5"), 2.5, "50 %", "1/2"]
    answers += ["187/200", "3/41", 10**6, Decimal("-1"), -0.0]
    for best in (Decimal(0), Decimal(1), Decimal("7.5"), Decimal(100)):
        rule = cc.rules.RelativeRule(scale, lower_is_better=lower, reference=best)
        for maximum in (Decimal(0), Decimal("0.0"), Decimal(2), Decimal("1.25")):
            for answer in answers:
                assert compiled_problems(rule, maximum, answer) == [], (best, maximum, answer)


def test_declared_scores_are_checked_alike_on_both_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A unit with self-assessed and appraised scores may take the plain pass: its card, its
    findings about the declared scores included, is the general pass's, digit for digit."""
    import random

    from cchc_criteria.scoring import _plan

    tree = national.national_spec(areas=2, groups=6, leaves_per_group=3)
    criterion_set = cc.loads_set(national.set_toml(tree), source="small.toml")
    rng = random.Random(5)
    units = []
    for answers in national.answers(tree, 40, seed=43):
        card = cc.score(criterion_set, answers)
        declared = {n.code: n.points for n in card if n.points is not None and rng.random() < 0.7}
        for code in rng.sample(sorted(declared), 3):
            declared[code] = Decimal(rng.randint(0, 4)) / 2  # some right, some wrong
        units.append(cc.Assessment(answers, self_assessed=declared, appraised=dict(declared)))

    def cards() -> list[tuple[object, ...]]:
        _plan.forget_plans()
        scored = [cc.score(criterion_set, unit) for unit in units]
        return [
            (c.points, c.complete, [(f.code, f.criterion, f.message) for f in c.findings])
            for c in scored
        ]

    both = cards()
    monkeypatch.setattr(_plan.Plan, "plain_pass", lambda self: None)
    general = cards()
    assert both == general
    assert any(findings for _, _, findings in both)


def test_a_kind_without_a_fast_scorer_takes_the_plain_pass_through_its_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pure kind that gives no fast scorer (a plugin's, or manual and survey) is scored on
    the plain pass by its own ``score``: where that says more than points (a warning about
    overlapping published bands, a figure that looks like a fraction), the unit goes to the
    general pass. So the cards are the general pass's, warnings and all."""
    import attrs

    from cchc_criteria import scoring
    from cchc_criteria.registry import rule_kinds
    from cchc_criteria.rules.kinds import RuleKinds
    from cchc_criteria.scoring import _plan

    kinds = rule_kinds()
    slow = RuleKinds({n: attrs.evolve(k, compile=None) for n, k in kinds.by_name.items()})
    seed = cc.get_set("quangngai.so.2019")
    units = forms.seed_answers(60, seed=61) * 2
    units[3] = {**units[3], "7.1.2": "0,5"}  # a bare figure under 1 on a percent scale

    def cards() -> list[cc.Scorecard]:
        _plan.forget_plans()
        return [scoring.score(seed, unit, kinds=slow) for unit in units]

    plain = cards()
    plan = _plan.plan_of(seed, slow)
    taken = plan.plain_pass()
    assert taken is not None  # every leaf through its rule's score
    assert sum(taken.slots(unit.get, _fast_only) is not None for unit in units) > len(units) // 2
    warned = [card for card in plain if card.findings]
    assert {f.code for card in warned for f in card.findings} >= {
        "overlapping-bands",
        "fraction-for-percent",
    }
    _without_the_plain_pass(monkeypatch)
    for left, right in zip(plain, cards(), strict=True):
        _same_cards(left, right)


def test_a_plugin_kind_without_a_fast_scorer_does_not_keep_its_set_off_the_plain_pass() -> None:
    from cchc_criteria.registry import rule_kinds
    from cchc_criteria.scoring import _plan

    kinds = rule_kinds()
    quarterly = cc.get_set("example.xa.2025.quy")
    assert kinds.get("per_step").compile is None  # the example plugin's kind gives none
    units = [{"1.1": "Có", "1.2": f"{60 + i}", "1.3": "80"} for i in range(3)]
    cards = [cc.score(quarterly, unit) for unit in units]
    plan = _plan.plan_of(quarterly, kinds)
    assert plan.plain_pass() is not None
    assert plan.plain_pass().slots(units[2].get, _fast_only) is not None  # type: ignore[union-attr]
    assert [card["1.2"].points for card in cards] == [Decimal("0.25")] * 3
