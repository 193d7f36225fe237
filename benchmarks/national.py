"""A generated national-size criterion set, the answers of many units, and two hand-written
scorers of the same set: the baselines the library is measured against.

The set has 7 areas, 40 criteria and 120 sub-criteria (167 nodes) that mix the rule kinds
real indices use: bands over a percentage (points, a share of the max, a formula), yes/no,
a choice, proportional, points per item, a deduction per event, parts, lateness, and one
deduction-role row per area. It is written as a set file (TOML) and read by the library like
any published set.

The hand-written scorers read the same *spec* with plain ``if``/``elif`` — one over
``decimal.Decimal``, one over ``float`` — and return the total points. They take the same raw
answers as the library: "93,5" as text, ``True``/``False``, an option's label, a count, a
date, a table of figures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

DEADLINE = date(2024, 12, 20)
KINDS = (
    "bands",
    "yes_no",
    "choice",
    "proportional",
    "per_item",
    "deduction",
    "parts",
    "lateness",
)
CHOICES = (
    ("Hoàn thành xuất sắc", Decimal(1)),
    ("Hoàn thành tốt", Decimal("0.75")),
    ("Hoàn thành", Decimal("0.5")),
    ("Không hoàn thành", Decimal(0)),
)


@dataclass
class Leaf:
    code: str
    kind: str
    max: Decimal
    role: str = "score"


@dataclass
class Group:
    code: str
    max: Decimal
    children: list[Any] = field(default_factory=list)


def national_spec(areas: int = 7, groups: int = 40, leaves_per_group: int = 3) -> list[Group]:
    """The tree: ``areas`` areas holding ``groups`` criteria of ``leaves_per_group`` rows
    each; every area's last row is a deduction (trừ điểm)."""
    tree = [Group(str(a + 1), Decimal(0)) for a in range(areas)]
    number = 0
    for g in range(groups):
        area = tree[g % areas]
        group = Group(f"{area.code}.{len(area.children) + 1}", Decimal(0))
        for i in range(leaves_per_group):
            kind = KINDS[number % len(KINDS)]
            maximum = Decimal(1 + number % 3)
            group.children.append(Leaf(f"{group.code}.{i + 1}", kind, maximum))
            number += 1
        area.children.append(group)
    for area in tree:
        last = area.children[-1].children[-1]
        last.role, last.kind = "deduction", "per_item"
    for area in tree:
        for group in area.children:
            group.max = sum((c.max for c in group.children if c.role == "score"), Decimal(0))
        area.max = sum((g.max for g in area.children), Decimal(0))
    return tree


def _leaf_toml(leaf: Leaf) -> list[str]:
    lines = [f"max = {leaf.max}"]
    if leaf.role != "score":
        lines.append(f'role = "{leaf.role}"')
    if leaf.kind == "bands":
        lines += [
            'rule = "bands"',
            'scale = "percent"',
            "bands = [",
            f'  {{ label = "Từ 90% trở lên", from = 90, points = {leaf.max} }},',
            '  { label = "Từ 60% đến dưới 90%", from = 60, below = 90, share = "50%" },',
            '  { label = "Dưới 60%", below = 60, formula = "value * max_points / 200" },',
            "]",
        ]
    elif leaf.kind == "yes_no":
        lines += [
            'rule = "yes_no"',
            f'yes = {{ label = "Có", points = {leaf.max} }}',
            'no = { label = "Không", points = 0 }',
        ]
    elif leaf.kind == "choice":
        options = ", ".join(f'{{ label = "{name}", share = "{part}" }}' for name, part in CHOICES)
        lines += ['rule = "choice"', f"options = [{options}]"]
    elif leaf.kind == "proportional":
        lines += ['rule = "proportional"', 'scale = "percent"']
    elif leaf.kind == "per_item":
        per = "0,5" if leaf.role == "deduction" else "1"
        lines += ['rule = "per_item"', f'points_per_item = "{per}"', f"cap = {leaf.max}"]
    elif leaf.kind == "deduction":
        lines += ['rule = "deduction"', 'points_per_event = "0,25"', "floor = 0"]
    elif leaf.kind == "parts":
        half = leaf.max / 2
        lines += [
            'rule = "parts"',
            "parts = [",
            f'  {{ name = "rate", max = {half}, rule = "proportional" }},',
            f'  {{ name = "items", max = {half}, rule = "per_item", points_per_item = "0,25", '
            f"cap = {half} }},",
            "]",
        ]
    elif leaf.kind == "lateness":
        lines += [
            'rule = "lateness"',
            f'deadline = "{DEADLINE.isoformat()}"',
            "bands = [",
            f'  {{ label = "Đúng hạn", to = 0, points = {leaf.max} }},',
            '  { label = "Chậm đến 5 ngày", above = 0, to = 5, share = "50%" },',
            '  { label = "Chậm trên 5 ngày", above = 5, points = 0 },',
            "]",
        ]
    return lines


def set_toml(tree: list[Group], set_id: str = "bench.national") -> str:
    """The spec as a set file."""
    out = [f'id = "{set_id}"', 'title = "Bộ chỉ số cấp quốc gia (sinh để đo)"', ""]

    def row(node: Group | Leaf, title: str) -> None:
        out.extend(["[[criteria]]", f'code = "{node.code}"', f'title = "{title} {node.code}"'])
        if isinstance(node, Leaf):
            out.extend(_leaf_toml(node))
        else:
            out.append(f"max = {node.max}")
        out.append("")

    for area in tree:
        row(area, "Lĩnh vực")
        for group in area.children:
            row(group, "Tiêu chí")
            for leaf in group.children:
                row(leaf, "Tiêu chí thành phần")
    return "\n".join(out)


def leaves(tree: list[Group]) -> list[Leaf]:
    return [leaf for area in tree for group in area.children for leaf in group.children]


def _rate(rng: random.Random) -> str:
    """A percentage from 1 to 100 with one decimal, as typed: "93,5"."""
    tenths = rng.randint(10, 1000)
    return f"{tenths // 10},{tenths % 10}"


def answers(tree: list[Group], units: int, seed: int = 2019) -> list[dict[str, object]]:
    """Random raw answers of ``units`` units, as people type them."""
    rng = random.Random(seed)
    result = []
    cells = leaves(tree)
    for _ in range(units):
        unit: dict[str, object] = {}
        for leaf in cells:
            if leaf.kind in ("bands", "proportional"):
                unit[leaf.code] = _rate(rng)
            elif leaf.kind == "yes_no":
                unit[leaf.code] = rng.random() < 0.7
            elif leaf.kind == "choice":
                unit[leaf.code] = rng.choice(CHOICES)[0]
            elif leaf.kind in ("per_item", "deduction"):
                unit[leaf.code] = rng.randint(0, 6)
            elif leaf.kind == "parts":
                unit[leaf.code] = {"rate": _rate(rng), "items": rng.randint(0, 8)}
            elif leaf.kind == "lateness":
                unit[leaf.code] = DEADLINE + timedelta(days=rng.randint(-5, 12))
        result.append(unit)
    return result


# --------------------------------------------------------------------------- baselines

_D0, _D100 = Decimal(0), Decimal(100)
_HALF, _QUARTER, _PER_ITEM = Decimal("0.5"), Decimal("0.25"), Decimal(1)
_SHARES = dict(CHOICES)


def _number(text: object) -> Decimal:
    return Decimal(str(text).replace(",", "."))


def _leaf_decimal(leaf: Leaf, answer: object) -> Decimal:
    m = leaf.max
    kind = leaf.kind
    if kind == "bands":
        rate = _number(answer)
        if rate >= 90:
            points = m
        elif rate >= 60:
            points = m * _HALF
        else:
            points = rate * m / 200
    elif kind == "yes_no":
        points = m if answer else _D0
    elif kind == "choice":
        points = m * _SHARES[str(answer)]
    elif kind == "proportional":
        points = m * _number(answer) / _D100
    elif kind == "per_item":
        per = _HALF if leaf.role == "deduction" else _PER_ITEM
        points = min(per * int(answer), m)  # type: ignore[call-overload]
    elif kind == "deduction":
        points = max(m - _QUARTER * int(answer), _D0)  # type: ignore[call-overload]
    elif kind == "parts":
        half = m / 2
        table: dict[str, object] = answer  # type: ignore[assignment]
        rate = min(half * _number(table["rate"]) / _D100, half)
        items = min(_QUARTER * int(table["items"]), half)  # type: ignore[call-overload]
        points = rate + items
    else:  # lateness
        late = (answer - DEADLINE).days  # type: ignore[operator]
        points = m if late <= 0 else m * _HALF if late <= 5 else _D0
    return min(max(points, _D0), m)


def score_decimal(tree: list[Group], unit: dict[str, object]) -> Decimal:
    """The total points of ``unit``, by hand, in Decimal."""
    total = _D0
    for area in tree:
        area_sum = _D0
        for group in area.children:
            group_sum = _D0
            for leaf in group.children:
                points = _leaf_decimal(leaf, unit[leaf.code])
                group_sum += -points if leaf.role == "deduction" else points
            area_sum += min(max(group_sum, _D0), group.max)
        total += min(max(area_sum, _D0), area.max)
    return total


def _leaf_float(leaf: Leaf, answer: object) -> float:
    m = float(leaf.max)
    kind = leaf.kind
    if kind == "bands":
        rate = float(str(answer).replace(",", "."))
        points = m if rate >= 90 else m * 0.5 if rate >= 60 else rate * m / 200
    elif kind == "yes_no":
        points = m if answer else 0.0
    elif kind == "choice":
        points = m * float(_SHARES[str(answer)])
    elif kind == "proportional":
        points = m * float(str(answer).replace(",", ".")) / 100
    elif kind == "per_item":
        per = 0.5 if leaf.role == "deduction" else 1.0
        points = min(per * int(answer), m)  # type: ignore[call-overload]
    elif kind == "deduction":
        points = max(m - 0.25 * int(answer), 0.0)  # type: ignore[call-overload]
    elif kind == "parts":
        half = m / 2
        table: dict[str, object] = answer  # type: ignore[assignment]
        rate = min(half * float(str(table["rate"]).replace(",", ".")) / 100, half)
        points = rate + min(0.25 * int(table["items"]), half)  # type: ignore[call-overload]
    else:
        late = (answer - DEADLINE).days  # type: ignore[operator]
        points = m if late <= 0 else m * 0.5 if late <= 5 else 0.0
    return min(max(points, 0.0), m)


def score_float(tree: list[Group], unit: dict[str, object]) -> float:
    """The total points of ``unit``, by hand, in float."""
    total = 0.0
    for area in tree:
        area_sum = 0.0
        for group in area.children:
            group_sum = 0.0
            for leaf in group.children:
                points = _leaf_float(leaf, unit[leaf.code])
                group_sum += -points if leaf.role == "deduction" else points
            area_sum += min(max(group_sum, 0.0), float(group.max))
        total += min(max(area_sum, 0.0), float(area.max))
    return total


# --------------------------------------------------------------------------- straight-line


def straight_line_source(tree: list[Group]) -> str:
    """The source of ``score(a)``: the set scored in straight-line Decimal code, one line per
    row with its constants written in (no tree to walk, no kind to dispatch on), as a person
    would hand-write a scorer for one published set. The benchmark's baseline."""
    lines = ["def score(a):"]
    area_names = []
    for area in tree:
        group_names = []
        for group in area.children:
            terms = []
            for leaf in group.children:
                name = "p_" + leaf.code.replace(".", "_")
                lines += [f"    {line}" for line in _leaf_lines(leaf, name)]
                terms.append(f"- {name}" if leaf.role == "deduction" else f"+ {name}")
            g = "g_" + group.code.replace(".", "_")
            lines.append(f"    {g} = D0 {' '.join(terms)}")
            lines.append(
                f"    {g} = D0 if {g} < D0 else {_d(group.max)} if {g} > {_d(group.max)} else {g}"
            )
            group_names.append(g)
        t = "t_" + area.code
        lines.append(f"    {t} = {' + '.join(group_names)}")
        lines.append(
            f"    {t} = D0 if {t} < D0 else {_d(area.max)} if {t} > {_d(area.max)} else {t}"
        )
        area_names.append(t)
    lines.append(f"    return {' + '.join(area_names)}")
    return "\n".join(lines) + "\n"


def _d(value: Decimal) -> str:
    return f'D("{value}")'


def _held(name: str, most: str) -> str:
    return f"{name} = D0 if {name} < D0 else {most} if {name} > {most} else {name}"


def _leaf_lines(leaf: Leaf, name: str) -> list[str]:
    m = _d(leaf.max)
    code = repr(leaf.code)
    if leaf.kind == "bands":
        return [
            f"r = D(a[{code}].replace(',', '.'))",
            f"{name} = {m} if r >= 90 else {_d(leaf.max * _HALF)} if r >= 60 else r * {m} / 200",
            _held(name, m),
        ]
    if leaf.kind == "yes_no":
        return [f"{name} = {m} if a[{code}] else D0"]
    if leaf.kind == "choice":
        return [f"{name} = {m} * SHARES[a[{code}]]"]
    if leaf.kind == "proportional":
        return [f"{name} = {m} * D(a[{code}].replace(',', '.')) / 100", _held(name, m)]
    if leaf.kind == "per_item":
        per = _d(_HALF if leaf.role == "deduction" else _PER_ITEM)
        return [f"{name} = {per} * a[{code}]", f"{name} = {m} if {name} > {m} else {name}"]
    if leaf.kind == "deduction":
        return [f"{name} = {m} - D('0.25') * a[{code}]", f"{name} = D0 if {name} < D0 else {name}"]
    if leaf.kind == "parts":
        half = _d(leaf.max / 2)
        return [
            f"t = a[{code}]",
            f"x = {half} * D(t['rate'].replace(',', '.')) / 100",
            "y = D('0.25') * t['items']",
            f"{name} = ({half} if x > {half} else x) + ({half} if y > {half} else y)",
            _held(name, m),
        ]
    return [  # lateness
        f"late = (a[{code}] - DEADLINE).days",
        f"{name} = {m} if late <= 0 else {_d(leaf.max * _HALF)} if late <= 5 else D0",
    ]


def straight_line_scorer(tree: list[Group]) -> Any:
    """The straight-line scorer of :func:`straight_line_source`, ready to call."""
    namespace: dict[str, Any] = {"D": Decimal, "D0": _D0, "SHARES": _SHARES, "DEADLINE": DEADLINE}
    exec(compile(straight_line_source(tree), "<straight-line scorer>", "exec"), namespace)
    return namespace["score"]
