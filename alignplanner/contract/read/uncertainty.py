"""The plan file's optional ``[uncertainty]`` table: the simulation's seed and draws, how
sure each rate is and the deal size's P10/P90 (docs/uncertainty.md). A file without it
reads as before, with the defaults. An exported contract's ``[uncertainty.results]`` is
output, as ``[requirements]`` is: it is read past, and the numbers drawn afresh."""

from __future__ import annotations

from typing import Any

from alignplanner.contract.read.checks import Checker
from alignplanner.domain.uncertainty.settings import Uncertainty

TOP_KEYS: tuple[str, ...] = ("uncertainty",)
KEYS = ("seed", "draws", "swing", "default_observations", "observations", "deal_size_p10",
        "deal_size_p90", "results")


def uncertainty_of(raw: dict[str, Any], c: Checker) -> Uncertainty:
    """The settings of ``raw``'s ``[uncertainty]``; the defaults (problems in ``c``) when
    it is absent or wrong."""
    path = ("uncertainty",)
    table = c.table(raw, "uncertainty", path, required=False, what="")
    if table is None:
        return Uncertainty()
    before = len(c.problems)
    c.keys(table, path, KEYS)
    c.table(table, "results", (*path, "results"), required=False, what="")
    values: dict[str, Any] = {}
    for key in ("seed", "draws"):
        if key in table:
            values[key] = c.integer(table, key, path)
    for key in ("swing", "default_observations", "deal_size_p10", "deal_size_p90"):
        number = c.number(table, key, path)
        if number is not None:
            values[key] = number
    values["observations"] = c.number_map(table, "observations", path)
    if len(c.problems) > before:
        return Uncertainty()
    made = c.build((), lambda: Uncertainty(**values))
    return made if made is not None else Uncertainty()
