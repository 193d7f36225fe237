"""Safe formulas: a tiny expression language for published scoring formulas, never ``eval``.

A formula such as ``rate * 1.5 / 100`` or ``min(rate / 85 * 10, 10)`` is parsed by our own
recursive-descent parser into a tree and evaluated with exact rationals, so ``0.1 + 0.2`` is
exactly ``0.3``. The language has, and has only:

* numbers written with a decimal point (``1.5``; the comma separates arguments);
* the names a rule declares (``value``, and ``rate`` or ``count`` by its scale; ``max_points``);
* ``+``, ``-`` (also ``−``), ``*`` (also ``×``), ``/`` (also ``÷``), unary minus, parentheses;
* ``min(a, b, …)`` and ``max(a, b, …)``.

Anything else — an attribute, a subscript, another call, an undeclared name, a string — is a
`FormulaError` that points at the offending character. Nesting deeper than
`MAX_DEPTH` is refused before it can exhaust the interpreter's stack.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from decimal import Context, Decimal, DecimalException
from fractions import Fraction
from typing import Final

import attrs

from cchc_criteria._formula_syntax import (
    FUNCTIONS,
    MAX_DEPTH,
    MAX_OPERATIONS,
    Binary,
    Call,
    Name,
    Negate,
    Node,
    Number,
    Parser,
)
from cchc_criteria.errors import FormulaError
from cchc_criteria.piecewise import NotPiecewiseLinear, Segment, align, envelope
from cchc_criteria.text import Text

__all__ = [
    "MAX_DEPTH",
    "MAX_OPERATIONS",
    "DecimalFormula",
    "Expression",
    "FormulaError",
    "parse_formula",
    "piecewise",
]


_BINARY: Final[Mapping[str, Callable[[Fraction, Fraction], Fraction]]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


DecimalFormula = Callable[[Mapping[str, Decimal]], Decimal]
"""A formula over Decimals (raises a DecimalException where a digit would be lost)."""


def _names(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen
class Expression:
    """A parsed formula, kept with its text as published.

    ``Expression.parse("rate * 1.5 / 100", {"rate"})`` checks the text once; ``evaluate`` then
    gives an exact `Fraction` for given values of the names.
    """

    text: str
    names: frozenset[str] = attrs.field(converter=_names)
    _tree: Node = attrs.field(eq=False, repr=False)

    @classmethod
    def parse(cls, text: str, names: Iterable[str]) -> Expression:
        """Parse ``text``; `FormulaError` says what is wrong and where."""
        declared = frozenset(names)
        return cls(text, declared, Parser(text, declared).parse())

    def evaluate(self, values: Mapping[str, Fraction]) -> Fraction:
        """The formula's exact value; `FormulaError` on division by zero."""
        return self._eval(self._tree, values)

    def _eval(self, node: Node, values: Mapping[str, Fraction]) -> Fraction:
        if isinstance(node, Number):
            return node.value
        if isinstance(node, Name):
            return values[node.name]
        if isinstance(node, Negate):
            return -self._eval(node.operand, values)
        if isinstance(node, Binary):
            left = self._eval(node.left, values)
            right = self._eval(node.right, values)
            if node.op == "/" and right == 0:
                raise FormulaError(self.text, node.position, Text("chia cho 0", "division by zero"))
            return _BINARY[node.op](left, right)
        return FUNCTIONS[node.function]([self._eval(a, values) for a in node.arguments])

    def over_decimals(self, context: Context) -> DecimalFormula | None:
        """The formula over Decimals, for a fast scorer, computed with ``context``'s
        operations. In a context that traps `decimal.Inexact` (as
        ``numbers.EXACT_CONTEXT`` does), its value is exactly ``evaluate``'s where it returns,
        and it raises a `decimal.DecimalException` wherever a digit would be lost (more
        digits than the context holds, a division that does not end) or on division by zero.
        ``None`` when a number of the formula has no exact decimal in ``context``."""
        try:
            return _over_decimals(self._tree, context)
        except DecimalException:
            return None

    def bounds(
        self, ranges: Mapping[str, tuple[Fraction | None, Fraction | None]]
    ) -> tuple[Fraction | None, Fraction | None]:
        """Sound lower and upper bounds over the given ranges of the names (interval arithmetic).

        ``None`` is unbounded. The bounds are exact when every name occurs once, as in the
        formulas of published sets.
        """
        return _interval(self._tree, ranges)


def _over_decimals(node: Node, context: Context) -> DecimalFormula:
    if isinstance(node, Number):
        number = context.divide(Decimal(node.value.numerator), Decimal(node.value.denominator))
        return lambda values: number
    if isinstance(node, Name):
        name = node.name
        return lambda values: values[name]
    if isinstance(node, Negate):
        operand = _over_decimals(node.operand, context)
        return lambda values: context.minus(operand(values))
    if isinstance(node, Binary):
        left, right = _over_decimals(node.left, context), _over_decimals(node.right, context)
        apply: Callable[[Decimal, Decimal], Decimal] = {
            "+": context.add,
            "-": context.subtract,
            "*": context.multiply,
            "/": context.divide,
        }[node.op]
        return lambda values: apply(left(values), right(values))
    arguments = [_over_decimals(a, context) for a in node.arguments]
    choose: Callable[[list[Decimal]], Decimal] = min if node.function == "min" else max
    return lambda values: choose([a(values) for a in arguments])


_Bound = tuple[Fraction | None, Fraction | None]


def _interval(node: Node, ranges: Mapping[str, _Bound]) -> _Bound:
    if isinstance(node, Number):
        return node.value, node.value
    if isinstance(node, Name):
        return ranges.get(node.name, (None, None))
    if isinstance(node, Negate):
        low, high = _interval(node.operand, ranges)
        return (None if high is None else -high), (None if low is None else -low)
    if isinstance(node, Call):
        parts = [_interval(a, ranges) for a in node.arguments]
        lows = [p[0] for p in parts]
        highs = [p[1] for p in parts]
        if node.function == "min":
            low = None if any(v is None for v in lows) else min(v for v in lows if v is not None)
            high_values = [v for v in highs if v is not None]
            return low, (min(high_values) if high_values else None)
        low_values = [v for v in lows if v is not None]
        high = None if any(v is None for v in highs) else max(v for v in highs if v is not None)
        return (max(low_values) if low_values else None), high
    left, right = _interval(node.left, ranges), _interval(node.right, ranges)
    if node.op == "+":
        return _add(left[0], right[0]), _add(left[1], right[1])
    if node.op == "-":
        return _add(left[0], _neg(right[1])), _add(left[1], _neg(right[0]))
    if node.op == "/":
        low, high = right
        if low is None or high is None or low <= 0 <= high:
            return None, None  # the divisor may be 0 or unbounded: no finite bound
        right = (1 / high, 1 / low)
    return _multiply(left, right)


def _add(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    return None if a is None or b is None else a + b


def _neg(a: Fraction | None) -> Fraction | None:
    return None if a is None else -a


def _multiply(a: _Bound, b: _Bound) -> _Bound:
    if None in a or None in b:
        if a[0] == a[1] == 0 or b[0] == b[1] == 0:
            return Fraction(0), Fraction(0)
        return None, None
    products = [x * y for x in a for y in b if x is not None and y is not None]
    return min(products), max(products)


def parse_formula(text: str, names: Iterable[str]) -> Expression:
    """Parse a formula over the declared ``names`` (see `Expression`)."""
    return Expression.parse(text, names)


def _piecewise(
    node: Node,
    variable: frozenset[str],
    constants: Mapping[str, Fraction],
    start: Fraction | None,
    end: Fraction | None,
) -> list[Segment]:
    if isinstance(node, Number):
        return [Segment(start, end, Fraction(0), node.value)]
    if isinstance(node, Name):
        if node.name in variable:
            return [Segment(start, end, Fraction(1), Fraction(0))]
        return [Segment(start, end, Fraction(0), constants[node.name])]
    if isinstance(node, Negate):
        inner = _piecewise(node.operand, variable, constants, start, end)
        return [Segment(s.start, s.end, -s.slope, -s.intercept) for s in inner]
    if isinstance(node, Call):
        parts = [_piecewise(a, variable, constants, start, end) for a in node.arguments]
        result = parts[0]
        for other in parts[1:]:
            result = envelope(result, other, node.function == "max")
        return result
    left = _piecewise(node.left, variable, constants, start, end)
    right = _piecewise(node.right, variable, constants, start, end)
    result = []
    for a, b in align(left, right):
        if node.op in "+-":
            sign = 1 if node.op == "+" else -1
            result.append(
                Segment(a.start, a.end, a.slope + sign * b.slope, a.intercept + sign * b.intercept)
            )
        elif node.op == "*":
            if a.slope and b.slope:
                raise NotPiecewiseLinear
            factor, line = (a, b) if a.slope == 0 else (b, a)
            k = factor.intercept
            result.append(Segment(a.start, a.end, line.slope * k, line.intercept * k))
        else:
            if b.slope or b.intercept == 0:
                raise NotPiecewiseLinear
            result.append(Segment(a.start, a.end, a.slope / b.intercept, a.intercept / b.intercept))
    return result


def piecewise(
    expression: Expression,
    variable: Iterable[str],
    constants: Mapping[str, Fraction],
    start: Fraction | None,
    end: Fraction | None,
) -> list[Segment] | None:
    """The formula as exact linear segments over [start, end], or ``None`` when it is not
    piecewise linear in the variable (it multiplies or divides by it)."""
    try:
        return _piecewise(expression._tree, frozenset(variable), constants, start, end)
    except NotPiecewiseLinear:
        return None
