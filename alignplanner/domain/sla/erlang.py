"""Erlang C (M/M/N): how many arrivals a team of N answers within a window, funnel-math
section 6.

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
"""

from __future__ import annotations

import math

#: Effective reps within this of the next whole number count as that whole number
#: (ramp factors times survival rates rarely add up to an exact integer in floating point).
WHOLE_TOLERANCE = 1e-9
#: Offered loads above this (reps kept busy at once) are not worked out: no sales team is
#: that large, so such a month means mistyped volumes or handle times. Keeps every check
#: fast (Erlang B takes one step per server): even a hostile plan of 100 SLAs over 120
#: months stays within seconds, where 10,000 took a quarter of a minute per recompute.
MAX_LOAD = 1_000.0


def checked(value: float, what: str, *, positive: bool = False) -> float:
    """``value`` as a float; TypeError unless a number, ValueError unless finite and at
    least 0 (above 0 when ``positive``), naming ``what``."""
    if type(value) is float and 0.0 < value < math.inf:  # what the engine passes
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number, got {value!r}")
    x = float(value)
    if not math.isfinite(x) or x < 0 or (positive and x == 0):
        need = "above zero" if positive else "zero or more"
        raise ValueError(f"{what} must be a finite number {need}, got {value!r}")
    return x


def checked_target(target: float) -> float:
    """A promised share strictly between 0 and 1, as a float."""
    t = checked(target, "target")
    if not 0 < t < 1:
        raise ValueError(f"target must be a share above 0 and below 1, got {target!r}")
    return t


def _checked_servers(servers: int) -> int:
    if isinstance(servers, bool) or not isinstance(servers, int) or servers < 0:
        raise ValueError(f"servers must be a whole number >= 0, got {servers!r}")
    return servers


def erlang_b(servers: int, load: float) -> float:
    """Blocking probability of an M/M/N/N system (Erlang B), by the stable recursion."""
    n, a = _checked_servers(servers), checked(load, "load")
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


def erlang_c(servers: int, load: float) -> float:
    """Probability that an arrival has to wait (Erlang C) with ``servers`` servers and an
    offered load of ``load`` Erlangs; 1.0 when ``load >= servers`` (the queue never
    empties), 0.0 when there is no load and at least one server."""
    n, a = _checked_servers(servers), checked(load, "load")
    if n == 0 or a >= n:
        return 1.0
    if a == 0:
        return 0.0
    return _c_from_b(n, a, erlang_b(n, a))


def _c_from_b(n: int, a: float, b: float) -> float:
    return n * b / (n - a * (1.0 - b))


def _level(n: int, a: float, b: float, window_over_handle: float) -> float:
    """The service level ``1 - C(n, a) exp(-(n - a) W / h)`` for ``n > a`` servers, from
    Erlang B ``b`` for n servers: the one place the formula is written."""
    sl = 1.0 - _c_from_b(n, a, b) * math.exp(-(n - a) * window_over_handle)
    return 0.0 if sl < 0.0 else 1.0 if sl > 1.0 else sl


def offered_load(arrival_rate_per_hour: float, handle_minutes: float) -> float:
    """Offered load in Erlangs: arrivals per hour times hours of work per arrival."""
    rate = checked(arrival_rate_per_hour, "arrival rate per hour")
    return rate * checked(handle_minutes, "handle minutes") / 60.0


def service_level(
    servers: int, arrival_rate_per_hour: float, handle_minutes: float, window_hours: float
) -> float:
    """Share of arrivals answered within ``window_hours``: ``1 - C(N, a) exp(-(N - a) W /
    h)``. 1.0 with no load; 0.0 when the load is at or above the servers (utilisation >=
    1: waits grow without end)."""
    n = _checked_servers(servers)
    a = offered_load(arrival_rate_per_hour, handle_minutes)
    w = checked(window_hours, "window hours")
    if a == 0:
        return 1.0
    if a >= n:
        return 0.0
    return _level(n, a, erlang_b(n, a), w / (handle_minutes / 60.0))


def smallest_servers(
    arrival_rate_per_hour: float, handle_minutes: float, window_hours: float, target: float
) -> int:
    """The fewest servers whose service level reaches ``target`` (0 when nothing
    arrives). ``target`` is a share strictly between 0 and 1."""
    a = offered_load(arrival_rate_per_hour, handle_minutes)
    w = checked(window_hours, "window hours")
    t = checked_target(target)
    if a == 0:
        return 0
    return staffing(a, w / (handle_minutes / 60.0), t, 0)[0]


def staffing(load: float, window_over_handle: float, target: float,
             servers: int) -> tuple[int, float]:
    """(the fewest servers that reach ``target``, the service level of ``servers``) for a
    load above 0, in one walk up the Erlang B recursion from one server; the level of
    ``servers`` is 0.0 when they do not exceed the load. The levels are those of
    `service_level`: the same recursion and the same formula.

    Past the fewest, only the level of ``servers`` is worked out (the recursion alone
    climbs to it); once Erlang B underflows to 0.0 the level is 1.0 for every larger
    team, so a huge team on a tiny load is not walked up to one server at a time."""
    a, w = load, window_over_handle
    b, n = 1.0, 0
    fewest, level = 0, 0.0
    while not fewest:
        n += 1
        b = a * b / (n + a * b)
        if n <= a:
            continue
        sl = _level(n, a, b, w)
        if n == servers:
            level = sl
        if sl >= target:
            fewest = n
    while n < servers and b > 0.0:
        n += 1
        b = a * b / (n + a * b)
    if servers > fewest:
        level = _level(servers, a, b, w) if n == servers else 1.0
    return fewest, level


def whole_servers(effective_reps: float) -> int:
    """Whole reps who can answer at once: the effective (ramped) reps rounded down, so
    4.6 ramped reps are 4 servers (4.9999999999 from float sums counts as 5)."""
    x = checked(effective_reps, "effective reps")
    return math.floor(x + WHOLE_TOLERANCE)


__all__ = [
    "MAX_LOAD",
    "WHOLE_TOLERANCE",
    "checked",
    "checked_target",
    "erlang_b",
    "erlang_c",
    "offered_load",
    "service_level",
    "smallest_servers",
    "staffing",
    "whole_servers",
]
