"""SLA feasibility as a queue: Erlang C (M/M/N), funnel-math section 6.

Units are explicit in every name: arrival rates per (business) hour, handle times in
minutes, response windows in (business) hours. The offered load in Erlangs is
``a = arrival_rate_per_hour * handle_minutes / 60``: the number of reps kept busy on
average. With N reps answering:

- ``erlang_c(N, a)`` is the probability that a new lead has to wait for a free rep;
- the service level is ``P(wait <= W) = 1 - C(N, a) * exp(-(N - a) * W / h)`` with the
  window W and the handle time h in the same unit;
- utilisation is ``a / N``. At 1 or more the queue grows without end: no window can be
  kept, whatever its length; the service level is reported as 0.

Erlang C is computed from the Erlang B recursion ``B(0) = 1, B(k) = a B(k-1) / (k + a
B(k-1))`` and ``C = N B / (N - a (1 - B))``, which never forms a^N or N! and so stays
accurate for thousands of servers.

Fractional reps: a ramped team of 4.6 reps is counted as 4 servers (``whole_servers``):
part of a rep cannot pick up a lead, so the whole reps are what can answer at once. This
errs on the side of caution (the SLA is called feasible only when it is).

Monthly feasibility (``sla_feasibility``): a month's entries into the stage arrive
evenly (as a Poisson stream) over that month's business hours; the reps of the role that
works the stage answer them one at a time, ``handle_minutes`` each, during business hours
only; the response window is business time. Reps are taken to be on first responses
whenever they are free: the model tells whether the promise is possible at all with the
planned team, not how the team splits its day.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

#: Effective reps within this of the next whole number count as that whole number
#: (ramp factors times survival rates rarely add up to an exact integer in floating point).
WHOLE_TOLERANCE = 1e-9
#: Offered loads above this (reps kept busy at once) are not worked out: no sales team is
#: that large, so such a month means mistyped volumes or handle times. Keeps every check
#: fast (Erlang B takes one step per server): even a hostile plan of 100 SLAs over 120
#: months stays within seconds, where 10,000 took a quarter of a minute per recompute.
MAX_LOAD = 1_000.0
#: A planned team's service level is exactly 1.0, without the walk up to it, when a bound
#: on what 1.0 less the level would be is at most this (see `_smallest_and_level`).
SATURATED = 2.0**-56


def _check(value: float, what: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number, got {value!r}")
    x = float(value)
    if not math.isfinite(x) or x < 0 or (positive and x == 0):
        need = "above zero" if positive else "zero or more"
        raise ValueError(f"{what} must be a finite number {need}, got {value!r}")
    return x


def _check_servers(servers: int) -> int:
    if isinstance(servers, bool) or not isinstance(servers, int) or servers < 0:
        raise ValueError(f"servers must be a whole number >= 0, got {servers!r}")
    return servers


def _check_target(target: float) -> float:
    t = _check(target, "target")
    if not 0 < t < 1:
        raise ValueError(f"target must be a share above 0 and below 1, got {target!r}")
    return t


def erlang_b(servers: int, load: float) -> float:
    """Blocking probability of an M/M/N/N system (Erlang B), by the stable recursion."""
    return _erlang_b(_check_servers(servers), _check(load, "load"))


def _erlang_b(n: int, a: float) -> float:
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
        if b == 0.0:  # underflow: it stays 0 for every larger team (a huge team, a tiny load)
            break
    return b


def _c_from_b(n: int, a: float, b: float) -> float:
    return n * b / (n - a * (1.0 - b))


def erlang_c(servers: int, load: float) -> float:
    """Probability that an arrival has to wait (Erlang C) with ``servers`` servers and an
    offered load of ``load`` Erlangs; 1.0 when ``load >= servers`` (the queue never
    empties), 0.0 when there is no load and at least one server."""
    n, a = _check_servers(servers), _check(load, "load")
    if n == 0 or a >= n:
        return 1.0
    if a == 0:
        return 0.0
    return _c_from_b(n, a, _erlang_b(n, a))


def offered_load(arrival_rate_per_hour: float, handle_minutes: float) -> float:
    """Offered load in Erlangs: arrivals per hour times hours of work per arrival."""
    rate = _check(arrival_rate_per_hour, "arrival rate per hour")
    return rate * _check(handle_minutes, "handle minutes") / 60.0


def _sl(n: int, a: float, c: float, window_over_handle: float) -> float:
    sl = 1.0 - c * math.exp(-(n - a) * window_over_handle)
    return min(1.0, max(0.0, sl))


def service_level(
    servers: int, arrival_rate_per_hour: float, handle_minutes: float, window_hours: float
) -> float:
    """Share of arrivals answered within ``window_hours``: ``1 - C(N, a) exp(-(N - a) W /
    h)``. 1.0 with no load; 0.0 when the load is at or above the servers (utilisation >=
    1: waits grow without end)."""
    n = _check_servers(servers)
    a = offered_load(arrival_rate_per_hour, handle_minutes)
    w = _check(window_hours, "window hours")
    if a == 0:
        return 1.0
    if a >= n:
        return 0.0
    return _sl(n, a, erlang_c(n, a), w / (handle_minutes / 60.0))


def _first_stable(a: float) -> tuple[int, float]:
    """The fewest servers above the load, and Erlang B for them."""
    n = math.floor(a) + 1
    return n, _erlang_b(n, a)


@lru_cache(maxsize=4096)  # SLAs that share a queue ask the same question each month
def _smallest(a: float, window_over_handle: float, target: float) -> int:
    n, b = _first_stable(a)
    while _sl(n, a, _c_from_b(n, a, b), window_over_handle) < target:
        n += 1
        b = a * b / (n + a * b)
    return n


def smallest_servers(
    arrival_rate_per_hour: float, handle_minutes: float, window_hours: float, target: float
) -> int:
    """The fewest servers whose service level reaches ``target`` (0 when nothing
    arrives). ``target`` is a share strictly between 0 and 1."""
    a = offered_load(arrival_rate_per_hour, handle_minutes)
    w = _check(window_hours, "window hours")
    t = _check_target(target)
    if a == 0:
        return 0
    return _smallest(a, w / (handle_minutes / 60.0), t)


def whole_servers(effective_reps: float) -> int:
    """Whole reps who can answer at once: the effective (ramped) reps rounded down, so
    4.6 ramped reps are 4 servers (4.9999999999 from float sums counts as 5)."""
    x = _check(effective_reps, "effective reps")
    return math.floor(x + WHOLE_TOLERANCE)


@dataclass(frozen=True)
class _Words:
    reps: str
    rep: str
    units: str
    unit: str
    response: str
    window: str


def _singular(plural: str) -> str:
    return plural[:-1] if plural.endswith("s") and len(plural) > 1 else plural


def _window_words(hours: float) -> str:
    if hours == 0:
        return "without waiting"
    if hours < 1:
        minutes = hours * 60
        if math.isclose(minutes, round(minutes), abs_tol=1e-9):
            m = round(minutes)
            return f"within {m} minute{'' if m == 1 else 's'}"
        return f"within {minutes:.3g} minutes"
    if math.isclose(hours, round(hours), abs_tol=1e-9):
        h = round(hours)
        return f"within {h} hour{'' if h == 1 else 's'}"
    return f"within {hours:.3g} hours"


_DEFAULT_WORDS = _Words("reps", "rep", "leads", "lead", "a first response", "within the window")


def _pct(share: float) -> str:
    return f"{round(share * 100, 2):g}%"


def _achieved_pct(share: float, target: float) -> str:
    """Rounded down, never overstated, to as many decimals as the target shows."""
    shown = _pct(target)
    decimals = len(shown[:-1].partition(".")[2])
    scale = 10**decimals
    return f"{math.floor(share * 100 * scale + 1e-9) / scale:.{decimals}f}%"


def _count(x: float, one: str, many: str) -> str:
    if math.isclose(x, round(x), abs_tol=1e-9):
        n = round(x)
        return f"{n:,} {one if n == 1 else many}"
    return f"{x:,.1f} {many}"


def _reps(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _team(servers: int, reps: float, words: _Words) -> str:
    team = _count(servers, words.rep, words.reps)
    if reps - servers > 1e-6:
        team += f" able to answer ({_reps(reps)} ramped)"
    return team


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
    words: _Words | None = field(default=None, repr=False, compare=False)

    @cached_property
    def message(self) -> str:
        """The finding in plain words."""
        return _message(self, self.words or _DEFAULT_WORDS)


def _months(
    entries: Sequence[float],
    hours: Sequence[float],
    reps: Sequence[float],
    *,
    handle_minutes: float,
    window_hours: float,
    target: float,
    words: _Words,
) -> list[SlaMonth]:
    """The months of `sla_feasibility`, its arguments checked already, in one loop.

    Each month is made without the dataclass's ``__init__``, its fields given as one
    dict (in field order): a frozen dataclass sets each of its 13 fields by
    ``object.__setattr__``, which made building the months (252 a compute on the stress
    plan) the larger part of the SLA checks. It is the same month, read as fast:
    tests/domain/test_erlang_fast.py checks its fields, in order, against the
    constructor's. What is the same for every month (the handle time in hours, the
    window over it, the functions) is looked up or worked out once, by the same
    operations."""
    h = handle_minutes / 60.0
    w = window_hours / h
    floor, inf, walk, smallest = math.floor, math.inf, _smallest_and_level, _smallest
    new, assign = object.__new__, object.__setattr__
    out = []
    for e, bh, r in zip(entries, hours, reps, strict=True):
        servers = floor(r + WHOLE_TOLERANCE)  # whole_servers, without the check again
        if e == 0:
            rate = load = utilisation = 0.0
            level, needed, feasible = 1.0, 0, True
        elif bh == 0:
            rate = load = utilisation = inf
            level, needed, feasible = 0.0, None, False
        else:
            rate = e / bh
            load = rate * h
            utilisation = load / servers if servers else inf
            if load > MAX_LOAD:
                level, needed, feasible = 0.0, None, False
            elif servers == 0 or load >= servers:
                level, needed, feasible = 0.0, smallest(load, w, target), False
            else:
                needed, level = walk(load, w, target, servers)
                feasible = servers >= needed
        month = new(SlaMonth)
        assign(month, "__dict__", {
            "entries": e, "business_hours": bh, "effective_reps": r,
            "servers": servers, "arrivals_per_hour": rate, "load": load,
            "utilisation": utilisation, "service_level": level, "target": target,
            "reps_needed": needed, "feasible": feasible, "handle_minutes": handle_minutes,
            "words": words,
        })
        out.append(month)
    return out


@lru_cache(maxsize=4096)
def _smallest_and_level(a: float, window_over_handle: float, target: float,
                        servers: int) -> tuple[int, float]:
    """(`_smallest`, the service level of ``servers`` whole servers) in one walk up the
    Erlang B recursion, for ``servers > a``: the same operations in the same order as
    ``_smallest(a, ...)`` and ``_sl(servers, a, _c_from_b(servers, a, _erlang_b(servers,
    a)), ...)``, so the same numbers to the last bit (Erlang B at n is the recursion's
    n-th step whichever way it is reached; past an underflow to 0 it stays 0).

    Written out, calls and all: every month of every SLA walks it when the volumes are
    new (a third of such a compute on the stress plan, and 40% less so). `_first_stable`
    and `_erlang_b` start it; each level is `_sl` of `_c_from_b`, their operations in
    their order, with ``min(1.0, max(0.0, sl))`` as the two comparisons it makes (the
    same value for -0.0 and NaN too).

    Past the fewest servers (n, Erlang B ``b`` there) the walk goes on to the planned
    team N only for its service level ``1.0 - x``, ``x = N b_N / (N - a (1 - b_N)) *
    exp(-(N - a) w)``. That level is exactly 1.0 when the x the walk would compute is at
    most 2^-54 (``1.0 - x`` rounds to 1.0; halfway rounds to even, which is 1.0), and
    this is certain, without the steps, when ``N b / (N - a) * exp(-(N - a) w)`` (as
    computed) is at most SATURATED = 2^-56. With u = 2^-53:

    - each step ``b_k = a b / (k + a b)`` as rounded is at most ``b (a / k) (1 + u)^2``
      (the product rounds up by at most 1 + u, the sum is at least k, the quotient rounds
      up by at most 1 + u), and ``a / k < a / (a + 1)`` (k >= n + 1 > a + 1) keeps that
      factor below 1 for any load below 2^52: so b_N <= b;
    - the walk's denominator is at least ``N - a`` as rounded (``1 - b_N <= 1``, so
      ``a (1 - b_N) <= a``, and rounding is monotone); the exponential is the same
      number (the same expression; `wait` is it); the walk's three other roundings go up
      by at most 1 + u each, the bound's three go down by at most 1 - u each.

    So the walk's x is at most the bound times ((1 + u) / (1 - u))^3 < 1 + 7u, below
    2^-54 when the bound is at most 2^-56 (where a value underflows the error is
    absolute, hundreds of binades below that). On the stress plan this leaves out nine
    in ten steps past the fewest servers: a large team is mostly far past its promise."""
    exp = math.exp
    n = math.floor(a) + 1  # the fewest servers above the load, and Erlang B for them
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
        if b == 0.0:
            break
    level = -1.0
    while True:
        sl = 1.0 - n * b / (n - a * (1.0 - b)) * exp(-(n - a) * window_over_handle)
        sl = sl if sl > 0.0 else 0.0
        sl = sl if sl < 1.0 else 1.0
        if n == servers:
            level = sl
        if sl >= target:
            break
        n += 1
        b = a * b / (n + a * b)
    smallest = n
    if level >= 0.0:
        return smallest, level
    # more servers than the promise needs: on up to the planned team, unless its level
    # is 1.0 for certain (see above)
    wait = exp(-(servers - a) * window_over_handle)  # the walk's own factor at the team
    if servers * b / (servers - a) * wait <= SATURATED:
        return smallest, 1.0
    while n < servers:
        n += 1
        b = a * b / (n + a * b)
    sl = 1.0 - n * b / (n - a * (1.0 - b)) * wait
    sl = sl if sl > 0.0 else 0.0
    return smallest, sl if sl < 1.0 else 1.0


def _message(m: SlaMonth, words: _Words) -> str:
    """The sentence for month ``m`` (the branches of `_months`, in the same order)."""
    units = _count(m.entries, words.unit, words.units)
    need_words = f"the SLA promises {_pct(m.target)}"
    if m.entries == 0:
        return f"No {words.units} are expected this month, so there is nothing to answer."
    if m.business_hours == 0:
        return (
            f"This month has no business hours, so none of its {units} can get "
            f"{words.response} {words.window}."
        )
    if m.load > MAX_LOAD:
        return (
            f"{units} a month at {m.handle_minutes:g} minutes each would keep more than "
            f"{MAX_LOAD:,.0f} {words.reps} busy at once; check the volumes and the "
            "handle time."
        )
    if m.servers == 0:
        who = (
            f"no {words.rep} able to answer ({_reps(m.effective_reps)} ramped)"
            if m.effective_reps > 0
            else f"no {words.reps}"
        )
        return (
            f"With {who}, none of the {units} a month get {words.response} "
            f"{words.window}; {need_words}: you need {m.reps_needed}."
        )
    team = _team(m.servers, m.effective_reps, words)
    if m.load >= m.servers:
        short = m.entries * m.handle_minutes / 60.0 - m.servers * m.business_hours
        return (
            f"{team[0].upper()}{team[1:]} cannot keep up with {units} a month at "
            f"{m.handle_minutes:g} minutes each: they would need "
            f"{_count(max(short, 0.0), 'hour', 'hours')} a month more than they have; "
            f"no response window can be met. You need {m.reps_needed}."
        )
    said = (
        f"With {team}, {_achieved_pct(m.service_level, m.target)} of {words.units} get "
        f"{words.response} {words.window}; {need_words}"
    )
    return said + (": met." if m.feasible else f": you need {m.reps_needed}.")


def plain_floats(values: Sequence[float]) -> bool:
    """Every value a float (not an int, not a bool), finite and not negative: in C loops
    (a NaN or an infinity makes the sum not finite; so may a huge sum, which only sends
    the values the long way round)."""
    return (bool(values) and set(map(type, values)) == {float}
            and math.isfinite(sum(values)) and min(values) >= 0.0)


def _per_month(values: Sequence[float] | float, months: int, what: str) -> list[float]:
    if not isinstance(values, Sequence):
        return [_check(values, what)] * months
    # what the engine passes, plain finite floats, has nothing to convert
    out = list(values) if plain_floats(values) else [_check(v, what) for v in values]
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
    handle = _check(handle_minutes, "handle minutes", positive=True)
    window = _check(window_hours, "window hours")
    t = _check_target(target)
    words = _Words(
        reps_label,
        _singular(reps_label),
        units_label,
        _singular(units_label),
        response_label,
        _window_words(window),
    )
    return _months(entries, hours, reps, handle_minutes=handle, window_hours=window, target=t,
                   words=words)


__all__ = [
    "SlaMonth",
    "erlang_b",
    "erlang_c",
    "offered_load",
    "plain_floats",
    "service_level",
    "sla_feasibility",
    "smallest_servers",
    "whole_servers",
]
