"""The plan file (TOML) -> a validated plan, its freshly computed result, and every problem.

`loads` and `load` either return a `LoadedPlan` or raise `PlanFileError` carrying every
problem found in the file, each with its line and key path; no other exception escapes for
any input. The steps:

1. limits and encoding (`load`: at most `MAX_FILE_BYTES`, UTF-8), then tomllib;
2. ``format`` must be ``"alignplanner.plan"``; ``version`` is read and older files are
   migrated (`migrations`);
3. every field is type-checked here, before any domain value is made: unknown keys (with
   a "did you mean" suggestion), missing required keys, wrong types, booleans where
   numbers belong, NaN and infinity;
4. the domain values are built (they check ranges and cross-references); their problems
   get the line of the key they name;
5. the plan is computed; a stored `[requirements]` section is compared with the fresh
   result, and what differs is reported in `LoadedPlan.stale_requirements` (the app
   recomputes such a file; ``alignplanner validate`` fails on it).
"""

from __future__ import annotations

import difflib
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from typing import Any, TypeVar

from alignplanner.contract import migrations
from alignplanner.contract.errors import FileProblem, PlanFileError
from alignplanner.contract.locate import LineIndex
from alignplanner.contract.requirements import requirements_dict
from alignplanner.domain.model import Pipeline, Plan, Recycle, Source, Stage, Target
from alignplanner.domain.problems import Collector, Path, PlanInvalid, Problem, dotted
from alignplanner.domain.results import Result

__all__ = ["FORMAT", "MAX_FILE_BYTES", "LoadedPlan", "load", "loads"]

FORMAT = "alignplanner.plan"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PROBLEMS = 200  # more than this in one file are summarised in one last line
REL_TOLERANCE = 1e-9  # stored vs computed requirements (floats)
ABS_TOLERANCE = 1e-9  # ... for values that are (almost) zero
_MAX_INT = 2**63 - 1  # TOML integers are 64-bit
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")

T = TypeVar("T")


@dataclass(frozen=True)
class LoadedPlan:
    """A plan read from a file, its freshly computed result, and the stored requirements
    that no longer follow from the inputs (empty when they match or were absent)."""

    plan: Plan
    result: Result
    stale_requirements: tuple[FileProblem, ...]
    source_version: int


# -- entry points ---------------------------------------------------------------------------


def load(path: str | os.PathLike[str]) -> LoadedPlan:
    """Read the plan file at ``path``; PlanFileError on any problem."""
    name = os.fspath(path)
    data = _read_bytes(path, name)
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark (Windows editors)
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise _single(name, None, "is a binary file, not a plan (TOML text)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _single(
            name, line,
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at column {column}); "
            "save the file as UTF-8",
        ) from None
    return loads(text, name)


def loads(text: str, filename: str = "<plan>") -> LoadedPlan:
    """Read a plan from TOML ``text``; PlanFileError (naming ``filename``) on any problem."""
    try:
        return _loads(text, filename)
    except PlanFileError:
        raise
    except RecursionError:
        raise _single(
            filename, _deep_line(text) if isinstance(text, str) else None,
            "is nested too deeply to be a plan (arrays or tables "
            "inside each other hundreds of levels deep)"
        ) from None
    except MemoryError:
        raise _single(filename, None, "is too large to read") from None
    except Exception as exc:  # a bug here must still not crash the caller on bad input
        raise _single(
            filename, None, f"could not be read (internal error: {type(exc).__name__}: {exc})"
        ) from exc


# -- file access ----------------------------------------------------------------------------


def _read_bytes(path: str | os.PathLike[str], name: str) -> bytes:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _single(name, None, "is a folder, not a plan file")
        if not stat.S_ISREG(info.st_mode):
            raise _single(name, None, "is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(name, info.st_size)
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except PlanFileError:
        raise
    except FileNotFoundError:
        raise _single(name, None, "no such file") from None
    except PermissionError:
        raise _single(name, None, "cannot be read: permission denied") from None
    except IsADirectoryError:
        raise _single(name, None, "is a folder, not a plan file") from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _single(name, None, f"cannot be read: {reason}") from None
    if len(data) > MAX_FILE_BYTES:  # it grew after stat
        raise _too_large(name, len(data))
    return data


def _too_large(name: str, size: int) -> PlanFileError:
    limit = MAX_FILE_BYTES / (1024 * 1024)
    return _single(
        name, None,
        f"is {size / (1024 * 1024):.1f} MB; a plan file is at most {limit:g} MB "
        "(is this really a plan?)",
    )


def _deep_line(text: str, depth: int = 100) -> int | None:
    """The line where brackets first nest ``depth`` deep (a rough scan: quotes ignored)."""
    level = 0
    line = 1
    for ch in text:
        if ch == "\n":
            line += 1
        elif ch in "[{":
            level += 1
            if level >= depth:
                return line
        elif ch in "]}":
            level = max(0, level - 1)
    return None


def _single(name: str, line: int | None, message: str, path: str = "") -> PlanFileError:
    return PlanFileError([FileProblem(name, line, path, message)])


# -- the steps ------------------------------------------------------------------------------


def _loads(text: str, filename: str) -> LoadedPlan:
    if not isinstance(text, str):
        raise _single(filename, None, f"expected text, got {type(text).__name__}")
    encoded_size = _check_text(text, filename)
    if encoded_size > MAX_FILE_BYTES:
        raise _too_large(filename, encoded_size)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_problem(exc, text, filename) from None

    index = LineIndex(text)
    checker = _Checker()
    fmt = raw.get("format")
    if fmt is None:
        checker.add(("format",), f'missing: a plan file starts with format = "{FORMAT}"')
    elif fmt != FORMAT:
        checker.add(
            ("format",),
            f"this is not an AlignPlanner plan: format is {fmt!r}, expected {FORMAT!r}",
        )
        raise _file_error(checker.problems, index, filename)
    try:
        version = migrations.source_version(raw)
        raw = migrations.migrate(raw)
    except PlanInvalid as exc:
        checker.problems.extend(exc.problems)
        raise _file_error(checker.problems, index, filename) from None

    plan = _build_plan(raw, checker)
    if checker.problems or plan is None:
        raise _file_error(checker.problems, index, filename)

    result = _compute(plan, index, filename)
    stale: list[Problem] = []
    if "requirements" in raw:
        _compare(raw["requirements"], requirements_dict(result), ("requirements",), stale)
    return LoadedPlan(
        plan=plan,
        result=result,
        stale_requirements=_file_problems(stale, index, filename),
        source_version=version,
    )


def _check_text(text: str, filename: str) -> int:
    """The UTF-8 size of ``text``; PlanFileError if it holds characters UTF-8 cannot
    encode (lone surrogates, only possible in text decoded leniently)."""
    try:
        return len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise _single(
            filename, line, f"holds a character that is not valid Unicode ({text[exc.start]!r})"
        ) from None


def _toml_problem(exc: tomllib.TOMLDecodeError, text: str, filename: str) -> PlanFileError:
    message = str(exc)
    line: int | None = None
    position = _TOML_POSITION.search(message)
    if position:
        line = int(position.group(1))
        message = message[: position.start()] + f" (column {position.group(2)})"
    elif _TOML_END.search(message):
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        message = _TOML_END.sub(" (at the end of the file)", message)
    message = message[:1].lower() + message[1:]
    return _single(filename, line or None, f"not valid TOML: {message}")


def _compute(plan: Plan, index: LineIndex, filename: str) -> Result:
    from alignplanner.domain.engine import compute

    try:
        return compute(plan)
    except PlanInvalid as exc:
        raise _file_error(exc.problems, index, filename) from None
    except (ArithmeticError, ValueError) as exc:
        raise _single(filename, None, f"the plan cannot be computed: {exc}") from None


def _file_problems(
    problems: Sequence[Problem], index: LineIndex, filename: str
) -> tuple[FileProblem, ...]:
    out = [FileProblem(filename, index.line(p.path), dotted(p.path), p.message) for p in problems]
    return tuple(sorted(out, key=FileProblem.sort_key))


def _file_error(problems: Sequence[Problem], index: LineIndex, filename: str) -> PlanFileError:
    found = list(_file_problems(problems, index, filename))
    if len(found) > MAX_PROBLEMS:
        more = len(found) - MAX_PROBLEMS
        found = found[:MAX_PROBLEMS]
        found.append(
            FileProblem(filename, found[-1].line, "", f"... and {more} more problems not shown")
        )
    return PlanFileError(found)


# -- type checks ----------------------------------------------------------------------------

_MISSING: Any = object()
_NAN = math.nan

# The keys each table may hold, in file order (also the "did you mean" candidates).
TOP_KEYS = ("format", "version", "plan", "target", "stages", "sources", "pipeline",
            "requirements")
PLAN_KEYS = ("name", "currency", "start", "months", "rounding", "description", "rates_source")
TARGET_KEYS = ("revenue", "average_deal_size", "monthly_weights", "monthly_revenue", "growth",
               "continuation")
STAGE_KEYS = ("id", "name", "owner", "conversion", "days", "recycle", "definition",
              "entry_criteria", "exit_criteria")
RECYCLE_KEYS = ("to", "share", "after_days")
SOURCE_KEYS = ("id", "name", "enters", "share", "average_deal_size", "conversion_overrides")
PIPELINE_KEYS = ("existing",)


_KINDS: tuple[tuple[type, str], ...] = (
    (datetime, "a date-time"), (time, "a time of day"), (list, "an array"), (dict, "a table"),
)


def _kind(value: object) -> str:
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


class _Checker(Collector):
    """A Collector that drops problems inside a field that already has one, so that a
    wrong value is reported once (by the type check), not again by the domain."""

    def __init__(self) -> None:
        super().__init__()
        self._flagged: set[Path] = set()

    def add(self, path: Path, message: str) -> None:
        self.add_problem(Problem(path, message))

    def add_problem(self, problem: Problem) -> None:
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
            self.add(path, f"must be a table ([{dotted(path)}]), got {_kind(value)}")
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
            self.add((*path, key), f"must be text (in quotes), got {_kind(value)}")
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
            self.add(path, f"must be a number, got {_kind(value)}")
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
            self.add((*path, key), f"must be a whole number such as 12, got {_kind(value)}")
            return None
        return value

    def local_date(self, table: Mapping[str, Any], key: str, path: Path) -> date | None:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            self.add((*path, key), "missing: this key is required (a date such as 2027-01-01)")
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.add((*path, key),
                     f"must be a date such as 2027-01-01 (no quotes, no time), got {_kind(value)}")
            return None
        return value

    def numbers(self, table: Mapping[str, Any], key: str, path: Path) -> tuple[float, ...] | None:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return None
        if not isinstance(value, list):
            self.add((*path, key), f"must be an array of numbers, got {_kind(value)}")
            return None
        return tuple(self.number_value(v, (*path, key, i)) for i, v in enumerate(value))

    def number_map(self, table: Mapping[str, Any], key: str, path: Path) -> dict[str, float]:
        value = table.get(key, _MISSING)
        if value is _MISSING:
            return {}
        if not isinstance(value, dict):
            self.add((*path, key),
                     f"must be a table of stage id = number, e.g. {{ sql = 40 }}, got "
                     f"{_kind(value)}")
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


def _make(checker: _Checker, prefix: Path, cls: type[T], **values: Any) -> T:
    """``cls(**values)`` with its problems recorded under ``prefix``, or a stand-in."""
    made = checker.build(prefix, lambda: cls(**values))
    return made if made is not None else _unchecked(cls, **values)


def _build_plan(raw: dict[str, Any], c: _Checker) -> Plan | None:
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
    }
    try:
        return c.build((), lambda: Plan(**values))
    except Exception:
        if c.problems:  # a stand-in upset a plan-level check: the real problems are known
            return None
        raise


def _target(t: dict[str, Any], c: _Checker) -> Target:
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


def _array_of_tables(raw: Mapping[str, Any], key: str, c: _Checker, *, required: bool,
                     example: str) -> list[tuple[Path, dict[str, Any]]]:
    value = raw.get(key, _MISSING)
    if value is _MISSING:
        if required:
            c.add((key,), f"missing: the plan needs its {key}, each under a [[{key}]] header "
                          f"({example})")
        return []
    if not isinstance(value, list):
        c.add((key,), f"must be a list of [[{key}]] tables, got {_kind(value)}")
        return []
    out: list[tuple[Path, dict[str, Any]]] = []
    for i, item in enumerate(value):
        if isinstance(item, dict):
            out.append(((key, i), item))
        else:
            c.add((key, i), f"must be a table (a [[{key}]] entry), got {_kind(item)}")
    return out


def _stages(raw: Mapping[str, Any], c: _Checker) -> tuple[Stage, ...]:
    out: list[Stage] = []
    for p, s in _array_of_tables(raw, "stages", c, required=True,
                                 example="top to bottom, the last one is 'won'"):
        c.keys(s, p, STAGE_KEYS)
        recycle = None
        recycle_raw = s.get("recycle", _MISSING)
        if recycle_raw is not _MISSING:
            rp: Path = (*p, "recycle")
            if isinstance(recycle_raw, dict):
                c.keys(recycle_raw, rp, RECYCLE_KEYS)
                after = c.number(recycle_raw, "after_days", rp)
                recycle = _make(
                    c, rp, Recycle,
                    to=c.text(recycle_raw, "to", rp, required=True, bad="?"),
                    share=c.number(recycle_raw, "share", rp, required=True),
                    after_days=0.0 if after is None else after,
                )
            else:
                c.add(rp, "must be a table such as { to = \"mql\", share = 0.3, after_days = 90 }"
                          f", got {_kind(recycle_raw)}")
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
        ))
    return tuple(out)


def _sources(raw: Mapping[str, Any], c: _Checker) -> tuple[Source, ...]:
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


def _pipeline(raw: Mapping[str, Any], c: _Checker) -> Pipeline:
    table = c.table(raw, "pipeline", ("pipeline",), required=False, what="")
    if table is None:
        return Pipeline()
    c.keys(table, ("pipeline",), PIPELINE_KEYS)
    existing = c.number_map(table, "existing", ("pipeline",))
    return _make(c, ("pipeline",), Pipeline, existing=existing)


# -- stored requirements --------------------------------------------------------------------


def _compare(stored: object, computed: object, path: Path, out: list[Problem]) -> None:
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
        out.append(Problem(path, f"must be a table, got {_kind(stored)}"))
        return
    for key, value in computed.items():
        if key not in stored:
            out.append(Problem((*path, key), "missing from the stored requirements"))
        else:
            _compare(stored[key], value, (*path, key), out)
    for key in stored:
        if key not in computed:
            out.append(Problem((*path, key), "is not part of the computed requirements"))


def _compare_lists(stored: object, computed: list[Any], path: Path, out: list[Problem]) -> None:
    if not isinstance(stored, list):
        out.append(Problem(path, f"must be an array, got {_kind(stored)}"))
    elif len(stored) != len(computed):
        out.append(Problem(path, f"does not follow from the inputs (stored {len(stored)} "
                                 f"values, computed {len(computed)})"))
    elif any(isinstance(v, dict) for v in computed):
        for i, (s, v) in enumerate(zip(stored, computed, strict=True)):
            _compare(s, v, (*path, i), out)
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
    return _kind(value)


def _show_pair(stored: object, computed: object) -> str:
    """``stored X, computed Y`` with just enough digits to tell two numbers apart."""
    if (isinstance(stored, int | float) and not isinstance(stored, bool)
            and isinstance(computed, float)):
        for digits in range(6, 18):
            a, b = f"{stored:.{digits}g}", f"{computed:.{digits}g}"
            if a != b:
                return f"stored {a}, computed {b}"
    return f"stored {_show(stored)}, computed {_show(computed)}"
