"""Assessment files (TOML or JSON): one unit's declared figures and scores against one set.

The layout::

    set = "quangngai.so.2019"          # the criterion set's id
    unit = "Sở Giáo dục và Đào tạo"
    period = "năm 2019"                # a period: "năm 2019", "6 tháng đầu năm 2019", …
    group = "A"                        # the unit group it is ranked within (optional)

    [answers]                          # declared figures, by criterion code
    "7.1.2" = { band = "Từ 90% số văn bản trả lên" }   # the band the unit marked
    "7.1.3" = true                     # yes / no: true, false, "Có", "Không"
    "7.2.2" = "3/41"                   # a rate: 93, "93%", "93,5 %", "3/41"
    "7.4.1" = "NA"                     # not applicable: "NA", "N/A", "Không áp dụng"

    [self_assessed]                    # điểm tự đánh giá (optional)
    "7" = "7,5"

    [appraised]                        # điểm thẩm định (optional)
    [evidence]                         # tài liệu kiểm chứng (optional): text or list of texts
    [explanations]                     # giải trình (optional)

Codes are keys and must be quoted ("7.1.2"), otherwise TOML reads the dots as nesting.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, overload

import tomli_w

from cchc_criteria._deprecation import deprecated, renamed
from cchc_criteria.dates import parse_period
from cchc_criteria.errors import (
    ArgumentError,
    CchcError,
    InputError,
    InvalidValueError,
    Problem,
    text_of,
)
from cchc_criteria.formats._convert import plain_number
from cchc_criteria.formats._files import format_of, key_line, parse_document, read_text
from cchc_criteria.formats.output import write_atomic
from cchc_criteria.model import NA, Assessment, ChosenBand, CriterionSet, says_not_applicable
from cchc_criteria.numbers import to_decimal
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.text import Text, nfc

__all__ = [
    "assessment_to_dict",
    "dump_assessment",
    "dumps_assessment",
    "load_assessment",
    "loads_assessment",
    "read_assessment",
    "save_assessment",
]

_TABLES = ("answers", "self_assessed", "appraised", "evidence", "explanations")
_TOP_KEYS = frozenset({"set", "unit", "period", "group", *_TABLES})


def load_assessment(
    path: str | Path,
    *,
    criterion_set: CriterionSet | None = None,
    kinds: RuleKinds | None = None,
) -> Assessment:
    """Read an assessment file (``.toml``, ``.json``, or a filled-in ``.xlsx`` template);
    `InputError` lists everything that is wrong in it.

    With ``criterion_set`` (and ``kinds``, the rule kinds its rules are of), an answer given
    as a table of figures is checked against its rule: a figure missing or one the rule does
    not take is a problem with its line.
    """
    name = str(path)
    if name.lower().endswith(".xlsx"):
        try:
            from cchc_criteria.formats.spreadsheet import read_workbook
        except ImportError:
            raise InputError(
                name,
                Text(
                    "cần openpyxl để đọc bảng tính: pip install 'cchc-criteria[xlsx]'",
                    "reading a workbook needs openpyxl: pip install 'cchc-criteria[xlsx]'",
                ),
            ) from None
        workbook = read_workbook(path)
        if criterion_set is not None:
            problems: list[Problem] = []

            def problem(message: Text, key: object, code: str, table: str) -> None:
                problems.append(Problem(message, criterion=code))

            _check_tables(workbook.answers, criterion_set, kinds, problem)
            if problems:
                raise InputError(name, problems=problems)
        return workbook
    text = read_text(path)
    fmt = format_of(name)
    return loads_assessment(text, source=name, format=fmt, criterion_set=criterion_set, kinds=kinds)


def loads_assessment(
    text: str,
    *,
    source: str = "<text>",
    format: str = "toml",
    criterion_set: CriterionSet | None = None,
    kinds: RuleKinds | None = None,
) -> Assessment:
    """Read an assessment from TOML (or ``format="json"``) text; ``source`` names it
    (``criterion_set``: as in `load_assessment`)."""
    text = nfc(text)
    document = parse_document(text, source, format, Text("một bản tự chấm", "an assessment"))
    problems: list[Problem] = []
    lines: list[str] = []  # split on the first problem: a sound file needs no line numbers

    def problem(
        message: Text, key: str | None = None, code: str | None = None, table: str | None = None
    ) -> None:
        if not lines:
            lines.extend(text.splitlines())
        line = _line(lines, key, code, table)
        problems.append(Problem(message, line=line, criterion=code))

    for key in sorted(set(document) - _TOP_KEYS):
        expected = ", ".join(sorted(_TOP_KEYS))
        problem(
            Text(
                f"không có khóa {key!r}; các khóa được dùng: {expected}",
                f"unknown key {key!r}; expected: {expected}",
            ),
            key,
        )
    tables: dict[str, dict[str, Any]] = {}
    for table in _TABLES:
        value = document.get(table, {})
        if not isinstance(value, Mapping):
            problem(
                Text(
                    f"[{table}] phải là một bảng theo mã tiêu chí",
                    f"[{table}] must be a table of criterion codes",
                ),
                table,
            )
            value = {}
        tables[table] = {nfc(str(k)): v for k, v in value.items()}
    answers: dict[str, object] = {}
    for code, value in tables["answers"].items():
        try:
            answers[code] = _answer(value)
        except ValueError as error:
            said = text_of(error)
            problem(Text(f"[answers]: {said.vi}", f"[answers]: {said.en}"), code, code, "answers")
    if criterion_set is not None:
        _check_tables(answers, criterion_set, kinds, problem)
    declared: dict[str, dict[str, object]] = {"self_assessed": {}, "appraised": {}}
    for table in declared:
        for code, value in tables[table].items():
            try:
                if isinstance(value, bool) or not isinstance(value, int | float | str):
                    raise CchcError(Text(f"nhận được {value!r}", f"got {value!r}"))
                declared[table][code] = to_decimal(value)
            except CchcError as error:
                problem(
                    Text(
                        f'[{table}]: cần một số điểm như 1.5 hoặc "1,5": {error.text.vi}',
                        f'[{table}]: expected a number of points such as 1.5 or "1,5": '
                        f"{error.text.en}",
                    ),
                    code,
                    code,
                    table,
                )
    for code, value in tables["evidence"].items():
        if not (
            isinstance(value, str)
            or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            problem(
                Text(
                    "[evidence]: cần một chuỗi hoặc một danh sách chuỗi",
                    "[evidence]: expected a text or a list of texts",
                ),
                code,
                code,
                "evidence",
            )
    for code, value in tables["explanations"].items():
        if not isinstance(value, str):
            problem(
                Text("[explanations]: cần một chuỗi", "[explanations]: expected a text"),
                code,
                code,
                "explanations",
            )
    for key in ("set", "unit", "period", "group"):
        if key in document and not isinstance(document[key], str):
            problem(Text(f"{key} phải là một chuỗi", f"{key} must be a text"), key)
    period = document.get("period")
    if isinstance(period, str) and period.strip():
        try:
            parse_period(period)
        except CchcError as error:
            problem(Text(f"period: {error.text.vi}", f"period: {error.text.en}"), "period")
    if problems:
        raise InputError(source, problems=problems)
    return Assessment(
        answers=answers,
        set_id=document.get("set"),
        unit=document.get("unit", ""),
        period=document.get("period", ""),
        group=document.get("group", ""),
        self_assessed=declared["self_assessed"],
        appraised=declared["appraised"],
        evidence=tables["evidence"],
        explanations=tables["explanations"],
        source=source,
    )


def _line(
    lines: list[str], key: str | None, code: str | None, table: str | None = None
) -> int | None:
    """The line that sets ``code`` in ``table``, else the line of ``key``."""
    for name in (code, key):
        if name is not None:
            found = key_line(lines, name, table=table)
            if found is not None:
                return found
    return None


def _answer(value: object) -> object:
    if isinstance(value, str):
        return NA if says_not_applicable(value) else value
    if isinstance(value, bool | int | date):
        return value
    if isinstance(value, float):
        return to_decimal(value)
    if isinstance(value, Mapping):
        if set(value) in ({"band"}, {"band", "value"}):
            ref = value["band"]
            if isinstance(ref, bool) or not isinstance(ref, int | str):
                raise InvalidValueError(
                    Text(
                        "band là số thứ tự của khoảng (từ 1) hoặc nhãn của khoảng",
                        "band must be a 1-based position or a band's label",
                    )
                )
            figure = _answer(value["value"]) if "value" in value else None
            return ChosenBand(nfc(ref) if isinstance(ref, str) else ref, figure=figure)
        if "band" in value:
            raise InvalidValueError(
                Text(
                    'câu trả lời dạng bảng nêu một khoảng: { band = 2 } hoặc { band = "nhãn" }, '
                    'và có thể kèm số liệu: { band = 2, value = "93%" }',
                    'an inline table answer names a band: { band = 2 } or { band = "label" }, '
                    'and may give the figure too: { band = 2, value = "93%" }',
                )
            )
        # Several figures for one row: { rate = "45/50", items = 3 }.
        return {nfc(str(k)): _answer(v) for k, v in value.items()}
    raise InvalidValueError(
        Text(
            'cần một số, một chuỗi ("93%", "3/41", "Có"), true/false, một ngày, "NA", '
            f"{{ band = … }} hoặc một bảng số liệu, nhận được {type(value).__name__}",
            'expected a number, a text ("93%", "3/41", "Có"), true/false, a date, "NA", '
            f"{{ band = … }} or a table of figures, got {type(value).__name__}",
        )
    )


def _check_tables(
    answers: Mapping[str, object],
    criterion_set: CriterionSet,
    kinds: RuleKinds | None,
    problem: Callable[..., None],
) -> None:
    """Refuse a table answer that misses a figure its rule needs or gives one it does not."""
    if kinds is None:
        raise ArgumentError(
            "reading an assessment for a criterion set needs the rule kinds (kinds=…); "
            "cc.load_assessment and Library.load_assessment pass them"
        )
    for code, answer in answers.items():
        if not isinstance(answer, dict):  # a table answer, as _answer builds it
            continue
        criterion = criterion_set.find(code)
        if criterion is None or criterion.rule is None:
            continue
        kind = kinds.of_rule(criterion.rule)
        if kind is None or kind.answer_keys is None:
            problem(
                Text(
                    f"[answers]: {code} không trả lời bằng một bảng; hãy ghi một số liệu",
                    f"[answers]: {code} is not answered with a table; give one figure",
                ),
                code,
                code,
                "answers",
            )
            continue
        keys = kind.answer_keys(criterion.rule)
        if keys is None:
            continue  # the table of a case chosen when the unit is scored: checked then
        allowed, required = keys
        expected = ", ".join(sorted(allowed))
        for name in sorted(set(answer) - allowed):
            problem(
                Text(
                    f"[answers]: {name!r} không phải số liệu của dòng này; "
                    f"dòng này nhận {expected}",
                    f"[answers]: {name!r} is not a figure of this row; it takes {expected}",
                ),
                code,
                code,
                "answers",
            )
        for name in sorted(required - set(answer)):
            problem(
                Text(
                    f"[answers]: thiếu {name!r}; dòng này nhận {expected}",
                    f"[answers]: {name!r} is missing; this row takes {expected}",
                ),
                code,
                code,
                "answers",
            )


# --------------------------------------------------------------------------- writing


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The assessment as plain data in the file format (``loads_assessment`` reads it back).

    Args:
        assessment: the assessment.

    Returns:
        A dict of plain values, as the file says it.
    """
    result: dict[str, Any] = {}
    if assessment.set_id is not None:
        result["set"] = assessment.set_id
    if assessment.unit:
        result["unit"] = assessment.unit
    if assessment.period:
        result["period"] = assessment.period
    if assessment.group:
        result["group"] = assessment.group
    result["answers"] = {code: _dump_answer(v) for code, v in assessment.answers.items()}
    for table in ("self_assessed", "appraised"):
        values: Mapping[str, object] = getattr(assessment, table)
        if values:
            result[table] = {code: _dump_answer(v) for code, v in values.items()}
    if assessment.evidence:
        result["evidence"] = {code: list(refs) for code, refs in assessment.evidence.items()}
    if assessment.explanations:
        result["explanations"] = dict(assessment.explanations)
    return result


def _dump_answer(value: object) -> object:
    if value is NA:
        return "NA"
    if isinstance(value, ChosenBand):
        if value.figure is not None:
            return {"band": value.ref, "value": _dump_answer(value.figure)}
        return {"band": value.ref}
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return plain_number(to_decimal(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _dump_answer(v) for k, v in value.items()}
    raise ArgumentError(f"{type(value).__name__} answers cannot be written to a file")


def dumps_assessment(assessment: Assessment, *, format: str = "toml") -> str:
    """The assessment as TOML (or ``format="json"``) text.

    Args:
        assessment: the assessment.
        format: ``"toml"`` or ``"json"``.

    Returns:
        The text; `loads_assessment` reads it back as an equal assessment.
    """
    data = assessment_to_dict(assessment)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return tomli_w.dumps(data)


@overload
def dump_assessment(assessment: Assessment, path: None = None) -> dict[str, Any]: ...
@overload
def dump_assessment(assessment: Assessment, path: str | Path) -> None: ...
def dump_assessment(
    assessment: Assessment, path: str | Path | None = None
) -> dict[str, Any] | None:
    """Write the assessment to ``path`` (TOML, or JSON for a ``.json`` name), all or nothing;
    `load_assessment` reads it back.

    Without ``path`` (deprecated, for one release) it gives the assessment as plain data, as
    `assessment_to_dict` does.

    Args:
        assessment: the assessment.
        path: the file to write.

    Returns:
        ``None`` once the file is written; without ``path``, the plain data (deprecated).

    Raises:
        InputError: the file cannot be written (nothing is left half written).
    """
    if path is None:
        deprecated("dump_assessment(assessment) giving a dict", "assessment_to_dict(assessment)")
        return assessment_to_dict(assessment)
    target = Path(path)
    fmt = "json" if target.suffix.lower() == ".json" else "toml"
    write_atomic(target, dumps_assessment(assessment, format=fmt))
    return None


def save_assessment(assessment: Assessment, path: str | Path) -> None:
    """Write the assessment to ``path``: the same as ``dump_assessment(assessment, path)``.

    Args:
        assessment: the assessment.
        path: the file to write (TOML, or JSON for a ``.json`` name), all or nothing.

    Raises:
        InputError: the file cannot be written (nothing is left half written).
    """
    dump_assessment(assessment, path)


read_assessment = renamed(loads_assessment, "read_assessment")
"""Deprecated: the old name of `loads_assessment` (a file is ``load``, text is ``loads``)."""
