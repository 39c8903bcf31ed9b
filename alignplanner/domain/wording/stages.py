"""What the stage edits tell people about what else changed: a stage added, a stage
renamed (and its id with it), and everything that followed a removed stage."""

from __future__ import annotations

from alignplanner.domain.wording.basics import count, percent

NEW_STAGE = "New stage"
"""The name a stage added to the funnel starts with (``New stage 2`` for the next)."""


def stage_added(name: str, above: str | None, below: str, owner: str) -> str:
    where = f"between {above} and {below}" if above else f"above {below}"
    return (f"Added {name!r} {where}, owned by {owner}, at 100% conversion and 0 days, so "
            "no volume changes: set its conversion and days.")


def stage_id_follows(old_id: str, new_id: str) -> str:
    return (f"The stage id follows the new name: {old_id!r} is now {new_id!r} in the plan "
            "file, and every SLA, source, role, recycle and the scoring model that named it "
            "follow. Systems reading the plan file by stage id see the new id.")


def source_moved(source: str, gone: str, now: str) -> str:
    return f"Source {source} entered {gone}; it now enters {now}."


def override_dropped(source: str, stage: str, rate: float) -> str:
    return f"Source {source}'s own conversion at {stage} ({percent(rate)}) is dropped."


def pipeline_dropped(stage: str, units: float) -> str:
    return f"The {count(units)} open units at {stage} are dropped from the existing pipeline."


def recycle_dropped(stage: str, gone: str) -> str:
    return f"{stage} no longer recycles to {gone}."


def scoring_moved(gone: str, now: str) -> str:
    return f"The scoring model qualified leads for {gone}; it now qualifies them for {now}."


def role_moved(role: str, gone: str, now: str) -> str:
    return f"Role {role} worked {gone}; it now works {now}."


def sla_dropped(sla: str, gone: str) -> str:
    return f"SLA {sla} on entries into {gone} is removed."


def sla_handed_over(sla: str, gone: str, now: str) -> str:
    return f"SLA {sla} handed over to {gone}; it now hands over to {now}."


def became_won(stage: str) -> str:
    return f"{stage} is now the last ('won') stage: its conversion and days are cleared."


__all__ = [
    "NEW_STAGE", "became_won", "override_dropped", "pipeline_dropped", "recycle_dropped",
    "role_moved", "scoring_moved", "sla_dropped", "sla_handed_over", "source_moved",
    "stage_added", "stage_id_follows",
]
