"""The type checks of a raw plan dict (as tomllib reads it) before domain values are made.

`Checker` collects every problem with its key path (the reader gives each one its line)
and reports a wrong value once: a problem inside a field that already has one is
dropped, so the domain does not complain again about the stand-in that the type check
put in its place. The readers of each part (`funnel`, `sla`, `agreement`) use it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from datetime import date, datetime, time
from typing import Any, TypeVar

from alignplanner.domain.problems import Collector, Path, PlanInvalid, Problem, dotted

T = TypeVar("T")
_MAX_INT = 2**63 - 1  # TOML integers are 64-bit

MISSING: Any = object()
"""What ``table.get(key, MISSING)`` returns for a key the file does not have."""
NAN = math.nan

#: Domain field -> file key, where they differ (inside an SLA; ``from`` is a Python keyword).
_SLA_FILE_KEYS = {"from_stage": "from", "to_stage": "to"}


def file_problem(problem: Problem) -> Problem:
    """``problem`` with its path in the file's keys (``slas[0].from`` for ``from_stage``)."""
    path = problem.path
    if len(path) >= 3 and path[0] == "slas" and path[2] in _SLA_FILE_KEYS:
        renamed = _SLA_FILE_KEYS[str(path[2])]
        return Problem((*path[:2], renamed, *path[3:]), problem.message)
    return problem


_KINDS: tuple[tuple[type, str], ...] = (
    (datetime, "a date-time"), (time, "a time of day"), (list, "an array"), (dict, "a table"),
)


def kind_of(value: object) -> str:
    """The TOML type of ``value`` in words, with the value when it is short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    for cls, words in _KINDS:
        if isinstance(value, cls):
            return words
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    return type(value).__name__


class Checker(Collector):
    """A Collector that drops problems inside a field that already has one, so that a
    wrong value is reported once (by the type check), not again by the domain."""

    def __init__(self) -> None:
        super().__init__()
        self._flagged: set[Path] = set()

    def add(self, path: Path, message: str) -> None:
        self.add_problem(Problem(path, message))

    def add_problem(self, problem: Problem) -> None:
        problem = file_problem(problem)
        path = problem.path
        if any(path[:n] in self._flagged for n in range(1, len(path) + 1)):
            return
        if path:
            self._flagged.add(path)
        self.problems.append(problem)

    def build(self, prefix: Path, make: Callable[[], T]) -> T | None:
        try:
            return make()
        except PlanInvalid as exc:
            for p in exc.problems:
                self.add_problem(p.prefixed(prefix))
            return None

    # -- shapes -------------------------------------------------------------------------

    def table(self, raw: Mapping[str, Any], key: str, path: Path, *, required: bool,
              what: str) -> dict[str, Any] | None:
        value = raw.get(key, MISSING)
        if value is MISSING:
            if required:
                self.add(path, f"missing: the plan needs a [{dotted(path)}] table {what}")
            return None
        if not isinstance(value, dict):
            self.add(path, f"must be a table ([{dotted(path)}]), got {kind_of(value)}")
            return None
        return value

    def keys(self, table: Mapping[str, Any], path: Path, allowed: Sequence[str]) -> None:
        for key in table:
            if key not in allowed:
                import difflib  # only for a file with a key it does not know

                hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else (
                    f"; the keys here are: {', '.join(allowed)}"
                )
                self.add((*path, key), f"unknown key {key!r}{suggestion}")

    # -- fields -------------------------------------------------------------------------

    def text(self, table: Mapping[str, Any], key: str, path: Path, *, required: bool = False,
             default: str = "", bad: str = "") -> str:
        value = table.get(key, MISSING)
        if value is MISSING:
            if required:
                self.add((*path, key), "missing: this key is required")
                return bad
            return default
        if not isinstance(value, str):
            self.add((*path, key), f"must be text (in quotes), got {kind_of(value)}")
            return bad
        return value

    def number(self, table: Mapping[str, Any], key: str, path: Path, *,
               required: bool = False) -> float | None:
        """A finite number as a float; None when absent, NaN (flagged) when wrong."""
        value = table.get(key, MISSING)
        if value is MISSING:
            if required:
                self.add((*path, key), "missing: this key is required")
                return NAN
            return None
        return self.number_value(value, (*path, key))

    def number_value(self, value: object, path: Path) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(path, f"must be a number, got {kind_of(value)}")
            return NAN
        if isinstance(value, int) and abs(value) > _MAX_INT:
            self.add(path, "is too large a number")
            return NAN
        x = float(value)
        if not math.isfinite(x):
            self.add(path, f"must be a finite number, got {value!r}")
            return NAN
        return x

    def integer(self, table: Mapping[str, Any], key: str, path: Path) -> int | None:
        value = table.get(key, MISSING)
        if value is MISSING:
            self.add((*path, key), "missing: this key is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add((*path, key), f"must be a whole number such as 12, got {kind_of(value)}")
            return None
        return value

    def local_date(self, table: Mapping[str, Any], key: str, path: Path) -> date | None:
        value = table.get(key, MISSING)
        if value is MISSING:
            self.add((*path, key), "missing: this key is required (a date such as 2027-01-01)")
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.add((*path, key),
                     "must be a date such as 2027-01-01 (no quotes, no time), "
                     f"got {kind_of(value)}")
            return None
        return value

    def texts(self, table: Mapping[str, Any], key: str, path: Path, *,
              what: str) -> tuple[str, ...]:
        """An array of text; () when absent, and without the items that are not text (each
        flagged). ``what`` names the array in the problem, e.g. "day names"."""
        value = table.get(key, MISSING)
        if value is MISSING:
            return ()
        if not isinstance(value, list):
            self.add((*path, key), f"must be an array of {what}, got {kind_of(value)}")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                out.append(item)
            else:
                self.add((*path, key, i), f"must be text (in quotes), got {kind_of(item)}")
        return tuple(out)

    def inline_table(self, table: Mapping[str, Any], key: str, path: Path,
                     allowed: Sequence[str], *, example: str) -> dict[str, Any] | None:
        """The inline table at ``key`` (its keys checked against ``allowed``); None when
        absent or not a table (flagged, with ``example``)."""
        value = table.get(key, MISSING)
        if value is MISSING:
            return None
        if not isinstance(value, dict):
            self.add((*path, key), f"must be a table such as {example}, got {kind_of(value)}")
            return None
        self.keys(value, (*path, key), allowed)
        return value

    def numbers(self, table: Mapping[str, Any], key: str, path: Path) -> tuple[float, ...] | None:
        value = table.get(key, MISSING)
        if value is MISSING:
            return None
        if not isinstance(value, list):
            self.add((*path, key), f"must be an array of numbers, got {kind_of(value)}")
            return None
        return tuple(self.number_value(v, (*path, key, i)) for i, v in enumerate(value))

    def number_map(self, table: Mapping[str, Any], key: str, path: Path) -> dict[str, float]:
        value = table.get(key, MISSING)
        if value is MISSING:
            return {}
        if not isinstance(value, dict):
            self.add((*path, key),
                     f"must be a table of stage id = number, e.g. {{ sql = 40 }}, got "
                     f"{kind_of(value)}")
            return {}
        return {k: self.number_value(v, (*path, key, k)) for k, v in value.items()}


# -- building the plan ----------------------------------------------------------------------


def unchecked(cls: type[T], **values: Any) -> T:
    """A stand-in value that skips validation: lets the plan-level checks (duplicate ids,
    share sum, cross-references) run although one part already has a problem."""
    obj = object.__new__(cls)
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    for name, value in values.items():
        if name in names:
            object.__setattr__(obj, name, value)
    return obj


def make(checker: Checker, prefix: Path, cls: type[T], **values: Any) -> T:
    """``cls(**values)`` with its problems recorded under ``prefix``, or a stand-in."""
    made = checker.build(prefix, lambda: cls(**values))
    return made if made is not None else unchecked(cls, **values)


def array_of_tables(raw: Mapping[str, Any], key: str, c: Checker, *, required: bool,
                     example: str) -> list[tuple[Path, dict[str, Any]]]:
    value = raw.get(key, MISSING)
    if value is MISSING:
        if required:
            c.add((key,), f"missing: the plan needs its {key}, each under a [[{key}]] header "
                          f"({example})")
        return []
    if not isinstance(value, list):
        c.add((key,), f"must be a list of [[{key}]] tables, got {kind_of(value)}")
        return []
    out: list[tuple[Path, dict[str, Any]]] = []
    for i, item in enumerate(value):
        if isinstance(item, dict):
            out.append(((key, i), item))
        else:
            c.add((key, i), f"must be a table (a [[{key}]] entry), got {kind_of(item)}")
    return out


__all__ = [
    "MISSING", "NAN", "Checker", "array_of_tables", "file_problem", "kind_of", "make",
    "unchecked",
]
