"""Find the line where a key path is defined in a TOML text.

tomllib gives values without positions, so problems found after parsing (a conversion of
0, an unknown recycle target, ...) get their line from this small scanner. It walks the
text once and records the line of every key it sees, keyed by the same paths the domain
uses: ``("stages", 2, "conversion")``, ``("pipeline", "existing", "sql")``,
``("target", "monthly_weights", 3)``.

It understands ``[table]`` and ``[[array.of.tables]]`` headers (with their running indexes,
also nested ones such as ``[[a.b]]`` under ``[[a]]``), dotted and quoted keys, inline
tables, arrays (also spanning lines, with comments), and all four kinds of strings,
multi-line ones included. A path that was not seen falls back to its nearest enclosing
path that was (a missing ``conversion`` is reported at its ``[[stages]]`` header).

The scanner never raises: it is meant for text that tomllib accepted, and on anything else
it records what it can and stops.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import tomllib
from collections.abc import Sequence

from alignplanner.domain.problems import Path

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")


def toml_error_at(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    """The line (1-based, or None) and the message of tomllib's syntax error, its position
    said in words: "... (column 7)", or "(at the end of the file)" on the last line."""
    message = str(exc)
    position = _TOML_POSITION.search(message)
    if position:
        column = f" (column {position.group(2)})"
        return int(position.group(1)), message[: position.start()] + column
    if _TOML_END.search(message):
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        return line, _TOML_END.sub(" (at the end of the file)", message)
    return None, message


__all__ = ["LineIndex", "line_of", "toml_error_at"]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_MAX_DEPTH = 64  # values nested deeper are skipped, not recorded
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _Stop(Exception):
    """The text ended or is malformed where the scanner was: keep what was recorded."""


class LineIndex:
    """The line of every key path in one TOML text. The text is scanned when a line is
    first asked for: a valid file (the common case, and every start of the app) never
    needs one."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._scanned: dict[Path, int] | None = None

    @property
    def _index(self) -> dict[Path, int]:
        if self._scanned is None:
            self._lines: dict[Path, int] = {}
            self._pos = 0
            self._line_starts = [0]
            self._line_starts.extend(i + 1 for i, ch in enumerate(self._text) if ch == "\n")
            self._aot_counts: dict[Path, int] = {}
            with contextlib.suppress(_Stop, IndexError, ValueError, RecursionError):
                self._scan()
            self._scanned = self._lines
        return self._scanned

    # -- queries ------------------------------------------------------------------------

    def exact(self, path: Path) -> int | None:
        """The line where ``path`` itself is defined, or None."""
        return self._index.get(tuple(path))

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest enclosing path that has one."""
        lines = self._index
        key = tuple(path)
        while key:
            found = lines.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return None

    def paths(self) -> dict[Path, int]:
        """Every recorded path with its line (for tests and debugging)."""
        return dict(self._index)

    # -- scanning -----------------------------------------------------------------------

    def _line_at(self, pos: int) -> int:
        return bisect.bisect_right(self._line_starts, pos)

    def _record(self, path: Path, pos: int, *, overwrite: bool = True) -> None:
        if overwrite or path not in self._lines:
            self._lines[path] = self._line_at(pos)

    def _peek(self, offset: int = 0) -> str:
        i = self._pos + offset
        return self._text[i] if i < len(self._text) else ""

    def _skip_blanks(self) -> None:
        """Spaces and tabs."""
        text, pos = self._text, self._pos
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        self._pos = pos

    def _skip_comment(self) -> None:
        if self._peek() == "#":
            end = self._text.find("\n", self._pos)
            self._pos = len(self._text) if end < 0 else end

    def _skip_space(self) -> None:
        """Whitespace, newlines and comments (inside arrays)."""
        while True:
            self._skip_blanks()
            ch = self._peek()
            if ch in ("\n", "\r"):
                self._pos += 1
            elif ch == "#":
                self._skip_comment()
            else:
                return

    def _next_line(self) -> None:
        end = self._text.find("\n", self._pos)
        self._pos = len(self._text) if end < 0 else end + 1

    def _scan(self) -> None:
        table: Path = ()
        while self._pos < len(self._text):
            self._skip_space()
            if self._pos >= len(self._text):
                return
            start = self._pos
            try:
                if self._text.startswith("[[", start):
                    self._pos += 2
                    table = self._header(start, array=True)
                elif self._peek() == "[":
                    self._pos += 1
                    table = self._header(start, array=False)
                else:
                    self._key_value(table)
            except _Stop:
                if self._pos >= len(self._text):
                    raise
            if self._pos == start:  # no progress: resynchronise on the next line
                self._next_line()
            else:
                self._skip_blanks()
                self._skip_comment()

    def _header(self, start: int, *, array: bool) -> Path:
        self._skip_blanks()
        keys = self._key()
        self._skip_blanks()
        closing = "]]" if array else "]"
        if not self._text.startswith(closing, self._pos):
            raise _Stop
        self._pos += len(closing)
        path: Path = ()
        for part in keys[:-1]:
            path = (*path, part)
            self._record(path, start, overwrite=False)
            count = self._aot_counts.get(path)
            if count is not None:
                path = (*path, count - 1)
        path = (*path, keys[-1])
        if array:
            count = self._aot_counts.get(path, 0)
            self._aot_counts[path] = count + 1
            self._record(path, start, overwrite=False)
            path = (*path, count)
        self._record(path, start)
        return path

    def _key_value(self, table: Path) -> None:
        start = self._pos
        keys = self._key()
        path = table
        for part in keys[:-1]:
            path = (*path, part)
            self._record(path, start, overwrite=False)
        path = (*path, keys[-1])
        self._record(path, start)
        self._skip_blanks()
        if self._peek() != "=":
            raise _Stop
        self._pos += 1
        self._skip_blanks()
        self._value(path, 0)

    # -- keys -----------------------------------------------------------------------------

    def _key(self) -> list[str]:
        parts = [self._simple_key()]
        while True:
            self._skip_blanks()
            if self._peek() != ".":
                return parts
            self._pos += 1
            self._skip_blanks()
            parts.append(self._simple_key())

    def _simple_key(self) -> str:
        ch = self._peek()
        if ch == '"':
            self._pos += 1
            return self._basic_string()
        if ch == "'":
            self._pos += 1
            return self._literal_string()
        start = self._pos
        text = self._text
        pos = start
        while pos < len(text) and text[pos] in _BARE:
            pos += 1
        if pos == start:
            raise _Stop
        self._pos = pos
        return text[start:pos]

    # -- strings --------------------------------------------------------------------------

    def _basic_string(self) -> str:
        """After the opening quote; returns the decoded string."""
        out: list[str] = []
        while True:
            ch = self._peek()
            if ch in ("", "\n"):
                raise _Stop
            self._pos += 1
            if ch == '"':
                return "".join(out)
            if ch == "\\":
                out.append(self._escape())
            else:
                out.append(ch)

    def _escape(self) -> str:
        ch = self._peek()
        self._pos += 1
        if ch in _ESCAPES:
            return _ESCAPES[ch]
        width = {"u": 4, "U": 8}.get(ch)
        if width is None:
            raise _Stop
        digits = self._text[self._pos : self._pos + width]
        self._pos += width
        try:
            return chr(int(digits, 16))
        except (ValueError, OverflowError):
            raise _Stop from None

    def _literal_string(self) -> str:
        end = self._text.find("'", self._pos)
        newline = self._text.find("\n", self._pos)
        if end < 0 or 0 <= newline < end:
            raise _Stop
        value = self._text[self._pos : end]
        self._pos = end + 1
        return value

    def _multiline_string(self, quote: str) -> None:
        """After the opening triple quote: skip to after the closing one."""
        text = self._text
        pos = self._pos
        while True:
            if pos >= len(text):
                raise _Stop
            ch = text[pos]
            if ch == "\\" and quote == '"':
                pos += 2
                continue
            if text.startswith(quote * 3, pos):
                pos += 3
                # Up to two more quotes belong to the content: """a"""" is 'a"'.
                extra = 0
                while extra < 2 and pos < len(text) and text[pos] == quote:
                    pos += 1
                    extra += 1
                self._pos = pos
                return
            pos += 1

    # -- values ---------------------------------------------------------------------------

    def _value(self, path: Path, depth: int) -> None:
        ch = self._peek()
        if ch == "":
            raise _Stop
        if ch in ('"', "'"):
            if self._text.startswith(ch * 3, self._pos):
                self._pos += 3
                self._multiline_string(ch)
            else:
                self._pos += 1
                if ch == '"':
                    self._basic_string()
                else:
                    self._literal_string()
        elif ch == "[":
            self._pos += 1
            self._array(path, depth + 1)
        elif ch == "{":
            self._pos += 1
            self._inline_table(path, depth + 1)
        else:
            self._scalar()

    def _scalar(self) -> None:
        text = self._text
        pos = self._pos
        while pos < len(text) and text[pos] not in ",]}#\n\r":
            pos += 1
        if pos == self._pos:
            raise _Stop
        self._pos = pos

    def _array(self, path: Path, depth: int) -> None:
        index = 0
        while True:
            self._skip_space()
            ch = self._peek()
            if ch == "]":
                self._pos += 1
                return
            if ch == "":
                raise _Stop
            element = (*path, index)
            if depth <= _MAX_DEPTH:
                self._record(element, self._pos)
            self._value(element, depth)
            self._skip_space()
            ch = self._peek()
            if ch == ",":
                self._pos += 1
                index += 1
            elif ch != "]":
                raise _Stop

    def _inline_table(self, path: Path, depth: int) -> None:
        self._skip_blanks()
        if self._peek() == "}":
            self._pos += 1
            return
        while True:
            self._skip_blanks()
            start = self._pos
            keys = self._key()
            inner = path
            for part in keys:
                inner = (*inner, part)
                if depth <= _MAX_DEPTH:
                    self._record(inner, start, overwrite=False)
            self._skip_blanks()
            if self._peek() != "=":
                raise _Stop
            self._pos += 1
            self._skip_blanks()
            self._value(inner, depth)
            self._skip_blanks()
            ch = self._peek()
            if ch == ",":
                self._pos += 1
            elif ch == "}":
                self._pos += 1
                return
            else:
                raise _Stop


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The line where ``path`` (or its nearest enclosing path) is defined in ``text``."""
    return LineIndex(text).line(tuple(path))
