"""The syntax of the safe formula language: its tokens, its tree, and the recursive-descent
parser that builds the tree (see `formulas`); never ``eval``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from typing import Final

import attrs

from cchc_criteria.errors import FormulaError
from cchc_criteria.text import Text

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_OPERATIONS",
    "Binary",
    "Call",
    "Name",
    "Negate",
    "Node",
    "Number",
    "Parser",
]


MAX_DEPTH: Final = 50
"""The deepest nesting of parentheses and calls a formula may have."""


MAX_OPERATIONS: Final = 100
"""The most operations (+ − × ÷, calls) a formula may have, so that evaluating it stays within the
interpreter's stack whatever its shape."""


_MAX_DIGITS: Final = 40
"""The most digits a number in a formula may have."""


# ASCII digits only: str.isdigit() also accepts "²" and other digits Fraction cannot read.
_DIGITS: Final = frozenset("0123456789")


_OPERATORS = {"+": "+", "-": "-", "−": "-", "*": "*", "×": "*", "/": "/", "÷": "/"}


FUNCTIONS: Final[Mapping[str, Callable[[list[Fraction]], Fraction]]] = {"min": min, "max": max}


@attrs.frozen
class Number:
    value: Fraction


@attrs.frozen
class Name:
    name: str
    position: int


@attrs.frozen
class Negate:
    operand: Node


@attrs.frozen
class Binary:
    op: str
    left: Node
    right: Node
    position: int


@attrs.frozen
class Call:
    function: str
    arguments: tuple[Node, ...]


Node = Number | Name | Negate | Binary | Call


@attrs.frozen
class Token:
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


def tokenize(formula: str) -> Iterator[Token]:
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
            yield Token("number", text, start)
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            start = i
            while (
                i < len(formula)
                and formula[i].isascii()
                and (formula[i].isalnum() or formula[i] == "_")
            ):
                i += 1
            yield Token("name", formula[start:i], start)
        elif ch in _OPERATORS:
            yield Token("op", _OPERATORS[ch], i)
            i += 1
        elif ch in "(),":
            yield Token(ch, ch, i)
            i += 1
        else:
            hint = _HINTS.get(ch, _ALLOWED)
            raise FormulaError(
                formula,
                i,
                Text(f"không được có {ch!r}: {hint.vi}", f"unexpected {ch!r}: {hint.en}"),
            )
    yield Token("end", "", len(formula))


class Parser:
    """expression := term (("+" | "-") term)* ; term := unary (("*" | "/") unary)* ;
    unary := "-" unary | atom ; atom := number | name | call | "(" expression ")"."""

    def __init__(self, formula: str, names: frozenset[str]) -> None:
        self.formula = formula
        self.names = names
        self.tokens = tokenize(formula)
        self.next: Token = next(self.tokens)
        self.depth = 0
        self.operations = 0

    def peek(self) -> Token:
        return self.next

    def take(self) -> Token:
        token = self.next
        if token.kind != "end":
            self.next = next(self.tokens)
        return token

    def fail(self, token: Token, message: Text) -> FormulaError:
        return FormulaError(self.formula, token.position, message)

    def parse(self) -> Node:
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

    def count(self, token: Token) -> None:
        self.operations += 1
        if self.operations > MAX_OPERATIONS:
            raise self.fail(
                token,
                Text(
                    f"công thức có quá {MAX_OPERATIONS} phép toán",
                    f"the formula has more than {MAX_OPERATIONS} operations",
                ),
            )

    def nest(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(
                token,
                Text(f"lồng nhau quá {MAX_DEPTH} cấp", f"nested more than {MAX_DEPTH} levels deep"),
            )

    def expression(self) -> Node:
        node = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            token = self.take()
            self.count(token)
            node = Binary(token.text, node, self.term(), token.position)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            token = self.take()
            self.count(token)
            node = Binary(token.text, node, self.unary(), token.position)
        return node

    def unary(self) -> Node:
        # Iterative, so a long run of minus signs cannot exhaust the stack.
        negations = 0
        while self.peek().kind == "op" and self.peek().text in "+-":
            if self.take().text == "-":
                negations += 1
        node = self.atom()
        return Negate(node) if negations % 2 else node

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "number":
            return Number(Fraction(token.text))
        if token.kind == "(":
            self.nest(token)
            node = self.expression()
            self.expect(")", Text("dấu đóng ngoặc", "a closing parenthesis"))
            self.depth -= 1
            return node
        if token.kind == "name":
            if self.peek().kind == "(":
                return self.call(token)
            if token.text in FUNCTIONS:
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
            return Name(token.text, token.position)
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

    def call(self, name: Token) -> Node:
        if name.text not in FUNCTIONS:
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
        return Call(name.text, tuple(arguments))

    def expect(self, kind: str, what: Text) -> None:
        token = self.peek()
        if token.kind != kind:
            raise self.fail(token, Text(f"cần {what.vi}", f"expected {what.en}"))
        self.take()
