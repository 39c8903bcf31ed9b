"""Where a calibrated number of the plan came from: what was calibrated, from which
files (their names and content digests, never where they sat on a disk), as of when.

The plan file keeps one entry per calibrated key in ``[[calibration]]`` (docs/contract.md);
accepting a figure again replaces its entry.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from alignplanner.domain.checks import check_text
from alignplanner.domain.problems import Collector

SHA256 = re.compile(r"^[0-9a-f]{64}$")
METHODS = ("matured", "shrunk", "lag", "mean")
"""How a value was estimated: the within-window share of matured records; that share
shrunk towards the pooled rate of all sources; the lag of the matured conversions; the
mean amount of the won records."""


@dataclass(frozen=True)
class HistoryFile:
    """An export the estimate read: its file name and the SHA-256 of its bytes."""

    name: str
    sha256: str

    def __post_init__(self) -> None:
        c = Collector()
        check_text(c, ("name",), self.name, limit=255)
        if not isinstance(self.name, str) or not self.name.strip() or "/" in self.name \
                or "\\" in self.name:
            c.add(("name",), f"a file name without folders, got {self.name!r}")
        if not isinstance(self.sha256, str) or not SHA256.match(self.sha256):
            c.add(("sha256",), "sha256 must be 64 lower-case hexadecimal digits")
        c.raise_if_any()


@dataclass(frozen=True)
class Calibrated:
    """One calibrated figure: ``key`` as the plan file names it, the ``value`` put in
    the plan (for a lag, its mean days; the mass is the stage's ``lag``), its 80%
    interval ``low`` .. ``high`` and the ``n`` records it stands on, how it was
    estimated, the history's ``as_of`` date and the day it was ``accepted``."""

    key: str
    value: float
    low: float
    high: float
    n: int
    method: str
    as_of: date
    accepted: date
    files: tuple[HistoryFile, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.files, list):
            object.__setattr__(self, "files", tuple(self.files))
        c = Collector()
        if not isinstance(self.key, str) or not re.fullmatch(r"[^.\s]+(\.[^.\s]+)+", self.key):
            c.add(("key",), f"key must be a dotted key such as 'stages.mql.conversion', "
                  f"got {self.key!r}")
        for name in ("value", "low", "high"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or math.isnan(v):
                c.add((name,), f"{name} must be a number, got {v!r}")
        if not c and not self.low <= self.high:
            c.add(("low",), f"low ({self.low:g}) must not be above high ({self.high:g})")
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 0:
            c.add(("n",), f"n must be a whole number of records, got {self.n!r}")
        if self.method not in METHODS:
            c.add(("method",), f"method must be one of {', '.join(METHODS)}; got {self.method!r}")
        for name in ("as_of", "accepted"):
            if type(getattr(self, name)) is not date:
                c.add((name,), f"{name} must be a date such as 2026-11-30")
        c.raise_if_any()


@dataclass(frozen=True)
class Provenance:
    """Every calibrated figure of a plan, by key in file order; empty: none."""

    entries: tuple[Calibrated, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if isinstance(self.entries, list):
            object.__setattr__(self, "entries", tuple(self.entries))
        c = Collector()
        seen: set[str] = set()
        for i, entry in enumerate(self.entries):
            if entry.key in seen:
                c.add((i, "key"), f"{entry.key!r} is calibrated twice; keep one entry")
            seen.add(entry.key)
        c.raise_if_any()

    def with_entries(self, new: Iterable[Calibrated]) -> Provenance:
        """These entries with ``new`` in place of any of the same key (new keys last)."""
        fresh = {e.key: e for e in new}
        kept = [fresh.pop(e.key, e) for e in self.entries]
        return Provenance((*kept, *fresh.values()))

    def of(self, key: str) -> Calibrated | None:
        return next((e for e in self.entries if e.key == key), None)


__all__ = ["METHODS", "Calibrated", "HistoryFile", "Provenance"]
