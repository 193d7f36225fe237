"""Successions: provinces merged into others, and unit kinds that ended.

Nghị quyết 202/2025/QH15 (12/6/2025) reorganised the country's 63 provinces into 34 from
1 July 2025, and the district level (cấp huyện) ended the same day. A criterion set belongs to a
province and a unit kind for a period; `successor` says what replaced a province or a
unit kind that no longer exists on a given day, so that looking up a set for it can say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

import attrs

from cchc_criteria.model import UnitKind
from cchc_criteria.text import fold

__all__ = [
    "MERGERS_2025",
    "REORGANISATION_2025",
    "UNCHANGED_2025",
    "Succession",
    "ended",
    "successor",
]

REORGANISATION_2025 = date(2025, 7, 1)
"""The day the 2025 reorganisation took effect."""

UNCHANGED_2025: tuple[str, ...] = (
    "Hà Nội",
    "Huế",
    "Cao Bằng",
    "Điện Biên",
    "Lai Châu",
    "Lạng Sơn",
    "Sơn La",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
)
"""The 11 provinces the 2025 reorganisation left as they were."""

MERGERS_2025: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "Tuyên Quang": ("Tuyên Quang", "Hà Giang"),
        "Lào Cai": ("Lào Cai", "Yên Bái"),
        "Thái Nguyên": ("Thái Nguyên", "Bắc Kạn"),
        "Phú Thọ": ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
        "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
        "Hưng Yên": ("Hưng Yên", "Thái Bình"),
        "Hải Phòng": ("Hải Phòng", "Hải Dương"),
        "Ninh Bình": ("Ninh Bình", "Hà Nam", "Nam Định"),
        "Quảng Trị": ("Quảng Trị", "Quảng Bình"),
        "Đà Nẵng": ("Đà Nẵng", "Quảng Nam"),
        "Quảng Ngãi": ("Quảng Ngãi", "Kon Tum"),
        "Gia Lai": ("Gia Lai", "Bình Định"),
        "Khánh Hòa": ("Khánh Hòa", "Ninh Thuận"),
        "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
        "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
        "Hồ Chí Minh": ("Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu"),
        "Đồng Nai": ("Đồng Nai", "Bình Phước"),
        "Tây Ninh": ("Tây Ninh", "Long An"),
        "Cần Thơ": ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
        "Vĩnh Long": ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
        "Đồng Tháp": ("Đồng Tháp", "Tiền Giang"),
        "Cà Mau": ("Cà Mau", "Bạc Liêu"),
        "An Giang": ("An Giang", "Kiên Giang"),
    }
)
"""The 23 provinces formed by merging, each with the former provinces it took in (its own former
territory first, where it kept the name)."""


@attrs.frozen
class Succession:
    """What replaced a province or a unit kind, and from when.

    Attributes:
        former: the province (or unit kind) as it was.
        successor: what replaced it ("" when nothing did, as for the district level).
        since: the first day of the successor.
        basis: the decision that made the change.
    """

    former: str
    successor: str
    since: date
    basis: str = "Nghị quyết 202/2025/QH15"


def _key(name: str) -> str:
    return fold(name).replace("–", "-").replace(" - ", "-")


_ABSORBED: Mapping[str, Succession] = MappingProxyType(
    {
        _key(former): Succession(former, province, REORGANISATION_2025)
        for province, formers in MERGERS_2025.items()
        for former in formers
        if _key(former) != _key(province)
    }
)


def successor(province: str, on: date) -> Succession | None:
    """What replaced ``province`` by ``on``, if it no longer existed on that day."""
    found = _ABSORBED.get(_key(province))
    if found is None or on < found.since:
        return None
    return found


def ended(unit_kind: UnitKind, on: date) -> Succession | None:
    """The end of ``unit_kind`` by ``on``, if it no longer existed on that day: the district
    level (cấp huyện) ended on 1 July 2025."""
    if unit_kind is UnitKind.DISTRICT and on >= REORGANISATION_2025:
        return Succession(unit_kind.value, "", REORGANISATION_2025, "Nghị quyết 202/2025/QH15")
    return None
