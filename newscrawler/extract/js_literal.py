"""Reading a JavaScript value literal without running JavaScript.

Pages built by JavaScript frameworks keep their data in script state: JSON most often, a JavaScript
object literal sometimes (unquoted keys, single quotes, ``void 0``), and in Nuxt 2 an immediately
invoked function whose arguments stand for repeated values::

    window.__NUXT__=(function(a,b){return {layout:"default",data:[{title:a,tags:[a,b]}]}}("x",null));

``parse_literal`` reads all three into Python values. Anything else (an operator, a call other
than that function, ``new Date(…)``) is not a literal: ``NotALiteral`` is raised, never a guess.
"""

from __future__ import annotations

import json
import re

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      | (?P<number>-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
      | (?P<name>[A-Za-z_$][\w$]*)
      | (?P<punct>[{}\[\]():,;])
    )""",
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_CONSTANTS = {"true": True, "false": False, "null": None, "undefined": None, "NaN": None, "Infinity": None}
MAX_DEPTH = 200


class NotALiteral(ValueError):
    """The text is not a value literal this reader understands."""


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    if code[0] in "ux" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _SIMPLE_ESCAPES.get(code, code)


class _Reader:
    def __init__(self, text: str):
        self.tokens = []
        position = 0
        while position < len(text):
            match = _TOKEN.match(text, position)
            if not match:
                if text[position:].strip() == "":
                    break
                raise NotALiteral(f"unexpected {text[position:position + 20]!r}")
            kind = match.lastgroup
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
        self.index = 0
        self.scope: dict[str, object] = {}

    def peek(self, offset: int = 0) -> tuple[str, str] | None:
        index = self.index + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise NotALiteral(f"expected {value!r}, found {token!r}")
        self.index += 1
        return token

    def value(self, depth: int = 0):
        if depth > MAX_DEPTH:
            raise NotALiteral("nested too deep")
        token = self.peek()
        if token is None:
            raise NotALiteral("unexpected end")
        kind, text = token
        if text == "{":
            return self.object(depth)
        if text == "[":
            return self.array(depth)
        if text == "(":
            return self.invocation(depth)
        self.index += 1
        if kind == "string":
            return _ESCAPE.sub(_unescape, text[1:-1])
        if kind == "number":
            number = float(text)
            return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
        if kind == "name":
            if text == "void":
                self.take()
                return None
            if text in self.scope:
                return self.scope[text]
            if text in _CONSTANTS:
                return _CONSTANTS[text]
        raise NotALiteral(f"not a literal: {text!r}")

    def object(self, depth: int) -> dict:
        self.take("{")
        found = {}
        while self.peek() and self.peek()[1] != "}":
            kind, key = self.take()
            if kind == "string":
                key = _ESCAPE.sub(_unescape, key[1:-1])
            elif kind not in ("name", "number"):
                raise NotALiteral(f"bad key {key!r}")
            self.take(":")
            found[key] = self.value(depth + 1)
            if self.peek() and self.peek()[1] == ",":
                self.take(",")
        self.take("}")
        return found

    def array(self, depth: int) -> list:
        return self.items("[", "]", lambda: self.value(depth + 1))

    def items(self, opening: str, closing: str, read) -> list:
        """``opening item, item, … closing`` (a trailing comma allowed), each item read by ``read``."""
        self.take(opening)
        found = []
        while self.peek() and self.peek()[1] != closing:
            found.append(read())
            if self.peek() and self.peek()[1] == ",":
                self.take(",")
        self.take(closing)
        return found

    def invocation(self, depth: int):
        """``(function(a,b){return VALUE}(x,y))`` or ``(function(a,b){return VALUE})(x,y)``."""
        self.take("(")
        self.take("function")
        names = self.items("(", ")", lambda: self.take()[1])
        self.take("{")
        self.take("return")
        body_start = self.index
        self.skip_value()
        if self.peek() and self.peek()[1] == ";":
            self.take(";")
        self.take("}")
        closed_early = self.peek() is not None and self.peek()[1] == ")"
        if closed_early:
            self.take(")")
        arguments = self.items("(", ")", lambda: self.value(depth + 1))
        if not closed_early:
            self.take(")")
        after, outer = self.index, self.scope
        self.scope = {**outer, **dict(zip(names, arguments))}
        self.index = body_start
        result = self.value(depth + 1)
        self.index, self.scope = after, outer
        return result

    def skip_value(self) -> None:
        """Step over the function's returned value (its names are bound once the arguments are read)."""
        level = 0
        while True:
            token = self.peek()
            if token is None:
                raise NotALiteral("unexpected end")
            kind, text = token
            if kind == "punct" and text in "{[(":
                level += 1
            elif kind == "punct" and text in "}])":
                if level == 0:
                    return
                level -= 1
            elif kind == "punct" and text == ";" and level == 0:
                return
            self.index += 1


def parse_literal(text: str):
    """The value ``text`` spells (JSON, a JavaScript literal, or Nuxt's invoked function)."""
    text = text.strip().rstrip(";").strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    reader = _Reader(text)
    result = reader.value()
    if reader.peek() is not None and reader.peek()[1] != ";":
        raise NotALiteral(f"trailing {reader.peek()!r}")
    return result
