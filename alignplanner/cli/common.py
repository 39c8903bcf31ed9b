"""What every command of the command line shares: exit statuses, refusals of a request,
loading a plan file, and counting in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alignplanner.contract.reader import LoadedPlan

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A request the command line declines (reported like argparse's usage errors)."""


def load(path: str) -> LoadedPlan:
    """The plan file at ``path`` (its engine and contract are imported only now)."""
    from alignplanner.contract.reader import load as read

    return read(path)


def count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "UsageError", "count", "load"]
