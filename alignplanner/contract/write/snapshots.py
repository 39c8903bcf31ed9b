"""The plan file's ``[actuals]`` table: the kept snapshots of the actuals' refreshes."""

from __future__ import annotations

from typing import Any

from alignplanner.domain.review.snapshots import Snapshots

__all__ = ["snapshots_values"]


def snapshots_values(snapshots: Snapshots) -> dict[str, Any]:
    """``{"actuals": {"snapshots": [...]}}``, or ``{}`` when none is kept (a file without
    the table writes back the same bytes)."""
    if not snapshots.taken:
        return {}
    taken = []
    for snap in snapshots.taken:
        stages = []
        for s in snap.stages:
            one: dict[str, Any] = {"stage": s.stage, "entered": s.entered}
            if s.converted is not None:
                one["converted"] = s.converted
            if s.estimated is not None:
                one["estimated"] = s.estimated
            if s.months:
                one["months"] = dict(s.months)
            if s.sources:
                one["sources"] = dict(s.sources)
            stages.append(one)
        one_snap: dict[str, Any] = {"as_of": snap.as_of, "records": snap.records}
        if snap.won is not None:
            one_snap["won"] = snap.won
        taken.append({**one_snap, "stages": stages})
    return {"actuals": {"snapshots": taken}}
