"""What changed between two criterion sets: criteria added, removed, renumbered, split, merged,
and changed (max points, title, rule kind, bands in the published wording).

Criteria are matched through the newer set's code map (``Lineage``) where it has one for the
older set; otherwise by title (case and diacritics folded), then by code. ``diff_sets(b, a)`` is
the mirror image of ``diff_sets(a, b)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from cchc_criteria.errors import require
from cchc_criteria.model import Criterion, CriterionSet, Lineage
from cchc_criteria.numbers import format_number
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.text import Lang, Text, fold

__all__ = ["MIRROR", "Change", "SetDiff", "diff_sets", "match_codes"]

MIRROR = {
    "set": "set",
    "added": "removed",
    "removed": "added",
    "renumbered": "renumbered",
    "split": "merged",
    "merged": "split",
    "changed": "changed",
}
"""What happened to a criterion, and its mirror (the same change seen from the other side)."""


@attrs.frozen
class Change:
    """One change between two sets.

    Attributes:
        kind: ``added``, ``removed``, ``renumbered``, ``split``, ``merged``, ``changed``,
            or ``set`` (the set's own data: grades, rounding, period in force, …; no codes).
        before: the codes in the first set (empty for ``added``).
        after: the codes in the second set (empty for ``removed``).
        details: what changed, one line each (max points, title, rule, bands).
    """

    kind: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    details: tuple[Text, ...] = ()


@attrs.frozen
class SetDiff:
    """The changes from ``before`` (a set id) to ``after``, in the second set's order."""

    before: str
    after: str
    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        return bool(self.changes)


def match_codes(before: CriterionSet, after: CriterionSet) -> dict[str, tuple[str, ...]]:
    """Every code of ``after`` mapped to the codes of ``before`` it comes from (``()``: new).

    Through ``after``'s code map when it names ``before`` as its predecessor (or ``before``'s
    when it names ``after``, inverted); otherwise by folded title, then by code.
    """
    old_codes = list(before.codes)
    if after.lineage is not None and after.lineage.predecessor == before.id:
        given = after.lineage.code_map
        return {code: given.get(code, (code,) if code in old_codes else ()) for code in after.codes}
    if before.lineage is not None and before.lineage.predecessor == after.id:
        inverted: dict[str, list[str]] = {}
        forward = match_codes(after, before)
        for old, news in forward.items():
            for new in news:
                inverted.setdefault(new, []).append(old)
        return {code: tuple(inverted.get(code, ())) for code in after.codes}
    # No code map: the same title first (a renumbered criterion keeps its title), then the
    # same code for what is left.
    unused = {c.code: fold(c.title) for c in before.walk()}
    result: dict[str, tuple[str, ...]] = {}
    pending = []
    for criterion in after.walk():
        title = fold(criterion.title)
        same = [code for code, t in unused.items() if t == title]
        if same:
            pick = criterion.code if criterion.code in same else same[0]
            del unused[pick]
            result[criterion.code] = (pick,)
        else:
            pending.append(criterion.code)
    for code in pending:
        if code in unused:
            del unused[code]
            result[code] = (code,)
        else:
            result[code] = ()
    return {code: result[code] for code in after.codes}


def diff_sets(before: CriterionSet, after: CriterionSet, *, kinds: RuleKinds) -> SetDiff:
    """The changes from ``before`` to ``after`` (see the module documentation)."""
    require(before, CriterionSet, "diff_sets()")
    require(after, CriterionSet, "diff_sets()")
    mapped = match_codes(before, after)
    olds = {c.code: c for c in before.walk()}
    news = {c.code: c for c in after.walk()}
    sources: dict[str, list[str]] = {}
    for new, old_list in mapped.items():
        for old in old_list:
            sources.setdefault(old, []).append(new)
    changes: list[Change] = []
    header = tuple(_set_details(before, after))
    if header:
        changes.append(Change("set", (), (), header))
    split_done: set[str] = set()
    for code, criterion in news.items():
        old_list = tuple(o for o in mapped[code] if o in olds)
        if not old_list:
            changes.append(Change("added", (), (code,)))
        elif len(old_list) > 1:
            changes.append(Change("merged", old_list, (code,)))
        elif len(sources[old_list[0]]) > 1:
            old = old_list[0]
            if old not in split_done:
                split_done.add(old)
                changes.append(Change("split", (old,), tuple(sources[old])))
        else:
            old = old_list[0]
            details = tuple(_details(olds[old], criterion, kinds))
            if old != code:
                changes.append(Change("renumbered", (old,), (code,), details))
            elif details:
                changes.append(Change("changed", (old,), (code,), details))
    for code in olds:
        if code not in sources:
            changes.append(Change("removed", (code,), ()))
    return SetDiff(before.id, after.id, tuple(changes))


def _details(before: Criterion, after: Criterion, kinds: RuleKinds) -> Iterator[Text]:
    if before.title != after.title:
        yield Text(
            f"tên: “{before.title}” → “{after.title}”", f"title: “{before.title}” → “{after.title}”"
        )
    if before.max_points != after.max_points:
        yield Text(
            f"điểm tối đa: {_num(before.max_points, 'vi')} → {_num(after.max_points, 'vi')}",
            f"max points: {_num(before.max_points, 'en')} → {_num(after.max_points, 'en')}",
        )
    if before.role != after.role:
        yield Text(f"vai trò: {before.role} → {after.role}", f"role: {before.role} → {after.role}")
    for name, vi in _CRITERION_FIELDS.items():
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            yield _changed(vi, name, old, new)
    old_kind = _kind_name(before, kinds)
    new_kind = _kind_name(after, kinds)
    if old_kind != new_kind:
        yield Text(f"cách tính: {old_kind} → {new_kind}", f"rule kind: {old_kind} → {new_kind}")
        return
    if before.rule is None or after.rule is None or before.rule == after.rule:
        return
    yield from _rule_details(before, after, kinds)


# The fields of a criterion beyond code, title, max, role and rule, with their Vietnamese names.
_CRITERION_FIELDS = {
    "na_policy": "không áp dụng",
    "evidence": "tài liệu kiểm chứng",
    "notes": "ghi chú",
}
# The set's own fields, with their Vietnamese names (id and criteria are the diff itself).
_SET_FIELDS = {
    "title": "tên",
    "province": "tỉnh",
    "unit_kind": "loại đơn vị",
    "authority": "cơ quan ban hành",
    "legal_basis": "căn cứ",
    "source": "nguồn",
    "scope": "phạm vi",
    "in_force_text": "thời gian áp dụng",
    "valid_from": "áp dụng từ",
    "valid_until": "áp dụng đến",
    "grades": "xếp loại",
    "rounding": "làm tròn",
    "na_policy": "không áp dụng",
    "cohort": "nhóm so sánh",
    "groups": "các nhóm",
    "acknowledged": "sai sót đã ghi nhận",
    "lineage": "bộ tiêu chí trước",
    "code_scheme": "cách đánh mã",
}


# The names the set file gives the fields it does not call as the model does.
_FILE_KEYS = {"in_force_text": "in_force", "acknowledged": "acknowledge"}


def _set_details(before: CriterionSet, after: CriterionSet) -> Iterator[Text]:
    worded = bool(before.in_force_text and after.in_force_text)
    for name, vi in _SET_FIELDS.items():
        if worded and name in ("valid_from", "valid_until"):
            continue  # the days in force follow from the wording, which is said
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            yield _changed(vi, _FILE_KEYS.get(name, name), old, new)


def _rule_details(before: Criterion, after: Criterion, kinds: RuleKinds) -> Iterator[Text]:
    """Every key of the rule as the set file writes it (its kind's ``write``): bands band by
    band in the published wording, any other key as written. A kind that cannot write its
    rule is compared by its description."""
    assert before.rule is not None
    assert after.rule is not None
    kind = kinds.of_rule(after.rule)
    old_keys = new_keys = None
    if kind is not None:
        try:
            old_keys, new_keys = kind.write(before.rule, kinds), kind.write(after.rule, kinds)
        except Exception:  # a plugin kind's writer: the description still says what changed
            old_keys = new_keys = None
    said = False
    if old_keys is not None and new_keys is not None:
        for key in list(old_keys) + [k for k in new_keys if k not in old_keys]:
            old, new = old_keys.get(key), new_keys.get(key)
            if old == new:
                continue
            said = True
            if key == "bands" and hasattr(before.rule, "bands") and hasattr(after.rule, "bands"):
                yield from _band_details(before, after)
            else:
                yield _changed(key, key, old, new)
    if not said:
        yield Text(
            f"cách tính: “{before.rule.describe(before.max_points)}” → "
            f"“{after.rule.describe(after.max_points)}”",
            f"rule: “{before.rule.describe(before.max_points, lang='en')}” → "
            f"“{after.rule.describe(after.max_points, lang='en')}”",
        )


def _changed(vi: str, en: str, old: object, new: object) -> Text:
    """``name: old → new``, each value written the way of its language ("7,5" / "7.5")."""
    return Text(
        f"{vi}: {_shown(old, 'vi')} → {_shown(new, 'vi')}",
        f"{en}: {_shown(old, 'en')} → {_shown(new, 'en')}",
    )


def _shown(value: object, lang: Lang) -> str:
    """A value of a set file as it reads there: text quoted, lists and tables as written."""
    if value is None or value == () or value == "":
        return "—"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, Decimal):
        return format_number(value, lang=lang, max_places=4)
    if isinstance(value, Lineage):
        codes = "; ".join(f"{code} ← {', '.join(olds) or '—'}" for code, olds in value.codes)
        return f"“{value.predecessor}”" + (f" ({codes})" if codes else "")
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_shown(v, lang) for v in value) + "]"
    return str(value)


def _band_details(before: Criterion, after: Criterion) -> Iterator[Text]:
    """Band by band, in the published wording."""
    old_rule, new_rule = before.rule, after.rule
    old_bands = getattr(old_rule, "bands", ())
    new_bands = getattr(new_rule, "bands", ())
    unit = getattr(new_rule, "scale", getattr(old_rule, "scale", None))
    symbol = "" if unit is None else unit.symbol
    for number in range(1, max(len(old_bands), len(new_bands)) + 1):
        old = old_bands[number - 1] if number <= len(old_bands) else None
        new = new_bands[number - 1] if number <= len(new_bands) else None
        if old == new:
            continue
        said: dict[Lang, tuple[str, str]] = {}
        for lang in ("vi", "en"):
            was = "—" if old is None else old.describe(lang=lang, unit=symbol)
            now = "—" if new is None else new.describe(lang=lang, unit=symbol)
            said[lang] = (was, now)
        yield Text(
            f"khoảng {number}: “{said['vi'][0]}” → “{said['vi'][1]}”",
            f"band {number}: “{said['en'][0]}” → “{said['en'][1]}”",
        )


def _kind_name(criterion: Criterion, kinds: RuleKinds) -> str:
    if criterion.rule is None:
        return "—"
    kind = kinds.of_rule(criterion.rule)
    return type(criterion.rule).__name__ if kind is None else kind.name


def _num(value: Decimal, lang: Lang) -> str:
    return format_number(value, lang=lang, max_places=4)
