"""Findings come from one catalogue: no message is written anywhere else."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

import cchc_criteria as cc
from cchc_support import S

SOURCE = Path(__file__).parents[2] / "src" / "cchc_criteria"
CATALOGUE_MODULE = SOURCE / "model" / "findings.py"
MAKERS = {"finding", "refusal", "self.finding"}


def calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def name_of(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return ""


def test_no_finding_is_built_outside_the_catalogue() -> None:
    built = [
        f"{path.relative_to(SOURCE)}:{call.lineno}"
        for path in SOURCE.rglob("*.py")
        if path != CATALOGUE_MODULE
        for call in calls(ast.parse(path.read_text(encoding="utf-8")))
        if name_of(call) in {"Finding", "attrs.evolve"}
        and (
            name_of(call) == "Finding"
            or any(kw.arg in {"message", "message_vi"} for kw in call.keywords)
        )
    ]
    assert built == []


def test_every_code_named_in_the_source_is_catalogued() -> None:
    named: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for call in calls(ast.parse(path.read_text(encoding="utf-8"))):
            if name_of(call) not in MAKERS or not call.args:
                continue
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                named.add(first.value)
                # no message text is passed beside the code: values only
                for argument in call.args[1:]:
                    assert not (
                        isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                    ), f"{path.relative_to(SOURCE)}:{call.lineno} passes a text to {first.value}"
            elif isinstance(first, ast.JoinedStr):  # f"{kind}-missing": both kinds
                template = "".join(
                    v.value if isinstance(v, ast.Constant) else "{}" for v in first.values
                )
                named |= {template.format(k) for k in ("self-assessed", "appraised")}
    assert "out-of-domain" in named  # the scan itself works
    assert "band-gap" in named
    assert named <= set(cc.CATALOGUE)


def test_the_catalogue_is_read_only() -> None:
    assert isinstance(cc.CATALOGUE, MappingProxyType)
    assert isinstance(cc.model.FINDING_CODES, MappingProxyType)
    assert isinstance(cc.model.LINT_CODES, MappingProxyType)
    with pytest.raises(TypeError):
        cc.model.FINDING_CODES["new"] = cc.Severity.INFO  # type: ignore[index]
    assert set(cc.model.FINDING_CODES) | set(cc.model.LINT_CODES) == set(cc.CATALOGUE)
    assert not set(cc.model.FINDING_CODES) & set(cc.model.LINT_CODES)


def test_a_finding_renders_numbers_the_way_of_each_language() -> None:
    made = cc.finding("held-to-max", "7.3.3", points=Decimal("1.5"), figure="15%", max=1)
    assert made.severity is cc.Severity.WARNING
    assert made.text.vi == (
        "cách tính điểm đã ban hành cho 1,5 điểm với '15%', vượt điểm tối đa 1; lấy 1 điểm"
    )
    assert made.text.en == (
        "the rule as published gives 1.5 for '15%', more than the max 1; held to 1"
    )
    assert made.message == made.text.en
    assert made.message_vi == made.text.vi
    assert made.text.get("en") == made.message


def test_optional_parts_appear_only_with_their_values() -> None:
    with_hint = cc.finding("code-typo", "7,4", code="7,4", suggestion="7.4")
    without = cc.finding("code-typo", "7;x", code="7;x", suggestion=None)
    assert with_hint.message.endswith("; did you mean '7.4'?")
    assert with_hint.message_vi.endswith("; có phải '7.4'?")
    assert "did you mean" not in without.message


def test_unknown_codes_and_variants_are_refused() -> None:
    with pytest.raises(cc.ArgumentError, match="no finding code"):
        cc.finding("made-up")
    with pytest.raises(cc.ArgumentError, match="no message variant"):
        cc.finding("held-to-max", variant="loud")


def test_findings_are_values() -> None:
    first = cc.finding("unanswered", "7.1.1", max=Decimal("1.5"))
    assert first == cc.finding("unanswered", "7.1.1", max=Decimal("1.5"))
    assert len({first, cc.finding("unanswered", "7.1.1", max=Decimal("1.5"))}) == 1


def test_vietnamese_findings_are_vietnamese() -> None:
    card = cc.score(cc.get_set(S), {"7.1.2": "nhiều", "7.2.2": "1.500", "7.1.3": "có lẽ"})
    for finding in card.findings:
        if finding.code == "invalid-answer":
            for english in ("expected", "a rate", "got", "write"):
                assert english not in finding.message_vi, finding.message_vi
