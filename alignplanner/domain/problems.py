"""Problems found in a plan: every one names the field it concerns.

A `Path` is a tuple of keys and list indexes, for example ``("stages", 2, "conversion")``.
It is shown as ``stages[2].conversion``, the form the plan file's messages use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

PathPart = str | int
Path = tuple[PathPart, ...]

T = TypeVar("T")


def dotted(path: Path) -> str:
    """``("stages", 2, "conversion")`` -> ``stages[2].conversion``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan, at one field."""

    path: Path
    message: str

    def prefixed(self, prefix: Path) -> Problem:
        return Problem(prefix + self.path, self.message)

    def __str__(self) -> str:
        where = dotted(self.path)
        return f"{where}: {self.message}" if where else self.message


class PlanInvalid(ValueError):
    """Raised when plan values are constructed from invalid input; carries every problem."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def prefixed(self, prefix: Path) -> PlanInvalid:
        return PlanInvalid(p.prefixed(prefix) for p in self.problems)


class Collector:
    """Gathers problems so that a check reports all of them, not just the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message))

    def build(self, prefix: Path, make: Callable[[], T]) -> T | None:
        """Call ``make``; on PlanInvalid record its problems under ``prefix`` and return None."""
        try:
            return make()
        except PlanInvalid as exc:
            self.problems.extend(p.prefixed(prefix) for p in exc.problems)
            return None

    def raise_if_any(self) -> None:
        if self.problems:
            raise PlanInvalid(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)
