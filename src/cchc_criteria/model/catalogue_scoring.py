"""The catalogue's scoring codes: what scoring a unit's answers can report, each declared
once with its severity and its messages in Vietnamese and English."""

from __future__ import annotations

from cchc_criteria.model.finding_kinds import UNSCORED, Category, FindingKind, Severity, entry

__all__ = ["SCORING_KINDS"]

_S = Category.SCORING
_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


# The declared scores a figure-based score is checked against: code prefix, Vietnamese, English.
_DECLARED = (
    ("self-assessed", "tự đánh giá", "self-assessed"),
    ("appraised", "thẩm định", "appraised"),
)

SCORING_KINDS: tuple[FindingKind, ...] = (
    # ------------------------------------------------------------------ scoring: answers
    entry(
        "unanswered",
        _W,
        _S,
        {
            "": (
                "chưa kê khai: chưa được chấm, còn {max} điểm chưa xác định",
                "not answered: left unscored, {max} points open",
            )
        },
    ),
    entry(
        "invalid-answer",
        _E,
        _S,
        {
            "": (
                "cần {expected}{alternative}: {error}",
                "expected {expected}{alternative}: {error}",
            ),
            "choice": (
                "cần một trong các lựa chọn {labels}, nhận được {answer!r}",
                "expected one of {labels}, got {answer!r}",
            ),
            "yes-no": (
                "cần Có hoặc Không (“{yes}” / “{no}”), nhận được {answer!r}",
                "expected yes or no (True / False, “Có” / “Không”, “{yes}” / “{no}”), "
                "got {answer!r}",
            ),
            "manual": (
                "cần điểm từ 0 đến {max}: {error}",
                "expected a score from 0 to {max}: {error}",
            ),
        },
    ),
    entry(
        "out-of-domain",
        _E,
        _S,
        {
            "": (
                "{figure!r} cho {shown}{unit}, ngoài giá trị có thể ({span}); " + UNSCORED.vi,
                "{figure!r} gives {shown}{unit}, outside the possible values ({span}); "
                + UNSCORED.en,
            ),
            "manual": (
                "điểm {points} ngoài khoảng 0 đến {max}; " + UNSCORED.vi,
                "a score of {points} is outside 0 to {max}; " + UNSCORED.en,
            ),
        },
    ),
    entry(
        "fraction-for-percent",
        _W,
        _S,
        {
            "": (
                "{answer!r} được hiểu là {shown} % như đã nhập; số liệu là tỷ lệ phần trăm, "
                'nếu ý là {meant} % thì ghi {meant} hoặc "{meant}%"',
                "{answer!r} was read as {shown} %, as typed; the figure is a percentage, "
                'so if {meant} % was meant, write {meant} or "{meant}%"',
            )
        },
    ),
    entry(
        "na-not-allowed",
        _E,
        _S,
        {
            "": (
                "tiêu chí này không được đánh giá là không áp dụng; cần kê khai số liệu",
                "this criterion cannot be marked not applicable; give its figure",
            )
        },
    ),
    entry(
        "unknown-criterion",
        _E,
        _S,
        {
            "": (
                "{table} có mã {code!r} không thuộc bộ tiêu chí {set_id!r}{hint}",
                "{table} names {code!r}, which is not a criterion of {set_id!r}{hint}",
            )
        },
        {"hint": ("; có phải {suggestion!r}?", "; did you mean {suggestion!r}?")},
    ),
    entry(
        "answer-for-group",
        _E,
        _S,
        {
            "": (
                "{code!r} là nhóm tiêu chí, điểm bằng tổng các tiêu chí thành phần; cần kê khai "
                "cho các tiêu chí thành phần (số liệu này bị bỏ qua)",
                "{code!r} is a group; its points are the sum of its sub-criteria, so answer "
                "those instead (the answer was ignored)",
            )
        },
    ),
    entry(
        "period-outside-set",
        _W,
        _S,
        {
            "": (
                "kỳ đánh giá {period} nằm ngoài thời gian áp dụng của bộ tiêu chí ({in_force})",
                "the period assessed, {period}, is outside the set's period in force ({in_force})",
            )
        },
    ),
    entry(
        "unknown-group",
        _W,
        _S,
        {
            "": (
                "nhóm {group!r} không phải một nhóm của bộ tiêu chí ({groups})",
                "the group {group!r} is not one of the set's groups ({groups})",
            )
        },
    ),
    # ------------------------------------------------------------------ scoring: the rule
    entry(
        "held-to-max",
        _W,
        _S,
        {
            "": (
                "cách tính điểm đã ban hành cho {points} điểm với {figure!r}, vượt điểm tối đa "
                "{max}; lấy {max} điểm",
                "the rule as published gives {points} for {figure!r}, more than the max {max}; "
                "held to {max}",
            )
        },
    ),
    entry(
        "held-to-zero",
        _W,
        _S,
        {
            "": (
                "cách tính điểm đã ban hành cho {points} điểm với {figure!r}, nhỏ hơn 0; "
                "lấy 0 điểm",
                "the rule as published gives {points} for {figure!r}, less than 0; held to 0",
            )
        },
    ),
    entry(
        "group-held",
        _W,
        _S,
        {
            "": (
                "tổng các tiêu chí thành phần là {sum}, vượt điểm tối đa {max}; lấy {max} điểm",
                "the sub-criteria add up to {sum}, more than the group's max {max}; held to {max}",
            ),
            "set": (
                "tổng các lĩnh vực là {sum}, vượt điểm tối đa {max}; tổng điểm được giữ ở mức "
                "tối đa",
                "the areas add up to {sum}, more than the set's max {max}; the total was held "
                "to the max",
            ),
        },
    ),
    entry(
        "evaluation-not-accepted",
        _E,
        _S,
        {
            "": (
                "kết quả đánh giá của đơn vị không được công nhận: {reason}",
                "the unit's evaluation is not accepted: {reason}",
            )
        },
    ),
    entry(
        "grade-condition-unmet",
        _I,
        _S,
        {
            "": (
                "chỉ số {index} % thuộc mức {grade!r} nhưng chưa đạt điều kiện: {condition} "
                "({why}); xếp loại {given}",
                "an index of {index} % is in the band of {grade!r} but misses its condition: "
                "{condition} ({why}); graded {given}",
            )
        },
    ),
    entry(
        "no-grade",
        _E,
        _S,
        {
            "": (
                "chỉ số {index} % không thuộc mức xếp loại nào của bộ tiêu chí",
                "an index of {index} % falls in none of the set's grade bands",
            )
        },
    ),
    # ------------------------------------------------------------------ scoring: declared
    *(
        entry(
            f"{kind}-differs",
            _W,
            _S,
            {
                "": (
                    f"{vi} {{declared}} điểm, nhưng theo số liệu được {{points}} điểm",
                    f"{en} {{declared}}, but the figures give {{points}}",
                )
            },
        )
        for kind, vi, en in _DECLARED
    ),
    *(
        entry(
            f"{kind}-missing",
            _I,
            _S,
            {
                "": (
                    f"không có điểm {vi}; theo số liệu được {{points}} điểm",
                    f"no {en} score declared; the figures give {{points}}",
                )
            },
        )
        for kind, vi, en in _DECLARED
    ),
    *(
        entry(
            f"{kind}-unchecked",
            _I,
            _S,
            {
                "": (
                    f"chưa kiểm tra được điểm {vi} {{declared}}: số liệu kê khai chưa đủ để "
                    "tính điểm",
                    f"the {en} score {{declared}} cannot be checked: the figures do not "
                    "determine the points",
                )
            },
        )
        for kind, vi, en in _DECLARED
    ),
    entry(
        "invalid-declared-score",
        _E,
        _S,
        {
            "": (
                "điểm {label} {raw!r} không phải là số: {error}",
                "the {label} score {raw!r} is not a number: {error}",
            )
        },
    ),
    entry(
        "declared-score-out-of-range",
        _E,
        _S,
        {
            "": (
                "điểm {label} {declared} ngoài khoảng 0 đến điểm tối đa {max}",
                "the {label} score {declared} is outside 0 to the max {max}",
            )
        },
    ),
)
"""Every scoring code's entry, in the order of ``docs/findings.md``."""
