"""The plan file (TOML) -> a validated plan, its freshly computed result, and every problem.

`loads` and `load` either return a `LoadedPlan` or raise `PlanFileError` carrying every
problem found in the file, each with its line and key path; no other exception escapes for
any input. The steps:

1. limits and encoding (`load`: at most `MAX_FILE_BYTES`; UTF-8, or UTF-16/32 as Windows
   editors save it), then tomllib (a syntax error in plain words: `syntax`);
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

import os
import re
import stat
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field

from alignplanner.contract import migrations
from alignplanner.contract.errors import FileProblem, PlanFileError, os_reason
from alignplanner.contract.extras import extras_of
from alignplanner.contract.locate import LineIndex
from alignplanner.contract.read.checks import Checker
from alignplanner.contract.read.plan import build_plan
from alignplanner.contract.stale import compare
from alignplanner.contract.syntax import syntax_problem
from alignplanner.contract.write.requirements import requirements_dict
from alignplanner.domain.extras import Extras
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem, dotted
from alignplanner.domain.results import Result
from alignplanner.domain.scenarios.scenario import Scenarios
from alignplanner.domain.uncertainty.settings import Uncertainty

__all__ = ["FORMAT", "MAX_FILE_BYTES", "LoadedPlan", "load", "loads"]

FORMAT = "alignplanner.plan"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PROBLEMS = 200  # more than this in one file are summarised in one last line


@dataclass(frozen=True)
class LoadedPlan:
    """A plan read from a file, its freshly computed result, and the stored requirements
    that no longer follow from the inputs (empty when they match or were absent)."""

    plan: Plan
    result: Result
    stale_requirements: tuple[FileProblem, ...]
    source_version: int
    extras: Extras = field(default_factory=Extras)  # its sections beside the plan

    @property
    def scenarios(self) -> Scenarios:
        return self.extras.scenarios

    @property
    def uncertainty(self) -> Uncertainty:
        return self.extras.uncertainty


# -- entry points ---------------------------------------------------------------------------


def load(path: str | os.PathLike[str]) -> LoadedPlan:
    """Read the plan file at ``path``; PlanFileError on any problem."""
    name = os.fspath(path)
    return loads(_decoded(_read_bytes(path, name), name), name)


_BOMS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"), (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"), (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def _decoded(data: bytes, name: str) -> str:
    """The text of a plan file: UTF-8, or UTF-16/UTF-32 with a byte order mark (what
    Windows editors save as "Unicode"), or UTF-16 without one; a file that is none of
    these is refused saying which it is."""
    encoding, label = "utf-8", "UTF-8"
    for bom, codec, what in _BOMS:
        if data.startswith(bom):
            data, encoding, label = data[len(bom):], codec, what
            break
    else:
        guess = _utf16_without_bom(data[:8192])
        if guess:
            encoding, label = guess, "UTF-16"
        elif b"\x00" in data[:8192]:
            raise _single(name, None, "is a binary file, not a plan (TOML text)")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise _single(name, None, f"looks like {label} text but byte {exc.start + 1} "
                          f"cannot be read as {label}; save the file as UTF-8") from None
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _single(
            name, line,
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at column {column}); "
            "save the file as UTF-8",
        ) from None


def _utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when every other byte is zero (Latin text saved as
    UTF-16 with no byte order mark), else None."""
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


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
        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
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
    checker = Checker()
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

    plan = build_plan(raw, checker)
    extras = extras_of(raw, checker)
    if plan is not None and not checker.problems:
        from alignplanner.contract.scenarios import check

        checker.problems.extend(check(plan, extras.scenarios))
    if checker.problems or plan is None:
        raise _file_error(checker.problems, index, filename)

    result = _compute(plan, index, filename)
    stale: list[Problem] = []
    if "requirements" in raw:
        compare(raw["requirements"], requirements_dict(result), ("requirements",), stale)
    return LoadedPlan(
        plan=plan,
        result=result,
        stale_requirements=_file_problems(stale, index, filename),
        source_version=version,
        extras=extras,
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
    line, message = syntax_problem(exc, text)
    path = _key_on_line(text, line) if line else ""
    return _single(filename, line or None, message, path)


_HEADER = re.compile(r"^[ \t]*(\[\[?)([^\[\]#\n]*)\]")  # linear: no nested repeats
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=")


def _key_on_line(text: str, line: int) -> str:
    """The dotted key path a TOML syntax error sits at, read off the text itself (the
    parser names only the line): the key on that line under the table header above it,
    ``stages[2].name`` for the third ``[[stages]]``; empty when the line holds no key."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    key = _KEY.match(lines[line - 1])
    table, counts = "", dict[str, int]()
    for above in lines[: line - 1]:
        header = _HEADER.match(above)
        if header:
            name = re.sub(r"\s*\.\s*", ".", header.group(2).strip()).replace('"', "")
            if header.group(1) == "[[":
                counts[name] = counts.get(name, -1) + 1
            table = f"{name}[{counts[name]}]" if header.group(1) == "[[" else name
    if key is None:
        return ""
    leaf = re.sub(r"\s*\.\s*", ".", key.group(1))
    return f"{table}.{leaf}" if table else leaf


def _compute(plan: Plan, index: LineIndex, filename: str) -> Result:
    from alignplanner.domain.engine.compute import compute, lowest_conversion

    try:
        return compute(plan)
    except PlanInvalid as exc:
        raise _file_error(exc.problems, index, filename) from None
    except (ArithmeticError, ValueError) as exc:
        path, rate = lowest_conversion(plan)
        raise _file_error([Problem(path, (
            f"the plan cannot be computed ({exc}); the lowest conversion, {rate:.3g}, is "
            "the likely cause: raise it"))], index, filename) from None


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
