"""`History` -> the ``[history]`` table of the plan file (absent for an empty history, so
a file without one writes back the same bytes)."""

from __future__ import annotations

from typing import Any

from alignplanner.domain.history import History

__all__ = ["history_values"]


def history_values(history: History) -> dict[str, Any]:
    if not history.version:
        return {}
    table: dict[str, Any] = {"version": history.version}
    if history.parent:
        table["parent"] = history.parent
    if history.saved is not None:
        table["saved"] = history.saved
    if history.ancestors:
        table["ancestors"] = list(history.ancestors)
    if history.ancestors_saved:
        table["ancestors_saved"] = list(history.ancestors_saved)
    return {"history": table}
