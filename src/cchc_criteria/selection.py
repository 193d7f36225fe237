"""Which installed criterion set applies: by province, unit kind, year, and the day or period
assessed — and, when none does, what replaced the province or the unit kind by then (the
2025 reorganisation, `cchc_criteria.succession`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cchc_criteria.dates import Period, format_date, parse_period
from cchc_criteria.errors import AmbiguousSetError, ArgumentError, SetNotFoundError
from cchc_criteria.model import CriterionSet, UnitKind
from cchc_criteria.registry import RegisteredSet, list_sets
from cchc_criteria.succession import ended, successor
from cchc_criteria.text import Text, fold, shown

__all__ = ["find_set", "select_sets"]


def select_sets(
    registered: Iterable[RegisteredSet],
    *,
    province: str | None = None,
    unit_kind: str | None = None,
    year: int | None = None,
    on: date | None = None,
) -> list[RegisteredSet]:
    """The sets of ``registered`` for ``province`` and ``unit_kind`` (case and diacritics
    ignored: "quang ngai", "so") that are in force at some time in ``year``, and on ``on``."""
    chosen = []
    for entry in registered:
        cs = entry.criterion_set
        if province and fold(province) != fold(cs.province):
            continue
        if unit_kind and (
            cs.unit_kind is None
            or fold(unit_kind) not in (fold(cs.unit_kind.value), fold(cs.unit_kind.name))
        ):
            continue
        if year is not None and not (
            (cs.valid_from is None or cs.valid_from.year <= year)
            and (cs.valid_until is None or year <= cs.valid_until.year)
        ):
            continue
        if on is not None and not cs.in_force(on):
            continue
        chosen.append(entry)
    return chosen


def find_set(
    *,
    province: str,
    unit_kind: str | UnitKind | None = None,
    on: date | str | Period,
    sets: Iterable[RegisteredSet] | None = None,
) -> CriterionSet:
    """The one installed set in force for ``province`` (and ``unit_kind``) on a day or for a
    whole period (``on``: a date, a `Period`, or text such as
    "31/12/2019" or "năm 2019").

    Args:
        province: the province as written ("Quảng Ngãi"; case and diacritics do not count).
        unit_kind: the kind of unit ("sở", `UnitKind.DEPARTMENT`), or any.
        on: the day, or the whole period, the set must be in force for.
        sets: the sets to choose among (by default, every installed one).

    Returns:
        The `CriterionSet` in force.

    Raises:
        SetNotFoundError: none is; it names the sets of that province at other times and,
            for a province merged into another (or a unit kind that ended) by then, what
            replaced it.
        AmbiguousSetError: several are; it names every one.
    """
    period = on if isinstance(on, Period) else None
    if isinstance(on, str):
        period = parse_period(on)
    elif isinstance(on, date):
        period = Period(on, on)
    if period is None:
        raise ArgumentError(f"on is a date or a period, got {shown(on, quoted=True):.60}")
    kind = unit_kind.value if isinstance(unit_kind, UnitKind) else unit_kind
    pool = list(sets) if sets is not None else list(list_sets())
    same = select_sets(pool, province=province, unit_kind=kind)
    found = [r for r in same if r.criterion_set.covers(period.start, period.end)]
    start, end = f"{period.start:%d/%m/%Y}", f"{period.end:%d/%m/%Y}"
    when = (
        Text(f"vào ngày {start}", f"on {start}")
        if period.start == period.end
        else Text(f"từ {start} đến {end}", f"from {start} to {end}")
    )
    if len(found) == 1:
        return found[0].criterion_set
    if found:
        names = [r.criterion_set.id for r in found]
        listed = ", ".join(names)
        raise AmbiguousSetError(
            Text(
                f"có {len(found)} bộ có hiệu lực cho {province} {when.vi}: {listed}; "
                "hãy chọn một bộ theo mã",
                f"{len(found)} sets are in force for {province} {when.en}: {listed}; "
                "choose one by its id",
            ),
            names,
        )
    others = [f"{r.criterion_set.id} ({_period(r.criterion_set)})" for r in same]
    of_kind = f" ({kind})" if kind else ""
    vi = f"không có bộ nào đã cài có hiệu lực cho {province}{of_kind} {when.vi}"
    en = f"no installed set is in force for {province}{of_kind} {when.en}"
    replaced = successor(province, period.start)
    gone = None
    if kind is not None:
        for member in UnitKind:
            if fold(kind) in (fold(member.value), fold(member.name)):
                gone = ended(member, period.start)
    if replaced is not None:
        since = f"{replaced.since:%d/%m/%Y}"
        vi += (
            f": {replaced.former} đã sáp nhập vào {replaced.successor} từ {since} "
            f"({replaced.basis}); hãy tìm các bộ của {replaced.successor}"
        )
        en += (
            f": {replaced.former} was merged into {replaced.successor} from {since} "
            f"({replaced.basis}); look for the sets of {replaced.successor}"
        )
        theirs = select_sets(pool, province=replaced.successor, unit_kind=kind)
        if theirs:
            listed = ": " + ", ".join(r.criterion_set.id for r in theirs)
            vi, en = vi + listed, en + listed
    elif gone is not None:
        since = f"{gone.since:%d/%m/%Y}"
        vi += f": cấp {gone.former} đã chấm dứt từ ngày {since} ({gone.basis})"
        en += f": the {gone.former} level ended on {since} ({gone.basis})"
    if others:
        vi += "; các bộ của tỉnh này ở thời điểm khác: " + ", ".join(others)
        en += "; sets of this province at other times: " + ", ".join(others)
    raise SetNotFoundError(
        Text(vi, en),
        [r.criterion_set.id for r in same],
        None if replaced is None else replaced.successor,
    )


def _period(criterion_set: CriterionSet) -> str:
    if criterion_set.in_force_text:
        return criterion_set.in_force_text
    start = "…" if criterion_set.valid_from is None else format_date(criterion_set.valid_from)
    end = "…" if criterion_set.valid_until is None else format_date(criterion_set.valid_until)
    return f"{start} – {end}"
