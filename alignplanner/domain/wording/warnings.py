"""The sentences of the warnings about the funnel, capacity and stagnant stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from alignplanner.domain.wording.basics import (
    count,
    money,
    month_name,
)

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


