"""Edits of a plan's SLAs: the promises on each hand-off, their escalation ladder, the
passing side's obligations and the reasons a lead may be rejected."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from alignplanner.domain.edits.common import check_index, made, refuse, unique_id
from alignplanner.domain.edits.roles import DEFAULT_HANDLE_MINUTES
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.sla import (
    ACCEPT_WITHIN_HOURS,
    DEFAULT_TARGET,
    EscalationStep,
    Obligation,
    Sla,
)

DEFAULT_WINDOW_HOURS = 4.0


def add_sla(plan: Plan, role: str | None = None) -> Plan:
    """A new SLA on the entries a role works (default: the first role without an SLA),
    handed to the next stage, with typical windows (4 business hours, 95%, accept or
    reject within one working day)."""
    if not plan.roles:
        raise refuse(("slas",), "add a role first: an SLA needs the reps who keep it")
    used = {s.role for s in plan.slas}
    if role is None:
        role = next((r.id for r in plan.roles if r.id not in used), plan.roles[0].id)
    try:
        the_role = plan.role(role)
    except KeyError:
        raise refuse(("slas", len(plan.slas), "role"), f"role {role!r} does not exist") from None
    at = plan.stage_index(the_role.works)
    sla_id = unique_id([s.id for s in plan.slas], f"{the_role.works}-first-touch")
    sla = made(
        ("slas", len(plan.slas)),
        Sla,
        id=sla_id,
        from_stage=the_role.works,
        to_stage=plan.stages[at + 1].id,
        role=role,
        respond_within_hours=DEFAULT_WINDOW_HOURS,
        target=DEFAULT_TARGET,
        accept_within_hours=ACCEPT_WITHIN_HOURS,
    )
    roles = plan.roles
    if not the_role.handle_minutes > 0:  # an SLA needs the minutes a response takes
        i = plan.roles.index(the_role)
        roles = (
            *roles[:i],
            replace(the_role, handle_minutes=DEFAULT_HANDLE_MINUTES),
            *roles[i + 1 :],
        )
    return replace(plan, roles=roles, slas=(*plan.slas, sla))


def remove_sla(plan: Plan, index: int) -> Plan:
    check_index(plan.slas, index, ("slas",), "SLA")
    return replace(plan, slas=plan.slas[:index] + plan.slas[index + 1 :])


def set_sla(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of SLA ``index``. Giving ``respond_within_hours`` clears the minutes
    and the other way round (an SLA has one first-response window)."""
    check_index(plan.slas, index, ("slas",), "SLA")
    if fields.get("respond_within_hours") is not None:
        fields.setdefault("respond_within_minutes", None)
    if fields.get("respond_within_minutes") is not None:
        fields.setdefault("respond_within_hours", None)
    if "reason_codes" in fields:
        fields["reason_codes"] = tuple(fields["reason_codes"])
    new = made(("slas", index), replace, plan.slas[index], **fields)
    if new.id != plan.slas[index].id and new.id in {s.id for s in plan.slas}:
        raise refuse(("slas", index, "id"), f"SLA id {new.id!r} is already used")
    slas = list(plan.slas)
    slas[index] = new
    return replace(plan, slas=tuple(slas))


def move_sla(plan: Plan, index: int, from_stage: str) -> Plan:
    """The SLA on entries into ``from_stage`` instead: kept by the role that works that
    stage (if one does), handed to the next stage when its receiving stage no longer lies
    after it, and recycled to ``from_stage`` when its recycle stage lies below it."""
    check_index(plan.slas, index, ("slas",), "SLA")
    sla = plan.slas[index]
    if from_stage not in plan.stage_ids[:-1]:
        raise refuse(
            ("slas", index, "from_stage"),
            f"stage {from_stage!r} must be one of {', '.join(plan.stage_ids[:-1])}",
        )
    at = plan.stage_index(from_stage)
    fields: dict[str, Any] = {"from_stage": from_stage}
    role = next((r.id for r in plan.roles if r.works == from_stage), None)
    if role is not None:
        fields["role"] = role
    if plan.stage_index(sla.to_stage) <= at:
        fields["to_stage"] = plan.stages[at + 1].id
    if sla.recycle_to is not None and plan.stage_index(sla.recycle_to) > at:
        fields["recycle_to"] = from_stage
    return set_sla(plan, index, **fields)


def set_window(plan: Plan, index: int, amount: float, unit: str) -> Plan:
    """The first-response window as ``amount`` business ``unit`` ("hours" or "minutes")."""
    if unit == "hours":
        return set_sla(plan, index, respond_within_hours=amount, respond_within_minutes=None)
    if unit == "minutes":
        return set_sla(plan, index, respond_within_minutes=amount, respond_within_hours=None)
    raise refuse(
        ("slas", index, "respond_within_hours"),
        f'the window is in "hours" or "minutes", not {unit!r}',
    )


def _sla_parts(plan: Plan, index: int, key: str) -> list[Any]:
    check_index(plan.slas, index, ("slas",), "SLA")
    return list(getattr(plan.slas[index], key))


def _set_sla_part(plan: Plan, index: int, key: str, item: int, what: str, **fields: Any) -> Plan:
    """Change fields of item ``item`` of SLA ``index``'s ``key`` (escalation, obligations)."""
    parts = _sla_parts(plan, index, key)
    check_index(tuple(parts), item, ("slas", index, key), what)
    parts[item] = made(("slas", index, key, item), replace, parts[item], **fields)
    return set_sla(plan, index, **{key: tuple(parts)})


def _remove_sla_part(plan: Plan, index: int, key: str, item: int, what: str) -> Plan:
    parts = _sla_parts(plan, index, key)
    check_index(tuple(parts), item, ("slas", index, key), what)
    del parts[item]
    return set_sla(plan, index, **{key: tuple(parts)})


def add_escalation_step(plan: Plan, index: int) -> Plan:
    """A step after the last one (twice as late, or at the end of the response window):
    notify the leader of the role's team."""
    steps = _sla_parts(plan, index, "escalation")
    sla = plan.slas[index]
    after = steps[-1].after_hours * 2 if steps else sla.window_hours
    action = "reassign" if steps else "notify"
    steps.append(
        made(
            ("slas", index, "escalation", len(steps)),
            EscalationStep,
            after_hours=after,
            action=action,
            to=f"{sla.role} team lead",
        )
    )
    return set_sla(plan, index, escalation=tuple(steps))


def set_escalation_step(plan: Plan, index: int, step: int, **fields: Any) -> Plan:
    return _set_sla_part(plan, index, "escalation", step, "escalation step", **fields)


def remove_escalation_step(plan: Plan, index: int, step: int) -> Plan:
    return _remove_sla_part(plan, index, "escalation", step, "escalation step")


def add_obligation(
    plan: Plan,
    index: int,
    text: str = "qualified leads per rep per month",
    amount: float | None = None,
) -> Plan:
    """What the passing side promises in return."""
    obligations = _sla_parts(plan, index, "obligations")
    obligations.append(
        made(
            ("slas", index, "obligations", len(obligations)), Obligation, text=text, amount=amount
        )
    )
    return set_sla(plan, index, obligations=tuple(obligations))


def set_obligation(plan: Plan, index: int, item: int, **fields: Any) -> Plan:
    return _set_sla_part(plan, index, "obligations", item, "obligation", **fields)


def remove_obligation(plan: Plan, index: int, item: int) -> Plan:
    return _remove_sla_part(plan, index, "obligations", item, "obligation")


def add_reason_code(plan: Plan, index: int, code: str) -> Plan:
    codes = _sla_parts(plan, index, "reason_codes")
    return set_sla(plan, index, reason_codes=(*codes, code.strip()))


def remove_reason_code(plan: Plan, index: int, code: str) -> Plan:
    codes = _sla_parts(plan, index, "reason_codes")
    if code not in codes:
        raise refuse(("slas", index, "reason_codes"), f"there is no reason code {code!r}")
    codes.remove(code)
    return set_sla(plan, index, reason_codes=tuple(codes))


__all__ = [
    "add_escalation_step",
    "add_obligation",
    "add_reason_code",
    "add_sla",
    "move_sla",
    "remove_escalation_step",
    "remove_obligation",
    "remove_reason_code",
    "remove_sla",
    "set_escalation_step",
    "set_obligation",
    "set_sla",
    "set_window",
]
