"""An SLA month in words."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from alignplanner.domain.wording.basics import (
    percent,
    singular,
)

# -- an SLA month in words -------------------------------------------------------------------


@dataclass(frozen=True)
class SlaWords:
    """The nouns of an SLA's sentences: its reps, its units, the response and window."""

    reps: str
    rep: str
    units: str
    unit: str
    response: str
    window: str


SLA_WORDS = SlaWords("reps", "rep", "leads", "lead", "a first response", "within the window")


def sla_words(reps: str, units_: str, response: str, window_hours: float) -> SlaWords:
    """Plural nouns ("SDRs", "MQLs"; the singular drops a final s), the response
    promised ("a first call") and the window in words."""
    return SlaWords(reps, singular(reps), units_, singular(units_), response,
                    window(window_hours))


def window(hours: float) -> str:
    """A response window: ``within 15 minutes``, ``within 4 hours``, ``without waiting``."""
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


class SlaMonthFigures(Protocol):
    """What the sentence of an SLA month reads (an `SlaMonth` has all of it)."""

    @property
    def entries(self) -> float: ...
    @property
    def business_hours(self) -> float: ...
    @property
    def effective_reps(self) -> float: ...
    @property
    def servers(self) -> int: ...
    @property
    def load(self) -> float: ...
    @property
    def service_level(self) -> float: ...
    @property
    def target(self) -> float: ...
    @property
    def reps_needed(self) -> int | None: ...
    @property
    def feasible(self) -> bool: ...
    @property
    def handle_minutes(self) -> float: ...


def achieved_percent(share: float, target: float) -> str:
    """Rounded down, never overstated, to as many decimals as the target shows."""
    shown = percent(target)
    decimals = len(shown[:-1].partition(".")[2])
    scale = 10**decimals
    return f"{math.floor(share * 100 * scale + 1e-9) / scale:.{decimals}f}%"


def _counted(x: float, one: str, many: str) -> str:
    if math.isclose(x, round(x), abs_tol=1e-9):
        n = round(x)
        return f"{n:,} {one if n == 1 else many}"
    return f"{x:,.1f} {many}"


def _reps(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _team(servers: int, reps: float, words: SlaWords) -> str:
    """"2 SDRs", or, when ramping leaves part of a rep, "2.94 ramped SDRs, that is 2
    who can answer at once" (part of a rep cannot take a call)."""
    if reps - servers > 1e-6:
        return f"{_reps(reps)} ramped {words.reps}, that is {servers:,} who can answer at once"
    return _counted(servers, words.rep, words.reps)


def sla_month(m: SlaMonthFigures, words: SlaWords, *, max_load: float) -> str:
    """The finding of one SLA month in a sentence (``max_load``: the largest load the
    engine works out)."""
    units_ = _counted(m.entries, words.unit, words.units)
    promise = f"the SLA promises {percent(m.target)}"
    if m.entries == 0:
        return f"No {words.units} are expected this month, so there is nothing to answer."
    if m.business_hours == 0:
        return (f"This month has no business hours, so none of its {units_} can get "
                f"{words.response} {words.window}.")
    if m.load > max_load:
        return (f"{units_} a month at {m.handle_minutes:g} minutes each would keep more than "
                f"{max_load:,.0f} {words.reps} busy at once; check the volumes and the "
                "handle time.")
    if m.servers == 0:
        who = (f"{_reps(m.effective_reps)} ramped {words.reps}, not one who can answer "
               "at once" if m.effective_reps > 0 else f"no {words.reps}")
        return (f"With {who}, none of the {units_} a month get {words.response} "
                f"{words.window}; {promise}: you need {m.reps_needed}.")
    team = _team(m.servers, m.effective_reps, words)
    if m.load >= m.servers:
        short = m.entries * m.handle_minutes / 60.0 - m.servers * m.business_hours
        return (f"{team[0].upper()}{team[1:]} cannot keep up with {units_} a month at "
                f"{m.handle_minutes:g} minutes each: they would need "
                f"{_counted(max(short, 0.0), 'hour', 'hours')} a month more than they have; "
                f"no response window can be met. You need {m.reps_needed}.")
    said = (f"With {team}, {achieved_percent(m.service_level, m.target)} of {words.units} "
            f"get {words.response} {words.window}; {promise}")
    return said + (": met." if m.feasible else f": you need {m.reps_needed}.")


