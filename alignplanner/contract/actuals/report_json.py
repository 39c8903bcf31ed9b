"""The actuals and their estimates as one JSON-ready object: what
``alignplanner actuals --json`` prints, described by resources/actuals.schema.json.

Keys are stable for other systems (BI, the CRM's own dashboards): ``as_of``, ``records``,
``files``, ``stages``, ``transitions``, ``by_source``, ``warnings``; docs/actuals.md says
what each figure means. Dates are ISO strings, rates are floats in [0, 1] or null when
nothing was there to count.
"""

from __future__ import annotations

from typing import Any

from alignplanner.contract.actuals.result import Actuals
from alignplanner.domain.actuals.report import Estimates, Transition


def report_dict(actuals: Actuals, estimates: Estimates) -> dict[str, Any]:
    """Everything read and estimated, as plain JSON values."""
    return {
        "as_of": estimates.as_of.isoformat(),
        "records": estimates.records,
        "files": [
            {"path": f.path, "rows": f.rows, "encoding": f.encoding,
             "date_order": f.date_order, "skipped": dict(f.skipped)}
            for f in actuals.files
        ],
        "stages": {
            s.name: {"entered": s.entered, "by_month": dict(s.by_month)}
            for s in estimates.stages
        },
        "transitions": [transition_dict(t) for t in estimates.transitions],
        "by_source": {
            source: [transition_dict(t) for t in transitions]
            for source, transitions in estimates.by_source.items()
        },
        "warnings": [*actuals.warnings, *estimates.warnings],
    }


def transition_dict(t: Transition) -> dict[str, Any]:
    """One transition: its counts, the three rates side by side with their n, the
    cumulative probability at each horizon, the lag in days and in months."""
    method = "aalen-johansen" if t.competing else "kaplan-meier"
    return {
        "from": t.from_stage,
        "to": t.to_stage,
        "entered": t.entered,
        "converted": t.converted,
        "lost": t.lost,
        "open": t.open,
        "naive_rate": t.naive_rate,
        "cumulative": {str(days): p for days, p in t.cumulative.items()},
        "days": None if t.days is None else {
            "median": t.days.median, "mean": t.days.mean, "p90": t.days.p90},
        "beta": {"alpha": t.beta_alpha, "beta": t.beta_beta},
        "window_days": t.window_days,
        "naive": {"rate": t.naive_rate, "n": t.entered},
        "within_window": {"rate": t.within_window, "n": t.matured},
        "estimated": {"rate": t.estimated, "n": t.entered, "method": method},
        "lag_months": list(t.lag_months),
        "truncated_from": None if t.truncated_from is None else t.truncated_from.isoformat(),
        "by_month": {
            month: {"entered": c.entered, "converted": c.converted, "lost": c.lost}
            for month, c in t.by_month.items()
        },
    }


__all__ = ["report_dict", "transition_dict"]
