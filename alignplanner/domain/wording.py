"""Every word the domain says to people: labels, units, and the sentences of its warnings.

One place for a copy editor or a translator. The rest of the domain decides *when* to
say something and works out the numbers; the functions here turn those numbers into
text and take plain values only (strings, numbers, dates), so that any part of the
domain can use them. Problem messages of validation stay beside their checks: they are
part of the rule they enforce, and each names the field it is about.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Protocol

# -- numbers, money, months ---------------------------------------------------------------


def count(x: float) -> str:
    """Counts for people: whole numbers with separators, one decimal under 10."""
    return f"{x:,.1f}" if 0 < abs(x) < 10 else f"{x:,.0f}"


def money(x: float, currency: str = "") -> str:
    """Exact money for people: 7480000 -> '7,480,000 USD'."""
    return f"{x:,.0f} {currency}".strip()


def percent(share: float) -> str:
    """A share as a percentage with at most two decimals: 0.955 -> '95.5%'."""
    return f"{round(share * 100, 2):g}%"


def month_name(day: date, form: str = "%B %Y") -> str:
    """``day.strftime(form)`` ("January 2027") in the user's locale (Qt sets it on start)."""
    return day.strftime(form)


def listing(items: Iterable[object]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# -- nouns --------------------------------------------------------------------------------


def plural(name: str) -> str:
    """``"MQL"`` -> ``"MQLs"``, ``"Opportunity"`` -> ``"Opportunities"``."""
    if not name or name.endswith("s"):
        return name
    if name.endswith("y") and len(name) > 1 and name[-2].lower() not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def singular(plural_noun: str) -> str:
    """``"SDRs"`` -> ``"SDR"`` (drops a final s)."""
    return plural_noun[:-1] if plural_noun.endswith("s") and len(plural_noun) > 1 else plural_noun


def units(stage_name: str) -> str:
    """What enters a stage, for a sentence: ``"MQL"`` -> ``"MQLs"``, but a stage named by
    an adjective or a state (``"Engaged"``, ``"Closed won"``) -> ``"entries into Engaged"``."""
    last = stage_name.rsplit(" ", 1)[-1].lower()
    if last.endswith("ed") or last in {"won", "lost", "new", "open"}:
        return f"entries into {stage_name}"
    return plural(stage_name)


class Named(Protocol):
    """Anything with an id and a name for people (a role)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


def role_label(role: Named) -> str:
    """A role's reps for people: its name, or the id ``"sdr"`` -> ``"SDRs"``."""
    if role.name.strip():
        return plural(role.name.strip())
    if len(role.id) <= 4:
        return role.id.upper() + "s"
    return plural(role.id.replace("-", " ").replace("_", " "))


CRM_LABELS: Mapping[str, str] = MappingProxyType({
    "salesforce_lead_status": "Salesforce lead status",
    "salesforce_opportunity_stage": "Salesforce opportunity stage",
    "hubspot_lifecycle_stage": "HubSpot lifecycle stage",
    "hubspot_lead_status": "HubSpot lead status",
    "hubspot_deal_stage": "HubSpot deal stage",
})
"""The CRM fields a stage maps to, in words."""


def crm_label(crm_field: str) -> str:
    """``hubspot_deal_stage`` -> ``HubSpot deal stage``; ``x_marketo_status`` -> ``marketo
    status``."""
    return CRM_LABELS.get(crm_field) or crm_field.removeprefix("x_").replace("_", " ")


# -- the parts of a plan, as a signature records them --------------------------------------

REQUIRED_PART = "signoff.required"
"""The part a signature records for the roles that must sign. `[signoff]` is not in the
digest (signing must not change what is signed), but a signature holds only for the set
of roles its signer saw: dropping a required role afterwards must not make a plan agreed."""
_SECTION_LABELS = MappingProxyType({
    "format": "file format",
    "version": "format version",
    "plan": "plan settings",
    "target": "revenue target",
    "stages": "stage order",
    "sources": "source list",
    "pipeline": "existing pipeline",
    "scoring": "lead scoring",
    "calendar": "business calendar",
    "roles": "role list",
    "slas": "SLA list",
})
_ITEM_NOUNS = MappingProxyType(
    {"stages": "stage", "sources": "source", "roles": "role", "slas": "SLA"})


def part_label(part: str, names: Mapping[str, str] | None = None) -> str:
    """A part name in words: ``stages.mql`` -> ``stage mql`` (or ``stage 'Marketing
    qualified lead'`` when ``names`` maps the part to a name), ``target`` -> ``revenue
    target``; parts this version does not know: ``sla_rules.x`` -> ``sla rule x``."""
    if part == REQUIRED_PART:
        return "who must sign"
    section, _, item = part.partition(".")
    if not item:
        return _SECTION_LABELS.get(section, section.replace("_", " "))
    noun = _ITEM_NOUNS.get(section, section.rstrip("s").replace("_", " "))
    name = (names or {}).get(part)
    return f"{noun} '{name}'" if name else f"{noun} {item}"


def signoff_summary(*, agreed: bool, signed: list[str], required: bool, missing: list[str],
                    stale: list[str], changed: list[str] | None) -> str:
    """Where a sign-off stands in one or two sentences: who signed, who is missing, and
    what changed since the signatures on an older version (None: not recorded)."""
    if agreed:
        return "Agreed: signed by " + listing(signed) + "."
    if not required:
        return "Draft: the plan names no roles that must sign it."
    words = [f"Draft: waiting for {listing(missing)}." if missing else "Draft."]
    if stale:
        words.append(f"The plan changed since {listing(stale)} signed")
        words[-1] += ": " + ", ".join(changed) + "." if changed else (
            " (which parts is not recorded).")
    return " ".join(words)


# -- warnings about the funnel -------------------------------------------------------------


def lag_truncated() -> str:
    return ("Recycle loops in this plan go round so often that timing beyond a few decades "
            "was cut off; the monthly figures are slightly low. Lower a recycle share.")


def pre_plan(start: date, needed: list[tuple[float, str]]) -> str:
    """``needed``: (entries, stage name) that must exist before the plan starts."""
    listed = ", ".join(f"{count(n)} {name}" for n, name in needed)
    return (f"Deals won early in the plan come from leads made before {month_name(start)}: "
            f"{listed} must already have entered the funnel by then. "
            "The first months depend on last year's pipeline.")


def rounding_short(deals: int, average: float, delivered: float, wanted: float,
                   currency: str) -> str:
    return (f"Rounded to {deals:,} deals of {money(average, currency)}, the plan "
            f"delivers {money(delivered, currency)}: {money(wanted - delivered, currency)} "
            f"short of the {money(wanted, currency)} it needs. Use 'ceil' rounding to plan "
            "for at least the target.")


def low_conversion(rate: float, stage: str, next_stage: str, needed: float,
                   wins: float) -> str:
    return (f"Only {rate * 100:.2g}% of {stage} become {next_stage}: the plan needs "
            f"{count(needed)} {stage} to win {count(wins)} deals. Check this rate.")


def entries_per_win(ratio: float, stage: str) -> str:
    return (f"The plan needs {count(ratio)} {stage} for every deal won. "
            "Check the conversions below it.")


def source_share_unmet(source: str, share: float, early: float, start: date) -> str:
    return (f"{source} cannot deliver its {share * 100:.0f}% share within this plan: "
            f"{early * 100:.0f}% of the leads it needs must have entered before "
            f"{month_name(start)}. Lower its share or lengthen the plan.")


def pipeline_surplus(months: list[date]) -> str:
    names = ", ".join(month_name(m, "%b %Y") for m in months[:3])
    more = f" and {len(months) - 3} more" if len(months) > 3 else ""
    return (f"The existing pipeline is expected to win more than the target in "
            f"{names}{more}; the surplus is not carried to other months.")


# -- warnings about capacity, SLAs and stagnant stages -------------------------------------


def amount(x: float, currency: str | None) -> str:
    """What a role handles: money for a quota role (``currency`` given), else a count."""
    return f"{x:,.0f} {currency}" if currency is not None else count(x)


@dataclass(frozen=True)
class Shortfall:
    """A role's worst month short of capacity, in the numbers a warning names."""

    reps: str  # the role's reps, plural ("SDRs")
    short_months: int
    months: int
    worst: date
    need: str  # what the plan needs that month ("to book 120,000 USD", "340 MQLs")
    have: str  # what the ramped reps handle ("96,000 USD", "300")
    quota: bool
    have_reps: float  # ramped reps planned, rounded down to a tenth
    need_reps: float  # ramped reps needed, rounded up to a tenth
    ramped_by: date | None = None  # first short month, when hires must ramp first
    hire_by: date | None = None
    hire_before_plan: bool = False


def capacity_short(s: Shortfall) -> str:
    verb = "book" if s.quota else "handle"
    more = max(0.1, s.need_reps - s.have_reps)
    when = ""
    if s.ramped_by is not None and s.hire_by is not None:
        late = " (before the plan starts)" if s.hire_before_plan else ""
        when = (f" To be ramped by {month_name(s.ramped_by)}, new hires must start by "
                f"{month_name(s.hire_by)}{late}.")
    return (f"{s.reps} are short in {s.short_months} of {s.months} months. Worst, "
            f"{month_name(s.worst)}: the plan needs {s.need} and "
            f"{s.have_reps:.1f} ramped {s.reps} {verb} {s.have}; that takes "
            f"{s.need_reps:.1f} ramped {s.reps}, {more:.1f} more.{when}")


def sla_failing(worst: date, message: str, failing: int, months: int) -> str:
    more = f" The promise fails in {failing} of {months} months." if failing > 1 else ""
    return f"{month_name(worst)}: {message}{more}"


def stage_stagnant(stage: str, days: float, next_stage: str, stale_after: float) -> str:
    return (f"The plan expects units to spend {days:g} days in {stage} before they reach "
            f"{next_stage}, but units there are flagged as stagnant after "
            f"{stale_after:g} days: the typical one will be flagged. Shorten the stage or "
            "move the flag.")


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
    team = _counted(servers, words.rep, words.reps)
    if reps - servers > 1e-6:
        team += f" able to answer ({_reps(reps)} ramped)"
    return team


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
        who = (f"no {words.rep} able to answer ({_reps(m.effective_reps)} ramped)"
               if m.effective_reps > 0 else f"no {words.reps}")
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


# -- actuals ------------------------------------------------------------------------------


def _for_example(examples: Iterable[str]) -> str:
    named = list(examples)
    return f" (for example {listing(named)})" if named else ""


def _records(n: int) -> str:
    return f"{n:,} record{'' if n == 1 else 's'}"


def actuals_after_as_of(events: int, as_of: date) -> str:
    """Events dated after the report's date were left out."""
    return (f"{events:,} event{'' if events == 1 else 's'} dated after "
            f"{as_of.isoformat()} {'was' if events == 1 else 'were'} left out.")


def actuals_backward_moves(records: int, examples: Iterable[str]) -> str:
    """Records that moved back to an earlier stage (they still count as having reached
    the furthest stage)."""
    return (f"{_records(records)} moved back to an earlier stage{_for_example(examples)}; "
            "each still counts as having reached its furthest stage.")


def actuals_before_entry(records: int, examples: Iterable[str]) -> str:
    """Records with events dated before their first entry into the funnel."""
    have = "has" if records == 1 else "have"
    return (f"{_records(records)} {have} events dated before their first entry into the "
            f"funnel{_for_example(examples)}.")


def actuals_negative_lags(records: int, examples: Iterable[str]) -> str:
    """Records that entered a later stage before an earlier one."""
    return (f"{_records(records)} entered a later stage before an earlier one"
            f"{_for_example(examples)}; those lags count as 0 days.")


def actuals_left_truncated(from_stage: str, to_stage: str, records: int,
                           first_day: date) -> str:
    """Records watched only from the day the files of the next stage begin."""
    return (f"The events of {to_stage} begin on {first_day.isoformat()}: {_records(records)} "
            f"that entered {from_stage} before then count from that day on "
            "(left truncation).")


def actuals_abrupt_start(from_stage: str, to_stage: str, first_day: date, early: int,
                         days: int) -> str:
    """Nobody reached the next stage before a day although many had had time to."""
    return (f"No record reached {to_stage} before {first_day.isoformat()}, although "
            f"{_records(early)} entered {from_stage} more than {days:,} days earlier "
            f"(the p90 lag): the history of {to_stage} looks cut off.")


def actuals_rate_jump(from_stage: str, to_stage: str, *, before: str, before_rate: float,
                      after: str, after_rate: float, window_days: int) -> str:
    """The conversion of consecutive monthly cohorts jumps (up: the earlier months may
    miss events; down: the later ones may)."""
    return (f"Of the records that entered {from_stage} in {before}, {percent(before_rate)} "
            f"reached {to_stage} within {window_days:,} days; of those of {after}, "
            f"{percent(after_rate)}: a change this sudden suggests that data is missing on "
            "one side of it.")
