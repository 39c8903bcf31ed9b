"""Amounts in CRM exports: ``1234.56``, ``$1,234.56``, ``1.234,56 €``, ``1 234,56``,
``(1,234.56)`` (negative), ``-5``, ``EUR 12``; blank is NaN.

Whether ``.`` or ``,`` is the decimal mark is decided once per column from all its
values: a value holding both marks, a mark that occurs twice, or a single mark not
followed by exactly three digits tells; when nothing tells (``1,234`` and ``1.234``
only), ``.`` is the decimal mark and ``,`` groups thousands. Spaces, no-break spaces
and apostrophes group thousands. A value that is not an amount, or that contradicts the
column's decimal mark, is an error at its line. The work is done once per distinct text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import polars as pl
from numpy.typing import NDArray

from alignplanner.contract.errors import FileProblem

__all__ = ["parse_amounts"]

_MAX_PROBLEMS = 10
_CURRENCY = re.compile(r"^(?:[A-Z]{3}|R\$|[$€£¥₹])\s*|\s*(?:[A-Z]{3}|[$€£¥₹])$")
_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009'")
_BODY = re.compile(r"\d*[.,]?\d*(?:[.,]\d+)*")


def _body(text: str) -> tuple[bool, str] | None:
    """The sign and the digits-and-marks of an amount, or None if it is not one."""
    s = text.strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    for _ in range(2):
        s = _CURRENCY.sub("", s).strip()
        if s[:1] in "-+" and s:
            negative ^= s[0] == "-"
            s = s[1:].strip()
        elif s.endswith("-"):
            negative, s = not negative, s[:-1].strip()
    s = s.translate(_GROUPING)
    if not s or not any(ch.isdigit() for ch in s) or not _BODY.fullmatch(s):
        return None
    return negative, s


def _tells(body: str) -> str | None:
    """The decimal mark ``body`` says the column uses, or None."""
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        return "." if body.rfind(".") > body.rfind(",") else ","
    if dots > 1:
        return ","
    if commas > 1:
        return "."
    if dots == 1 and len(body) - body.index(".") - 1 != 3:
        return "."
    if commas == 1 and len(body) - body.index(",") - 1 != 3:
        return ","
    return None


def _value(body: str, mark: str) -> float | None:
    group = "," if mark == "." else "."
    head, _, tail = body.rpartition(mark) if mark in body else (body, "", "")
    if mark in body and group in tail:
        return None
    if group in head:
        parts = head.split(group)
        if not parts[0] or len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:]):
            return None
        head = "".join(parts)
    if mark in head:
        return None
    number = head + ("." + tail if mark in body else "")
    try:
        return float(number)
    except ValueError:
        return None


def _parse(others: list[str], values: pl.Series, *, file: str, column: str,
           line_of: Callable[[int], int]) -> tuple[NDArray[np.float64],
                                                   list[FileProblem]] | None:
    """When the values that are not plain numbers do not make ',' the decimal mark:
    plain numbers cast by polars, the others parsed; else None (parse all one by one)."""
    votes = 0
    for text in others:
        found = _body(text) if text and text.strip() else None
        if found is not None and _tells(found[1]) == ",":
            votes += 1
    if votes:
        return None
    cast = values.cast(pl.Float64, strict=False)
    if not others or others == [""]:
        return cast.fill_null(np.nan).to_numpy().astype(np.float64), []
    mask = cast.is_null()
    rest, problems = _parse_slow(values.filter(mask), file=file, column=column,
                                        line_of=lambda row: line_of(
                                            int(mask.arg_true()[row])))
    if problems:
        return np.zeros(0), problems
    out = cast.fill_null(np.nan).to_numpy().astype(np.float64)
    out[mask.to_numpy()] = rest
    return out, []


def parse_amounts(values: pl.Series, *, file: str, column: str,
                  line_of: Callable[[int], int]) -> tuple[NDArray[np.float64],
                                                           list[FileProblem]]:
    """The amounts of one column (NaN where blank), and the problems found. Plain
    numbers (``-1234.5``) are converted by polars; only the others one by one here."""
    plain = values.str.contains(r"^-?[0-9]+(?:\.[0-9]*)?$")
    others: list[str] = values.filter(~plain).unique().to_list()
    fast = _parse(others, values, file=file, column=column, line_of=line_of)
    if fast is not None:
        return fast
    return _parse_slow(values, file=file, column=column, line_of=line_of)


def _parse_slow(values: pl.Series, *, file: str, column: str,
                       line_of: Callable[[int], int]) -> tuple[NDArray[np.float64],
                                                               list[FileProblem]]:
    """`parse_amounts`, every distinct value parsed here."""
    distinct: list[str] = values.unique().to_list()
    bodies: dict[str, tuple[bool, str] | None] = {}
    votes = {".": 0, ",": 0}
    for text in distinct:
        if text is None or not text.strip():
            continue
        found = _body(text)
        bodies[text] = found
        if found is not None:
            mark = _tells(found[1])
            if mark:
                votes[mark] += 1
    mark = "," if votes[","] > votes["."] else "."
    problems: list[FileProblem] = []
    table: dict[str, float] = {}
    for text, found in bodies.items():
        number = None if found is None else _value(found[1], mark)
        if number is None:
            if len(problems) < _MAX_PROBLEMS:
                row = int((values == text).arg_true()[0])
                what = ("not an amount" if found is None else
                        f"not an amount with {mark!r} as the decimal mark (as the column's "
                        "other values have it)")
                problems.append(FileProblem(file, line_of(row), column, f"{what}: {text!r}"))
            continue
        table[text] = -number if found is not None and found[0] else number
    if problems:
        return np.zeros(0), problems
    lookup = pl.DataFrame({"key": list(table), "amount": list(table.values())},
                          schema={"key": pl.String, "amount": pl.Float64})
    joined = values.rename("key").to_frame().join(lookup, on="key", how="left",
                                                  maintain_order="left")
    return joined["amount"].fill_null(np.nan).to_numpy().astype(np.float64), problems
