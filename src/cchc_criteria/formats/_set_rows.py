"""The shapes of a set file's tables as cattrs structures them: the set's header, one row of
the published table, and a row's place in the tree being built."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from cchc_criteria.model import (
    Acknowledgement,
    Grade,
    NAPolicy,
    Numbering,
    Role,
    RoundingPolicy,
    Rule,
    TotalPolicy,
    UnitKind,
)

__all__ = [
    "Header",
    "Node",
    "Row",
    "derived_parent",
    "identity_codes",
    "normal_code",
    "path_code",
]


@attrs.frozen
class Header:
    id: str
    title: str
    province: str = ""
    unit_kind: UnitKind | None = None
    authority: str = ""
    legal_basis: str = ""
    source: str = ""
    scope: str = ""
    in_force: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    grades: list[Grade] = attrs.Factory(list)
    rounding: RoundingPolicy = attrs.Factory(RoundingPolicy)
    na_policy: NAPolicy = NAPolicy.EXCLUDE
    total: TotalPolicy = attrs.Factory(TotalPolicy)
    cohort: str = "all"
    groups: list[str] = attrs.Factory(list)
    acknowledge: list[Acknowledgement] = attrs.Factory(list)
    predecessor: str | None = None
    lineage: dict[str, Any] = attrs.Factory(dict)
    code_scheme: list[str] = attrs.Factory(lambda: ["dotted"])
    numbering: Numbering = Numbering.CONTINUOUS


@attrs.frozen
class Row:
    code: str
    title: str
    max: Decimal
    parent: str | None = None
    role: Role = Role.SCORE
    na: NAPolicy | None = None
    evidence: str = ""
    notes: str = ""
    applies_to: list[str] = attrs.field(factory=list)
    cumulative: str = ""


@attrs.define
class Node:
    row: Row
    rule: Rule | None
    index: int
    children: list[Node] = attrs.Factory(list)


def derived_parent(code: str) -> str | None:
    """The code of the row a code belongs to, read from the code ("7.1.2" → "7.1")."""
    normal = normal_code(code)
    return normal.rsplit(".", 1)[0] if "." in normal else None


def normal_code(code: str) -> str:
    """A code with commas read as dots and no spaces or trailing dot ("7,4" → "7.4")."""
    return code.replace(",", ".").replace(" ", "").rstrip(".")


def path_code(printed: str, part: str | None) -> str:
    """A criterion's code in a set numbered per part: its part's code and the number as
    printed ("II" and "1.1" → "II.1.1"); a top-level row, or one already written from its
    part, keeps its own."""
    if not part or printed == part or printed.startswith(part + "."):
        return printed
    return f"{part}.{printed}"


def identity_codes(roots: list[Node], per_part: bool) -> set[str]:
    """The codes the rows below ``roots`` will have: as printed, or, when the numbering
    restarts under each part, their paths."""
    codes: set[str] = set()
    stack: list[tuple[Node, str | None]] = [(root, None) for root in roots]
    while stack:
        node, part = stack.pop()
        codes.add(path_code(node.row.code, part))
        below = node.row.code if part is None else part
        stack.extend((child, below if per_part else None) for child in node.children)
    return codes
