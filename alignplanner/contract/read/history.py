"""The plan file's optional ``[history]`` table: the version id of this save, its parent,
when it was saved and a short list of earlier ids (`domain.history`). A file without it
reads as before, with an empty history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from alignplanner.contract.read.checks import MISSING, Checker, kind_of
from alignplanner.domain.history import History

TOP_KEYS: tuple[str, ...] = ("history",)
KEYS = ("version", "parent", "saved", "ancestors", "ancestors_saved")


def history_of(raw: dict[str, Any], c: Checker) -> History:
    """The history of ``raw``'s ``[history]``; empty (problems in ``c``) when it is absent
    or wrong."""
    path = ("history",)
    table = c.table(raw, "history", path, required=False, what="")
    if table is None:
        return History()
    before = len(c.problems)
    c.keys(table, path, KEYS)
    version = c.text(table, "version", path, required=True)
    parent = c.text(table, "parent", path)
    ancestors = c.texts(table, "ancestors", path, what="version ids")
    saved = _time(c, table.get("saved", MISSING), (*path, "saved"))
    times = table.get("ancestors_saved", [])
    if not isinstance(times, list):
        c.add((*path, "ancestors_saved"), f"must be an array of UTC times, got {kind_of(times)}")
        times = []
    when = [_time(c, t, (*path, "ancestors_saved", i)) for i, t in enumerate(times)]
    if len(c.problems) > before:
        return History()
    made = c.build(path, lambda: History(version, parent, saved, tuple(ancestors),
                                         tuple(t for t in when if t is not None)))
    return made if made is not None else History()


def _time(c: Checker, value: Any, where: tuple[str | int, ...]) -> datetime | None:
    if value is MISSING:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        c.add(where, "must be a date and time in UTC without quotes, e.g. "
              f"2026-11-23T14:05:00Z, got {kind_of(value)}")
        return None
    return value
