"""What reading a set of exports gave: the events, and an account of every file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from alignplanner.contract.errors import FileProblem, PlanFileError
from alignplanner.domain.actuals.events import Events


@dataclass(frozen=True)
class FileReport:
    """One export as it was read. ``skipped`` counts the events not taken and why
    (e.g. "blank id", "blank date", "blank stage", "ignored stage", "after as_of")."""

    path: str
    rows: int
    encoding: str
    date_order: str | None  # ymd, mdy, dmy; None when the file holds ISO dates only
    skipped: Mapping[str, int]


@dataclass(frozen=True)
class Actuals:
    """Events read from every file of a mapping, with what the reading found."""

    events: Events
    files: tuple[FileReport, ...]
    as_of: date
    warnings: tuple[str, ...]  # backward moves, dates before a record's first stage, ...


class ActualsError(PlanFileError):
    """The exports or their mapping cannot be used; every problem names the file, the
    line (when known) and the column or key (`FileProblem.path`)."""

    @classmethod
    def one(cls, file: str, message: str, *, line: int | None = None,
            column: str = "") -> ActualsError:
        """The error of a single problem."""
        return cls([FileProblem(file, line, column, message)])


class Cancelled(Exception):
    """Reading was cancelled by the one who asked for it (the app's Cancel button)."""


__all__ = ["Actuals", "ActualsError", "Cancelled", "FileReport"]
