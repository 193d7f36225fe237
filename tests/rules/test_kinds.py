"""Open rule kinds: a plugin's own kind works everywhere a built-in kind does.

A third-party distribution (with its entry point, installed on the test's path) registers the
kind ``at_least`` ("đạt từ X trở lên: N điểm"). A set file uses it; the set is written and read
back equal, scored, linted by the range the rule declares, its templates written (TOML and
Excel), and the testing kit generates answers for it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria import registry
from cchc_criteria.cli import cli
from cchc_criteria.testing import answers_for, valid_answers
from cchc_support import install

SOURCE = Path(__file__).parents[2] / "src" / "cchc_criteria"

PLUGIN = '''
from decimal import Decimal
from fractions import Fraction

import attrs
import cchc_criteria as cc


@attrs.frozen
class AtLeastRule:
    """"từ {minimum} trở lên: {points} điểm; dưới {minimum}: 0"."""

    minimum: Decimal = attrs.field(converter=cc.numbers.to_decimal)
    points: Decimal = attrs.field(converter=cc.numbers.to_decimal)

    def score(self, answer, max_points):
        try:
            value = cc.numbers.to_decimal(answer)
        except cc.CchcError as error:
            problem = cc.finding("invalid-answer", variant="manual", max=max_points,
                                 error=cc.Text(str(error), str(error)))
            return cc.Outcome(None, figure=str(answer), explanation=problem.text,
                              findings=(problem,))
        points = self.points if value >= self.minimum else Decimal(0)
        return cc.Outcome(points, exact=points, value=value, figure=str(answer),
                          explanation=cc.Text(f"{value} → {points} điểm", f"{value} → {points}"))

    def points_range(self, max_points):
        return Decimal(0), self.points

    def describe(self, max_points, *, lang="vi"):
        if lang == "vi":
            return f"từ {self.minimum} trở lên: {self.points} điểm"
        return f"{self.minimum} or more: {self.points} points"


def _read(keys, kinds):
    missing = {"minimum", "points"} - set(keys)
    if missing:
        raise ValueError(f"an at_least rule needs {', '.join(sorted(missing))}")
    return AtLeastRule(keys["minimum"], keys["points"])


def _write(rule, kinds):
    return {"minimum": str(rule.minimum), "points": str(rule.points)}


def answers(rule, max_points):
    from hypothesis import strategies as st
    valid = st.integers(0, 100)
    invalid = st.sampled_from(["nhiều", "", "1.500"])
    return valid, invalid


def _raise(rule, answer, points, max_points, kinds):
    target = Fraction(rule.minimum)
    return cc.rules.kinds.Improvement("raise", rule.minimum, target, cc.Scale.NUMBER)


KIND = cc.RuleKind(
    name="at_least",
    rule_class=AtLeastRule,
    keys={"minimum", "points"},
    read=_read,
    write=_write,
    schema={"properties": {"minimum": {"$ref": "#/$defs/number"},
                           "points": {"$ref": "#/$defs/number"}},
            "required": ["minimum", "points"]},
    hint=lambda rule, max_points: f"một số; đạt từ {rule.minimum} được {rule.points} điểm",
    cell=lambda rule, max_points: cc.rules.kinds.AnswerCell(low=Decimal(0), high=Decimal(100)),
    strategies="cchc_kind_plugin:answers",
    improve=_raise,
)


@cc.hookimpl
def register_rule_kinds(register):
    register(KIND)
'''

SET = """\
id = "kinds.xa.2025"
title = "Bộ tiêu chí có loại quy tắc riêng"

[[criteria]]
code = "1"
title = "Khu vực"
max = 3

[[criteria]]
code = "1.1"
title = "Số sáng kiến được công nhận"
max = 1
rule = "at_least"
minimum = 5
points = 2

[[criteria]]
code = "1.2"
title = "Ban hành kế hoạch"
max = 2
rule = "yes_no"
"""


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The distribution cchc-kind-plugin, with its entry point, on the import path."""
    monkeypatch.syspath_prepend(str(tmp_path))
    install(
        tmp_path, "cchc-kind-plugin", "[cchc_criteria]\nkindplugin = cchc_kind_plugin\n", PLUGIN
    )
    registry._registry.cache_clear()
    yield tmp_path
    registry._registry.cache_clear()
    sys.modules.pop("cchc_kind_plugin", None)


def test_a_plugin_kind_is_registered_and_listed(plugin: Path) -> None:
    kinds = cc.rule_kinds()
    assert "at_least" in kinds.names
    assert kinds.names[:7] == (
        "bands",
        "yes_no",
        "choice",
        "proportional",
        "per_item",
        "deduction",
        "manual",
    )
    result = CliRunner().invoke(cli, ["plugins"])
    assert "kindplugin  (cchc-kind-plugin 1.0)  rule kinds: at_least" in result.stdout


def test_a_set_file_uses_the_kind_round_trips_scores_and_lints(plugin: Path) -> None:
    cs = cc.loads_set(SET, source="kinds.toml")
    rule = cs.find("1.1").rule  # type: ignore[union-attr]
    assert type(rule).__name__ == "AtLeastRule"
    for fmt in ("toml", "json"):
        assert cc.loads_set(cc.dumps_set(cs, format=fmt), format=fmt) == cs
    card = cc.score(cs, {"1.1": 7, "1.2": True})
    assert card["1.1"].points == 1  # 2 as published, held to the max of 1
    assert "held-to-max" in [f.code for f in card.findings]
    # Lint knows the kind by the range its rule declares: 0 to 2, above the max of 1.
    (above,) = [f for f in cc.lint(cs) if f.code == "award-above-max"]
    assert above.criterion == "1.1"
    assert above.message == "the rule can give up to 2, more than the max 1"
    # Advice asks the kind: reach the minimum.
    advice = cc.advise(cc.score(cs, {"1.1": 3, "1.2": True}))
    (step,) = advice.steps
    assert (step.criterion, step.kind, step.gain) == ("1.1", "raise", Decimal(1))


def test_the_schema_and_the_templates_know_the_kind(plugin: Path, tmp_path: Path) -> None:
    path = tmp_path / "kinds.toml"
    path.write_text(SET, encoding="utf-8")

    schema = cc.Library.default().schema("set")
    criterion = schema["$defs"]["criterion"]
    assert "at_least" in criterion["properties"]["rule"]["enum"]
    assert {"minimum", "points"} <= set(criterion["properties"])
    result = CliRunner().invoke(cli, ["template", str(path)])
    assert result.exit_code == 0
    assert "# Kê khai: một số; đạt từ 5 được 2 điểm" in result.stdout.replace("    ", "")
    result = CliRunner().invoke(
        cli, ["template", str(path), "-f", "xlsx", "-o", str(tmp_path / "t.xlsx")]
    )
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["Kê khai"]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == "1.1")
    checks = [v for v in sheet.data_validations.dataValidation if f"E{row}" in str(v.sqref)]
    assert [(c.type, c.formula1, c.formula2) for c in checks] == [("decimal", "0", "100")]


def test_the_testing_kit_generates_answers_for_the_kind(plugin: Path) -> None:
    cs = cc.loads_set(SET)
    criterion = cs.find("1.1")
    assert criterion is not None
    assert criterion.rule is not None
    rule, maximum = criterion.rule, criterion.max_points

    @settings(max_examples=50, database=None)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        valid = data.draw(valid_answers(rule, maximum))
        assert rule.score(valid, maximum).points is not None
        anything = data.draw(answers_for(rule, maximum))
        cc.score(cs, {"1.1": anything})

    run()


def test_an_unknown_kind_names_the_line_and_the_close_kinds(plugin: Path, tmp_path: Path) -> None:
    path = tmp_path / "typo.toml"
    path.write_text(SET.replace('rule = "yes_no"', 'rule = "yes-no"'), encoding="utf-8")
    with pytest.raises(cc.InputError) as caught:
        cc.load_set(path)
    message = str(caught.value)
    assert f"{path}:21: criterion 1.2: rule must be one of bands, yes_no, choice" in message
    assert "at_least, got 'yes-no'" in message
    assert "did you mean 'yes_no'?" in message


def test_a_plugin_cannot_take_a_built_in_kind_name() -> None:
    class Thief:
        @cc.hookimpl
        def register_rule_kinds(self, register: object) -> None:
            assert callable(register)
            register(cc.RuleKind("bands", object, set(), read=dict, write=dict))  # type: ignore[arg-type]

    loaded = cc.registry.Registry([Thief()], names=["thief"])
    assert loaded.rule_kinds().get("bands").rule_class is cc.rules.BandRule
    (failure,) = loaded.failures
    assert "registers the rule kind 'bands', which is built in" in failure.message


BUILT_IN = {
    "BandRule",
    "YesNoRule",
    "ChoiceRule",
    "ProportionalRule",
    "PerItemRule",
    "DeductionRule",
    "ManualRule",
}


def test_nothing_outside_rules_branches_on_a_built_in_rule_class() -> None:
    branching = []
    for path in SOURCE.rglob("*.py"):
        if path.is_relative_to(SOURCE / "rules") or path.is_relative_to(SOURCE / "testing"):
            # rules/: each kind's own module; testing/: strategies that build each kind's rules
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
                "isinstance",
                "issubclass",
            }:
                names = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
                if names & BUILT_IN:
                    branching.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
            if isinstance(node, ast.MatchClass) and getattr(node.cls, "id", "") in BUILT_IN:
                branching.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
            if isinstance(node, ast.Compare) and any(
                isinstance(n, ast.Name) and n.id in BUILT_IN for n in ast.walk(node)
            ):
                branching.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert branching == []


def test_importing_the_rules_loads_neither_hypothesis_nor_openpyxl() -> None:
    code = (
        "import sys, cchc_criteria, cchc_criteria.rules;"
        "cchc_criteria.rule_kinds();"
        "print(sorted(m for m in ('hypothesis', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_a_kind_with_a_shape_needs_rules_with_bands_and_a_scale() -> None:
    """Lint and advice read a shaped rule's bands and scale; a kind that gives a shape for a
    rule class without them is refused when it is made, naming what is missing (it crashed
    lint before)."""

    @attrs.frozen
    class Shapeless:
        bands: tuple[cc.model.Band, ...] = ()

    with pytest.raises(cc.CchcError, match=r"rule kind 'shapeless' has a shape but its class"):
        cc.RuleKind(
            name="shapeless",
            rule_class=Shapeless,
            keys={"bands"},
            read=lambda keys, kinds: Shapeless(),
            write=lambda rule, kinds: {},
            shape=lambda rule, max_points: cc.rules.BandRule(
                [cc.model.Band("x", cc.model.Points(0))]
            ).shape(max_points),
        )
    # A class that has both (here the built-in BandRule) is a ShapedRule.
    from cchc_criteria.rules.kinds import ShapedRule

    assert isinstance(cc.rules.BandRule([cc.model.Band("x", cc.model.Points(0))]), ShapedRule)


def test_a_plugin_whose_shaped_kind_lacks_a_scale_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    install(
        tmp_path,
        "cchc-bad-kind",
        "[cchc_criteria]\nbadkind = cchc_bad_kind\n",
        """
        import attrs
        import cchc_criteria as cc

        @attrs.frozen
        class NoScale:
            bands: tuple = ()

        @cc.hookimpl
        def register_rule_kinds(register):
            register(cc.RuleKind(
                name="noscale", rule_class=NoScale, keys={"bands"},
                read=lambda keys, kinds: NoScale(), write=lambda rule, kinds: {},
                shape=lambda rule, max_points: None,
            ))
        """,
    )
    registry._registry.cache_clear()
    try:
        assert "noscale" not in cc.rule_kinds().names  # the plugin failed, alone
        result = CliRunner().invoke(cli, ["plugins"])
        assert "badkind" in result.stdout
        assert "has a shape but its class NoScale has no scale" in result.stdout
        assert "bands" in cc.rule_kinds().names
    finally:
        registry._registry.cache_clear()
        sys.modules.pop("cchc_bad_kind", None)


OWN_CODES = """
import attrs
from decimal import Decimal
import cchc_criteria as cc

OVER = cc.FindingKind.of(
    "over-the-cap",
    "warning",
    {"": ("{count} vượt mức trần {cap}: tính {cap}",
          "{count} is over the cap {cap}: {cap} counted")},
)


@attrs.frozen
class CappedCount:
    cap: int = 5

    def score(self, answer, max_points):
        count = int(answer)
        counted = min(count, self.cap)
        points = Decimal(counted) * max_points / self.cap
        found = ()
        if count > self.cap:
            found = (cc.finding("over-the-cap", count=count, cap=self.cap),)
        return cc.Outcome(points, exact=points, figure=str(answer),
                          explanation=cc.Text("đếm", "counted"), findings=found)

    def points_range(self, max_points):
        return Decimal(0), max_points

    def describe(self, max_points, *, lang="vi"):
        return "đếm" if lang == "vi" else "a count"


@cc.hookimpl
def register_rule_kinds(register):
    register(cc.RuleKind(
        name="capped_count", rule_class=CappedCount, keys={"cap"},
        read=lambda keys, kinds: CappedCount(int(keys.get("cap", 5))),
        write=lambda rule, kinds: {"cap": rule.cap},
        findings=(OVER,),
    ))
"""

CLASHING = """
import cchc_criteria as cc
from cchc_own_codes import CappedCount


@cc.hookimpl
def register_rule_kinds(register):
    register(cc.RuleKind(
        name="clashing", rule_class=type("Clashing", (CappedCount,), {}), keys=set(),
        read=lambda keys, kinds: None, write=lambda rule, kinds: {},
        findings=(cc.FindingKind.of("no-band", "info", {"": ("khác", "something else")}),),
    ))
"""


def test_a_plugin_kind_declares_its_own_finding_codes_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    for module, text in (("cchc_own_codes", OWN_CODES), ("cchc_clashing", CLASHING)):
        install(tmp_path, module.replace("_", "-"), f"[cchc_criteria]\n{module} = {module}\n", text)
    set_file = tmp_path / "capped.toml"
    set_file.write_text(
        'id = "t.capped"\ntitle = "t"\n\n[[criteria]]\ncode = "1"\ntitle = "Sáng kiến"\n'
        'max = 2\nrule = "capped_count"\ncap = 4\n',
        encoding="utf-8",
    )
    (tmp_path / "unit.toml").write_text('[answers]\n"1" = 6\n', encoding="utf-8")
    registry._registry.cache_clear()
    try:
        kinds = cc.rule_kinds()
        assert "capped_count" in kinds.names
        assert "clashing" not in kinds.names  # its code clashes with the built-in no-band
        assert cc.CATALOGUE["over-the-cap"].severity == "warning"
        assert cc.CATALOGUE["no-band"].severity == "error"  # the built-in stays as it is
        card = cc.score(cc.load_set(set_file), {"1": 6})
        assert card.points == 2
        (own,) = [f for f in card.findings if f.code == "over-the-cap"]
        assert own.message == "6 is over the cap 4: 4 counted"
        assert own.message_vi == "6 vượt mức trần 4: tính 4"
        result = CliRunner().invoke(
            cli, ["score", str(set_file), str(tmp_path / "unit.toml"), "--lang", "en"]
        )
        assert "[over-the-cap] 1: 6 is over the cap 4: 4 counted" in result.stdout
        result = CliRunner().invoke(cli, ["plugins"])
        assert "the finding code 'no-band' is already in the catalogue" in result.stdout
        # The plugin documents its code with the generator the library's own page uses.
        result = CliRunner().invoke(cli, ["findings", "--kind", "capped_count", "--lang", "vi"])
        assert result.exit_code == 0, result.output
        table = result.stdout.splitlines()
        assert table[2:] == [
            "| `over-the-cap` | warning | capped_count | {count} vượt mức trần {cap}: tính {cap} |"
        ]
    finally:
        registry._registry.cache_clear()
        for module in ("cchc_own_codes", "cchc_clashing"):
            sys.modules.pop(module, None)
        from cchc_criteria.model import findings

        for table in (findings._CATALOGUE, findings._SCORING, findings._LINT):
            table.pop("over-the-cap", None)  # the plugin is gone: so is its code


def test_answer_strategies_come_from_the_kind_or_from_the_testing_kit() -> None:
    """A plugin's kind may give its strategies as a function; the built-in kinds' are the
    testing kit's, registered by kind name (the rules never name the testing layer)."""
    from hypothesis import strategies as st

    from cchc_criteria.testing import kind_strategies
    from cchc_criteria.testing.kinds import STRATEGIES

    def mine(rule: object, max_points: Decimal) -> tuple[object, object]:
        return st.just(1), st.just("x")

    kind = cc.RuleKind(
        name="mine",
        rule_class=dict,
        keys=set(),
        read=lambda keys, kinds: {},  # type: ignore[arg-type,return-value]
        write=lambda rule, kinds: {},
        strategies=mine,
    )
    valid, invalid = kind.answer_strategies({}, Decimal(1))  # type: ignore[arg-type]
    assert (repr(valid), repr(invalid)) == ("just(1)", "just('x')")
    assert set(STRATEGIES) == set(
        cc.Library(cc.registry.Registry()).kinds.names
    )  # every built-in kind
    band = cc.rules.BandRule([cc.model.Band("x", cc.model.Points(1))])
    assert kind_strategies(band, Decimal(1)) is not None
    source = (Path(cc.__file__).parent / "rules").rglob("*.py")
    assert not [p.name for p in source if "cchc_criteria.testing" in p.read_text(encoding="utf-8")]
