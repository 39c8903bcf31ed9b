"""The results of a plan's Monte Carlo as the contract's ``[uncertainty]`` export: the
settings that reproduce them and what the draws say (docs/uncertainty.md)."""

from __future__ import annotations

from typing import Any

from alignplanner.domain.uncertainty.montecarlo import Simulation


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
