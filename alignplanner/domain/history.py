"""The plan's version history: which version a file holds and which versions came before.

Every save gives the plan a new version id; the id it had becomes the new version's
``parent``, and ``ancestors`` keeps a short list of the earlier ids, newest first, the
parent first. Two copies of a plan edited on two laptops can then be traced back to the
version they both started from (`common_ancestor`), which is the BASE of a three-way
merge. The history is not part of what a signature covers (`contract.digest`): saving
does not change what the plan says.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import takewhile

from alignplanner.domain.problems import Collector

__all__ = ["MAX_ANCESTORS", "VERSION_PATTERN", "History", "new_version_id"]

MAX_ANCESTORS = 20
VERSION_PATTERN = re.compile(r"[0-9a-f]{16}")
"""A version id: 16 lowercase hex digits (64 random bits)."""


def new_version_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class History:
    """``version`` of the file (empty: never saved with a history), its ``parent``,
    when it was ``saved`` (UTC), and ``ancestors`` (newest first, at most
    `MAX_ANCESTORS`, the parent first) with when they were saved (``ancestors_saved``:
    the times of the first ones, as far as they are known), so that a version missing on this
    machine can be named by its time."""

    version: str = ""
    parent: str = ""
    saved: datetime | None = None
    ancestors: tuple[str, ...] = field(default=())
    ancestors_saved: tuple[datetime, ...] = field(default=())

    def __post_init__(self) -> None:
        c = Collector()
        for key in ("version", "parent"):
            value = getattr(self, key)
            if value and not VERSION_PATTERN.fullmatch(value):
                c.add((key,), f"must be 16 lowercase hex digits, got {value!r}")
        for i, value in enumerate(self.ancestors):
            if not VERSION_PATTERN.fullmatch(value):
                c.add(("ancestors", i), f"must be 16 lowercase hex digits, got {value!r}")
        if len(self.ancestors_saved) > len(self.ancestors):
            c.add(("ancestors_saved",), f"must hold at most one time for each of the "
                  f"{len(self.ancestors)} ancestors, got {len(self.ancestors_saved)}")
        if self.parent and not self.version:
            c.add(("version",), "missing: a history with a parent needs its own version")
        if self.saved is not None and self.saved.tzinfo is None:
            c.add(("saved",), "must say it is UTC: end it with Z, e.g. 2026-11-23T14:05:00Z")
        c.raise_if_any()

    @property
    def lineage(self) -> tuple[str, ...]:
        """This version and every earlier one known, newest first (the ancestors begin
        with the parent; after a merge the other copy's line is among them)."""
        ids = [self.version, *self.ancestors, self.parent]
        return tuple(dict.fromkeys(i for i in ids if i))

    def saved_at(self, version: str) -> datetime | None:
        """When ``version`` (this one or an ancestor) was saved, None if not known."""
        return self._times().get(version)

    def _times(self) -> dict[str, datetime]:
        times = dict(zip(self.ancestors, self.ancestors_saved, strict=False))
        if self.version and self.saved is not None:
            times[self.version] = self.saved
        return times

    def _with_ancestors(self, ancestors: list[str], times: dict[str, datetime]) -> History:
        ancestors = ancestors[:MAX_ANCESTORS]
        known = tuple(times[i] for i in takewhile(times.__contains__, ancestors))
        return replace(self, ancestors=tuple(ancestors), ancestors_saved=known)

    def saved_again(self, version: str | None = None,
                    saved: datetime | None = None) -> History:
        """The history of the next save: a new version whose parent is this one."""
        new = History(version or new_version_id(), self.version,
                      saved or datetime.now(UTC).replace(microsecond=0))
        return new._with_ancestors(list(self.lineage), self._times())

    def merged_with(self, other: History) -> History:
        """This history with ``other``'s line among the ancestors (after merging another
        copy in: both lines lead here). The two lines are woven newest first, each in its
        own order, so that a version both share comes after what either made since."""
        mine = [*self.ancestors] or ([self.parent] if self.parent else [])
        ancestors = [i for i in _woven(mine, list(other.lineage)) if i != self.version]
        return self._with_ancestors(ancestors, {**other._times(), **self._times()})

    def common_ancestor(self, other: History) -> str | None:
        """The newest version in both lineages (this one's order), None if none is."""
        theirs = set(other.lineage)
        return next((i for i in self.lineage if i in theirs), None)


def _woven(a: list[str], b: list[str]) -> list[str]:
    """Both lists in one, each one's order kept: a head that comes later in the other list
    waits for what precedes it there."""
    out: list[str] = []
    while a or b:
        item = a[0] if a and (not b or a[0] not in b[1:]) else b[0]
        out.append(item)
        a, b = [i for i in a if i != item], [i for i in b if i != item]
    return out
