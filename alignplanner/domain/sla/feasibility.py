"""Monthly feasibility of an SLA: can the planned team keep the promise, month by month?

A month's entries into the stage arrive evenly (as a Poisson stream) over that month's
business hours; the reps of the role that works the stage answer them one at a time,
``handle_minutes`` each, during business hours only; the response window is business
time. Reps are taken to be on first responses whenever they are free: the model tells
whether the promise is possible at all with the planned team, not how the team splits
its day. The queue itself is `alignplanner.domain.sla.erlang`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from alignplanner.domain import wording
from alignplanner.domain.checks import plain_floats
from alignplanner.domain.sla.erlang import (
    MAX_LOAD,
    checked,
    checked_target,
    staffing,
    whole_servers,
)


@dataclass(frozen=True)
class SlaMonth:
    """Feasibility of one SLA in one plan month. ``message`` (the finding in plain words)
    is made when first asked for: most months are never read out."""

    entries: float  # arrivals this month (entries into the SLA's from-stage)
    business_hours: float  # open hours of the month they arrive in
    effective_reps: float  # ramped reps of the role, as planned
    servers: int  # whole reps who can answer at once (effective reps rounded down)
    arrivals_per_hour: float  # entries / business hours (inf when there are none)
    load: float  # offered load in Erlangs (reps kept busy on average)
    utilisation: float  # load / servers; >= 1 means the SLA cannot be met at all
    service_level: float  # share answered within the window with the planned servers
    target: float  # the share the SLA promises
    reps_needed: int | None  # fewest whole reps that keep the promise; None: none can
    feasible: bool  # service_level reaches the target with the planned servers
    handle_minutes: float = field(default=0.0, repr=False)
    words: wording.SlaWords = field(default=wording.SLA_WORDS, repr=False, compare=False)

    @cached_property
    def message(self) -> str:
        """The finding in plain words."""
        return wording.sla_month(self, self.words, max_load=MAX_LOAD)


def _month(entries: float, hours: float, reps: float, *, handle_minutes: float,
           window_over_handle: float, target: float, words: wording.SlaWords) -> SlaMonth:
    servers = whole_servers(reps)
    if entries == 0:
        rate = load = utilisation = 0.0
        level, needed, feasible = 1.0, 0, True
    elif hours == 0:
        rate = load = utilisation = math.inf
        level, needed, feasible = 0.0, None, False
    else:
        rate = entries / hours
        load = rate * handle_minutes / 60.0
        utilisation = load / servers if servers else math.inf
        if load > MAX_LOAD:
            level, needed, feasible = 0.0, None, False
        else:
            needed, level = staffing(load, window_over_handle, target, servers)
            feasible = servers >= needed
    return SlaMonth(entries, hours, reps, servers, rate, load, utilisation, level, target,
                    needed, feasible, handle_minutes, words)


def _per_month(values: Sequence[float] | float, months: int, what: str) -> list[float]:
    if not isinstance(values, Sequence):
        return [checked(values, what)] * months
    # what the engine passes, plain finite floats, has nothing to convert
    out = list(values) if plain_floats(values) else [checked(v, what) for v in values]
    if len(out) != months:
        raise ValueError(f"{what} needs one value per month ({months}), got {len(out)}")
    return out


def sla_feasibility(
    monthly_entries: Sequence[float],
    business_hours_per_month: Sequence[float] | float,
    effective_reps: Sequence[float] | float,
    *,
    handle_minutes: float,
    window_hours: float,
    target: float,
    reps_label: str = "reps",
    units_label: str = "leads",
    response_label: str = "a first response",
) -> list[SlaMonth]:
    """Per month: the service level the planned reps reach against ``target``, the fewest
    reps that reach it, and a sentence saying so (see the module notes for the model).
    The three floats after the monthly series are keyword-only, so that a handle time
    can never be passed as a window.

    ``business_hours_per_month`` and ``effective_reps`` take one value per month or one
    value for all. Labels are plural nouns for the message ("SDRs", "MQLs"; the singular
    drops a final s) and the response promised ("a first call").
    """
    entries = _per_month(monthly_entries, len(monthly_entries), "monthly entries")
    months = len(entries)
    hours = _per_month(business_hours_per_month, months, "business hours per month")
    reps = _per_month(effective_reps, months, "effective reps")
    handle = checked(handle_minutes, "handle minutes", positive=True)
    window = checked(window_hours, "window hours")
    t = checked_target(target)
    words = wording.sla_words(reps_label, units_label, response_label, window)
    w = window / (handle / 60.0)
    return [_month(e, bh, r, handle_minutes=handle, window_over_handle=w, target=t,
                   words=words)
            for e, bh, r in zip(entries, hours, reps, strict=True)]


__all__ = ["SlaMonth", "sla_feasibility"]
