"""Reading criterion-set files (TOML, or JSON with the same shape) that read like the
published table.

One ``[[criteria]]`` table per row of the published table, in document order; the hierarchy
comes from the codes ("7.1.2" belongs to "7.1"). See ``docs/formats.md`` for the format.
Every mistake in a file is reported in one `InputError`, with the line,
the criterion code and what was expected; a file with a mistake yields no set at all. Writing
a set back is `set_writer`.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import cattrs

from cchc_criteria._bulk import bulk
from cchc_criteria._values import value_key
from cchc_criteria.dates import parse_period
from cchc_criteria.errors import CchcError, InputError, Problem
from cchc_criteria.formats._convert import (
    converter,
    structure_rule,
)
from cchc_criteria.formats._files import format_of, key_line, parse_document, read_text
from cchc_criteria.formats._set_messages import error_message, validation_messages
from cchc_criteria.formats._set_rows import (
    Header,
    Node,
    Row,
    derived_parent,
    identity_codes,
    normal_code,
    path_code,
)
from cchc_criteria.model import (
    MAX_DEPTH,
    Criterion,
    CriterionSet,
    Grade,
    Lineage,
    Numbering,
    Rule,
)
from cchc_criteria.model.codes import SCHEMES, level_of
from cchc_criteria.model.criteria import applies_to_problem, group_problem, too_deep
from cchc_criteria.model.grades import unknown_condition_code
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.text import Text, nfc, shown

__all__ = ["load_set", "loads_set"]


# A line that gives a row's code (TOML or JSON).
_CODE_KEY = re.compile(r'\s*"?code"?\s*[:=]')


def load_set(path: str | Path, *, kinds: RuleKinds) -> CriterionSet:
    """Read a criterion-set file (``.toml`` or ``.json``).

    ``kinds`` are the rule kinds the file may name (``cc.load_set`` passes every installed
    kind: the built-in ones and those of the installed plugins).
    """
    name = str(path)
    text = read_text(path)
    fmt = format_of(name)
    return loads_set(text, source=name, format=fmt, kinds=kinds)


def loads_set(
    text: str, *, source: str = "<text>", format: str = "toml", kinds: RuleKinds
) -> CriterionSet:
    """Read a criterion set from TOML (or ``format="json"``) text; ``source`` names it in
    messages (``kinds``: as in `load_set`)."""
    text = nfc(text)
    with bulk(text.count("\n")):  # a large set: millions of objects, none in a cycle
        document = parse_document(text, source, format, Text("một bộ tiêu chí", "a criterion set"))
        return _Reader(text, source, kinds).build(document)


class _Reader:
    """One reading of one file: collects every problem, then builds the set or raises."""

    def __init__(self, text: str, source: str, kinds: RuleKinds) -> None:
        self.kinds = kinds
        self.text = text
        self.lines = text.splitlines()
        self.source = source
        self.problems: list[Problem] = []
        self.row_lines: list[int | None] = []
        self.levels: tuple[str, ...] = ("dotted",)
        self.per_part = False  # numbering restarts under each part (numbering = "per_part")
        self.row_starts: list[int | None] = []
        # Rules already read, by their kind and keys: rows that repeat a rule (the same yes/no,
        # the same bands) share one rule object, read once.
        self.rules_read: dict[Hashable, Rule] = {}

    def problem(self, message: Text, line: int | None = None, code: str | None = None) -> None:
        self.problems.append(Problem(message, line=line, criterion=code))

    def build(self, document: dict[str, Any]) -> CriterionSet:
        rows = document.pop("criteria", None)
        header = self._header(document)
        if not isinstance(rows, list) or not rows:
            self.problem(
                Text(
                    "bộ tiêu chí cần các dòng của nó: mỗi dòng một bảng [[criteria]]",
                    "a criterion set needs its rows: one [[criteria]] table per row",
                )
            )
            rows = []
        self.row_lines = self._locate_rows(rows)
        if header is not None:
            self.per_part = header.numbering is Numbering.PER_PART
            unknown = [v for v in header.code_scheme if v not in SCHEMES]
            if unknown or not header.code_scheme:
                self.problem(
                    Text(
                        f"code_scheme nêu một kiểu mã cho mỗi cấp, trong {', '.join(SCHEMES)}; "
                        f"nhận được {header.code_scheme!r}",
                        f"code_scheme names one scheme per level, from {', '.join(SCHEMES)}; "
                        f"got {header.code_scheme!r}",
                    ),
                    self._key_line("code_scheme", None),
                )
            else:
                self.levels = tuple(header.code_scheme)
        nodes = [self._row(i, row) for i, row in enumerate(rows)]
        roots = self._tree([n for n in nodes if n is not None], len(nodes) == len(rows))
        self._check_depth(roots)
        if header is not None and header.cohort not in ("all", "group"):
            self.problem(
                Text(
                    f'cohort phải là "all" hoặc "group", nhận được {header.cohort!r}',
                    f'cohort must be "all" or "group", got {header.cohort!r}',
                ),
                self._key_line("cohort", None),
            )
        lineage = self._lineage(header) if header is not None else None
        if header is not None:
            self._check_groups(header.groups)
            self._check_applies_to(header.groups, nodes)
            self._check_grades(header.grades, roots)
        if self.problems or header is None:
            raise InputError(self.source, problems=self.problems)
        try:
            criteria = [self._criterion(node, "" if self.per_part else None) for node in roots]
        except (ValueError, CchcError) as error:  # pragma: no cover - checked per row above
            raise InputError(self.source, error_message(error)) from None
        valid_from, valid_until = header.valid_from, header.valid_until
        if header.in_force is not None:
            period = parse_period(header.in_force)
            valid_from, valid_until = period.start, period.end
        return CriterionSet(
            id=header.id,
            title=header.title,
            criteria=criteria,
            province=header.province,
            unit_kind=header.unit_kind,
            authority=header.authority,
            legal_basis=header.legal_basis,
            source=header.source,
            scope=header.scope,
            valid_from=valid_from,
            valid_until=valid_until,
            grades=header.grades,
            rounding=header.rounding,
            na_policy=header.na_policy,
            total=header.total,
            cohort=header.cohort,
            groups=header.groups,
            acknowledged=header.acknowledge,
            in_force_text=header.in_force or "",
            lineage=lineage,
            code_scheme=self.levels,
            numbering=header.numbering,
        )

    def _check_depth(self, roots: list[Node]) -> None:
        """A row nested deeper than MAX_DEPTH is a problem (said once, at the first such row),
        found without recursion: nothing is built from such a tree."""
        stack = [(root, 1) for root in roots]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                line = self.row_lines[node.index] if node.index < len(self.row_lines) else None
                self.problem(too_deep(depth, node.row.code), line, node.row.code)
                for other in roots:
                    other.children.clear()  # nothing below is read any further
                return
            stack.extend((child, depth + 1) for child in node.children)

    def _check_groups(self, groups: list[str]) -> None:
        if (problem := group_problem(groups)) is not None:
            self.problem(
                Text(f"groups: {problem.vi}", f"groups: {problem.en}"),
                self._key_line("groups", None),
            )

    def _check_grades(self, grades: list[Grade], roots: list[Node]) -> None:
        """A grade's conditions name criteria the set has (by their codes: their paths, in a
        set whose numbering restarts under each part)."""
        codes = identity_codes(roots, self.per_part)
        for grade in grades:
            for condition in grade.requires:
                if condition.criterion not in codes:
                    self.problem(
                        unknown_condition_code(grade.label, condition.criterion),
                        self._key_line("grades", None),
                    )

    def _check_applies_to(self, groups: list[str], nodes: list[Node | None]) -> None:
        """A row's ``applies_to`` names groups the set declares (when it declares any)."""
        for index, node in enumerate(nodes):
            problem = None if node is None else applies_to_problem(node.row.applies_to, groups)
            if node is not None and problem is not None:
                self.problem(problem, self._key_line("applies_to", index), node.row.code)

    def _lineage(self, header: Header) -> Lineage | None:
        """The set's predecessor and code map; problems for a map without a predecessor or
        codes that are not texts."""
        if header.predecessor is None:
            if header.lineage:
                self.problem(
                    Text(
                        "[lineage] ánh xạ mã sang mã của bộ trước: hãy nêu bộ đó bằng "
                        "predecessor = …",
                        "[lineage] maps codes to a predecessor's: name it with predecessor = …",
                    ),
                    self._key_line("lineage", None),
                )
            return None
        codes: dict[str, list[str]] = {}
        for code, old in header.lineage.items():
            olds = [old] if isinstance(old, str) else old
            if not isinstance(olds, list) or not all(isinstance(o, str) for o in olds):
                self.problem(
                    Text(
                        f"[lineage]: {code!r} ánh xạ sang một mã của bộ trước, một danh sách "
                        f"mã, hoặc [] cho tiêu chí mới; nhận được {old!r}",
                        f"[lineage]: {code!r} maps to a predecessor's code, a list of them, or "
                        f"[] for a new criterion; got {old!r}",
                    ),
                    self._key_line(code, None),
                    code,
                )
                continue
            codes[code] = olds
        return Lineage(header.predecessor, codes)

    # ------------------------------------------------------------------ header

    def _header(self, document: dict[str, Any]) -> Header | None:
        try:
            header = converter.structure(document, Header)
        except cattrs.BaseValidationError as error:
            for message, key in validation_messages(error):
                self.problem(message, self._key_line(key, None))
            return None
        if header.in_force is not None:
            try:
                parse_period(header.in_force)
            except CchcError as error:
                self.problem(
                    Text(f"in_force: {error.text.vi}", f"in_force: {error.text.en}"),
                    self._key_line("in_force", None),
                )
                return None
            if header.valid_from or header.valid_until:
                self.problem(
                    Text(
                        "chỉ ghi in_force hoặc valid_from/valid_until, không ghi cả hai",
                        "give either in_force or valid_from/valid_until, not both",
                    )
                )
        return header

    # ------------------------------------------------------------------ rows

    def _rule(self, kind: str, params: dict[str, Any]) -> Rule:
        """The rule of ``kind`` read from ``params``, once for rows that give the same keys."""
        key = value_key(params)
        if key is None:
            return structure_rule(kind, params, self.kinds)
        known = self.rules_read.get((kind, key))
        if known is None:
            known = self.rules_read[(kind, key)] = structure_rule(kind, params, self.kinds)
        return known

    def _row(self, index: int, raw: object) -> Node | None:
        line = self.row_lines[index]
        if not isinstance(raw, Mapping):
            self.problem(
                Text(f"dòng {index + 1} phải là một bảng", f"row {index + 1} must be a table"),
                line,
            )
            return None
        data = {str(k): v for k, v in raw.items()}
        code = data.get("code") if isinstance(data.get("code"), str) else None
        kind = data.pop("rule", None)
        params = {k: data.pop(k) for k in list(data) if k in self.kinds.keys}
        row: Row | None = None
        try:
            row = converter.structure(data, Row)
        except cattrs.BaseValidationError as error:
            for message, key in validation_messages(error):
                self.problem(message, self._key_line(key, index), code)
        rule: Rule | None = None
        if kind is not None and not isinstance(kind, str):
            names = ", ".join(self.kinds.names)
            self.problem(
                Text(
                    f"rule phải là một chuỗi nêu loại quy tắc ({names}), "
                    f"nhận được {type(kind).__name__} {shown(kind, quoted=True):.60}",
                    f"rule must be a text naming the kind of rule ({names}), "
                    f"got {type(kind).__name__} {shown(kind, quoted=True):.60}",
                ),
                self._key_line("rule", index),
                code,
            )
            return None
        if kind is not None:
            try:
                rule_kind = self.kinds.get(kind)
            except CchcError as error:
                self.problem(error_message(error), self._key_line("rule", index), code)
                return None
            unknown = set(params) - rule_kind.keys
            if unknown:
                given = ", ".join(sorted(unknown))
                self.problem(
                    Text(
                        f"{given} không thuộc quy tắc {kind}; quy tắc này nhận "
                        f"{', '.join(sorted(rule_kind.keys)) or 'không khóa nào'}",
                        f"{given} do(es) not belong to a {kind} rule; "
                        f"it takes {', '.join(sorted(rule_kind.keys)) or 'nothing'}",
                    ),
                    self._key_line(sorted(unknown)[0], index),
                    code,
                )
            else:
                try:
                    rule = self._rule(kind, params)
                except (ValueError, CchcError, cattrs.BaseValidationError) as error:
                    key = next(iter(params), "rule")
                    self.problem(error_message(error), self._key_line(key, index), code)
        elif params:
            owners = [k.name for k in self.kinds.by_name.values() if set(params) <= k.keys]
            given = ", ".join(sorted(params))
            self.problem(
                Text(
                    f'{given} được ghi mà không có rule = "{owners[0]}" hay loại khác',
                    f'{given} given without rule = "{owners[0]}" or another kind',
                )
                if owners
                else Text(
                    f"{given} được ghi mà không có quy tắc (rule)",
                    f"{given} given without a rule",
                ),
                self._key_line(sorted(params)[0], index),
                code,
            )
        if row is None:
            return None
        if row.max < 0:
            self.problem(
                Text(
                    f"max không được âm, nhận được {row.max}",
                    f"max must not be negative, got {row.max}",
                ),
                self._key_line("max", index),
                row.code,
            )
            return None
        if kind is not None and rule is None:
            return None
        return Node(row, rule, index)

    def _tree(self, nodes: list[Node], all_rows: bool) -> list[Node]:
        roots: list[Node] = []
        # The latest row above of each normalised code: a parent is a look-up, not a scan.
        seen: dict[str, Node] = {}
        last_at: dict[int, Node] = {}  # the latest row of each level, for non-dotted schemes
        for node in nodes:
            row = node.row
            parent_code = row.parent if row.parent is not None else self._parent(row.code, last_at)
            level = level_of(row.code, self.levels)
            if level is not None:
                last_at[level] = node
            line = self.row_lines[node.index]
            if not parent_code:  # None, or "" for a top-level row whose code has a dot
                roots.append(node)
            else:
                wanted = normal_code(parent_code)
                parent = seen.get(wanted)
                if parent is None:
                    derived = row.parent is None
                    self.problem(
                        Text(
                            f"tiêu chí cha {parent_code!r}{' (theo mã)' if derived else ''} "
                            "không có trong các dòng phía trên",
                            f"its parent {parent_code!r}{' (from its code)' if derived else ''} "
                            "is not among the rows above it",
                        ),
                        line,
                        row.code,
                    )
                elif parent.rule is not None:
                    self.problem(
                        Text(
                            f"tiêu chí cha {parent.row.code!r} có quy tắc; tiêu chí có tiêu chí "
                            "thành phần được chấm bằng tổng các thành phần, không có quy tắc",
                            f"its parent {parent.row.code!r} has a rule; a criterion with "
                            "sub-criteria is scored by adding them up and takes no rule",
                        ),
                        line,
                        row.code,
                    )
                else:
                    parent.children.append(node)
            seen[normal_code(row.code)] = node
        if all_rows:
            for node in nodes:
                if node.rule is None and not node.children:
                    self.problem(
                        Text(
                            "tiêu chí không có quy tắc và không có tiêu chí thành phần; hãy ghi "
                            'rule = … (hoặc rule = "manual" nếu bộ để hội đồng chấm)',
                            "it has no rule and no sub-criteria; give it rule = … "
                            '(or rule = "manual" if the set leaves the score to the council)',
                        ),
                        self.row_lines[node.index],
                        node.row.code,
                    )
        return roots

    def _parent(self, code: str, last_at: dict[int, Node]) -> str | None:
        """The parent a code names: by its dots ("7.1" → "7"); under a scheme with other
        levels ("I", then "1"), the latest row of the level above."""
        if self.levels == ("dotted",) or "." in normal_code(code):
            return derived_parent(code)
        level = level_of(code, self.levels)
        if not level:
            return None
        above = last_at.get(level - 1)
        return None if above is None else above.row.code

    def _criterion(self, node: Node, part: str | None = None) -> Criterion:
        """The criterion of ``node``; under ``part`` (numbering per part: "" for a part
        itself, else None) its code is its path ("II.1.1"), printed as written ("1.1")."""
        row = node.row
        code = row.code if not part else path_code(row.code, part)
        below = None if part is None else (part or row.code)
        return Criterion(
            code,
            row.title,
            row.max,
            printed=row.code if code != row.code else "",
            rule=node.rule,
            children=[self._criterion(child, below) for child in node.children],
            role=row.role,
            na_policy=row.na,
            evidence=row.evidence,
            notes=row.notes,
            applies_to=row.applies_to,
            cumulative=row.cumulative,
        )

    # ------------------------------------------------------------------ line numbers

    def _locate_rows(self, rows: list[Any]) -> list[int | None]:
        """The line of each row's ``code`` (where it can be told), in document order."""
        key = _CODE_KEY.match
        codes = [i + 1 for i, line in enumerate(self.lines) if "code" in line and key(line)]
        headers = [i + 1 for i, line in enumerate(self.lines) if line.strip() == "[[criteria]]"]
        # A row's keys lie between its [[criteria]] header and the next one.
        self.row_starts = list(headers) if len(headers) == len(rows) else [None] * len(rows)
        if len(codes) == len(rows):
            return list(codes)
        return list(self.row_starts)

    def _key_line(self, key: str | None, index: int | None) -> int | None:
        """The line where ``key`` is set in row ``index`` (``None``: the header), else the
        row's first line."""
        if index is None:
            begin, start = 0, None
            following = [n for n in self.row_starts if n is not None]
        else:
            start = self.row_lines[index]
            first = self.row_starts[index]
            if start is None or first is None:
                return start
            begin = first - 1
            following = [n for n in self.row_starts[index + 1 :] if n is not None]
        end = following[0] - 1 if following else len(self.lines)
        found = None if key is None else key_line(self.lines, key, begin=begin, end=end)
        return start if found is None else found
