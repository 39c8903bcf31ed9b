"""What every command of the command line shares: exit statuses, refusals of a request,
loading a plan file, counting in words, and plain-text tables."""

from __future__ import annotations

from collections.abc import Sequence
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


def table(head: Sequence[str], rows: Sequence[Sequence[str]], *, left: int) -> list[str]:
    """Columns two spaces apart; the first ``left`` columns left-aligned, numbers right."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) if i < left else c.rjust(w)
                 for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(parts).rstrip()

    return [line(head), *(line(r) for r in rows)]


__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "UsageError", "count", "load", "table"]
