"""The cattrs converter shared by the file formats: numbers, dates, enums, bands, rules.

Everything a person types is read leniently (Vietnamese numbers, day-first dates, folded
labels) and written back in one canonical form, so that load → dump → load gives equal objects.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import cattrs

from cchc_criteria.errors import ArgumentError, InvalidValueError
from cchc_criteria.model import (
    Band,
    Grade,
    GradeCondition,
    NAPolicy,
    Numbering,
    Role,
    RoundingPolicy,
    Rule,
    Scale,
    TotalPolicy,
    UnitKind,
)
from cchc_criteria.numbers import to_decimal
from cchc_criteria.rules import (
    Option,
)
from cchc_criteria.rules.bands import read_band, write_band
from cchc_criteria.rules.choices import read_option, write_option
from cchc_criteria.rules.keys import (
    edge_keys,
    mapping,
    no_leftovers,
    plain_number,
    read_day,
    read_edges,
)
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.text import Text, fold, nfc

__all__ = ["converter", "plain_number", "structure_rule", "unstructure_rule"]

converter = cattrs.Converter(forbid_extra_keys=True)


# --------------------------------------------------------------------------- scalars


def _structure_decimal(value: object, _: type) -> Decimal:
    return to_decimal(value)


def _structure_date(value: object, _: type) -> date:
    return read_day(value)  # cattrs puts the key before the message


def _structure_text(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(
            Text(f"cần một chuỗi, nhận được {value!r}", f"expected a text, got {value!r}")
        )
    return nfc(value)


def _enum_hook(enum: type[Any], what: Text) -> Any:
    def structure(value: object, _: type) -> Any:
        if isinstance(value, str):
            wanted = fold(value)
            for member in enum:
                if wanted in (fold(member.value), fold(member.name)):
                    return member
        choices = ", ".join(f'"{m.value}"' for m in enum)
        raise InvalidValueError(
            Text(
                f"cần {what.vi}: một trong {choices}, nhận được {value!r}",
                f"expected {what.en}: one of {choices}, got {value!r}",
            )
        )

    return structure


converter.register_structure_hook(Decimal, _structure_decimal)
converter.register_unstructure_hook(Decimal, plain_number)
converter.register_structure_hook(date, _structure_date)
converter.register_unstructure_hook(date, lambda d: d.isoformat())
converter.register_structure_hook(str, _structure_text)
for _enum, _what in (
    (UnitKind, Text("một loại đơn vị", "a unit kind")),
    (Role, Text("một vai trò", "a role")),
    (NAPolicy, Text("một cách xử lý tiêu chí không áp dụng", "a not-applicable policy")),
    (Numbering, Text("một cách đánh số", "a numbering")),
    (Scale, Text("một thang đo", "a scale")),
):
    converter.register_structure_hook(_enum, _enum_hook(_enum, _what))
    converter.register_unstructure_hook(_enum, lambda member: member.value)


# --------------------------------------------------------------------------- awards, edges


def _structure_grade(value: object, _: type) -> Grade:
    data = mapping(value, Text("một xếp loại", "a grade"))
    label = data.pop("label", None)
    if not isinstance(label, str):
        raise InvalidValueError(Text("xếp loại cần có nhãn (label)", "a grade needs a label"))
    where = Text(f"xếp loại {label!r}", f"grade {label!r}")
    lower, upper = read_edges(data, where)
    requires = data.pop("requires", [])
    no_leftovers(data, where, "label, from/above, below/to, requires")
    if not isinstance(requires, list):
        requires = [requires]
    return Grade(label, lower, upper, tuple(_condition(item, where) for item in requires))


def _condition(value: object, grade: Text) -> GradeCondition:
    """One of a grade's ``requires``: ``{ no_zero_under = "2" }``, or ``{ criterion = "3",
    index_from = 50 }``, or ``{ criterion = "5.1", figure_from = 70 }``."""
    where = Text(f"{grade.vi}, điều kiện", f"{grade.en}, condition")
    data = mapping(value, where)
    if "no_zero_under" in data:
        code = data.pop("no_zero_under")
        no_leftovers(data, where, "no_zero_under")
        return GradeCondition("no_zero_under", _code(code, where))
    code = data.pop("criterion", None)
    kinds = [k for k in ("index_from", "figure_from") if k in data]
    if code is None or len(kinds) != 1:
        raise InvalidValueError(
            Text(
                f"{where.vi}: cần no_zero_under = mã, hoặc criterion = mã cùng index_from "
                "hoặc figure_from",
                f"{where.en}: give no_zero_under = code, or criterion = code with index_from "
                "or figure_from",
            )
        )
    number = to_decimal(data.pop(kinds[0]))
    no_leftovers(data, where, f"criterion, {kinds[0]}")
    return GradeCondition(kinds[0], _code(code, where), number)


def _code(value: object, where: Text) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(
            Text(
                f"{where.vi}: mã tiêu chí là văn bản, nhận được {value!r}",
                f"{where.en}: a criterion code is text, got {value!r}",
            )
        )
    return value


def _unstructure_grade(grade: Grade) -> dict[str, Any]:
    data: dict[str, Any] = {"label": grade.label, **edge_keys(grade.lower, grade.upper)}
    if grade.requires:
        data["requires"] = [
            {"no_zero_under": c.criterion}
            if c.kind == "no_zero_under"
            else {"criterion": c.criterion, c.kind: plain_number(c.value or Decimal(0))}
            for c in grade.requires
        ]
    return data


def _structure_rounding(value: object, _: type) -> RoundingPolicy:
    data = mapping(value, Text("một quy tắc làm tròn", "a rounding policy"))
    places = data.pop("places", None)
    mode = data.pop("mode", "ROUND_HALF_UP")
    declared = data.pop("declared", None)
    no_leftovers(data, Text("làm tròn", "rounding"), "places, mode, declared")
    if declared is not None and (isinstance(declared, bool) or not isinstance(declared, int)):
        raise InvalidValueError(
            Text(
                f"số chữ số so sánh điểm tự đánh giá (declared) phải là số nguyên, nhận được "
                f"{declared!r}",
                f"declared places must be a whole number, got {declared!r}",
            )
        )
    if places is not None and (isinstance(places, bool) or not isinstance(places, int)):
        raise InvalidValueError(
            Text(
                f"số chữ số làm tròn (places) phải là số nguyên, nhận được {places!r}",
                f"rounding places must be a whole number, got {places!r}",
            )
        )
    return RoundingPolicy(places, mode, declared)  # an unknown mode is refused, naming them


def _structure_total(value: object, _: type) -> TotalPolicy:
    data = mapping(value, Text("cách tính tổng điểm", "how the total is formed"))
    bonus = data.pop("bonus", "within")
    deductions = data.pop("deductions", "within")
    no_leftovers(data, Text("total", "total"), "bonus, deductions")
    return TotalPolicy(bonus, deductions)  # an unknown value is refused, naming the choices


converter.register_structure_hook(Band, read_band)
converter.register_unstructure_hook(Band, write_band)
converter.register_structure_hook(Grade, _structure_grade)
converter.register_unstructure_hook(Grade, _unstructure_grade)
converter.register_structure_hook(Option, read_option)
converter.register_unstructure_hook(Option, write_option)
converter.register_structure_hook(RoundingPolicy, _structure_rounding)
converter.register_structure_hook(TotalPolicy, _structure_total)


# --------------------------------------------------------------------------- rules


def structure_rule(name: object, params: dict[str, Any], kinds: RuleKinds) -> Rule:
    """Build the rule of the kind named ``name`` from its keys."""
    return kinds.get(name).read(params, kinds)


def unstructure_rule(rule: Rule, kinds: RuleKinds) -> dict[str, Any]:
    """The row keys for ``rule`` (with ``rule`` naming its kind)."""
    kind = kinds.of_rule(rule)
    if kind is None:
        raise ArgumentError(
            f"{type(rule).__name__} belongs to no registered rule kind: it cannot be written "
            "to a file (a plugin registers its kinds with register_rule_kinds)"
        )
    return {"rule": kind.name, **kind.write(rule, kinds)}
