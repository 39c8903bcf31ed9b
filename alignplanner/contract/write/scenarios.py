"""`Scenarios` -> the ``[[scenarios]]`` section of the plan file (absent when there are
none, so a plan without scenarios writes the same bytes as before)."""

from __future__ import annotations

from typing import Any

from alignplanner.domain.scenarios.scenario import Scenarios


def scenarios_values(scenarios: Scenarios) -> dict[str, Any]:
    if not scenarios.variants:
        return {}
    entries = []
    for scenario in scenarios.variants:
        entry: dict[str, Any] = {"name": scenario.name}
        if scenario.description:
            entry["description"] = scenario.description
        if scenario.name == scenarios.agreed:
            entry["agreed"] = True
        entry["set"] = dict(scenario.overrides)
        entries.append(entry)
    return {"scenarios": entries}


__all__ = ["scenarios_values"]
