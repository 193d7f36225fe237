"""The cattrs converter shared by the file formats: numbers, dates, enums, bands, rules.

Everything a person types is read leniently (Vietnamese numbers, day-first dates, folded
labels) and written back in one canonical form, so that load → dump → load gives equal objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import cattrs

from cchc_criteria.dates import parse_date
from cchc_criteria.errors import ArgumentError, InvalidValueError
from cchc_criteria.model import (
    Band,
    Formula,
    FractionOfMax,
    Grade,
    Linear,
    Lower,
    NAPolicy,
    Points,
    Role,
    RoundingPolicy,
    Rule,
    Scale,
    UnitKind,
    Upper,
)
from cchc_criteria.numbers import decimal_of, parse_rate, to_decimal
from cchc_criteria.rules import (
    BandRule,
    ChoiceRule,
    DeductionRule,
    ManualRule,
    Option,
    PerItemRule,
    ProportionalRule,
    YesNoRule,
)
from cchc_criteria.text import fold, nfc

__all__ = ["RULE_KEYS", "converter", "plain_number"]

#: The keys that belong to each kind of rule in a criterion's row.
RULE_KEYS: Mapping[str, frozenset[str]] = {
    "bands": frozenset({"scale", "bands"}),
    "yes_no": frozenset({"yes", "no"}),
    "choice": frozenset({"options"}),
    "proportional": frozenset({"scale"}),
    "per_item": frozenset({"points_per_item", "cap"}),
    "deduction": frozenset({"points_per_event", "floor"}),
    "manual": frozenset({"guidance"}),
}

_LOWER = {"from": True, "tu": True, "above": False, "tren": False}
_UPPER = {"to": True, "den": True, "below": False, "duoi": False}
_AWARDS = ("points", "share", "formula", "multiplier")

converter = cattrs.Converter(forbid_extra_keys=True)


def plain_number(value: Decimal) -> int | float | str:
    """A Decimal as the plainest value a file can hold and read back exactly.

    Whole numbers become integers; a value whose shortest float repr is itself becomes a float
    (1.5); anything longer is written as text with a decimal comma ("0,3333…"), never rounded.
    """
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return format(value.normalize(), "f").replace(".", ",")


# --------------------------------------------------------------------------- scalars


def _structure_decimal(value: object, _: type) -> Decimal:
    return to_decimal(value)


def _structure_date(value: object, _: type) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise InvalidValueError(f'expected a date such as "23/8/2019", got {value!r}')


def _structure_text(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(f"expected a text, got {value!r}")
    return nfc(value)


def _enum_hook(enum: type[Any], what: str) -> Any:
    def structure(value: object, _: type) -> Any:
        if isinstance(value, str):
            wanted = fold(value)
            for member in enum:
                if wanted in (fold(member.value), fold(member.name)):
                    return member
        choices = ", ".join(f'"{m.value}"' for m in enum)
        raise InvalidValueError(f"expected {what}: one of {choices}, got {value!r}")

    return structure


converter.register_structure_hook(Decimal, _structure_decimal)
converter.register_unstructure_hook(Decimal, plain_number)
converter.register_structure_hook(date, _structure_date)
converter.register_unstructure_hook(date, lambda d: d.isoformat())
converter.register_structure_hook(str, _structure_text)
for _enum, _what in (
    (UnitKind, "a unit kind"),
    (Role, "a role"),
    (NAPolicy, "a not-applicable policy"),
    (Scale, "a scale"),
):
    converter.register_structure_hook(_enum, _enum_hook(_enum, _what))
    converter.register_unstructure_hook(_enum, lambda member: member.value)


# --------------------------------------------------------------------------- awards, edges


def _mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidValueError(f"expected {what} (a table), got {value!r}")
    return {str(k): v for k, v in value.items()}


def _award(data: dict[str, Any], where: str) -> Points | FractionOfMax | Linear | Formula:
    present = [k for k in _AWARDS if k in data]
    if len(present) != 1:
        raise InvalidValueError(
            f'{where} needs exactly one award: points = 1, share = "75%", '
            f'formula = "value * 1.5 / 100" or multiplier = …; got {present or "none"}'
        )
    kind = present[0]
    extra = {"cap", "round"} if kind in ("formula", "multiplier") else set()
    if kind == "multiplier":
        extra |= {"divisor", "offset"}
    if kind == "points":
        return Points(_structure_decimal(data.pop("points"), Decimal))
    if kind == "share":
        share = data.pop("share")
        if isinstance(share, str) and "%" in share:
            return FractionOfMax(decimal_of(parse_rate(share, percent=False)))
        return FractionOfMax(_structure_decimal(share, Decimal))
    cap = data.pop("cap", None)
    places = data.pop("round", None)
    if places is not None and (isinstance(places, bool) or not isinstance(places, int)):
        raise InvalidValueError(f"{where}: round is a number of decimals, got {places!r}")
    cap_value = None if cap is None else _structure_decimal(cap, Decimal)
    if kind == "formula":
        text = data.pop("formula")
        if not isinstance(text, str):
            raise InvalidValueError(f"{where}: formula must be a text, got {text!r}")
        return Formula(text, cap=cap_value, places=places)
    return Linear(
        _structure_decimal(data.pop("multiplier"), Decimal),
        _structure_decimal(data.pop("divisor", 1), Decimal),
        _structure_decimal(data.pop("offset", 0), Decimal),
        cap=cap_value,
        places=places,
    )


def _unstructure_award(award: Points | FractionOfMax | Linear | Formula) -> dict[str, Any]:
    if isinstance(award, Points):
        return {"points": plain_number(award.points)}
    if isinstance(award, FractionOfMax):
        return {"share": plain_number(award.fraction)}
    result: dict[str, Any]
    if isinstance(award, Formula):
        result = {"formula": award.text}
    else:
        result = {"multiplier": plain_number(award.multiplier)}
        if award.divisor != 1:
            result["divisor"] = plain_number(award.divisor)
        if award.offset:
            result["offset"] = plain_number(award.offset)
    if award.cap is not None:
        result["cap"] = plain_number(award.cap)
    if award.places is not None:
        result["round"] = award.places
    return result


def _edges(data: dict[str, Any], where: str) -> tuple[Lower | None, Upper | None]:
    lower: Lower | None = None
    upper: Upper | None = None
    for key in list(data):
        folded = fold(key)
        if folded in _LOWER:
            if lower is not None:
                raise InvalidValueError(f"{where} has two lower edges")
            lower = Lower(_structure_decimal(data.pop(key), Decimal), inclusive=_LOWER[folded])
        elif folded in _UPPER:
            if upper is not None:
                raise InvalidValueError(f"{where} has two upper edges")
            upper = Upper(_structure_decimal(data.pop(key), Decimal), inclusive=_UPPER[folded])
    return lower, upper


def _unstructure_edges(lower: Lower | None, upper: Upper | None) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if lower is not None:
        result["from" if lower.inclusive else "above"] = plain_number(lower.value)
    if upper is not None:
        result["to" if upper.inclusive else "below"] = plain_number(upper.value)
    return result


def _no_leftovers(data: dict[str, Any], where: str, allowed: str) -> None:
    if data:
        keys = ", ".join(sorted(data))
        raise InvalidValueError(f"{where}: unknown key(s) {keys}; expected {allowed}")


def _structure_band(value: object, _: type) -> Band:
    data = _mapping(value, "a band")
    label = data.pop("label", "")
    if not isinstance(label, str):
        raise InvalidValueError(f"a band's label must be a text, got {label!r}")
    where = f"band {label!r}" if label else "a band"
    lower, upper = _edges(data, where)
    award = _award(data, where)
    _no_leftovers(data, where, "label, from/above (từ/trên), below/to (dưới/đến) and one award")
    return Band(label, award, lower, upper)


def _unstructure_band(band: Band) -> dict[str, Any]:
    return {
        "label": band.label,
        **_unstructure_edges(band.lower, band.upper),
        **_unstructure_award(band.award),
    }


def _structure_grade(value: object, _: type) -> Grade:
    data = _mapping(value, "a grade")
    label = data.pop("label", None)
    if not isinstance(label, str):
        raise InvalidValueError("a grade needs a label")
    lower, upper = _edges(data, f"grade {label!r}")
    _no_leftovers(data, f"grade {label!r}", "label, from/above, below/to")
    return Grade(label, lower, upper)


def _unstructure_grade(grade: Grade) -> dict[str, Any]:
    return {"label": grade.label, **_unstructure_edges(grade.lower, grade.upper)}


def _structure_option(value: object, _: type) -> Option:
    data = _mapping(value, "an option")
    label = data.pop("label", None)
    if not isinstance(label, str):
        raise InvalidValueError("an option needs a label")
    aliases = data.pop("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise InvalidValueError(f"option {label!r}: aliases must be a list of texts")
    award = _award(data, f"option {label!r}")
    if not isinstance(award, Points | FractionOfMax):
        raise InvalidValueError(
            f"option {label!r}: an option awards points or a share, not a formula"
        )
    _no_leftovers(data, f"option {label!r}", "label, points or share, aliases")
    return Option(label, award, aliases)


def _unstructure_option(option: Option) -> dict[str, Any]:
    result: dict[str, Any] = {"label": option.label, **_unstructure_award(option.award)}
    if option.aliases:
        result["aliases"] = list(option.aliases)
    return result


def _structure_rounding(value: object, _: type) -> RoundingPolicy:
    data = _mapping(value, "a rounding policy")
    places = data.pop("places", None)
    mode = data.pop("mode", "ROUND_HALF_UP")
    _no_leftovers(data, "rounding", "places and mode")
    if places is not None and (isinstance(places, bool) or not isinstance(places, int)):
        raise InvalidValueError(f"rounding places must be a whole number, got {places!r}")
    if not isinstance(mode, str) or not mode.startswith("ROUND_"):
        raise InvalidValueError(
            f"rounding mode must be a decimal mode such as ROUND_HALF_UP, got {mode!r}"
        )
    return RoundingPolicy(places, mode)


converter.register_structure_hook(Band, _structure_band)
converter.register_unstructure_hook(Band, _unstructure_band)
converter.register_structure_hook(Grade, _structure_grade)
converter.register_unstructure_hook(Grade, _unstructure_grade)
converter.register_structure_hook(Option, _structure_option)
converter.register_unstructure_hook(Option, _unstructure_option)
converter.register_structure_hook(RoundingPolicy, _structure_rounding)


# --------------------------------------------------------------------------- rules


def structure_rule(kind: object, params: dict[str, Any]) -> Rule:
    """Build the rule named ``kind`` from its parameters (the keys of :data:`RULE_KEYS`)."""
    if not isinstance(kind, str) or kind not in RULE_KEYS:
        raise InvalidValueError(f"rule must be one of {', '.join(RULE_KEYS)}, got {kind!r}")
    scale = converter.structure(params["scale"], Scale) if "scale" in params else None
    if kind == "bands":
        if "bands" not in params or not isinstance(params["bands"], list):
            raise InvalidValueError("a bands rule needs bands = [ … ], one table per band")
        bands = [converter.structure(b, Band) for b in params["bands"]]
        return BandRule(bands, scale or Scale.PERCENT)
    if kind == "yes_no":
        yes = converter.structure(params["yes"], Option) if "yes" in params else None
        no = converter.structure(params["no"], Option) if "no" in params else None
        default = YesNoRule()
        return YesNoRule(yes or default.yes, no or default.no)
    if kind == "choice":
        options = params.get("options")
        if not isinstance(options, list):
            raise InvalidValueError("a choice needs options = [ … ], one table per option")
        return ChoiceRule([converter.structure(o, Option) for o in options])
    if kind == "proportional":
        return ProportionalRule(scale or Scale.PERCENT)
    if kind == "per_item":
        if "points_per_item" not in params:
            raise InvalidValueError("a per_item rule needs points_per_item")
        cap = params.get("cap")
        return PerItemRule(
            _structure_decimal(params["points_per_item"], Decimal),
            None if cap is None else _structure_decimal(cap, Decimal),
        )
    if kind == "deduction":
        if "points_per_event" not in params:
            raise InvalidValueError("a deduction rule needs points_per_event")
        return DeductionRule(
            _structure_decimal(params["points_per_event"], Decimal),
            _structure_decimal(params.get("floor", 0), Decimal),
        )
    guidance = params.get("guidance", "")
    if not isinstance(guidance, str):
        raise InvalidValueError("guidance must be a text")
    return ManualRule(guidance)


def unstructure_rule(rule: Rule) -> dict[str, Any]:
    """The row keys for ``rule`` (with ``rule`` naming its kind)."""
    if isinstance(rule, BandRule):
        result: dict[str, Any] = {"rule": "bands"}
        if rule.scale is not Scale.PERCENT:
            result["scale"] = rule.scale.value
        result["bands"] = [_unstructure_band(b) for b in rule.bands]
        return result
    if isinstance(rule, YesNoRule):
        return {
            "rule": "yes_no",
            "yes": _unstructure_option(rule.yes),
            "no": _unstructure_option(rule.no),
        }
    if isinstance(rule, ChoiceRule):
        return {"rule": "choice", "options": [_unstructure_option(o) for o in rule.options]}
    if isinstance(rule, ProportionalRule):
        return {"rule": "proportional", "scale": rule.scale.value}
    if isinstance(rule, PerItemRule):
        result = {"rule": "per_item", "points_per_item": plain_number(rule.points_per_item)}
        if rule.cap is not None:
            result["cap"] = plain_number(rule.cap)
        return result
    if isinstance(rule, DeductionRule):
        return {
            "rule": "deduction",
            "points_per_event": plain_number(rule.points_per_event),
            "floor": plain_number(rule.floor),
        }
    if isinstance(rule, ManualRule):
        return (
            {"rule": "manual", "guidance": rule.guidance} if rule.guidance else {"rule": "manual"}
        )
    raise ArgumentError(
        f"{type(rule).__name__} is a rule of a plugin's own: it cannot be written to a file"
    )
