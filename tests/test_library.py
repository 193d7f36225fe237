"""The library as one object: a Library's kinds are the ones its verbs read, score and write
with, passed down — never looked up by the layers below."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

import cchc_criteria as cc
from cchc_criteria.registry import Registry

SET = """\
id = "library.xa.2026"
title = "Bộ tiêu chí có loại quy tắc riêng"

[[criteria]]
code = "1"
title = "Số sáng kiến được công nhận"
max = 2
rule = "at_least"
minimum = 3
points = 2
"""


@attrs.frozen
class AtLeastRule:
    """ "từ {minimum} trở lên: {points} điểm; dưới {minimum}: 0"."""

    minimum: Decimal
    points: Decimal

    def score(self, answer: object, max_points: Decimal) -> cc.Outcome:
        value = cc.numbers.to_decimal(answer)  # type: ignore[arg-type]
        points = self.points if value >= self.minimum else Decimal(0)
        said = cc.Text(f"{value} → {points} điểm", f"{value} → {points} points")
        return cc.Outcome(points, exact=points, value=value, figure=str(answer), explanation=said)

    def points_range(self, max_points: Decimal) -> tuple[Decimal, Decimal]:
        return Decimal(0), self.points

    def describe(self, max_points: Decimal, *, lang: str = "vi") -> str:
        return f"từ {self.minimum} trở lên: {self.points} điểm"


def _read(keys: dict[str, Any], kinds: object) -> AtLeastRule:
    return AtLeastRule(Decimal(str(keys["minimum"])), Decimal(str(keys["points"])))


def _write(rule: AtLeastRule, kinds: object) -> dict[str, str]:
    return {"minimum": str(rule.minimum), "points": str(rule.points)}


KIND = cc.RuleKind(
    name="at_least",
    rule_class=AtLeastRule,
    keys={"minimum", "points"},
    read=_read,  # type: ignore[arg-type]
    write=_write,  # type: ignore[arg-type]
)


class KindPlugin:
    """A plugin with its own rule kind, whose set is read with ``cc.loads_set`` inside its
    hook — as real plugins read their bundled files."""

    @cc.hookimpl
    def register_rule_kinds(self, register: Any) -> None:
        register(KIND)

    @cc.hookimpl
    def register_criterion_sets(self) -> list[cc.CriterionSet]:
        return [cc.loads_set(SET, source="library.xa.2026.toml")]


@pytest.fixture
def library() -> cc.Library:
    return cc.Library(Registry([KindPlugin()], names=["kinds"]))


def test_a_library_reads_scores_and_writes_with_its_own_kinds(library: cc.Library) -> None:
    criterion_set = library.loads_set(SET)
    card = library.score(criterion_set, {"1": "4"})
    assert card.points == Decimal(2)
    assert library.score(criterion_set, {"1": "2"}).points == Decimal(0)
    assert library.loads_set(library.dumps_set(criterion_set)) == criterion_set
    assert [c.criterion_set for c in library.score_many(criterion_set, [{"1": 5}])] == [
        criterion_set
    ]
    criterion = library.schema("set")["$defs"]["criterion"]
    assert "at_least" in criterion["properties"]["rule"]["enum"]
    assert (
        "at_least"
        not in cc.Library.default().schema("set")["$defs"]["criterion"]["properties"]["rule"][
            "enum"
        ]
    )


def test_the_installed_library_does_not_know_a_kind_it_was_not_given() -> None:
    with pytest.raises(cc.InputError, match=r"rule must be one of .*got 'at_least'"):
        cc.loads_set(SET)


def test_a_plugin_hook_reads_its_set_with_the_kinds_of_the_registry_calling_it(
    library: cc.Library,
) -> None:
    # cc.loads_set inside the hook reads with this registry's kinds, not the installed ones.
    criterion_set = library.get_set("library.xa.2026")
    assert isinstance(criterion_set.find("1").rule, AtLeastRule)  # type: ignore[union-attr]
    assert not library.registry.failures
    assert [r.criterion_set.id for r in library.list_sets()] == ["library.xa.2026"]


def test_the_package_verbs_are_the_default_library_s() -> None:
    default = cc.Library.default()
    assert default.registry is cc.registry.registry()
    assert default.kinds is cc.rule_kinds()
    criterion_set = cc.get_set("quangngai.so.2019")
    answers = {"7.1.2": "93%", "7.1.3": True}
    assert cc.score(criterion_set, answers) == default.score(criterion_set, answers)
    assert cc.lint(criterion_set) == default.lint(criterion_set)


def test_a_strict_library_raises_where_the_default_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Broken:
        @cc.hookimpl
        def register_criterion_sets(self) -> list[cc.CriterionSet]:
            raise RuntimeError("the file is missing")

    lenient = cc.Library(Registry([Broken()], names=["broken"]))
    assert lenient.list_sets() == ()
    assert "the file is missing" in lenient.registry.failures[0].message
    strict = cc.Library(Registry([Broken()], names=["broken"], strict=True))
    with pytest.raises(cc.PluginError, match="the file is missing"):
        strict.list_sets()


def test_the_layers_below_take_kinds_and_say_so_when_an_assessment_needs_them() -> None:
    criterion_set = cc.get_set("quangngai.so.2019")
    with pytest.raises(cc.ArgumentError, match="needs the rule kinds"):
        cc.formats.loads_assessment("[answers]\n", criterion_set=criterion_set)
    # Without a set to check tables against, no kinds are needed.
    assert cc.formats.loads_assessment('[answers]\n"7.1.3" = true\n').answers == {"7.1.3": True}
