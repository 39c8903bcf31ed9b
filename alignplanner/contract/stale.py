"""Compare a stored `[requirements]` section with the freshly computed one (step 5 of
`alignplanner.contract.reader`): every difference is a problem naming its key path."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from alignplanner.contract.read.checks import kind_of
from alignplanner.domain.problems import Path, Problem

REL_TOLERANCE = 1e-9  # stored vs computed requirements (floats)
ABS_TOLERANCE = 1e-9  # ... for values that are (almost) zero


# -- stored requirements --------------------------------------------------------------------


def compare(stored: object, computed: object, path: Path, out: list[Problem]) -> None:
    """Record in ``out`` where ``stored`` does not match ``computed``."""
    if isinstance(computed, dict):
        _compare_tables(stored, computed, path, out)
    elif isinstance(computed, list):
        _compare_lists(stored, computed, path, out)
    elif not _same(stored, computed):
        out.append(Problem(path, f"does not follow from the inputs "
                                 f"({_show_pair(stored, computed)})"))


def _compare_tables(stored: object, computed: dict[str, Any], path: Path,
                    out: list[Problem]) -> None:
    if not isinstance(stored, dict):
        out.append(Problem(path, f"must be a table, got {kind_of(stored)}"))
        return
    for key, value in computed.items():
        if key not in stored:
            out.append(Problem((*path, key), "missing from the stored requirements"))
        else:
            compare(stored[key], value, (*path, key), out)
    for key in stored:
        if key not in computed:
            out.append(Problem((*path, key), "is not part of the computed requirements"))


def _compare_lists(stored: object, computed: list[Any], path: Path, out: list[Problem]) -> None:
    if not isinstance(stored, list):
        out.append(Problem(path, f"must be an array, got {kind_of(stored)}"))
    elif len(stored) != len(computed):
        out.append(Problem(path, f"does not follow from the inputs (stored {len(stored)} "
                                 f"values, computed {len(computed)})"))
    elif any(isinstance(v, dict) for v in computed):
        for i, (s, v) in enumerate(zip(stored, computed, strict=True)):
            compare(s, v, (*path, i), out)
    else:
        _compare_values(stored, computed, path, out)


def _compare_values(stored: list[Any], computed: list[Any], path: Path,
                    out: list[Problem]) -> None:
    differ = [i for i, (s, v) in enumerate(zip(stored, computed, strict=True)) if not _same(s, v)]
    if not differ:
        return
    first = differ[0]
    where = f"[{first}]" if len(differ) == 1 else (
        f"[{first}]; {len(differ)} of {len(computed)} values differ"
    )
    out.append(Problem(path, f"does not follow from the inputs "
                             f"({_show_pair(stored[first], computed[first])} at {where})"))


def _same(stored: object, computed: object) -> bool:
    if isinstance(stored, bool) or isinstance(computed, bool):
        return stored is computed
    if isinstance(computed, int):
        return isinstance(stored, int) and stored == computed
    if isinstance(computed, float):
        return (isinstance(stored, int | float) and math.isfinite(stored)
                and math.isclose(stored, computed, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE))
    if isinstance(computed, datetime) or isinstance(stored, datetime):
        return type(stored) is type(computed) and stored == computed
    return type(stored) is type(computed) and stored == computed


def _show(value: object) -> str:
    if isinstance(value, float):
        short = f"{value:.12g}"
        return short if float(short) == value else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return kind_of(value)


def _show_pair(stored: object, computed: object) -> str:
    """``stored X, computed Y`` with just enough digits to tell two numbers apart."""
    if (isinstance(stored, int | float) and not isinstance(stored, bool)
            and isinstance(computed, float)):
        for digits in range(6, 18):
            a, b = f"{stored:.{digits}g}", f"{computed:.{digits}g}"
            if a != b:
                return f"stored {a}, computed {b}"
    return f"stored {_show(stored)}, computed {_show(computed)}"
