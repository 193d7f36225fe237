"""Safe formulas: a tiny expression language for published scoring formulas, never ``eval``.

A formula such as ``rate * 1.5 / 100`` or ``min(rate / 85 * 10, 10)`` is parsed by our own
recursive-descent parser into a tree and evaluated with exact rationals, so ``0.1 + 0.2`` is
exactly ``0.3``. The language has, and has only:

* numbers written with a decimal point (``1.5``; the comma separates arguments);
* the names a rule declares (``value``, and ``rate`` or ``count`` by its scale; ``max_points``);
* ``+``, ``-`` (also ``−``), ``*`` (also ``×``), ``/`` (also ``÷``), unary minus, parentheses;
* ``min(a, b, …)`` and ``max(a, b, …)``.

Anything else — an attribute, a subscript, another call, an undeclared name, a string — is a
:class:`FormulaError` that points at the offending character. Nesting deeper than
:data:`MAX_DEPTH` is refused before it can exhaust the interpreter's stack.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Context, Decimal, DecimalException
from fractions import Fraction
from typing import Final

import attrs

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

#: The deepest nesting of parentheses and calls a formula may have.
MAX_DEPTH: Final = 50
#: The most operations (+ − × ÷, calls) a formula may have, so that evaluating it stays
#: within the interpreter's stack whatever its shape.
MAX_OPERATIONS: Final = 100
#: The most digits a number in a formula may have.
_MAX_DIGITS: Final = 40

# ASCII digits only: str.isdigit() also accepts "²" and other digits Fraction cannot read.
_DIGITS: Final = frozenset("0123456789")

_OPERATORS = {"+": "+", "-": "-", "−": "-", "*": "*", "×": "*", "/": "/", "÷": "/"}
_FUNCTIONS: Final[Mapping[str, Callable[[list[Fraction]], Fraction]]] = {"min": min, "max": max}


# --------------------------------------------------------------------------- tree


@attrs.frozen
class _Number:
    value: Fraction


@attrs.frozen
class _Name:
    name: str
    position: int


@attrs.frozen
class _Negate:
    operand: _Node


@attrs.frozen
class _Binary:
    op: str
    left: _Node
    right: _Node
    position: int


@attrs.frozen
class _Call:
    function: str
    arguments: tuple[_Node, ...]


_Node = _Number | _Name | _Negate | _Binary | _Call

_BINARY: Final[Mapping[str, Callable[[Fraction, Fraction], Fraction]]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


#: A formula over Decimals (raises a DecimalException where a digit would be lost).
DecimalFormula = Callable[[Mapping[str, Decimal]], Decimal]


# --------------------------------------------------------------------------- tokens


@attrs.frozen
class _Token:
    kind: str  # "number", "name", "op", "(", ")", ",", "end"
    text: str
    position: int


_ALLOWED = Text(
    "chỉ được dùng số, tên, + - * / ( ) , min và max",
    "only numbers, names, + - * / ( ) , min and max are allowed",
)
_HINTS = {
    "[": Text("không được dùng chỉ số []", "subscripts are not allowed"),
    "'": Text("không được có chữ", "text is not allowed"),
    '"': Text("không được có chữ", "text is not allowed"),
    "%": Text(
        "viết tỷ lệ phần trăm là một số: 40 cho 40 %",
        "write a percentage as a number: 40 for 40 %",
    ),
    ".": Text("không được truy cập thuộc tính", "attribute access is not allowed"),
}


def _tokenize(formula: str) -> Iterator[_Token]:
    """Tokens one at a time, so that the parser reports the first problem in reading order."""
    i = 0
    while i < len(formula):
        ch = formula[i]
        if ch.isspace():
            i += 1
        elif ch in _DIGITS or (ch == "." and formula[i + 1 : i + 2] in _DIGITS):
            start = i
            while i < len(formula) and (formula[i] in _DIGITS or formula[i] == "."):
                i += 1
            text = formula[start:i]
            if text.count(".") > 1:
                raise FormulaError(
                    formula, start, Text(f"{text!r} không phải là số", f"{text!r} is not a number")
                )
            if len(text) > _MAX_DIGITS:
                raise FormulaError(
                    formula,
                    start,
                    Text(
                        f"số có quá {_MAX_DIGITS} chữ số: ngoài phạm vi cho phép",
                        f"a number of more than {_MAX_DIGITS} digits is out of range",
                    ),
                )
            yield _Token("number", text, start)
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            start = i
            while (
                i < len(formula)
                and formula[i].isascii()
                and (formula[i].isalnum() or formula[i] == "_")
            ):
                i += 1
            yield _Token("name", formula[start:i], start)
        elif ch in _OPERATORS:
            yield _Token("op", _OPERATORS[ch], i)
            i += 1
        elif ch in "(),":
            yield _Token(ch, ch, i)
            i += 1
        else:
            hint = _HINTS.get(ch, _ALLOWED)
            raise FormulaError(
                formula,
                i,
                Text(f"không được có {ch!r}: {hint.vi}", f"unexpected {ch!r}: {hint.en}"),
            )
    yield _Token("end", "", len(formula))


# --------------------------------------------------------------------------- parser


class _Parser:
    """expression := term (("+" | "-") term)* ; term := unary (("*" | "/") unary)* ;
    unary := "-" unary | atom ; atom := number | name | call | "(" expression ")"."""

    def __init__(self, formula: str, names: frozenset[str]) -> None:
        self.formula = formula
        self.names = names
        self.tokens = _tokenize(formula)
        self.next: _Token = next(self.tokens)
        self.depth = 0
        self.operations = 0

    def peek(self) -> _Token:
        return self.next

    def take(self) -> _Token:
        token = self.next
        if token.kind != "end":
            self.next = next(self.tokens)
        return token

    def fail(self, token: _Token, message: Text) -> FormulaError:
        return FormulaError(self.formula, token.position, message)

    def parse(self) -> _Node:
        if self.peek().kind == "end":
            raise self.fail(self.peek(), Text("công thức trống", "the formula is empty"))
        node = self.expression()
        token = self.peek()
        if token.kind != "end":
            raise self.fail(
                token,
                Text(
                    f"không được có {token.text!r}: cần một phép toán hoặc hết công thức",
                    f"unexpected {token.text!r}: expected an operator or the end",
                ),
            )
        return node

    def count(self, token: _Token) -> None:
        self.operations += 1
        if self.operations > MAX_OPERATIONS:
            raise self.fail(
                token,
                Text(
                    f"công thức có quá {MAX_OPERATIONS} phép toán",
                    f"the formula has more than {MAX_OPERATIONS} operations",
                ),
            )

    def nest(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(
                token,
                Text(f"lồng nhau quá {MAX_DEPTH} cấp", f"nested more than {MAX_DEPTH} levels deep"),
            )

    def expression(self) -> _Node:
        node = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            token = self.take()
            self.count(token)
            node = _Binary(token.text, node, self.term(), token.position)
        return node

    def term(self) -> _Node:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            token = self.take()
            self.count(token)
            node = _Binary(token.text, node, self.unary(), token.position)
        return node

    def unary(self) -> _Node:
        # Iterative, so a long run of minus signs cannot exhaust the stack.
        negations = 0
        while self.peek().kind == "op" and self.peek().text in "+-":
            if self.take().text == "-":
                negations += 1
        node = self.atom()
        return _Negate(node) if negations % 2 else node

    def atom(self) -> _Node:
        token = self.take()
        if token.kind == "number":
            return _Number(Fraction(token.text))
        if token.kind == "(":
            self.nest(token)
            node = self.expression()
            self.expect(")", Text("dấu đóng ngoặc", "a closing parenthesis"))
            self.depth -= 1
            return node
        if token.kind == "name":
            if self.peek().kind == "(":
                return self.call(token)
            if token.text in _FUNCTIONS:
                raise self.fail(
                    token,
                    Text(
                        f"{token.text} cần các đối số: {token.text}(a, b)",
                        f"{token.text} needs its arguments: {token.text}(a, b)",
                    ),
                )
            if token.text not in self.names:
                allowed = ", ".join(sorted(self.names)) or "none"
                raise self.fail(
                    token,
                    Text(
                        f"không có tên {token.text!r}; các tên đã khai báo: {allowed}",
                        f"unknown name {token.text!r}; declared names: {allowed}",
                    ),
                )
            if self.peek().kind == "name" or self.peek().text == ".":
                raise self.fail(self.peek(), Text("cần một phép toán", "expected an operator"))
            return _Name(token.text, token.position)
        if token.kind == "end":
            raise self.fail(
                token,
                Text(
                    "công thức kết thúc ở chỗ cần một số, một tên hoặc '('",
                    "the formula ends where a number, a name or '(' is expected",
                ),
            )
        raise self.fail(
            token,
            Text(
                f"không được có {token.text!r}: cần một số, một tên hoặc '('",
                f"unexpected {token.text!r}: expected a number, a name or '('",
            ),
        )

    def call(self, name: _Token) -> _Node:
        if name.text not in _FUNCTIONS:
            raise self.fail(
                name,
                Text(
                    f"không gọi được {name.text!r}: chỉ gọi được min và max",
                    f"{name.text!r} cannot be called: only min and max can",
                ),
            )
        opening = self.take()
        self.count(name)
        self.nest(opening)
        arguments = [self.expression()]
        while self.peek().kind == ",":
            self.take()
            arguments.append(self.expression())
        self.expect(")", Text("',' hoặc dấu đóng ngoặc", "',' or a closing parenthesis"))
        self.depth -= 1
        return _Call(name.text, tuple(arguments))

    def expect(self, kind: str, what: Text) -> None:
        token = self.peek()
        if token.kind != kind:
            raise self.fail(token, Text(f"cần {what.vi}", f"expected {what.en}"))
        self.take()


# --------------------------------------------------------------------------- evaluation


def _names(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen
class Expression:
    """A parsed formula, kept with its text as published.

    ``Expression.parse("rate * 1.5 / 100", {"rate"})`` checks the text once; ``evaluate`` then
    gives an exact :class:`~fractions.Fraction` for given values of the names.
    """

    text: str
    names: frozenset[str] = attrs.field(converter=_names)
    _tree: _Node = attrs.field(eq=False, repr=False)

    @classmethod
    def parse(cls, text: str, names: Iterable[str]) -> Expression:
        """Parse ``text``; :class:`FormulaError` says what is wrong and where."""
        declared = frozenset(names)
        return cls(text, declared, _Parser(text, declared).parse())

    def evaluate(self, values: Mapping[str, Fraction]) -> Fraction:
        """The formula's exact value; :class:`FormulaError` on division by zero."""
        return self._eval(self._tree, values)

    def _eval(self, node: _Node, values: Mapping[str, Fraction]) -> Fraction:
        if isinstance(node, _Number):
            return node.value
        if isinstance(node, _Name):
            return values[node.name]
        if isinstance(node, _Negate):
            return -self._eval(node.operand, values)
        if isinstance(node, _Binary):
            left = self._eval(node.left, values)
            right = self._eval(node.right, values)
            if node.op == "/" and right == 0:
                raise FormulaError(self.text, node.position, Text("chia cho 0", "division by zero"))
            return _BINARY[node.op](left, right)
        return _FUNCTIONS[node.function]([self._eval(a, values) for a in node.arguments])

    def over_decimals(self, context: Context) -> DecimalFormula | None:
        """The formula over Decimals, for a fast scorer, computed with ``context``'s
        operations. In a context that traps :class:`decimal.Inexact` (as
        ``numbers.EXACT_CONTEXT`` does), its value is exactly ``evaluate``'s where it returns,
        and it raises a :class:`decimal.DecimalException` wherever a digit would be lost (more
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


def _over_decimals(node: _Node, context: Context) -> DecimalFormula:
    if isinstance(node, _Number):
        number = context.divide(Decimal(node.value.numerator), Decimal(node.value.denominator))
        return lambda values: number
    if isinstance(node, _Name):
        name = node.name
        return lambda values: values[name]
    if isinstance(node, _Negate):
        operand = _over_decimals(node.operand, context)
        return lambda values: context.minus(operand(values))
    if isinstance(node, _Binary):
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


def _interval(node: _Node, ranges: Mapping[str, _Bound]) -> _Bound:
    if isinstance(node, _Number):
        return node.value, node.value
    if isinstance(node, _Name):
        return ranges.get(node.name, (None, None))
    if isinstance(node, _Negate):
        low, high = _interval(node.operand, ranges)
        return (None if high is None else -high), (None if low is None else -low)
    if isinstance(node, _Call):
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
    """Parse a formula over the declared ``names`` (see :class:`Expression`)."""
    return Expression.parse(text, names)


# --------------------------------------------------------------------------- piecewise-linear


def _piecewise(
    node: _Node,
    variable: frozenset[str],
    constants: Mapping[str, Fraction],
    start: Fraction | None,
    end: Fraction | None,
) -> list[Segment]:
    if isinstance(node, _Number):
        return [Segment(start, end, Fraction(0), node.value)]
    if isinstance(node, _Name):
        if node.name in variable:
            return [Segment(start, end, Fraction(1), Fraction(0))]
        return [Segment(start, end, Fraction(0), constants[node.name])]
    if isinstance(node, _Negate):
        inner = _piecewise(node.operand, variable, constants, start, end)
        return [Segment(s.start, s.end, -s.slope, -s.intercept) for s in inner]
    if isinstance(node, _Call):
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
