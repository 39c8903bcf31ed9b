"""The plan file's optional ``[[calibration]]`` entries: where each calibrated number
came from (`domain.calibration.provenance`). A file without them reads as before."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from alignplanner.contract.read.checks import Checker, array_of_tables, kind_of
from alignplanner.domain.calibration.provenance import Calibrated, HistoryFile, Provenance

TOP_KEYS: tuple[str, ...] = ("calibration",)
KEYS = ("key", "value", "low", "high", "n", "method", "as_of", "accepted", "files")
FILE_KEYS = ("name", "sha256")
_EXAMPLE = 'key = "stages.mql.conversion", value = 0.31, as_of = 2026-11-30, ...'


def _files(entry: Mapping[str, Any], p: tuple[str | int, ...], c: Checker) -> list[HistoryFile]:
    out: list[HistoryFile] = []
    for fp, f in array_of_tables(entry, "files", c, required=False, example=""):
        where = (*p, *fp)
        c.keys(f, where, FILE_KEYS)
        name = c.text(f, "name", where, required=True)
        digest = c.text(f, "sha256", where, required=True)
        made = c.build(where, partial(HistoryFile, name, digest))
        if made is not None:
            out.append(made)
    return out


def calibration_of(raw: Mapping[str, Any], c: Checker) -> Provenance:
    """The calibrated figures of ``raw`` (none when the section is absent)."""
    entries: list[Calibrated] = []
    for p, entry in array_of_tables(raw, "calibration", c, required=False, example=_EXAMPLE):
        c.keys(entry, p, KEYS)
        n = entry.get("n", 0)
        if isinstance(n, bool) or not isinstance(n, int):
            c.add((*p, "n"), f"must be a whole number, got {kind_of(n)}")
            continue
        values: dict[str, Any] = {
            "key": c.text(entry, "key", p, required=True),
            "value": c.number(entry, "value", p, required=True),
            "low": c.number(entry, "low", p, required=True),
            "high": c.number(entry, "high", p, required=True),
            "n": n,
            "method": c.text(entry, "method", p, required=True),
            "as_of": c.local_date(entry, "as_of", p),
            "accepted": c.local_date(entry, "accepted", p),
            "files": _files(entry, p, c),
        }
        if any(v is None for v in values.values()):
            continue
        made = c.build(p, partial(Calibrated, **values))
        if made is not None:
            entries.append(made)
    made_all = c.build(("calibration",), lambda: Provenance(tuple(entries)))
    return made_all if made_all is not None else Provenance()


__all__ = ["FILE_KEYS", "KEYS", "TOP_KEYS", "calibration_of"]
