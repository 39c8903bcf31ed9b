"""Type-check every field of a raw plan dict, then build the domain values.

Every problem is collected (not just the first) with its key path; the reader gives each
one its line. Step 3 and 4 of `alignplanner.contract.reader`.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from datetime import date, datetime, time
from typing import Any, TypeVar

from alignplanner.contract import build_ops
from alignplanner.domain.model import Pipeline, Plan, Recycle, Source, Stage, Target
from alignplanner.domain.problems import Collector, Path, PlanInvalid, Problem, dotted

T = TypeVar("T")
_MAX_INT = 2**63 - 1  # TOML integers are 64-bit


# -- type checks ----------------------------------------------------------------------------

_MISSING: Any = object()
_NAN = math.nan

# The keys each table may hold, in file order (also the "did you mean" candidates).
TOP_KEYS = ("format", "version", "plan", "target", "stages", "sources", "pipeline",
            *build_ops.TOP_KEYS, "requirements",
            "scoring", "signoff")  # agreement (issue 5): contract/build_agreement.py
PLAN_KEYS = ("name", "currency", "start", "months", "rounding", "description", "rates_source")
TARGET_KEYS = ("revenue", "average_deal_size", "monthly_weights", "monthly_revenue", "growth",
               "continuation")
STAGE_KEYS = ("id", "name", "owner", "conversion", "days", "recycle", "definition",
              "entry_criteria", "exit_criteria", *build_ops.STAGE_KEYS,
              "crm")  # agreement (issue 5)
RECYCLE_KEYS = ("to", "share", "after_days")
SOURCE_KEYS = ("id", "name", "enters", "share", "average_deal_size", "conversion_overrides")
PIPELINE_KEYS = ("existing",)


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
        problem = build_ops.file_problem(problem)
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
        value = raw.get(key, _MISSING)
        if value is _MISSING:
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
                hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else (
                    f"; the keys here are: {', '.join(allowed)}"
                )
                self.add((*path, key), f"unknown key {key!r}{suggestion}")

    # -- fields -------------------------------------------------------------------------

    def text(self, table: Mapping[str, Any], key: str, path: Path, *, required: bool = False,
             default: str = "", bad: str = "") -> str:
        value = table.get(key, _MISSING)
        if value is _MISSING:
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
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.add((*path, key), "missing: this key is required")
                return _NAN
            return None
        return self.number_value(value, (*path, key))

    def number_value(self, value: object, path: Path) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(path, f"must be a number, got {kind_of(value)}")
            return _NAN
        if isinstance(value, int) and abs(value) > _MAX_INT:
            self.add(path, "is too large a number")
            return _NAN
        x = float(value)
        if not math.isfinite(x):
            self.add(path, f"must be a finite number, got {value!r}")
            return _NAN
        return x

    def integer(self, table: Mapping[str, Any], key: str, path: Path) -> int | None:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            self.add((*path, key), "missing: this key is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add((*path, key), f"must be a whole number such as 12, got {kind_of(value)}")
            return None
        return value

    def local_date(self, table: Mapping[str, Any], key: str, path: Path) -> date | None:
        value = table.get(key, _MISSING)
        if value is _MISSING:
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
        value = table.get(key, _MISSING)
        if value is _MISSING:
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
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.add((*path, key), f"must be a table such as {example}, got {kind_of(value)}")
            return None
        self.keys(value, (*path, key), allowed)
        return value

    def numbers(self, table: Mapping[str, Any], key: str, path: Path) -> tuple[float, ...] | None:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return None
        if not isinstance(value, list):
            self.add((*path, key), f"must be an array of numbers, got {kind_of(value)}")
            return None
        return tuple(self.number_value(v, (*path, key, i)) for i, v in enumerate(value))

    def number_map(self, table: Mapping[str, Any], key: str, path: Path) -> dict[str, float]:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return {}
        if not isinstance(value, dict):
            self.add((*path, key),
                     f"must be a table of stage id = number, e.g. {{ sql = 40 }}, got "
                     f"{kind_of(value)}")
            return {}
        return {k: self.number_value(v, (*path, key, k)) for k, v in value.items()}


# -- building the plan ----------------------------------------------------------------------


def _unchecked(cls: type[T], **values: Any) -> T:
    """A stand-in value that skips validation: lets the plan-level checks (duplicate ids,
    share sum, cross-references) run although one part already has a problem."""
    obj = object.__new__(cls)
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    for name, value in values.items():
        if name in names:
            object.__setattr__(obj, name, value)
    return obj


def _make(checker: Checker, prefix: Path, cls: type[T], **values: Any) -> T:
    """``cls(**values)`` with its problems recorded under ``prefix``, or a stand-in."""
    made = checker.build(prefix, lambda: cls(**values))
    return made if made is not None else _unchecked(cls, **values)


def build_plan(raw: dict[str, Any], c: Checker) -> Plan | None:
    c.keys(raw, (), TOP_KEYS)
    settings = c.table(raw, "plan", ("plan",), required=True,
                       what="with name, start and months")
    target_raw = c.table(raw, "target", ("target",), required=True,
                         what="with the revenue target and average deal size")
    stages = _stages(raw, c)
    sources = _sources(raw, c)
    pipeline = _pipeline(raw, c)
    target = _target(target_raw, c) if target_raw is not None else None

    p: Path = ("plan",)
    if settings is not None:
        c.keys(settings, p, PLAN_KEYS)
    else:
        settings = {}  # its problem is known; the stand-ins below are not reported again
    values: dict[str, Any] = {
        "name": c.text(settings, "name", p, required=True),
        "currency": c.text(settings, "currency", p, default="USD", bad="USD"),
        "start": c.local_date(settings, "start", p),
        "months": c.integer(settings, "months", p),
        "rounding": c.text(settings, "rounding", p, default="ceil", bad="ceil"),
        "description": c.text(settings, "description", p),
        "rates_source": c.text(settings, "rates_source", p),
        "target": target if target is not None else _unchecked(
            Target, revenue=_NAN, average_deal_size=_NAN, monthly_weights=None,
            monthly_revenue=None, growth=0.0, continuation="repeat",
        ),
        "stages": stages,
        "sources": sources,
        "pipeline": pipeline,
        **build_ops.plan_values(raw, c),
        **_agreement(raw, c),
    }
    try:
        return c.build((), lambda: Plan(**values))
    except Exception:
        if c.problems:  # a stand-in upset a plan-level check: the real problems are known
            return None
        raise


def _agreement(raw: dict[str, Any], c: Checker) -> dict[str, Any]:
    """Plan fields of the agreement (issue 5): ``[scoring]`` and ``[signoff]``."""
    from alignplanner.contract.build_agreement import scoring_of, signoff_of

    return {"scoring": scoring_of(raw, c), "signoff": signoff_of(raw, c)}


def _target(t: dict[str, Any], c: Checker) -> Target:
    p: Path = ("target",)
    c.keys(t, p, TARGET_KEYS)
    growth = c.number(t, "growth", p)
    return _make(
        c, p, Target,
        revenue=c.number(t, "revenue", p, required=True),
        average_deal_size=c.number(t, "average_deal_size", p, required=True),
        monthly_weights=c.numbers(t, "monthly_weights", p),
        monthly_revenue=c.numbers(t, "monthly_revenue", p),
        growth=0.0 if growth is None else growth,
        continuation=c.text(t, "continuation", p, default="repeat", bad="repeat"),
    )


def _array_of_tables(raw: Mapping[str, Any], key: str, c: Checker, *, required: bool,
                     example: str) -> list[tuple[Path, dict[str, Any]]]:
    value = raw.get(key, _MISSING)
    if value is _MISSING:
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


def _stages(raw: Mapping[str, Any], c: Checker) -> tuple[Stage, ...]:
    out: list[Stage] = []
    for p, s in _array_of_tables(raw, "stages", c, required=True,
                                 example="top to bottom, the last one is 'won'"):
        c.keys(s, p, STAGE_KEYS)
        recycle = None
        rp: Path = (*p, "recycle")
        recycle_raw = c.inline_table(s, "recycle", p, RECYCLE_KEYS,
                                     example='{ to = "mql", share = 0.3, after_days = 90 }')
        if recycle_raw is not None:
            after = c.number(recycle_raw, "after_days", rp)
            recycle = _make(
                c, rp, Recycle,
                to=c.text(recycle_raw, "to", rp, required=True, bad="?"),
                share=c.number(recycle_raw, "share", rp, required=True),
                after_days=0.0 if after is None else after,
            )
        out.append(_make(
            c, p, Stage,
            id=c.text(s, "id", p, required=True, bad=f"?{p[1]}"),
            name=c.text(s, "name", p, required=True),
            owner=c.text(s, "owner", p, default="marketing", bad="marketing"),
            conversion=c.number(s, "conversion", p),
            days=c.number(s, "days", p),
            recycle=recycle,
            definition=c.text(s, "definition", p),
            entry_criteria=c.text(s, "entry_criteria", p),
            exit_criteria=c.text(s, "exit_criteria", p),
            **build_ops.stage_values(c, s, p),
            **_stage_agreement(s, p, c),
        ))
    return tuple(out)


def _stage_agreement(s: dict[str, Any], p: Path, c: Checker) -> dict[str, Any]:
    """Stage fields of the agreement (issue 5): ``crm``."""
    from alignplanner.contract.build_agreement import crm_of

    return {"crm": crm_of(c, s, p)}


def _sources(raw: Mapping[str, Any], c: Checker) -> tuple[Source, ...]:
    out: list[Source] = []
    for p, s in _array_of_tables(raw, "sources", c, required=False, example=""):
        c.keys(s, p, SOURCE_KEYS)
        out.append(_make(
            c, p, Source,
            id=c.text(s, "id", p, required=True, bad=f"?{p[1]}"),
            enters=c.text(s, "enters", p, required=True, bad="?"),
            share=c.number(s, "share", p, required=True),
            name=c.text(s, "name", p),
            average_deal_size=c.number(s, "average_deal_size", p),
            conversion_overrides=c.number_map(s, "conversion_overrides", p),
        ))
    return tuple(out)


def _pipeline(raw: Mapping[str, Any], c: Checker) -> Pipeline:
    table = c.table(raw, "pipeline", ("pipeline",), required=False, what="")
    if table is None:
        return Pipeline()
    c.keys(table, ("pipeline",), PIPELINE_KEYS)
    existing = c.number_map(table, "existing", ("pipeline",))
    return _make(c, ("pipeline",), Pipeline, existing=existing)
