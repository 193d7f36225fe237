"""The catalogue's lint codes: what lint finds in a set as published, each declared once
with its severity, its messages in Vietnamese and English, and its page in ``docs/lint/``."""

from __future__ import annotations

from cchc_criteria.model.finding_kinds import Category, FindingKind, Severity, entry

__all__ = ["LINT_KINDS"]

_L = Category.LINT
_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


LINT_KINDS: tuple[FindingKind, ...] = (
    # ------------------------------------------------------------------ lint: bands
    entry(
        "band-gap",
        _E,
        _L,
        {
            "": (
                "giá trị {where} không thuộc khoảng nào: không chấm được",
                "values {where} fall in no band: the rule cannot score them",
            )
        },
    ),
    entry(
        "band-overlap",
        _W,
        _L,
        {
            "": (
                "khoảng {first} và {band} cùng chứa {where}; khi chấm dùng khoảng {first}",
                "bands {first} and {band} both contain the values {where}; scoring uses "
                "band {first}",
            )
        },
    ),
    entry(
        "band-unreachable",
        _W,
        _L,
        {
            "": (
                "khoảng {band} (“{label}”) không bao giờ được áp dụng: nằm ngoài giá trị có thể",
                "band {band} (“{label}”) can never apply: it lies outside the possible values",
            ),
            "covered": (
                "khoảng {band} (“{label}”) không bao giờ được áp dụng: các khoảng đứng trước đã "
                "chứa mọi giá trị của nó",
                "band {band} (“{label}”) can never apply: bands above it in the document cover "
                "all its values",
            ),
        },
    ),
    entry(
        "award-above-max",
        _E,
        _L,
        {
            "": (
                "khoảng {band} cho điểm vượt điểm tối đa {max} {where} (đến {award})",
                "band {band} gives more than the max {max} {where} (up to {award})",
            ),
            "items": (
                "từ {items} trường hợp, cách tính cho {points} điểm, vượt điểm tối đa {max}",
                "from {items} items the rule gives {points}, more than the max {max}",
            ),
            "option": (
                "lựa chọn “{label}” cho {points} điểm, vượt điểm tối đa {max}",
                "option “{label}” gives {points}, more than the max {max}",
            ),
            "range": (
                "cách tính cho tối đa {points} điểm, vượt điểm tối đa {max}",
                "the rule can give up to {points}, more than the max {max}",
            ),
        },
    ),
    entry(
        "award-below-zero",
        _E,
        _L,
        {
            "": (
                "khoảng {band} cho điểm âm {where} (đến {award})",
                "band {band} gives less than 0 {where} (down to {award})",
            ),
            "floor": (
                "mức sàn {floor} cho phép điểm âm",
                "the floor {floor} lets the criterion score below 0",
            ),
            "option": (
                "lựa chọn “{label}” cho {points} điểm, nhỏ hơn 0",
                "option “{label}” gives {points}, less than 0",
            ),
            "range": (
                "cách tính có thể cho {points} điểm, nhỏ hơn 0",
                "the rule can give {points}, less than 0",
            ),
        },
    ),
    entry(
        "not-monotone",
        _W,
        _L,
        {
            "": (
                "từ {start}{unit} số liệu cao hơn lại được ít điểm hơn (khoảng {band})",
                "from {start}{unit} a higher figure scores fewer points (band {band})",
            ),
            "rises": (
                "trễ {at} ngày được {after} điểm, nhiều hơn {before} điểm khi trễ {earlier} ngày: "
                "gửi trễ hơn không được nhiều điểm hơn",
                "{at} days late scores {after}, more than {before} at {earlier} days: sending "
                "later must never earn more",
            ),
            "deducts-less": (
                "trễ {at} ngày bị trừ {after} điểm, ít hơn {before} điểm khi trễ {earlier} "
                "ngày: gửi trễ hơn không được bị trừ ít hơn",
                "{at} days late deducts {after}, less than {before} at {earlier} days: sending "
                "later must never deduct less",
            ),
            "drop": (
                "tại {at}{unit} điểm giảm từ {before} xuống {after}: số liệu cao hơn lại được "
                "ít điểm hơn",
                "at {at}{unit} the award drops from {before} to {after}: a higher figure scores "
                "fewer points",
            ),
        },
    ),
    entry(
        "band-jump",
        _I,
        _L,
        {
            "": (
                "tại {at}{unit} công thức của khoảng {previous} cho {before}, còn khoảng {band} "
                "cho {after}",
                "at {at}{unit} band {previous}'s formula has reached {before}, and band {band} "
                "gives {after}",
            )
        },
    ),
    entry(
        "formula-not-linear",
        _I,
        _L,
        {
            "": (
                "công thức của khoảng {band} nhân hoặc chia cho số liệu; chỉ kiểm tra được "
                "theo cận",
                "band {band}'s formula multiplies or divides by the figure; its range is "
                "checked with bounds only",
            )
        },
    ),
    entry(
        "label-collision",
        _E,
        _L,
        {
            "": (
                "khoảng {first} và {band} trùng tên khi bỏ dấu, hoa thường, khoảng trắng",
                "bands {first} and {band} have the same label once case, spaces and diacritics "
                "are folded: an answer naming it is ambiguous",
            ),
            "option": (
                "“{label}” và “{other}” trùng nhau khi bỏ dấu, hoa thường, khoảng trắng",
                "“{label}” and “{other}” are the same answer once case, spaces and diacritics "
                "are folded",
            ),
        },
    ),
    # ------------------------------------------------------------------ lint: the tree
    entry(
        "max-not-sum",
        _E,
        _L,
        {
            "": (
                "điểm tối đa {max} khác tổng điểm tối đa các tiêu chí thành phần, {sum}",
                "the max {max} differs from the sum of its sub-criteria's max, {sum}",
            )
        },
    ),
    entry(
        "duplicate-code",
        _E,
        _L,
        {
            "": (
                "mã {code!r} được dùng cho nhiều tiêu chí",
                "the code {code!r} is used by more than one criterion",
            )
        },
    ),
    entry(
        "missing-parent",
        _E,
        _L,
        {
            "": (
                "theo mã, {code!r} thuộc {expected!r} nhưng bộ tiêu chí không có mã này; tiêu "
                "chí được đặt dưới {parent!r}",
                "by its code {code!r} belongs to {expected!r}, which is not in the set; it is "
                "published under {parent!r}",
            )
        },
    ),
    entry(
        "code-typo",
        _W,
        _L,
        {
            "": (
                "mã {code!r} không phải dãy số cách nhau bởi dấu chấm{hint}",
                "the code {code!r} is not numbers separated by dots{hint}",
            ),
            "scheme": (
                "mã {code!r} không theo cách đánh mã của bộ tiêu chí ({scheme}){hint}",
                "the code {code!r} does not follow the set's code scheme ({scheme}){hint}",
            ),
        },
        {"hint": ("; có phải {suggestion!r}?", "; did you mean {suggestion!r}?")},
    ),
    entry(
        "code-order",
        _W,
        _L,
        {
            "": (
                "{code!r} đứng sau một tiêu chí cùng cấp có mã lớn hơn hoặc bằng",
                "{code!r} comes after a sibling with a later or equal code",
            )
        },
    ),
    # ------------------------------------------------------------------ lint: grades
    entry(
        "grade-gap",
        _E,
        _L,
        {
            "": (
                "chỉ số {where} không thuộc mức xếp loại nào",
                "an index {where} earns no grade",
            )
        },
    ),
    entry(
        "grade-overlap",
        _E,
        _L,
        {
            "": (
                "chỉ số {where} thuộc cả {names}",
                "an index {where} earns both {names}",
            )
        },
    ),
)
"""Every lint code's entry."""
