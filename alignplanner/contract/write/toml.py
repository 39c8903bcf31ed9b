"""The plan file's TOML text in one canonical layout, so that saving an unchanged plan
gives the same bytes.

Values are formatted by tomli-w; this module only decides the layout: a table's values
first, then its sub-tables; a map of plain values as a one-line inline table (such as a
stage's ``recycle``); a non-empty list of maps as an array of tables; a list of plain
values on one line when it fits in `_LINE_LENGTH`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import tomli_w

from alignplanner.contract.write.values import rfc3339

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_LINE_LENGTH = 100
_PLAIN = frozenset({int, float, date})  # tomli-w writes these as str(value)


def emit(doc: Mapping[str, Any]) -> str:
    """``doc`` (top-level tables in file order) as TOML text."""
    chunks: list[str] = []
    _emit_table(chunks, "", doc, array=False)
    return "".join(chunks)


def _key(key: str) -> str:
    if key and _BARE.issuperset(key):
        return key
    return _value(key)


def _value(value: object) -> str:
    """One value formatted by tomli-w (``x = `` is four characters); date-times in RFC 3339
    form with a T (and Z for UTC), as the sign-off's ``signed_at`` is documented. Numbers
    and dates, most of the values of a plan with roles and SLAs, are written as tomli-w
    writes them (``str(value)``) without the round trip through it."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return rfc3339(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if type(value) in _PLAIN:
        return str(value)
    return tomli_w.dumps({"x": value})[4:].rstrip("\n")


def _line(key: str, value: object) -> str:
    """``key = value``: a map as a one-line inline table; a list of plain values on one line
    when that fits in `_LINE_LENGTH`, else one value per line (tomli-w's layout)."""
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return f"{_key(key)} = {{ {inner} }}\n" if inner else f"{_key(key)} = {{}}\n"
    if isinstance(value, list) and value and not any(isinstance(v, Mapping | list) for v in value):
        short = f"{_key(key)} = [{', '.join(_value(v) for v in value)}]"
        if len(short) <= _LINE_LENGTH:
            return short + "\n"
    return f"{_key(key)} = {_value(value)}\n"


def _is_flat(value: Mapping[str, Any]) -> bool:
    return not any(isinstance(v, Mapping | list) for v in value.values())


def _emit_table(chunks: list[str], name: str, table: Mapping[str, Any], *, array: bool) -> None:
    """Append ``table`` under header ``name``: its values first, then its sub-tables.

    Inside a table, a map of plain values becomes a one-line inline table, a non-empty
    list of maps an array of tables, and any other map a sub-table.
    """
    if name:
        chunks.append(f"[[{name}]]\n" if array else f"[{name}]\n")
    later: list[tuple[str, Any, bool]] = []
    for key, value in table.items():
        if isinstance(value, Mapping) and (not name or not _is_flat(value)):
            later.append((key, value, False))
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            later.extend((key, item, True) for item in value)
        else:
            chunks.append(_line(key, value))
    for key, value, is_array in later:
        if chunks:
            chunks.append("\n")
        child = f"{name}.{_key(key)}" if name else _key(key)
        _emit_table(chunks, child, value, array=is_array)


__all__ = ["emit"]
