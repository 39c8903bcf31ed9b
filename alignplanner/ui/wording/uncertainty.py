"""The words of the Uncertainty tab: its labels, the names of the drivers, and the
tooltip of every number, each saying what the number means (docs/uncertainty.md)."""

from __future__ import annotations

from datetime import date

from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.uncertainty.tornado import Bar
from alignplanner.ui.wording.basics import money, month_label, percent

UNCERTAINTY_TAB = "Uncertainty"
UNCERTAINTY_TITLE = "How likely is the target?"
UPDATING = "updating…"
FAILED = "The simulation failed: {reason}"
SIMULATED_LABEL = "Simulating: {name}"
SIMULATED_TIP = ("The simulation and the tornado run on the scenario the window shows; "
                 "pick another in the scenario list of the headline.")
OUTCOME_LABELS = {"volume": "Volume for the target", "revenue": "Revenue for the plan's volumes"}
OUTCOME_TIPS = {
    "volume": "Each bar: the net-new volume needed at the top of the funnel to reach the "
              "target, with the driver at its low and at its high value.",
    "revenue": "Each bar: the revenue inside the horizon that the plan's own monthly "
               "volumes bring, with the driver at its low and at its high value.",
}
FAN_TITLE = "Revenue per month, P10 to P90"
FAN_LEGEND = ("Plan (target)", "P50", "P10 to P90")
TORNADO_TITLE = "What moves the outcome most"
TORNADO_LEGEND = ("Driver low", "Driver high")
DRIVER_COLUMNS = ("Driver", "Low", "High", "Outcome low", "Outcome high", "Elasticity",
                  "Variance share")
VOLUME_COLUMNS = ("Confidence", "Net-new at the top", "vs plan")
HIT_CAPTION = "P(revenue ≥ target), whole horizon"
MONTHS_CAPTION = "P(month's revenue ≥ its target):"
NO_DRAWS = "—"


def driver_label(plan: Plan, driver: str) -> str:
    """"conversion:mql" -> "MQL conversion"; "deal_size" -> "Average deal size"."""
    if driver == "deal_size":
        return "Average deal size"
    kind, _, stage_id = driver.partition(":")
    names = {s.id: s.name for s in plan.stages}
    stage = names.get(stage_id, stage_id)
    return {"conversion": f"{stage} conversion", "days": f"{stage} days",
            "recycle": f"{stage} recycle share"}.get(kind, driver)


def driver_value(plan: Plan, driver: str, value: float) -> str:
    """A driver's value as people read it: rates and shares in %, days, money."""
    kind = driver.partition(":")[0]
    if kind in ("conversion", "recycle"):
        return percent(value)
    if kind == "days":
        return f"{value:,.1f} days"
    return money(value, plan.currency)


def outcome_value(plan: Plan, outcome: str, value: float) -> str:
    if value == float("inf"):
        return "out of reach"
    return money(value, plan.currency) if outcome == "revenue" else f"{value:,.0f}"


def hit_tip(p_hit: float, target: float, draws: int, seed: int, currency: str) -> str:
    return (f"The share of the {draws:,} simulated years whose revenue reaches the "
            f"target of {money(target, currency)}: {percent(p_hit)}.\n"
            f"Seed {seed}: the same plan and seed give the same numbers.")


def month_hit_tip(month: date, p_hit: float, target: float, currency: str) -> str:
    when = month_label(month)
    return (f"{when}: {percent(p_hit)} of the simulated years reach this month's target "
            f"of {money(target, currency)}.")


def percentile_tip(p: int, value: float, currency: str, target: float) -> str:
    meaning = {10: "9 in 10 simulated years bring more than this",
               50: "the middle: half the simulated years bring more, half less",
               90: "only 1 in 10 simulated years brings more than this"}[p]
    return (f"P{p} revenue over the horizon: {money(value, currency)} ({meaning}).\n"
            f"The target is {money(target, currency)}.")


def fan_tip(month: date, band: tuple[float, float, float], plan_value: float,
            currency: str) -> str:
    """``band``: the month's P10, P50 and P90."""
    low, mid, high = band
    when = month_label(month)
    return "\n".join([
        f"{when}",
        f"Plan (the month's target): {money(plan_value, currency)}",
        f"P10: {money(low, currency)} (9 in 10 simulated years bring more)",
        f"P50: {money(mid, currency)} (the middle simulated year)",
        f"P90: {money(high, currency)} (1 in 10 simulated years brings more)",
    ])


def bar_tip(plan: Plan, outcome: str, bar: Bar) -> str:
    driver, base, low, high = bar.driver, bar.base, bar.low, bar.high
    outcome_low, outcome_high, outcome_base = bar.outcome_low, bar.outcome_high, bar.outcome_base
    what = "volume needed at the top" if outcome == "volume" else "revenue in the horizon"
    return "\n".join([
        driver_label(plan, driver),
        f"Plan: {driver_value(plan, driver, base)}; swung from "
        f"{driver_value(plan, driver, low)} to {driver_value(plan, driver, high)}",
        f"The {what} is {outcome_value(plan, outcome, outcome_base)} with the plan's value,",
        f"{outcome_value(plan, outcome, outcome_low)} at the low value and "
        f"{outcome_value(plan, outcome, outcome_high)} at the high one.",
    ])


def elasticity_tip(value: float) -> str:
    return (f"Elasticity {value:+.2f}: the outcome moves {abs(value):.2f}% "
            f"{'the same way' if value >= 0 else 'the other way'} for each 1% the driver "
            "moves, from its low to its high value.")


def share_tip(share: float | None) -> str:
    if share is None:
        return "Not drawn in the simulation: only conversion rates and the deal size are."
    return (f"{percent(share)} of the variance of the simulated revenue goes with this "
            "driver alone (its squared correlation with revenue); the rest is count "
            "noise, the other drivers and their interactions.")


def volume_tip(confidence: float, volume: float, planned: float) -> str:
    if volume == float("inf"):
        return f"No volume reaches the target in {percent(confidence)} of simulated years."
    return (f"About {volume:,.0f} net-new units at the top of the funnel (sources summed) "
            f"would reach the target in {percent(confidence)} of the simulated years; the "
            f"plan has {planned:,.0f}. The plan's volumes scaled, so close, not exact.")


def volume_ratio(volume: float, planned: float) -> str:
    if volume == float("inf") or planned <= 0:
        return NO_DRAWS
    return f"{volume / planned - 1:+.0%}"


CHANCE_LABEL = "Chance to reach target"


def chance_note(percentiles: dict[int, float], currency: str, *, draws: int, seed: int) -> str:
    """The one-pager's note under P(hit): the horizon's P10/P50/P90 and how they were drawn."""
    p10, p50, p90 = percentiles[10], percentiles[50], percentiles[90]
    unit = f"revenue in {currency}; " if currency else ""
    return (f"P10 {money(p10)} · P50 {money(p50)} · P90 {money(p90)}\n"
            f"{unit}{draws:,} draws, seed {seed}")

SURE_LABEL = "Conversion as sure as"
SURE_SUFFIX = " observations"
SURE_TIP = ("How sure the room is of this stage's conversion rate, as if it had been "
            "measured on this many leads. The Monte Carlo draws the rate from a Beta "
            "distribution of that weight: fewer observations, a wider fan and a lower "
            "chance to be sure of the target. Kept in the plan file's [uncertainty].")
