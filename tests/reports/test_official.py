"""The frame of a printed report: the letterhead and the signatures (issue 27)."""

from __future__ import annotations

import cchc_criteria as cc
from cchc_criteria.reports import Letterhead, render
from cchc_support import S

SEED = cc.get_set(S)


def test_the_letterhead_of_a_set_names_its_authority_and_its_province() -> None:
    letterhead = Letterhead.of(SEED, "Sở Tư pháp")
    assert (letterhead.authority, letterhead.unit) == ("UBND tỉnh Quảng Ngãi", "Sở Tư pháp")
    assert letterhead.place_date == "Quảng Ngãi, ngày …… tháng …… năm ……"
    assert letterhead.signers("vi") == [
        ("Người lập biểu", "(Ký, ghi rõ họ tên)"),
        ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"),
    ]
    assert letterhead.signers("en")[1] == ("HEAD OF UNIT", "(signature and seal)")
    assert Letterhead.of(SEED, signatures=("Giám đốc",)).signers("vi") == [
        ("Giám đốc", "(Ký, ghi rõ họ tên)")  # one signer: the head signs as the unit's
    ]


def test_the_html_pages_print_as_an_office_sends_them() -> None:
    card = cc.score(SEED, cc.Assessment({"7.1.3": True}, unit="Sở Tư pháp"))
    page = str(render(card, "html"))
    head = page.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert head < page.index("<h1>") < page.index("<thead>") < page.index("THỦ TRƯỞNG ĐƠN VỊ")
    assert "SỞ TƯ PHÁP" in page
    assert "Phiếu điểm CHƯA ĐẦY ĐỦ — " in page
    assert "thead { display: table-header-group; }" in page  # the heading on every page
    assert '"Times New Roman"' in page
    ranking = str(render(cc.rank([card]), "html"))
    assert ranking.index("UBND TỈNH QUẢNG NGÃI") < ranking.index("<thead>")
    assert "Người lập biểu" in ranking
