"""Read ``[calendar]``, ``[[roles]]`` and ``[[slas]]`` of a raw plan dict, and a stage's
``stale_after_days``: type checks first, then the domain values (see docs/plan-file.md).

`TOP_KEYS` and `STAGE_KEYS` are the keys this part adds to the plan and to a stage;
`plan_values` and `stage_values` the fields it gives the `Plan` and each `Stage`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from alignplanner.contract.read.checks import Checker, array_of_tables, kind_of, make
from alignplanner.domain.problems import Path
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import EscalationStep, Obligation, Sla
from alignplanner.domain.team.role import Role

__all__ = [
    "CALENDAR_KEYS",
    "ESCALATION_KEYS",
    "OBLIGATION_KEYS",
    "ROLE_KEYS",
    "SLA_KEYS",
    "STAGE_KEYS",
    "TOP_KEYS",
    "plan_values",
    "stage_values",
]

TOP_KEYS: tuple[str, ...] = ("calendar", "roles", "slas")
STAGE_KEYS: tuple[str, ...] = ("stale_after_days",)
CALENDAR_KEYS = ("timezone", "workdays", "hours", "holidays")
ROLE_KEYS = (
    "id",
    "name",
    "works",
    "per_rep_per_month",
    "quota_per_month",
    "attainment",
    "handle_minutes",
    "headcount",
    "ramp",
    "hires",
    "attrition",
)
SLA_KEYS = (
    "id",
    "name",
    "from",
    "to",
    "role",
    "respond_within_hours",
    "respond_within_minutes",
    "target",
    "accept_within_hours",
    "reason_codes",
    "on_lapse",
    "attempts",
    "attempts_within_days",
    "recycle_to",
    "nurture_days",
    "response",
    "escalation",
    "obligations",
)
ESCALATION_KEYS = ("after_hours", "action", "to")
OBLIGATION_KEYS = ("text", "amount")

def stage_values(c: Checker, s: Mapping[str, Any], p: Path) -> dict[str, Any]:
    """The fields of one ``[[stages]]`` table that this part reads."""
    return {"stale_after_days": c.number(s, "stale_after_days", p)}


def plan_values(raw: Mapping[str, Any], c: Checker) -> dict[str, Any]:
    """``calendar``, ``roles`` and ``slas`` for the Plan, each checked."""
    return {"calendar": _calendar(raw, c), "roles": _roles(raw, c), "slas": _slas(raw, c)}


# -- type checks ------------------------------------------------------------------------


def _dates(c: Checker, t: Mapping[str, Any], key: str, p: Path) -> tuple[date, ...]:
    value = t.get(key)
    if not isinstance(value, list):
        c.add((*p, key), f"must be an array of dates such as [2027-01-01], got {kind_of(value)}")
        return ()
    out = []
    for i, item in enumerate(value):
        if isinstance(item, date) and not isinstance(item, datetime):
            out.append(item)
        else:
            c.add(
                (*p, key, i),
                f"must be a date such as 2027-01-01 (no quotes, no time), got {kind_of(item)}",
            )
    return tuple(out)


def _optional_int(c: Checker, t: Mapping[str, Any], key: str, p: Path) -> int | None:
    if key not in t:
        return None
    value = t[key]
    if isinstance(value, bool) or not isinstance(value, int):
        c.add((*p, key), f"must be a whole number such as 6, got {kind_of(value)}")
        return None
    return value


def _optional_text(c: Checker, t: Mapping[str, Any], key: str, p: Path) -> str | None:
    return c.text(t, key, p, bad="?") if key in t else None


def _nested_tables(
    t: Mapping[str, Any], key: str, p: Path, c: Checker
) -> list[tuple[Path, dict[str, Any]]]:
    """The tables of ``[[slas.KEY]]`` under one ``[[slas]]`` entry, with their paths."""
    if key not in t:
        return []
    value = t[key]
    header = f"[[{p[0]}.{key}]]"
    if not isinstance(value, list):
        c.add((*p, key), f"must be a list of {header} tables, got {kind_of(value)}")
        return []
    out: list[tuple[Path, dict[str, Any]]] = []
    for i, item in enumerate(value):
        if isinstance(item, dict):
            out.append(((*p, key, i), item))
        else:
            c.add((*p, key, i), f"must be a table (a {header} entry), got {kind_of(item)}")
    return out


# -- [calendar] -------------------------------------------------------------------------


def _calendar(raw: Mapping[str, Any], c: Checker) -> BusinessCalendar:
    p: Path = ("calendar",)
    t = c.table(raw, "calendar", p, required=False, what="")
    if t is None:
        return BusinessCalendar()
    c.keys(t, p, CALENDAR_KEYS)
    default = BusinessCalendar()
    values: dict[str, Any] = {
        "timezone": c.text(t, "timezone", p, default=default.timezone, bad="UTC"),
        "workdays": c.texts(t, "workdays", p, what="day names")
        if "workdays" in t
        else default.workdays,
        "hours": c.texts(t, "hours", p, what='times such as "09:00"')
        if "hours" in t
        else default.hours,
        "holidays": _dates(c, t, "holidays", p) if "holidays" in t else (),
    }
    return make(c, p, BusinessCalendar, **values)


# -- [[roles]] --------------------------------------------------------------------------


def _roles(raw: Mapping[str, Any], c: Checker) -> tuple[Role, ...]:
    out: list[Role] = []
    for p, r in array_of_tables(raw, "roles", c, required=False, example=""):
        c.keys(r, p, ROLE_KEYS)
        attainment = c.number(r, "attainment", p)
        handle = c.number(r, "handle_minutes", p)
        attrition = c.number(r, "attrition", p)
        out.append(
            make(
                c,
                p,
                Role,
                id=c.text(r, "id", p, required=True, bad=f"?{p[1]}"),
                name=c.text(r, "name", p),
                works=c.text(r, "works", p, required=True, bad="?"),
                per_rep_per_month=c.number(r, "per_rep_per_month", p),
                quota_per_month=c.number(r, "quota_per_month", p),
                attainment=1.0 if attainment is None else attainment,
                handle_minutes=0.0 if handle is None else handle,
                headcount=c.number(r, "headcount", p, required=True),
                ramp=c.numbers(r, "ramp", p) or (),
                hires=c.numbers(r, "hires", p) or (),
                attrition=0.0 if attrition is None else attrition,
            )
        )
    return tuple(out)


# -- [[slas]] ---------------------------------------------------------------------------


def _slas(raw: Mapping[str, Any], c: Checker) -> tuple[Sla, ...]:
    out: list[Sla] = []
    for p, s in array_of_tables(raw, "slas", c, required=False, example=""):
        c.keys(s, p, SLA_KEYS)
        target = c.number(s, "target", p)
        out.append(
            make(
                c,
                p,
                Sla,
                id=c.text(s, "id", p, required=True, bad=f"?{p[1]}"),
                name=c.text(s, "name", p),
                from_stage=c.text(s, "from", p, required=True, bad="?"),
                to_stage=c.text(s, "to", p, required=True, bad="?"),
                role=c.text(s, "role", p, required=True, bad="?"),
                respond_within_hours=c.number(s, "respond_within_hours", p),
                respond_within_minutes=c.number(s, "respond_within_minutes", p),
                target=0.95 if target is None else target,
                accept_within_hours=c.number(s, "accept_within_hours", p),
                reason_codes=c.texts(s, "reason_codes", p, what="reason codes"),
                on_lapse=c.text(s, "on_lapse", p, default="accept", bad="accept"),
                attempts=_optional_int(c, s, "attempts", p),
                attempts_within_days=c.number(s, "attempts_within_days", p),
                recycle_to=_optional_text(c, s, "recycle_to", p),
                nurture_days=c.number(s, "nurture_days", p),
                escalation=_escalation(s, p, c),
                response=c.text(s, "response", p),
                obligations=_obligations(s, p, c),
            )
        )
    return tuple(out)


def _escalation(s: Mapping[str, Any], p: Path, c: Checker) -> tuple[EscalationStep, ...]:
    out: list[EscalationStep] = []
    for path, e in _nested_tables(s, "escalation", p, c):
        c.keys(e, path, ESCALATION_KEYS)
        out.append(
            make(
                c,
                path,
                EscalationStep,
                after_hours=c.number(e, "after_hours", path, required=True),
                action=c.text(e, "action", path, default="notify", bad="notify"),
                to=c.text(e, "to", path, required=True, bad="?"),
            )
        )
    return tuple(out)


def _obligations(s: Mapping[str, Any], p: Path, c: Checker) -> tuple[Obligation, ...]:
    out: list[Obligation] = []
    for path, o in _nested_tables(s, "obligations", p, c):
        c.keys(o, path, OBLIGATION_KEYS)
        out.append(
            make(
                c,
                path,
                Obligation,
                text=c.text(o, "text", path, required=True, bad="?"),
                amount=c.number(o, "amount", path),
            )
        )
    return tuple(out)
