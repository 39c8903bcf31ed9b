"""Reading and writing a mapping file: which exports to read and what their columns mean.

The format (TOML)::

    as_of = "2018-11-14"          # optional; default: the latest date seen
    [[file]]
    path = "leads.csv"            # relative to this mapping file
    id = "mql_id"
    source = "origin"             # optional
    [file.enters]                 # plan stage = column holding the date of entering it
    MQL = "first_contact_date"

    [[file]]
    path = "sales_pipeline.csv"
    id = "opportunity_id"
    amount = "close_value"
    stage = "deal_stage"          # long shape: this row's stage ...
    date = "close_date"           # ... and the date it was reached
    date_order = "ymd"            # optional: ymd, mdy, dmy
    encoding = "auto"             # optional
    delimiter = ";"               # optional; detected when left out
    sheet = "Sheet1"              # optional, XLSX only
    where = { Field = "Status" }  # optional: only rows whose columns hold these values
    owner = "sales_agent"         # optional: who owns the record (named when it is stale)
    timezone = "Europe/Berlin"    # optional: the clock of times without an offset
                                  # (default: the plan's business calendar)
    [file.handoffs.mql-follow-up] # optional, per SLA of the plan (by id): its times
    start = "AssignedDate"        # handed over (default: entry into the SLA's from stage)
    answered = "FirstTouchDate"   # first response (default: entry into its to stage)

    [stages]                      # CRM value -> plan stage, or "lost", or "ignore"
    "Closed Won" = "Won"
    [sources]                     # optional: CRM value -> plan source

Every problem is reported at once, as one `ActualsError` whose problems name the mapping
file, the line and the key path (``file[0].enters.MQL``: files are counted from 0, as
the plan file's ``stages[2]`` is its third stage). Reading never modifies the file.
"""

from __future__ import annotations

import codecs
import os
import tomllib
from collections.abc import Mapping as MappingABC
from datetime import date
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w

from alignplanner.contract.actuals.mapping import (
    DATE_ORDERS,
    FileMapping,
    HandOffColumns,
    Mapping,
)
from alignplanner.contract.actuals.result import ActualsError
from alignplanner.contract.atomic import atomic_write_text
from alignplanner.contract.errors import FileProblem
from alignplanner.contract.locate import LineIndex, toml_error_at
from alignplanner.domain.problems import Path, dotted

__all__ = ["MAX_MAPPING_BYTES", "read_mapping", "write_mapping"]

MAX_MAPPING_BYTES = 4 << 20
_TOP_KEYS = ("as_of", "file", "stages", "sources")
_FILE_TEXT_KEYS = ("path", "id", "stage", "date", "source", "amount", "date_order",
                   "encoding", "delimiter", "sheet", "owner", "timezone")
_FILE_TABLE_KEYS = ("enters", "where", "handoffs")
_HANDOFF_KEYS = ("start", "answered")


class _Checker:
    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.index = LineIndex(text)
        self.problems: list[FileProblem] = []

    def add(self, path: Path, message: str) -> None:
        self.problems.append(FileProblem(self.file, self.index.line(path), dotted(path), message))


def read_mapping(path: str) -> Mapping:
    """The mapping in the TOML file at ``path``; relative export paths start from its
    folder (`Mapping.base`). Raises `ActualsError` listing every problem found."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_MAPPING_BYTES + 1)
    except OSError as exc:
        raise ActualsError([FileProblem(name, None, "",
                                        f"cannot be read: {exc.strerror or exc}")]) from None
    if len(data) > MAX_MAPPING_BYTES:
        raise ActualsError([FileProblem(name, None, "", "is too large for a mapping file "
                                        f"(over {MAX_MAPPING_BYTES >> 20} MB)")])
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ActualsError([FileProblem(name, line, "", "is not UTF-8 text")]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, text, name) from None
    checker = _Checker(name, text)
    mapping = _mapping(raw, checker, os.path.dirname(os.path.abspath(name)), name)
    if checker.problems or mapping is None:
        raise ActualsError(checker.problems)
    return mapping


def _toml_error(exc: tomllib.TOMLDecodeError, text: str, name: str) -> ActualsError:
    line, message = toml_error_at(exc, text)
    return ActualsError([FileProblem(name, line, "", f"not valid TOML: {message}")])


def _mapping(raw: dict[str, Any], check: _Checker, base: str, name: str) -> Mapping | None:
    for key in raw:
        if key not in _TOP_KEYS:
            check.add((key,), f"unknown key; a mapping file has {', '.join(_TOP_KEYS)}")
    as_of = _as_of(raw.get("as_of"), check)
    files_raw = raw.get("file")
    files: list[FileMapping] = []
    if files_raw is None:
        check.add((), "no [[file]]: a mapping names at least one export")
    elif not isinstance(files_raw, list) or not all(isinstance(f, dict) for f in files_raw):
        check.add(("file",), "must be an array of tables ([[file]])")
    else:
        for i, table in enumerate(files_raw):
            one = _file(table, ("file", i), check)
            if one is not None:
                files.append(one)
        if not files_raw:
            check.add(("file",), "no files: a mapping names at least one export")
    stages = _text_table(raw.get("stages"), ("stages",), check)
    sources = _text_table(raw.get("sources"), ("sources",), check)
    for value, plan_stage in stages.items():
        if not plan_stage.strip():
            check.add(("stages", value), "a CRM value maps to a plan stage, \"lost\" or "
                      "\"ignore\", not to an empty name")
    if check.problems:
        return None
    return Mapping(tuple(files), stages, sources, as_of, base, name)


def _as_of(value: object, check: _Checker) -> date | None:
    if value is None:
        return None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    check.add(("as_of",), f"must be a date written YYYY-MM-DD, not {value!r}")
    return None


def _text_table(value: object, path: Path, check: _Checker) -> MappingABC[str, str]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, dict):
        check.add(path, f"must be a table of text values, not {_kind(value)}")
        return MappingProxyType({})
    out: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(item, str):
            check.add((*path, key), f"must be text, not {_kind(item)}")
        else:
            out[key] = item
    return MappingProxyType(out)


def _file(table: dict[str, Any], path: Path, check: _Checker) -> FileMapping | None:
    before = len(check.problems)
    allowed = _FILE_TEXT_KEYS + _FILE_TABLE_KEYS
    for key in table:
        if key not in allowed:
            check.add((*path, key), f"unknown key; a [[file]] has {', '.join(allowed)}")
    text: dict[str, str | None] = {}
    for key in _FILE_TEXT_KEYS:
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            check.add((*path, key), f"must be text, not {_kind(value)}")
            value = None
        elif isinstance(value, str) and not value.strip():
            check.add((*path, key), "must not be empty")
            value = None
        text[key] = value
    for key in ("path", "id"):
        if key not in table:
            check.add(path, f"missing {key!r}: every [[file]] names its {key}"
                      + (" (a column)" if key == "id" else ""))
    enters = _text_table(table.get("enters"), (*path, "enters"), check)
    where = _text_table(table.get("where"), (*path, "where"), check)
    for key, column in enters.items():
        if not column.strip():
            check.add((*path, "enters", key), "must name a column, not be empty")
        if not key.strip():
            check.add((*path, "enters", key), "a plan stage name must not be empty")
    stage, when = text["stage"], text["date"]
    _shape(table, enters, path, check)
    order = text["date_order"]
    encoding: str = text["encoding"] or "auto"
    delimiter = text["delimiter"]
    _options(order, encoding, delimiter, path, check)
    _timezone(text["timezone"], path, check)
    handoffs = _handoffs(table.get("handoffs"), (*path, "handoffs"), check)
    if len(check.problems) > before:
        return None
    file_path, file_id = text["path"], text["id"]
    assert file_path is not None
    assert file_id is not None
    return FileMapping(path=file_path, id=file_id, enters=enters, stage=stage,
                       date=when, source=text["source"], amount=text["amount"],
                       date_order=order, encoding=encoding, delimiter=delimiter,
                       sheet=text["sheet"], where=where, owner=text["owner"],
                       timezone=text["timezone"], handoffs=handoffs)


def _timezone(zone: str | None, path: Path, check: _Checker) -> None:
    if zone is None:
        return
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        check.add((*path, "timezone"), f"must be an IANA time zone such as "
                  f"'America/New_York' or 'UTC', not {zone!r}")


def _handoffs(value: object, path: Path, check: _Checker) -> MappingABC[str, HandOffColumns]:
    """SLA id -> the columns of its hand-off times (``[file.handoffs.<sla>]``)."""
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, dict):
        check.add(path, f"must be a table of SLAs, not {_kind(value)}")
        return MappingProxyType({})
    out: dict[str, HandOffColumns] = {}
    for sla, columns in value.items():
        where = (*path, sla)
        if not isinstance(columns, dict):
            check.add(where, f"must be a table with {' and/or '.join(_HANDOFF_KEYS)}, "
                      f"not {_kind(columns)}")
            continue
        for key in columns:
            if key not in _HANDOFF_KEYS:
                check.add((*where, key), f"unknown key; a hand-off has "
                          f"{', '.join(_HANDOFF_KEYS)}")
        found = _text_table(columns, where, check)
        for key, column in found.items():
            if not column.strip():
                check.add((*where, key), "must name a column, not be empty")
        if not any(k in found for k in _HANDOFF_KEYS):
            check.add(where, "names no column: give start, answered or both")
        out[sla] = HandOffColumns(found.get("start"), found.get("answered"))
    return MappingProxyType(out)


def _shape(table: dict[str, Any], enters: MappingABC[str, str], path: Path,
           check: _Checker) -> None:
    """Either the long shape (stage and date) or the wide one (enters), or both."""
    if "stage" in table and "date" not in table:
        check.add((*path, "stage"), "'stage' needs 'date': the column of the date each "
                  "row's stage was reached")
    elif "date" in table and "stage" not in table:
        check.add((*path, "date"), "'date' needs 'stage': the column of each row's stage")
    elif "stage" not in table and not enters:
        check.add((*path, "enters") if "enters" in table else path,
                  "neither 'enters' nor 'stage' and 'date': the file would give no events")


def _options(order: str | None, encoding: str, delimiter: str | None, path: Path,
             check: _Checker) -> None:
    if order is not None and order not in DATE_ORDERS:
        check.add((*path, "date_order"),
                  f"must be one of {', '.join(DATE_ORDERS)}, not {order!r}")
    if encoding != "auto":
        try:
            codecs.lookup(encoding)
        except LookupError:
            check.add((*path, "encoding"), f"unknown encoding {encoding!r}")
    if delimiter is not None and (len(delimiter) != 1 or delimiter in "\"\r\n"):
        check.add((*path, "delimiter"), f"must be one character (not a quote or a line "
                  f"break), not {delimiter!r}")


def _kind(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "a table", str: "text"}.get(type(value), type(value).__name__)


def write_mapping(mapping: Mapping, path: str) -> None:
    """Write ``mapping`` as a TOML mapping file at ``path``, atomically. Values left at
    their defaults are not written; `Mapping.base` is not written (it is the file's
    folder when read back)."""
    out: dict[str, Any] = {}
    if mapping.as_of is not None:
        out["as_of"] = mapping.as_of.isoformat()
    files: list[dict[str, Any]] = []
    for one in mapping.files:
        table: dict[str, Any] = {"path": one.path, "id": one.id}
        for key in ("source", "amount", "stage", "date", "date_order", "delimiter", "sheet",
                    "owner", "timezone"):
            value = getattr(one, key)
            if value is not None:
                table[key] = value
        if one.encoding != "auto":
            table["encoding"] = one.encoding
        if one.where:
            table["where"] = dict(one.where)
        if one.enters:
            table["enters"] = dict(one.enters)
        if one.handoffs:
            table["handoffs"] = {sla: {k: v for k, v in (("start", c.start),
                                                          ("answered", c.answered)) if v}
                                 for sla, c in one.handoffs.items()}
        files.append(table)
    out["file"] = files
    if mapping.stages:
        out["stages"] = dict(mapping.stages)
    if mapping.sources:
        out["sources"] = dict(mapping.sources)
    atomic_write_text(path, tomli_w.dumps(out))
