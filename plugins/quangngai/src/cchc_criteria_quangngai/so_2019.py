"""``quangngai.so.2019``: area 7 of Quảng Ngãi's criterion set for departments, 2019.

Transcribed row by row from the last table ("Mức độ ứng dụng công nghệ thông tin thực hiện cải
cách hành chính, hiện đại hóa nền hành chính", Phụ lục 3) of the report of Quảng Ngãi's
Department of Education and Training dated 23/8/2019. The source gives area 7 only; the
decision that issued the whole set is not named in it.

Everything is kept **as published**, including its mistakes, which lint reports rather than
this file correcting:

* the code of criterion 7.4 is printed "7,4" (a comma for a dot);
* 7.1.1 scores 80–100 % by formula and "under 70 %" as 0: 70 % to under 80 % is in no band;
* 7.2.1 says "from 80 % and above: 1" and "from 60 % and above: 0.5": the bands overlap (the
  second was presumably meant as "60 % to under 80 %");
* 7.2.3 scores 10 % to under 30 % by "rate × 1/40 %", which reaches 0.75 just under 30 % and then
  jumps to 1 (the constant does not fit its band: 1/30 % would);
* 7.3.3 scores "under 15 %" by "rate × 1/10 %", which exceeds the criterion's max of 1 point
  between 10 % and 15 %;
* "trả lên" for "trở lên" and "Dưới 60% … trả lên" are typos in the band texts; the texts are
  kept, the edges follow the evident meaning ("dưới X" = under X);
* 7.2.2 is titled "the share of procedures provided online at level 3" while its bands speak of
  "the share of dossiers".

Italics in the source (``<i>…</i>`` around the 7,4 rows) are typography and are not kept.
"""

from __future__ import annotations

from datetime import date

from cchc_criteria import (
    Band,
    BandRule,
    Criterion,
    CriterionSet,
    Linear,
    Option,
    Points,
    UnitKind,
    YesNoRule,
    at_least,
    at_most,
    below,
)

SET_ID = "quangngai.so.2019"

SOURCE = (
    "Phụ lục 3 “Mức độ ứng dụng công nghệ thông tin thực hiện cải cách hành chính, hiện đại hóa "
    "nền hành chính” của Báo cáo ngày 23/8/2019 của Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi về "
    "tình hình thực hiện chính sách, pháp luật trong sử dụng, ứng dụng công nghệ thông tin để cải "
    "cách hành chính, hiện đại hóa nền hành chính nhà nước, giai đoạn từ năm 2016 đến tháng 6/2019"
)


def _yes_no(yes: str, no: str, points: str) -> YesNoRule:
    return YesNoRule(yes=Option(yes, Points(points)), no=Option(no, Points(0)))


def build() -> CriterionSet:
    """Build the set, exactly as published."""
    c11 = Criterion(
        "7.1.1",
        "Mức độ hoàn thành kế hoạch ứng dụng CNTT",
        "1,5",
        rule=BandRule(
            [
                Band(
                    "Hoàn thành từ 80% - 100% kế hoạch thì điểm đánh giá được tính theo công thức "
                    "[tỷ lệ % hoàn thành x 1.5/100%]",
                    Linear("1.5", 100),
                    at_least(80),
                    at_most(100),
                ),
                Band("Hoàn thành dưới 70% kế hoạch", Points(0), upper=below(70)),
            ]
        ),
    )
    c12 = Criterion(
        "7.1.2",
        "Tỷ lệ văn bản trao đổi giữa sở với các cơ quan khác và giữa cơ quan, đơn vị thuộc sở "
        "dưới dạng điện tử",
        1,
        rule=BandRule(
            [
                Band("Từ 90% số văn bản trả lên", Points(1), at_least(90)),
                Band("Từ 60% - dưới 90% số văn bản", Points("0,5"), at_least(60), below(90)),
                Band("Từ 50% - dưới 60% số văn bản", Points("0,25"), at_least(50), below(60)),
                Band("Dưới 50% số văn bản", Points(0), upper=below(50)),
            ]
        ),
    )
    c13 = Criterion(
        "7.1.3",
        "Thực hiện kết nối, liên thông các phần mềm quản lý văn bản giữa các cơ quan nhà nước",
        1,
        rule=_yes_no("Đã kết nối, liên thông", "Chưa thực hiện kết nối, liên thông", "1"),
    )
    c14 = Criterion(
        "7.1.4",
        "Tỷ lệ Thủ trưởng các phòng, ban, đơn vị thuộc sở sử dụng phần mềm quản lý văn bản và "
        "điều hành tác nghiệp trong xử lý công việc",
        1,
        rule=BandRule(
            [
                Band("100% số Thủ trưởng cơ quan, đơn vị", Points(1), at_least(100), at_most(100)),
                Band(
                    "Từ 80% - dưới 100% số Thủ trưởng cơ quan, đơn vị",
                    Points("0,5"),
                    at_least(80),
                    below(100),
                ),
                Band("Dưới 80% số Thủ trưởng cơ quan, đơn vị", Points(0), upper=below(80)),
            ]
        ),
    )
    c21 = Criterion(
        "7.2.1",
        "Tỷ lệ TTHC cung cấp trực tuyến mức độ 3,4 có phát sinh hồ sơ trong năm",
        1,
        rule=BandRule(
            [
                Band(
                    "Từ 80% số TTHC trả lên cung cấp trực tuyến mức độ 3,4 có phát sinh hồ sơ",
                    Points(1),
                    at_least(80),
                ),
                Band(
                    "Từ 60% số TTHC trả lên cung cấp trực tuyến mức độ 3,4 có phát sinh hồ sơ",
                    Points("0,5"),
                    at_least(60),
                ),
                Band(
                    "Dưới 60% số TTHC trả lên cung cấp trực tuyến mức độ 3,4 có phát sinh hồ sơ",
                    Points(0),
                    upper=below(60),
                ),
            ]
        ),
    )
    c22 = Criterion(
        "7.2.2",
        "Tỷ lệ TTHC cung cấp trực tuyến mức độ 3",
        1,
        rule=BandRule(
            [
                Band("Từ 40% số hồ sơ TTHC trả lên", Points(1), at_least(40)),
                Band(
                    "Từ 20% - dưới 40% số hồ sơ TTHC thì điểm đánh giá được tính theo công thức "
                    "[Tỷ lệ % số hồ sơ x 1/40%]",
                    Linear(1, 40),
                    at_least(20),
                    below(40),
                ),
                Band("Dưới 20% số hồ sơ TTHC", Points(0), upper=below(20)),
            ]
        ),
    )
    c23 = Criterion(
        "7.2.3",
        "Tỷ lệ hồ sơ TTHC được xử lý trực tuyến mức độ 4",
        1,
        rule=BandRule(
            [
                Band("Từ 30% số hồ sơ TTHC trả lên", Points(1), at_least(30)),
                Band(
                    "Từ 10% - dưới 30% số hồ sơ TTHC thì điểm đánh giá được tính theo công thức "
                    "[Tỷ lệ % số hồ sơ x 1/40%]",
                    Linear(1, 40),
                    at_least(10),
                    below(30),
                ),
                Band("Dưới 10% số hồ sơ TTHC", Points(0), upper=below(10)),
            ]
        ),
    )
    c31 = Criterion(
        "7.3.1",
        "Tỷ lệ TTHC đã triển khai có phát sinh hồ sơ tiếp nhận/trả kết quả giải quyết qua "
        "dịch vụ BCCI",
        "0,5",
        rule=BandRule(
            [
                Band("Từ 70% số TTHC trả lên có phát sinh hồ sơ", Points("0,5"), at_least(70)),
                Band(
                    "Từ 50% - dưới 70% số TTHC trả lên có phát sinh hồ sơ",
                    Points("0,25"),
                    at_least(50),
                    below(70),
                ),
                Band("Dưới 50% số TTHC trả lên có phát sinh hồ sơ", Points(0), upper=below(50)),
            ]
        ),
    )
    c32 = Criterion(
        "7.3.2",
        "Tỷ lệ hồ sơ TTHC được tiếp nhận qua dịch vụ BCCI",
        1,
        rule=BandRule(
            [
                Band("Từ 10% số hồ sơ TTHC trả lên", Points(1), at_least(10)),
                Band(
                    "Dưới 10% số hồ sơ TTHC thì điểm đánh giá được tính theo công thức "
                    "[Tỷ lệ % số hồ sơ x 1/10%]",
                    Linear(1, 10),
                    upper=below(10),
                ),
            ]
        ),
    )
    c33 = Criterion(
        "7.3.3",
        "Tỷ lệ kết quả giải quyết TTHC được trả qua dịch vụ BCCI",
        1,
        rule=BandRule(
            [
                Band("Từ 15% số hồ sơ TTHC trở lên", Points(1), at_least(15)),
                Band(
                    "Dưới 15% số hồ sơ TTHC thì điểm đánh giá được tính theo công thức "
                    "[Tỷ lệ % số hồ sơ x 1/10%]",
                    Linear(1, 10),
                    upper=below(15),
                ),
            ]
        ),
    )
    c41 = Criterion(
        "7.4.1",
        "Công bố ISO 9001 tại cơ quan",
        "1,5",
        rule=_yes_no("Đã công bố", "Chưa công bố", "1,5"),
    )
    c42 = Criterion(
        "7.4.2",
        "Cơ quan thực hiện đúng việc duy trì, cải tiến ISO 9001 theo quy định",
        "1,5",
        rule=_yes_no("Thực hiện đúng", "Không duy trì", "1,5"),
    )
    area7 = Criterion(
        "7",
        "HIỆN ĐẠI HÓA HÀNH CHÍNH",
        13,
        children=[
            Criterion(
                "7.1",
                "Ứng dụng công nghệ thông tin (CNTT) của sở",
                "4,5",
                children=[c11, c12, c13, c14],
            ),
            Criterion("7.2", "Cung cấp dịch vụ công trực tuyến", 3, children=[c21, c22, c23]),
            Criterion(
                "7.3",
                "Thực hiện quy định về tiếp nhận hồ sơ, trả kết quả giải quyết TTHC qua dịch vụ "
                "bưu chính công ích",
                "2,5",
                children=[c31, c32, c33],
            ),
            Criterion(
                "7,4",
                "Áp dụng hệ thống quản lý chất lượng (ISO 9001) theo quy định",
                3,
                children=[c41, c42],
            ),
        ],
    )
    return CriterionSet(
        id=SET_ID,
        title="Chỉ số cải cách hành chính của các sở, ban, ngành tỉnh Quảng Ngãi năm 2019 — "
        "Lĩnh vực 7: Hiện đại hóa hành chính",
        criteria=[area7],
        province="Quảng Ngãi",
        unit_kind=UnitKind.DEPARTMENT,
        authority="UBND tỉnh Quảng Ngãi",
        legal_basis="",
        source=SOURCE,
        scope="Chỉ gồm lĩnh vực 7 (Hiện đại hóa hành chính, 13 điểm); tài liệu nguồn không có "
        "các lĩnh vực khác và không nêu quyết định ban hành bộ tiêu chí.",
        valid_from=date(2019, 1, 1),
        valid_until=date(2019, 12, 31),
    )
