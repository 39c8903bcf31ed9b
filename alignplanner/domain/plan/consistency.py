"""Cross-checks of the parts of a plan that refer to its stages, called by ``Plan``.

Paths name the field: ``roles[0].works``, ``slas[1].role``, ``scoring.qualifies_for``.
Each value validated its own fields when it was made; this module checks only what
needs the stages or the other parts: ids are unique, the stages and roles referred to
exist, an SLA's ``to`` stage lies after its ``from`` stage, the SLA's role works its
``from`` stage, and the scoring model qualifies leads for a stage before 'won'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from alignplanner.domain.agreement.signoff import SignOff
from alignplanner.domain.plan.funnel import Stage
from alignplanner.domain.problems import Collector
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import Sla
from alignplanner.domain.team.role import Role

MAX_ROLES = 40
MAX_SLAS = 100


def check_operations(c: Collector, stages: Sequence[Stage], roles: Sequence[Role],
                     slas: Sequence[Sla], calendar: BusinessCalendar) -> None:
    """Record every problem of a plan's calendar, roles and SLAs in ``c``."""
    if not isinstance(calendar, BusinessCalendar):
        c.add(("calendar",), f"calendar must be a business calendar, got {calendar!r}")
    if len(stages) >= 2 and stages[-1].stale_after_days is not None:
        c.add(
            ("stages", len(stages) - 1, "stale_after_days"),
            f"the last stage {stages[-1].id!r} is 'won': nothing stagnates there",
        )
    index = {s.id: i for i, s in enumerate(stages)}
    names = ", ".join(index)
    if len(roles) > MAX_ROLES:
        c.add(("roles",), f"at most {MAX_ROLES} roles, got {len(roles)}")
    role_at: dict[str, int] = {}
    for i, role in enumerate(roles):
        if role.id in role_at:
            c.add(
                ("roles", i, "id"),
                f"role id {role.id!r} is already used by roles[{role_at[role.id]}]",
            )
        role_at.setdefault(role.id, i)
        if role.works not in index:
            c.add(
                ("roles", i, "works"),
                f"stage {role.works!r} does not exist; it must be one of {names}",
            )
    if len(slas) > MAX_SLAS:
        c.add(("slas",), f"at most {MAX_SLAS} SLAs, got {len(slas)}")
    seen: dict[str, int] = {}
    for i, sla in enumerate(slas):
        if sla.id in seen:
            c.add(("slas", i, "id"), f"SLA id {sla.id!r} is already used by slas[{seen[sla.id]}]")
        seen.setdefault(sla.id, i)
        _check_sla(c, i, sla, roles, index=index, role_at=role_at)


def _check_sla(
    c: Collector,
    i: int,
    sla: Sla,
    roles: Sequence[Role],
    *,
    index: Mapping[str, int],
    role_at: Mapping[str, int],
) -> None:
    names = ", ".join(index)
    src, dst = index.get(sla.from_stage), index.get(sla.to_stage)
    for key, stage_id, at in (("from_stage", sla.from_stage, src), ("to_stage", sla.to_stage, dst)):
        if at is None:
            c.add(
                ("slas", i, key), f"stage {stage_id!r} does not exist; it must be one of {names}"
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
    j = role_at.get(sla.role)
    if j is None:
        known = ", ".join(role_at) or "none declared"
        c.add(("slas", i, "role"), f"role {sla.role!r} does not exist (roles: {known})")
        return
    role = roles[j]
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


def check_agreement(c: Collector, stages: Sequence[Stage], scoring: object,
                    signoff: object) -> None:
    """Record the problems of a plan's scoring model and sign-off that need its stages
    (the scoring model must qualify leads for a stage of this plan that is not 'won')."""
    if scoring is not None:
        _check_scoring(c, stages, scoring)
    if not isinstance(signoff, SignOff):
        c.add(("signoff",), f"must be a sign-off, got {signoff!r}")


def _check_scoring(c: Collector, stages: Sequence[Stage], scoring: object) -> None:
    # imported here: only the plans that have a scoring model need its module
    from alignplanner.domain.agreement.scoring import ScoringModel

    if not isinstance(scoring, ScoringModel):
        c.add(("scoring",), f"must be a scoring model, got {scoring!r}")
    elif isinstance(stages, tuple) and len(stages) >= 2:
        ids = [s.id for s in stages]
        if scoring.qualifies_for not in ids:
            c.add(
                ("scoring", "qualifies_for"),
                f"{scoring.qualifies_for!r} is not a stage of this plan ({', '.join(ids[:-1])})",
            )
        elif scoring.qualifies_for == ids[-1]:
            c.add(
                ("scoring", "qualifies_for"),
                f"{scoring.qualifies_for!r} is the last ('won') stage; a score qualifies "
                "leads for a stage before it",
            )


__all__ = ["MAX_ROLES", "MAX_SLAS", "check_agreement", "check_operations"]
