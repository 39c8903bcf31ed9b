"""Edits of a plan's roles, SLAs and business calendar (issue 4) as pure functions.

Each takes a valid plan and returns a new valid plan, or raises PlanInvalid naming the
field (``roles[0].headcount``, ``slas[1].escalation[0].after_hours``,
``calendar.hours``). References follow what they point to: renaming a role renames it in
every SLA and escalation step that names it; removing a role removes the SLAs its reps
keep. The document layer wraps each call in an undoable command.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from alignplanner.domain.calendar import BusinessCalendar
from alignplanner.domain.capacity import Role
from alignplanner.domain.edits import unique_id
from alignplanner.domain.model import Plan
from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.domain.sla import (
    ACCEPT_WITHIN_HOURS,
    DEFAULT_TARGET,
    EscalationStep,
    Obligation,
    Sla,
)

Path = tuple[str | int, ...]
DEFAULT_PER_REP = 180.0
DEFAULT_HANDLE_MINUTES = 12.0
DEFAULT_HEADCOUNT = 4.0
DEFAULT_RAMP = (0.25, 0.5, 0.75)
DEFAULT_WINDOW_HOURS = 4.0


def _refuse(path: Path, message: str) -> PlanInvalid:
    return PlanInvalid([Problem(path, message)])


def _made(path: Path, make: Any, *args: Any, **fields: Any) -> Any:
    """``make(*args, **fields)`` with the problems' paths prefixed by ``path``."""
    try:
        return make(*args, **fields)
    except PlanInvalid as exc:
        raise exc.prefixed(path) from None


def _check_index(items: tuple[Any, ...], index: int, path: Path, what: str) -> None:
    if not 0 <= index < len(items):
        raise _refuse(path, f"there is no {what} {index + 1}")


# -- roles -------------------------------------------------------------------------------


def add_role(plan: Plan, works: str | None = None, name: str = "") -> Plan:
    """A new role with typical values, working ``works`` (default: the first stage no
    role works yet, before the last)."""
    open_stages = [s.id for s in plan.stages[:-1]]
    taken = {r.works for r in plan.roles}
    if works is None:
        works = next((s for s in open_stages if s not in taken), open_stages[0])
    role_id = unique_id([r.id for r in plan.roles], "role")
    role = _made(
        ("roles", len(plan.roles)),
        Role,
        id=role_id,
        works=works,
        per_rep_per_month=DEFAULT_PER_REP,
        handle_minutes=DEFAULT_HANDLE_MINUTES,
        headcount=DEFAULT_HEADCOUNT,
        ramp=DEFAULT_RAMP,
        name=name,
    )
    return replace(plan, roles=(*plan.roles, role))


def remove_role(plan: Plan, index: int) -> Plan:
    """Remove role ``index`` and the SLAs its reps keep."""
    _check_index(plan.roles, index, ("roles",), "role")
    gone = plan.roles[index].id
    roles = plan.roles[:index] + plan.roles[index + 1 :]
    slas = tuple(s for s in plan.slas if s.role != gone)
    return replace(plan, roles=roles, slas=slas)


def set_role(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of role ``index``. A new ``id`` is followed by every SLA (and every
    escalation step addressed to the role). Setting ``quota_per_month`` clears
    ``per_rep_per_month`` and the other way round, so a role switches kind in one edit."""
    _check_index(plan.roles, index, ("roles",), "role")
    role = plan.roles[index]
    if fields.get("quota_per_month") is not None and "per_rep_per_month" not in fields:
        fields["per_rep_per_month"] = None
    if fields.get("per_rep_per_month") is not None and "quota_per_month" not in fields:
        fields["quota_per_month"] = None
        fields.setdefault("attainment", 1.0)
    new_role = _made(("roles", index), replace, role, **fields)
    roles = list(plan.roles)
    roles[index] = new_role
    if new_role.id == role.id:
        return replace(plan, roles=tuple(roles))
    if new_role.id in {r.id for r in plan.roles}:
        raise _refuse(("roles", index, "id"), f"role id {new_role.id!r} is already used")
    slas = tuple(_role_renamed(s, role.id, new_role.id) for s in plan.slas)
    return replace(plan, roles=tuple(roles), slas=slas)


def _role_renamed(sla: Sla, old: str, new: str) -> Sla:
    steps = tuple(replace(st, to=new) if st.to == old else st for st in sla.escalation)
    return replace(sla, role=new if sla.role == old else sla.role, escalation=steps)


def set_hires(plan: Plan, index: int, month: int, count: float) -> Plan:
    """New reps starting in plan ``month`` (0-based); the list grows as needed and loses
    trailing zeros."""
    _check_index(plan.roles, index, ("roles",), "role")
    if not 0 <= month < plan.months:
        raise _refuse(("roles", index, "hires"), f"the plan has no month {month + 1}")
    hires = list(plan.roles[index].hires)
    hires += [0.0] * (month + 1 - len(hires))
    hires[month] = count
    while hires and hires[-1] == 0:
        hires.pop()
    return set_role(plan, index, hires=tuple(hires))


# -- SLAs --------------------------------------------------------------------------------


def add_sla(plan: Plan, role: str | None = None) -> Plan:
    """A new SLA on the entries a role works (default: the first role without an SLA),
    handed to the next stage, with typical windows (4 business hours, 95%, accept or
    reject within one working day)."""
    if not plan.roles:
        raise _refuse(("slas",), "add a role first: an SLA needs the reps who keep it")
    used = {s.role for s in plan.slas}
    if role is None:
        role = next((r.id for r in plan.roles if r.id not in used), plan.roles[0].id)
    try:
        the_role = plan.role(role)
    except KeyError:
        raise _refuse(("slas", len(plan.slas), "role"), f"role {role!r} does not exist") from None
    at = plan.stage_index(the_role.works)
    sla_id = unique_id([s.id for s in plan.slas], f"{the_role.works}-first-touch")
    sla = _made(
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
    _check_index(plan.slas, index, ("slas",), "SLA")
    return replace(plan, slas=plan.slas[:index] + plan.slas[index + 1 :])


def set_sla(plan: Plan, index: int, **fields: Any) -> Plan:
    """Change fields of SLA ``index``. Giving ``respond_within_hours`` clears the minutes
    and the other way round (an SLA has one first-response window)."""
    _check_index(plan.slas, index, ("slas",), "SLA")
    if fields.get("respond_within_hours") is not None:
        fields.setdefault("respond_within_minutes", None)
    if fields.get("respond_within_minutes") is not None:
        fields.setdefault("respond_within_hours", None)
    if "reason_codes" in fields:
        fields["reason_codes"] = tuple(fields["reason_codes"])
    new = _made(("slas", index), replace, plan.slas[index], **fields)
    if new.id != plan.slas[index].id and new.id in {s.id for s in plan.slas}:
        raise _refuse(("slas", index, "id"), f"SLA id {new.id!r} is already used")
    slas = list(plan.slas)
    slas[index] = new
    return replace(plan, slas=tuple(slas))


def move_sla(plan: Plan, index: int, from_stage: str) -> Plan:
    """The SLA on entries into ``from_stage`` instead: kept by the role that works that
    stage (if one does), handed to the next stage when its receiving stage no longer lies
    after it, and recycled to ``from_stage`` when its recycle stage lies below it."""
    _check_index(plan.slas, index, ("slas",), "SLA")
    sla = plan.slas[index]
    if from_stage not in plan.stage_ids[:-1]:
        raise _refuse(
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
    raise _refuse(
        ("slas", index, "respond_within_hours"),
        f'the window is in "hours" or "minutes", not {unit!r}',
    )


def _sla_parts(plan: Plan, index: int, key: str) -> list[Any]:
    _check_index(plan.slas, index, ("slas",), "SLA")
    return list(getattr(plan.slas[index], key))


def _set_sla_part(plan: Plan, index: int, key: str, item: int, what: str, **fields: Any) -> Plan:
    """Change fields of item ``item`` of SLA ``index``'s ``key`` (escalation, obligations)."""
    parts = _sla_parts(plan, index, key)
    _check_index(tuple(parts), item, ("slas", index, key), what)
    parts[item] = _made(("slas", index, key, item), replace, parts[item], **fields)
    return set_sla(plan, index, **{key: tuple(parts)})


def _remove_sla_part(plan: Plan, index: int, key: str, item: int, what: str) -> Plan:
    parts = _sla_parts(plan, index, key)
    _check_index(tuple(parts), item, ("slas", index, key), what)
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
        _made(
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
        _made(
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
        raise _refuse(("slas", index, "reason_codes"), f"there is no reason code {code!r}")
    codes.remove(code)
    return set_sla(plan, index, reason_codes=tuple(codes))


# -- calendar ----------------------------------------------------------------------------


def set_calendar(plan: Plan, **fields: Any) -> Plan:
    """Change the time zone, workdays, hours or holidays (lists are kept sorted and
    without repeats where order carries no meaning)."""
    if "holidays" in fields and isinstance(fields["holidays"], list | tuple):
        days = fields["holidays"]
        if all(type(d) is date for d in days):
            fields["holidays"] = tuple(sorted(set(days)))
    for key in ("workdays", "hours"):
        if isinstance(fields.get(key), list):
            fields[key] = tuple(fields[key])
    calendar = _made(("calendar",), replace, plan.calendar, **fields)
    return replace(plan, calendar=calendar)


def set_workday(plan: Plan, day: str, working: bool) -> Plan:
    """Make ``day`` ("mon" .. "sun") a workday or not, keeping the week's order."""
    from alignplanner.domain.calendar import DAY_NAMES

    if day not in DAY_NAMES:
        raise _refuse(("calendar", "workdays"), f"{day!r} is not one of {', '.join(DAY_NAMES)}")
    days = set(plan.calendar.workdays) - {day}
    if working:
        days.add(day)
    return set_calendar(plan, workdays=tuple(d for d in DAY_NAMES if d in days))


def add_holiday(plan: Plan, day: date) -> Plan:
    return set_calendar(plan, holidays=(*plan.calendar.holidays, day))


def remove_holiday(plan: Plan, day: date) -> Plan:
    if day not in plan.calendar.holidays:
        raise _refuse(("calendar", "holidays"), f"{day} is not a holiday of this plan")
    return set_calendar(plan, holidays=tuple(d for d in plan.calendar.holidays if d != day))


__all__ = [
    "BusinessCalendar",
    "add_escalation_step",
    "add_holiday",
    "add_obligation",
    "add_reason_code",
    "add_role",
    "add_sla",
    "remove_escalation_step",
    "remove_holiday",
    "remove_obligation",
    "remove_reason_code",
    "remove_role",
    "remove_sla",
    "set_calendar",
    "set_escalation_step",
    "set_hires",
    "set_obligation",
    "set_role",
    "set_sla",
    "set_window",
    "set_workday",
]
