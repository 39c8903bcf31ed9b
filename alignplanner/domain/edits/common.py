"""What every plan edit shares: refusals that name the field, paths prefixed, new ids.

An edit is a pure function: it takes a valid plan and returns a new valid plan, or raises
`PlanInvalid` naming the field (paths from the plan: ``stages[2].conversion``,
``slas[1].escalation[0].after_hours``). The document layer wraps each call in an
undoable command.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from alignplanner.domain.problems import Path, PlanInvalid, Problem

T = TypeVar("T")


def refuse(path: Path, message: str) -> PlanInvalid:
    """The error an edit raises for a value it cannot take."""
    return PlanInvalid([Problem(path, message)])


def made(path: Path, make: Callable[..., T], *args: Any, **fields: Any) -> T:
    """``make(*args, **fields)`` with the problems' paths prefixed by ``path``."""
    try:
        return make(*args, **fields)
    except PlanInvalid as exc:
        raise exc.prefixed(path) from None


def check_index(items: Sequence[object], index: int, path: Path, what: str) -> None:
    """Refuse an index that names no item (``there is no role 3``)."""
    if not 0 <= index < len(items):
        raise refuse(path, f"there is no {what} {index + 1}")


def unique_id(existing: Sequence[str], base: str) -> str:
    """``base``, or ``base-2``, ``base-3``, ... whichever is not taken yet."""
    if base not in existing:
        return base
    n = 2
    while f"{base}-{n}" in existing:
        n += 1
    return f"{base}-{n}"


__all__ = ["check_index", "made", "refuse", "unique_id"]
