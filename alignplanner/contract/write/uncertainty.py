"""The plan file's ``[uncertainty]`` settings, and the results of a plan's Monte Carlo:
the settings that reproduce them and what the draws say (docs/uncertainty.md)."""

from __future__ import annotations

import math
from typing import Any

from alignplanner.contract.write.values import num
from alignplanner.domain.uncertainty.montecarlo import Simulation
from alignplanner.domain.uncertainty.settings import Uncertainty


def settings_values(settings: Uncertainty) -> dict[str, Any]:
    """``{"uncertainty": {...}}`` with the settings that differ from the defaults, or
    ``{}`` when none does (a file without the table reads with the defaults)."""
    default = Uncertainty()
    table: dict[str, Any] = {}
    for key in ("seed", "draws", "swing", "default_observations", "deal_size_p10",
                "deal_size_p90"):
        value = getattr(settings, key)
        if value is not None and value != getattr(default, key):
            table[key] = value if isinstance(value, int) else num(value)
    if settings.observations:  # whole numbers as integers, as the file has them
        table["observations"] = {k: num(v) for k, v in settings.observations.items()}
    return {"uncertainty": table} if table else {}


def uncertainty_dict(simulation: Simulation) -> dict[str, Any]:
    """Plain TOML/JSON values: probabilities as shares of 1, revenue in the plan's
    currency, volumes as net-new units at the top of the funnel."""
    monthly = simulation.monthly_percentiles()
    year = simulation.percentiles()
    return {
        "seed": simulation.seed,
        "draws": simulation.draws,
        "target": simulation.target,
        "p_hit": simulation.p_hit,
        "p_hit_monthly": list(simulation.p_hit_monthly),
        "revenue_p10": year[10],
        "revenue_p50": year[50],
        "revenue_p90": year[90],
        "monthly_p10": list(monthly[10]),
        "monthly_p50": list(monthly[50]),
        "monthly_p90": list(monthly[90]),
        "variance_share": simulation.variance_shares(),
        "top_volume_planned": simulation.top_volume,
        "top_volume_needed": {f"p{round(c * 100)}": v
                              for c, v in simulation.volume_needed().items()},
    }


def results_dict(simulation: Simulation) -> dict[str, Any]:
    """The exported contract's ``[uncertainty.results]``: `uncertainty_dict` without the
    volumes no confidence can reach (TOML and JSON files carry finite numbers only)."""
    found = uncertainty_dict(simulation)
    found["top_volume_needed"] = {k: v for k, v in found["top_volume_needed"].items()
                                  if math.isfinite(v)}
    return found


def with_results(settings: Uncertainty, simulation: Simulation) -> dict[str, Any]:
    """``{"uncertainty": {...}}``: the settings that differ from the defaults (they
    reproduce the numbers) and ``results``, what the draws say."""
    table = settings_values(settings).get("uncertainty", {})
    return {"uncertainty": {**table, "results": results_dict(simulation)}}
