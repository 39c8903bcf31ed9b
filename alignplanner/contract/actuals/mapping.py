"""What a mapping file says: the exports to read and what their columns mean.

A mapping lists files; each row of a file yields dated stage events. ``enters`` maps a
plan stage to the column holding the date the record entered it (the wide shape: one
date column per stage); ``stage`` and ``date`` name the columns of a row's own stage and
the date it was reached (the long shape). ``stages`` maps CRM values to plan stages (many
to one), or to ``"lost"`` or ``"ignore"``; ``sources`` CRM sources to plan sources.

For the SLAs, ``owner`` names the column of the record's owner (who must answer), and
``handoffs`` maps an SLA of the plan (by id) to the columns of its hand-off's times
(`HandOffColumns`); without them a hand-off starts at the record's entry into the SLA's
from-stage and is answered at its entry into the to-stage, when those dates carry a time
of day (`times`). ``timezone`` is the clock of the file's times that name no offset.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

DATE_ORDERS = ("ymd", "mdy", "dmy")
LOST_VALUE = "lost"
IGNORE_VALUE = "ignore"


def _empty() -> MappingABC[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class HandOffColumns:
    """The columns of one SLA's hand-off times in a file. ``start``: when the record was
    handed over (assigned, entered the stage); ``answered``: its first response
    (accepted, first touch). A column left out falls back on the stage entry's time."""

    start: str | None = None
    answered: str | None = None


def _no_handoffs() -> MappingABC[str, HandOffColumns]:
    return MappingProxyType({})


@dataclass(frozen=True)
class FileMapping:
    """One export and what its columns mean. ``path`` is as written in the mapping file
    (relative to it unless absolute)."""

    path: str
    id: str
    enters: MappingABC[str, str] = field(default_factory=_empty)  # plan stage -> date column
    stage: str | None = None  # long shape: the column of this row's stage ...
    date: str | None = None  # ... and of the date it was reached
    source: str | None = None
    amount: str | None = None
    date_order: str | None = None  # one of DATE_ORDERS; None: detect
    encoding: str = "auto"
    delimiter: str | None = None  # None: detect
    sheet: str | None = None  # XLSX: the sheet to read; None: the first
    # Only rows whose columns hold these values are read (column -> value), e.g.
    # {"Field": "Status"} for Salesforce's LeadHistory; other rows are skipped, counted
    # as "filtered". Written `where = { Field = "Status" }` in the mapping file.
    where: MappingABC[str, str] = field(default_factory=_empty)
    owner: str | None = None  # the column of the record's owner
    timezone: str | None = None  # IANA zone of times without an offset; None: the plan's
    handoffs: MappingABC[str, HandOffColumns] = field(default_factory=_no_handoffs)


@dataclass(frozen=True)
class Mapping:
    """A whole mapping file. ``stages`` and ``sources`` keep the file's order; the order
    of ``stages`` (then of the files' ``enters``) is the funnel order when there is no
    plan. ``base`` is the folder that relative file paths start from."""

    files: tuple[FileMapping, ...]
    stages: MappingABC[str, str] = field(default_factory=_empty)  # CRM value -> plan stage
    sources: MappingABC[str, str] = field(default_factory=_empty)  # CRM value -> plan source
    as_of: date | None = None
    base: str = "."
    path: str | None = None  # the mapping file read, when it was read from one


__all__ = ["DATE_ORDERS", "IGNORE_VALUE", "LOST_VALUE", "FileMapping", "HandOffColumns",
           "Mapping"]
