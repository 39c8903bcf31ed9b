"""A TOML syntax error said in words people read: the parser's terms ("Invalid value",
"Unclosed array") become what is wrong on the line, and a file that ends in the middle
of something (a copy or a download that stopped short) is said to look cut off, at the
line where it ends."""

from __future__ import annotations

import re
import tomllib

from alignplanner.contract.locate import toml_error_at

__all__ = ["syntax_problem"]

_PLAIN = (
    (r"^Unterminated string", "a text in quotes is not closed", "inside a text in quotes"),
    (r"^Unclosed array", "a list [ ... ] is not closed", "inside a list [ ... ]"),
    (r"^Unclosed inline table", "a table { ... } is not closed", "inside a table { ... }"),
    (r"^Invalid value", "a key has no value after '=', or the value is not a number, "
     "a date, true/false or a text in quotes", "where a value should follow"),
    (r"^Expected '\]\]?' at the end of an? (table|array) declaration",
     "a [section] header is not closed with ']'", "inside a [section] header"),
    (r"^Expected '=' after a key in a key/value pair", "a key is not followed by '='",
     "after a key with no '=' and no value"),
    (r"^Invalid statement", "this line is neither a key = value nor a [section] header",
     "in the middle of a line"),
    (r"^Invalid date or datetime", "a date is not a real date (write 2027-01-31)",
     "inside a date"),
    (r"^Illegal character '\\n'", "a text in quotes is not closed before the end of the "
     "line", "inside a text in quotes"),
    (r"^(?:Illegal|Found invalid) character (.+)", "the character \\1 is not allowed here",
     ""),
    (r"^Cannot declare .+ twice", "this [section] is declared a second time", ""),
    (r"^Expected newline or end of document after a statement",
     "something follows the value on the same line (a comment starts with #)", ""),
    (r"^Cannot overwrite a value", "a key is given twice: the second would overwrite the "
     "first", ""),
)


def syntax_problem(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    """The line and the message of a syntax error, in plain words."""
    line, message = toml_error_at(exc, text)
    column = re.search(r"\s*\((column \d+|at the end of the file)\)$", message)
    bare = message[: column.start()] if column else message
    plain, cut_where = _plain(bare)
    at = column.group(1) if column else ""
    ends_early = at == "at the end of the file" or bool(
        cut_where and line and _cut_off(text, line, at))
    if line is not None and ends_early:
        where = cut_where or "in the middle of a line"
        return line, (f"the file looks cut off at line {line}: it ends {where}; was it "
                      "saved or copied completely?")
    where = f" ({column.group(1)})" if column and column.group(1).startswith("column") else ""
    return line, f"not valid TOML: {plain}{where}"


def _plain(message: str) -> tuple[str, str]:
    for pattern, plain, cut_where in _PLAIN:
        match = re.match(pattern, message)
        if match:
            return match.expand(plain), cut_where
    return message[:1].lower() + message[1:], ""


def _cut_off(text: str, line: int, column: str) -> bool:
    """True when nothing but blanks follows where the parser stopped."""
    if not column.startswith("column "):
        return False
    lines = text.split("\n")
    offset = sum(len(x) + 1 for x in lines[: line - 1]) + int(column.split()[1]) - 1
    return not text[offset:].strip()
