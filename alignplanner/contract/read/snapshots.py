"""The plan file's optional ``[actuals]`` table: the snapshots of the actuals' refreshes
(`domain.review.snapshots`), one ``[[actuals.snapshots]]`` per week, oldest first, each
with one ``[[actuals.snapshots.stages]]`` per stage. A file without it reads as before."""

from __future__ import annotations

from datetime import date
from typing import Any

from alignplanner.contract.read.checks import Checker, array_of_tables, kind_of
from alignplanner.domain.problems import Path
from alignplanner.domain.review.snapshots import Snapshot, Snapshots, StageSnapshot

TOP_KEYS: tuple[str, ...] = ("actuals",)
ACTUALS_KEYS = ("snapshots",)
SNAPSHOT_KEYS = ("as_of", "records", "won", "stages")
STAGE_KEYS = ("stage", "entered", "converted", "estimated", "months", "sources")

__all__ = ["TOP_KEYS", "snapshots_of"]


def snapshots_of(raw: dict[str, Any], c: Checker) -> Snapshots:
    """The snapshots of ``raw``'s ``[actuals]``; none (problems in ``c``) when it is absent
    or wrong."""
    path: Path = ("actuals",)
    table = c.table(raw, "actuals", path, required=False, what="")
    if table is None:
        return Snapshots()
    before = len(c.problems)
    c.keys(table, path, ACTUALS_KEYS)
    taken = []
    for where, item in array_of_tables(table, "snapshots", c, required=False, example=""):
        one = _snapshot(item, (*path, *where), c)
        if one is not None:
            taken.append(one)
    if len(c.problems) > before:
        return Snapshots()
    made = c.build(path, lambda: Snapshots(tuple(taken)))
    return made if made is not None else Snapshots()


def _snapshot(item: dict[str, Any], path: Path, c: Checker) -> Snapshot | None:
    before = len(c.problems)
    c.keys(item, path, SNAPSHOT_KEYS)
    as_of = c.local_date(item, "as_of", path)
    records = c.integer(item, "records", path)
    won = c.number(item, "won", path)
    stages = []
    for where, one in array_of_tables(item, "stages", c, required=False, example=""):
        stage = _stage(one, (*path, *where), c)
        if stage is not None:
            stages.append(stage)
    if len(c.problems) > before or as_of is None or records is None:
        return None
    assert isinstance(as_of, date)
    return c.build(path, lambda: Snapshot(as_of, records, tuple(stages), won))


def _stage(item: dict[str, Any], path: Path, c: Checker) -> StageSnapshot | None:
    before = len(c.problems)
    c.keys(item, path, STAGE_KEYS)
    stage = c.text(item, "stage", path, required=True)
    entered = c.integer(item, "entered", path)
    converted = c.integer(item, "converted", path) if "converted" in item else None
    estimated = c.number(item, "estimated", path)
    counts = {key: _counts(item, key, (*path, key), c) for key in ("months", "sources")}
    if len(c.problems) > before or entered is None:
        return None
    return c.build(path, lambda: StageSnapshot(stage, entered, counts["months"],
                                               counts["sources"], converted, estimated))


def _counts(item: dict[str, Any], key: str, path: Path, c: Checker) -> dict[str, int]:
    value = item.get(key, {})
    if not isinstance(value, dict):
        c.add(path, f"must be a table of name = records, e.g. {{ \"2027-01\" = 40 }}, got "
              f"{kind_of(value)}")
        return {}
    out = {}
    for name, n in value.items():
        if isinstance(n, bool) or not isinstance(n, int):
            c.add((*path, name), f"must be a whole number of records, got {kind_of(n)}")
        else:
            out[name] = n
    return out
