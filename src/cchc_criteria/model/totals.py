"""How a set forms a unit's total from its top-level rows: where the bonus and the
deductions stand against the max (cách tính tổng điểm)."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.text import Text

__all__ = ["TotalPolicy"]

_BONUS = ("within", "above")
_DEDUCTIONS = ("within", "after")


def _one_of(choices: tuple[str, ...]) -> Callable[[object, attrs.Attribute[str], str], None]:
    def check(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in choices:
            shown = ", ".join(choices)
            raise InvalidValueError(
                Text(
                    f"total.{attribute.name} là một trong {shown}, nhận được {value!r}",
                    f"total.{attribute.name} is one of {shown}, got {value!r}",
                )
            )

    return check


@attrs.frozen
class TotalPolicy:
    """Where the top-level bonus and deduction rows stand against the set's max.

    Attributes:
        bonus: ``"within"`` (the default): bonus rows add to the sum, and the total is held at
            the set's max. ``"above"``: the score rows' sum is held at their max first, then
            the bonus rows add on top, up to their own max; the set's max is both together —
            a base of 85 and a bonus block of at most 15 make a total of at most 100, which a
            unit may reach only with its bonus (điểm thưởng cộng thêm).
        deductions: ``"within"`` (the default): deduction rows are subtracted inside the sum,
            before it is held at the max. ``"after"``: the total is formed first — not-
            applicable rows removed or rescaled, held at the max — and the deductions are
            subtracted from it, down to 0 ("tổng điểm ..., tối đa 100, sau đó trừ điểm").
    """

    bonus: str = attrs.field(default="within", validator=_one_of(_BONUS))
    deductions: str = attrs.field(default="within", validator=_one_of(_DEDUCTIONS))

    @property
    def is_default(self) -> bool:
        """True when bonus and deductions both count within the sum (the default)."""
        return self.bonus == "within" and self.deductions == "within"
