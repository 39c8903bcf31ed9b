"""Cross-checks of a plan's calendar, roles and SLAs (issue 4), called by ``Plan``.

Paths name the field: ``roles[0].works``, ``slas[1].role``. Each value validated its own
fields when it was made; this module checks only what needs the whole plan: ids are
unique, the stages and roles referred to exist, an SLA's ``to`` stage lies after its
``from`` stage, and the SLA's role works its ``from`` stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from alignplanner.domain.calendar import BusinessCalendar
from alignplanner.domain.problems import Collector

if TYPE_CHECKING:
    from alignplanner.domain.model import Plan
    from alignplanner.domain.sla import Sla

MAX_ROLES = 40
MAX_SLAS = 100


def check_operations(plan: Plan, c: Collector) -> None:
    """Record every problem of ``plan``'s calendar, roles and SLAs in ``c``."""
    for key in ("roles", "slas"):
        if isinstance(getattr(plan, key), list):
            object.__setattr__(plan, key, tuple(getattr(plan, key)))
    if not isinstance(plan.calendar, BusinessCalendar):
        c.add(("calendar",), f"calendar must be a business calendar, got {plan.calendar!r}")
    if len(plan.stages) >= 2 and plan.stages[-1].stale_after_days is not None:
        c.add(
            ("stages", len(plan.stages) - 1, "stale_after_days"),
            f"the last stage {plan.stages[-1].id!r} is 'won': nothing stagnates there",
        )
    index = {s.id: i for i, s in enumerate(plan.stages)}
    stages = ", ".join(index)
    if len(plan.roles) > MAX_ROLES:
        c.add(("roles",), f"at most {MAX_ROLES} roles, got {len(plan.roles)}")
    roles: dict[str, int] = {}
    for i, role in enumerate(plan.roles):
        if role.id in roles:
            c.add(
                ("roles", i, "id"),
                f"role id {role.id!r} is already used by roles[{roles[role.id]}]",
            )
        roles.setdefault(role.id, i)
        if role.works not in index:
            c.add(
                ("roles", i, "works"),
                f"stage {role.works!r} does not exist; it must be one of {stages}",
            )
    if len(plan.slas) > MAX_SLAS:
        c.add(("slas",), f"at most {MAX_SLAS} SLAs, got {len(plan.slas)}")
    seen: dict[str, int] = {}
    for i, sla in enumerate(plan.slas):
        if sla.id in seen:
            c.add(("slas", i, "id"), f"SLA id {sla.id!r} is already used by slas[{seen[sla.id]}]")
        seen.setdefault(sla.id, i)
        _check_sla(plan, c, i, sla, index=index, roles=roles)


def _check_sla(
    plan: Plan,
    c: Collector,
    i: int,
    sla: Sla,
    *,
    index: Mapping[str, int],
    roles: Mapping[str, int],
) -> None:
    stages = ", ".join(index)
    src, dst = index.get(sla.from_stage), index.get(sla.to_stage)
    for key, stage_id, at in (("from_stage", sla.from_stage, src), ("to_stage", sla.to_stage, dst)):
        if at is None:
            c.add(
                ("slas", i, key), f"stage {stage_id!r} does not exist; it must be one of {stages}"
            )
    if src is not None and dst is not None and dst <= src:
        c.add(
            ("slas", i, "to_stage"),
            f"the hand-off goes from {sla.from_stage!r} to a later "
            f"stage; {sla.to_stage!r} is not after it",
        )
    if sla.recycle_to is not None:
        back = index.get(sla.recycle_to)
        if back is None or (src is not None and back > src):
            c.add(
                ("slas", i, "recycle_to"),
                f"recycle destination {sla.recycle_to!r} must be "
                f"{sla.from_stage!r} or a stage above it",
            )
    j = roles.get(sla.role)
    if j is None:
        known = ", ".join(roles) or "none declared"
        c.add(("slas", i, "role"), f"role {sla.role!r} does not exist (roles: {known})")
        return
    role = plan.roles[j]
    if role.works != sla.from_stage:
        c.add(
            ("slas", i, "role"),
            f"role {sla.role!r} works {role.works!r}, but this SLA is "
            f"on entries into {sla.from_stage!r}: pick the role that works it",
        )
    if not role.handle_minutes > 0:
        c.add(
            ("roles", j, "handle_minutes"),
            f"SLA {sla.id!r} needs the minutes a first response takes; role {role.id!r} has none",
        )


__all__ = ["MAX_ROLES", "MAX_SLAS", "check_operations"]
