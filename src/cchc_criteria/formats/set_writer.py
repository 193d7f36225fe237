"""Writing a criterion set back to a file that reads like the published table (TOML), the
form `loads_set` reads back to an equal set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tomli_w

from cchc_criteria.errors import require
from cchc_criteria.formats._convert import (
    converter,
    plain_number,
    unstructure_rule,
)
from cchc_criteria.formats._set_rows import derived_parent, normal_code
from cchc_criteria.formats.output import write_atomic
from cchc_criteria.model import (
    Criterion,
    CriterionSet,
    Grade,
    NAPolicy,
    Numbering,
    Role,
    RoundingPolicy,
    TotalPolicy,
)
from cchc_criteria.rules.kinds import RuleKinds

__all__ = ["dump_set", "dumps_set", "set_to_dict"]


def set_to_dict(criterion_set: CriterionSet, *, kinds: RuleKinds) -> dict[str, Any]:
    """The set as plain data in the file format (``load_set`` reads it back equal)."""
    require(criterion_set, CriterionSet, "set_to_dict()")
    cs = criterion_set
    result: dict[str, Any] = {"id": cs.id, "title": cs.title}
    for key in ("province", "authority", "legal_basis", "source", "scope"):
        if getattr(cs, key):
            result[key] = getattr(cs, key)
    if cs.unit_kind is not None:
        result["unit_kind"] = cs.unit_kind.value
    if cs.in_force_text:
        result["in_force"] = cs.in_force_text  # the wording as published
    else:
        if cs.valid_from is not None:
            result["valid_from"] = cs.valid_from.isoformat()
        if cs.valid_until is not None:
            result["valid_until"] = cs.valid_until.isoformat()
    if cs.na_policy is not NAPolicy.EXCLUDE:
        result["na_policy"] = cs.na_policy.value
    if cs.total != TotalPolicy():
        result["total"] = {"bonus": cs.total.bonus, "deductions": cs.total.deductions}
    if cs.cohort != "all":
        result["cohort"] = cs.cohort
    if cs.groups:
        result["groups"] = list(cs.groups)
    if cs.code_scheme != ("dotted",):
        result["code_scheme"] = list(cs.code_scheme)
    if cs.numbering is not Numbering.CONTINUOUS:
        result["numbering"] = cs.numbering.value
    if cs.lineage is not None:
        result["predecessor"] = cs.lineage.predecessor
        if cs.lineage.codes:
            result["lineage"] = {
                code: olds[0] if len(olds) == 1 else list(olds) for code, olds in cs.lineage.codes
            }
    if cs.rounding != RoundingPolicy():
        rounding: dict[str, Any] = {"mode": cs.rounding.mode}
        if cs.rounding.places is not None:
            rounding["places"] = cs.rounding.places
        if cs.rounding.declared is not None:
            rounding["declared"] = cs.rounding.declared
        result["rounding"] = rounding
    if cs.grades:
        result["grades"] = [converter.unstructure(g, Grade) for g in cs.grades]
    if cs.acknowledged:
        result["acknowledge"] = [
            {"code": a.code, "criterion": a.criterion, "reason": a.reason} for a in cs.acknowledged
        ]
    rows: list[dict[str, Any]] = []
    for top in cs.criteria:
        _dump_rows(top, None, rows, kinds)
    result["criteria"] = rows
    return result


def _dump_rows(
    criterion: Criterion, parent: str | None, rows: list[dict[str, Any]], kinds: RuleKinds
) -> None:
    row: dict[str, Any] = {
        "code": criterion.number,  # as printed: a set numbered per part gives the path back
        "title": criterion.title,
        "max": plain_number(criterion.max_points),
    }
    derived = derived_parent(criterion.number)
    if (parent is None and derived is not None) or (
        parent is not None and (derived is None or normal_code(parent) != derived)
    ):
        row["parent"] = parent if parent is not None else ""
    if criterion.role is not Role.SCORE:
        row["role"] = criterion.role.value
    if criterion.na_policy is not None:
        row["na"] = criterion.na_policy.value
    if criterion.applies_to:
        row["applies_to"] = list(criterion.applies_to)
    if criterion.cumulative:
        row["cumulative"] = criterion.cumulative
    if criterion.evidence:
        row["evidence"] = criterion.evidence
    if criterion.notes:
        row["notes"] = criterion.notes
    if criterion.rule is not None:
        row.update(unstructure_rule(criterion.rule, kinds))
    rows.append(row)
    for child in criterion.children:
        _dump_rows(child, criterion.number, rows, kinds)


def dumps_set(criterion_set: CriterionSet, *, format: str = "toml", kinds: RuleKinds) -> str:
    """The set as TOML (or ``format="json"``) text."""
    data = set_to_dict(criterion_set, kinds=kinds)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return tomli_w.dumps(data)


def dump_set(criterion_set: CriterionSet, path: str | Path, *, kinds: RuleKinds) -> None:
    """Write the set to ``path`` (TOML, or JSON for a ``.json`` name), all or nothing."""
    target = Path(path)
    fmt = "json" if target.suffix.lower() == ".json" else "toml"
    write_atomic(target, dumps_set(criterion_set, format=fmt, kinds=kinds))
