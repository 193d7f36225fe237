"""Survey files: one row per respondent, one column per surveyed criterion, read into the
votes per option a ``survey`` rule scores (phiếu khảo sát)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cchc_criteria.errors import InputError, Problem
from cchc_criteria.formats._files import read_text
from cchc_criteria.model import CriterionSet
from cchc_criteria.rules.survey import SurveyRule
from cchc_criteria.text import Text, fold, nfc

__all__ = ["load_survey"]

_DELIMITERS = ",;\t"


def load_survey(path: str | Path, criterion_set: CriterionSet) -> dict[str, dict[str, int]]:
    """The votes per option of every surveyed criterion, read from a CSV file (UTF-8, comma,
    semicolon or tab separated, as Excel saves it).

    The first row names the columns: a column whose heading is the code of a criterion scored
    by a ``survey`` rule is read, one respondent per row, each cell the option chosen (its
    label, case and accents ignored; an empty cell is no answer); other columns (STT, the
    respondent's name, …) are left alone. The result maps each code to its votes by the
    options' published labels, the answer that criterion takes. `InputError` lists
    every problem with its line: a heading that names a criterion not scored by a survey, an
    option the criterion does not have, no column of a surveyed criterion at all.
    """
    name = str(path)
    text = nfc(read_text(path))
    rows = list(csv.reader(io.StringIO(text), _dialect(text)))
    problems: list[Problem] = []
    if not rows:
        raise InputError(name, Text("tệp khảo sát trống", "the survey file is empty"))
    columns: dict[int, tuple[str, SurveyRule]] = {}
    for position, heading in enumerate(rows[0]):
        code = heading.strip()
        criterion = criterion_set.find(code) if code else None
        if criterion is None:
            continue  # STT, a name, a date: not a criterion
        if not isinstance(criterion.rule, SurveyRule):
            problems.append(
                Problem(
                    Text(
                        "cột này mang mã của một tiêu chí không chấm bằng khảo sát",
                        "this column is headed by a criterion that is not scored by a survey",
                    ),
                    1,
                    code,
                )
            )
            continue
        columns[position] = (code, criterion.rule)
    if not columns and not problems:
        surveyed = [c.code for c in criterion_set.walk() if isinstance(c.rule, SurveyRule)]
        codes = ", ".join(surveyed) or "—"
        problems.append(
            Problem(
                Text(
                    f"không cột nào mang mã tiêu chí khảo sát của bộ ({codes})",
                    f"no column is headed by a surveyed criterion of the set ({codes})",
                ),
                1,
            )
        )
    votes: dict[str, dict[str, int]] = {code: {} for code, _ in columns.values()}
    for line, row in enumerate(rows[1:], start=2):
        for position, (code, rule) in columns.items():
            cell = row[position].strip() if position < len(row) else ""
            if not cell:
                continue
            label = _label(rule, cell)
            if label is None:
                options = ", ".join(label for label, _ in rule.options)
                problems.append(
                    Problem(
                        Text(
                            f"không có phương án {cell!r}; các phương án: {options}",
                            f"no option {cell!r}; the options are: {options}",
                        ),
                        line,
                        code,
                    )
                )
                continue
            votes[code][label] = votes[code].get(label, 0) + 1
    if problems:
        raise InputError(name, problems=problems)
    return votes


def _label(rule: SurveyRule, cell: str) -> str | None:
    """The published label of the option ``cell`` names (case and accents ignored)."""
    wanted = fold(cell)
    return next((label for label, _ in rule.options if fold(label) == wanted), None)


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma, semicolon or tab, as the first line says (Excel saves with the separator of the
    system's locale)."""
    first = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel
