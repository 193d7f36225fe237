"""The frame of a printed report an office signs: the letterhead above the table and the
signatures below it (thể thức văn bản hành chính: quốc hiệu, tiêu ngữ, tên cơ quan, số và
ngày văn bản, chữ ký), shared by the workbooks and the HTML pages."""

from __future__ import annotations

from html import escape

import attrs

from cchc_criteria.model import CriterionSet
from cchc_criteria.text import Lang, nfc

__all__ = ["DEFAULT_SIGNATURES", "Letterhead", "letterhead_html", "signatures_html"]

DEFAULT_SIGNATURES = ("Người lập biểu", "Thủ trưởng đơn vị")
"""Who signs a report unless told otherwise: who drew it up, and the head of the unit."""

_MOTTO = {
    "vi": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
    "en": ("SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness"),
}
# What each signer writes under the title, by the signer's place (the last is the head).
_SIGN_HOW = {
    "vi": ("(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"),
    "en": ("(signature and full name)", "(signature and seal)"),
}
_SIGNERS_EN = {"Người lập biểu": "Prepared by", "Thủ trưởng đơn vị": "Head of unit"}


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (nfc(value),)
    return tuple(nfc(str(v)) for v in value)  # type: ignore[attr-defined]


@attrs.frozen
class Letterhead:
    """The heading and signatures of a printed report.

    Attributes:
        authority: the body above the unit (cơ quan chủ quản), "UBND TỈNH QUẢNG NGÃI".
        unit: the unit the report is of (or from), "SỞ GIÁO DỤC VÀ ĐÀO TẠO".
        number: the document number, a placeholder to fill in by hand by default.
        place_date: the place and date, "Quảng Ngãi, ngày …… tháng …… năm ……" by default.
        signatures: who signs, left to right; the last is the head of the unit, who seals.
    """

    authority: str = attrs.field(default="", converter=nfc)
    unit: str = attrs.field(default="", converter=nfc)
    number: str = attrs.field(default="Số: ……/BC-……", converter=nfc)
    place_date: str = attrs.field(default="……, ngày …… tháng …… năm ……", converter=nfc)
    signatures: tuple[str, ...] = attrs.field(default=DEFAULT_SIGNATURES, converter=_texts)

    @classmethod
    def of(
        cls,
        criterion_set: CriterionSet,
        unit: str = "",
        *,
        authority: str | None = None,
        signatures: tuple[str, ...] | None = None,
    ) -> Letterhead:
        """The letterhead of a report on ``criterion_set``: its issuing authority (or
        ``authority``), ``unit``, the province as the place, and the default signers (or
        ``signatures``)."""
        place = criterion_set.province or "……"
        return cls(
            authority=criterion_set.authority if authority is None else authority,
            unit=unit,
            place_date=f"{place}, ngày …… tháng …… năm ……",
            signatures=signatures or DEFAULT_SIGNATURES,
        )

    def motto(self, lang: Lang) -> tuple[str, str]:
        """The national name and motto (quốc hiệu, tiêu ngữ)."""
        return _MOTTO["vi" if lang == "vi" else "en"]

    def signers(self, lang: Lang) -> list[tuple[str, str]]:
        """(title, what to write under it) of every signer, left to right."""
        how = _SIGN_HOW["vi" if lang == "vi" else "en"]
        result = []
        for position, title in enumerate(self.signatures):
            head = position == len(self.signatures) - 1 and len(self.signatures) > 1
            shown = title if lang == "vi" else _SIGNERS_EN.get(title, title)
            result.append((shown.upper() if head else shown, how[1] if head else how[0]))
        return result


def letterhead_html(letterhead: Letterhead, lang: Lang) -> str:
    """The letterhead as a two-column block above an HTML report."""
    national, motto = letterhead.motto(lang)
    left = [
        f"<div>{escape(letterhead.authority.upper())}</div>" if letterhead.authority else "",
        f"<div><b>{escape(letterhead.unit.upper())}</b></div>" if letterhead.unit else "",
        f"<div>{escape(letterhead.number)}</div>",
    ]
    right = [
        f"<div><b>{escape(national)}</b></div>",
        f"<div><b><u>{escape(motto)}</u></b></div>",
        f"<div><i>{escape(letterhead.place_date)}</i></div>",
    ]
    return (
        '<table class="letterhead"><tr>'
        f"<td>{''.join(left)}</td><td>{''.join(right)}</td>"
        "</tr></table>"
    )


def signatures_html(letterhead: Letterhead, lang: Lang) -> str:
    """The signature block below an HTML report: one column per signer."""
    cells = "".join(
        f"<td><b>{escape(title)}</b><br><i>{escape(how)}</i></td>"
        for title, how in letterhead.signers(lang)
    )
    return f'<table class="signatures"><tr>{cells}</tr></table>'
