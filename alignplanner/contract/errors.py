"""Problems in a plan file, each with the file, the line (when known) and the key path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["FileProblem", "PlanFileError"]


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong with a plan file.

    ``path`` is a dotted key path such as ``stages[2].conversion`` (empty when the problem
    concerns the file as a whole, e.g. it is not TOML); ``line`` is 1-based, or None when
    no line can be told (e.g. a required table that is missing).
    """

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def sort_key(self) -> tuple[int, bool, str, str]:
        """Problems without a line (whole-file ones) first, then by line and path; on one
        line, problems with a key path before those without."""
        return (0 if self.line is None else self.line, not self.path, self.path, self.message)


class PlanFileError(Exception):
    """A plan file cannot be used; carries every problem found, sorted by line."""

    def __init__(self, problems: Iterable[FileProblem]) -> None:
        self.problems: tuple[FileProblem, ...] = tuple(sorted(problems, key=FileProblem.sort_key))
        super().__init__("\n".join(str(p) for p in self.problems))
