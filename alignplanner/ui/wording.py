"""Every word the app's widgets say beyond the domain's: labels, units, tooltips, the
sentences of the SLA cards, how numbers, money and months look on screen (no Qt).

The domain's own words (warnings, SLA months, plurals) are `alignplanner.domain.wording`;
the app uses those and adds its own here, so a copy editor has two places, one per layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from alignplanner.domain.advice.operations import worst_month
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import PlanWarning, Result, SlaResult
from alignplanner.domain.sla.sla import Sla

# The warnings' words and the app's numbers must read alike: one definition of each.
from alignplanner.domain.wording import count, plural, role_label
from alignplanner.domain.wording import money as money_exact

# -- numbers, money and months ---------------------------------------------------------------


def percent(x: float) -> str:
    """0.385 -> '38.5%', 0.4 -> '40%'."""
    text = f"{x * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def money(x: float, currency: str = "") -> str:
    """12000000 -> '12.0M USD' style for charts; exact with separators below 10,000."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    if x >= 1e9:
        text = f"{x / 1e9:.2f}B"
    elif x >= 1e6:
        text = f"{x / 1e6:.2f}M"
    elif x >= 1e4:
        text = f"{x / 1e3:.0f}k"
    else:
        text = f"{x:,.0f}"
    return f"{sign}{text} {currency}".strip()


def exact(x: float) -> str:
    """An exact value for a tooltip: 1234.5 -> '1,234.50'."""
    return f"{x:,.2f}"


def month_label(d: date) -> str:
    return d.strftime("%b %Y")


def short_month(d: date) -> str:
    return d.strftime("%b %y")


MONTH_STEPS = (1, 2, 3, 6, 12)


def month_ticks(months: Sequence[date], min_step: float = 1.0) -> list[tuple[float, str]]:
    """"Jan 27"-style labels, every month, or every 2, 3, 6 or 12 months: the smallest of
    these steps that is at least ``min_step`` (how many months one label needs)."""
    step = next((s for s in MONTH_STEPS if s >= min_step), MONTH_STEPS[-1])
    return [(float(i), short_month(d)) for i, d in enumerate(months) if i % step == 0]


# -- teams and the roles that sign -------------------------------------------------------------

TEAM_LABELS: dict[str, str] = {
    "marketing": "Marketing",
    "sdr": "SDR",
    "sales": "Sales",
    "partner": "Partner",
    "custom": "Other",
}


def team_label(owner: str) -> str:
    return TEAM_LABELS.get(owner, owner.title())


SIGNER_LABELS = {
    "marketing": "Marketing", "sales": "Sales", "sdr": "SDR", "partner": "Partner",
    "revops": "RevOps", "finance": "Finance", "customer_success": "Customer success",
    "executive": "Executive",
}


def signer_label(role: str) -> str:
    """A sign-off role for people: ``customer_success`` -> ``Customer success``."""
    return SIGNER_LABELS.get(role, role.replace("_", " ").capitalize())


# -- hover texts of the charts -------------------------------------------------------------


def stage_tooltip(plan: Plan, result: Result, index: int,
                  warnings: Sequence[PlanWarning] = ()) -> str:
    """Every exact number of one stage of the waterfall."""
    stage, sr = plan.stages[index], result.stages[index]
    lines = [
        f"{stage.name}  ({team_label(stage.owner)})",
        f"Volume (exact): {exact(sr.volume)}",
        f"Rounded: {sr.rounded:,}",
        f"New: {exact(sr.new)}",
        f"Recycled: {exact(sr.recycled)}",
        f"Pre-plan: {exact(sr.pre_plan)}",
    ]
    if stage.conversion is not None and index + 1 < len(plan.stages):
        lines.append(f"Converts to {plan.stages[index + 1].name}: {percent(stage.conversion)}")
    lines += [f"! {w.message}" for w in warnings]
    return "\n".join(lines)


def month_tooltip(plan: Plan, result: Result, stage_ids: Sequence[str], month: int) -> str:
    """Exact values of plan month ``month`` (-1: what must exist before the plan starts)."""
    if month < 0:
        lines = [f"Before {month_label(result.months[0])}: pipeline needed at the start"]
        for stage_id in stage_ids:
            i = plan.stage_index(stage_id)
            lines.append(f"{plan.stages[i].name}: {result.stages[i].pre_plan:,.2f}")
        return "\n".join(lines)
    currency = plan.currency
    lines = [month_label(result.months[month]),
             f"Revenue target: {money(result.target_monthly[month], currency)}"]
    if result.pipeline_monthly[month] > 0:
        lines.append("  of which existing pipeline: "
                     f"{money(result.pipeline_monthly[month], currency)}")
    for stage_id in stage_ids:
        i = plan.stage_index(stage_id)
        sr = result.stages[i]
        lines.append(f"{plan.stages[i].name}: {sr.monthly[month]:,.2f} "
                     f"(rounded {sr.monthly_rounded[month]:,})")
    return "\n".join(lines)


# -- the SLA cards and the team's capacity ------------------------------------------------------

WINDOW_UNITS = (("business hours", "hours"), ("business minutes", "minutes"))
LAPSE_CHOICES = (("counted as accepted", "accept"), ("returned to the passing team", "return"))


def parse_codes(text: str) -> tuple[str, ...]:
    """ "no-budget, wrong-fit" -> ("no-budget", "wrong-fit")."""
    return tuple(c.strip() for c in text.replace(";", ",").split(",") if c.strip())


def stage_name(plan: Plan, stage_id: str) -> str:
    ids = plan.stage_ids
    return plan.stages[ids.index(stage_id)].name if stage_id in ids else stage_id


def reps(plan: Plan, role_id: str) -> str:
    """ "SDRs" for role ``sdr`` (its name when it has one)."""
    try:
        return role_label(plan.role(role_id))
    except KeyError:
        return role_id


def passing_team(plan: Plan, sla: Sla) -> str:
    """The team that owns the stage the SLA's units arrive in ("Marketing")."""
    ids = plan.stage_ids
    owner = plan.stages[ids.index(sla.from_stage)].owner if sla.from_stage in ids else "custom"
    return team_label(owner)


def sla_title(plan: Plan, sla: Sla) -> str:
    """ "Marketing passes MQLs to SDRs"."""
    units = plural(stage_name(plan, sla.from_stage))
    return f"{passing_team(plan, sla)} passes {units} to {reps(plan, sla.role)}"


@dataclass(frozen=True)
class Feasibility:
    """The card's verdict: kept in every month or not, and the sentence to show."""

    ok: bool
    text: str


def sla_verdict(plan: Plan, result: Result, index: int) -> Feasibility | None:
    """The verdict for SLA ``index`` from the engine's result (None if not computed)."""
    if index >= len(result.slas) or index >= len(plan.slas):
        return None
    sla: SlaResult = result.slas[index]
    months = sla.months
    if not months:
        return None
    failing = sla.failing_months
    if failing:
        # the month the engine's warning quotes: one story on the card and below it
        worst = worst_month(months)
        head = (
            f"Fails in {len(failing)} of {len(months)} months. "
            f"Worst, {plan.month_start(worst):%B %Y}: "
        )
        return Feasibility(False, head + months[worst].message)
    answered = [m for m, month in enumerate(months) if month.entries > 0]
    if not answered:
        return Feasibility(True, months[0].message)
    tightest = min(answered, key=lambda m: (months[m].service_level, m))
    head = f"Kept in all {len(months)} months. Tightest, {plan.month_start(tightest):%B %Y}: "
    return Feasibility(True, head + months[tightest].message)


def article(noun: str) -> str:
    """ "a" or "an" as the noun is said: "an MQL", "a SAL", "an opportunity", "a lead"."""
    if not noun:
        return "a"
    word = noun.split(maxsplit=1)[0]
    if word.isupper() and len(word) > 1:  # an acronym, said letter by letter
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[0].lower() in "aeiou" else "a"


def hours_text(hours: float) -> str:
    return f"{hours:g} business hour{'' if hours == 1 else 's'}"


def capacity_line(plan: Plan, result: Result, index: int) -> Feasibility | None:
    """One role's capacity in a sentence: enough every month, or how short and when to
    hire (from the engine's capacity plan)."""
    if index >= len(plan.roles) or index >= len(result.capacity):
        return None
    role, cap = plan.roles[index], result.capacity[index]
    label = role_label(role)
    short = cap.short_months
    if not short:
        spare = min(range(len(cap.gap)), key=lambda m: cap.gap[m], default=0)
        return Feasibility(
            True,
            f"{label} can handle what the plan needs in every month "
            f"(tightest, {plan.month_start(spare):%B %Y}: "
            f"{cap.effective_reps[spare]:.1f} ramped {label} for "
            f"{cap.reps_needed[spare]:.1f} needed).",
        )
    worst = min(short, key=lambda m: cap.gap[m])
    hire = cap.hire_by[min(short)]
    assert hire is not None
    before = " (before the plan starts)" if hire < 0 else ""
    return Feasibility(
        False,
        f"{label} are short in {len(short)} of {len(cap.gap)} months. "
        f"Worst, {plan.month_start(worst):%B %Y}: "
        f"{cap.effective_reps[worst]:.1f} ramped {label} for "
        f"{cap.reps_needed[worst]:.1f} needed. New hires must start by "
        f"{plan.month_start(hire):%B %Y}{before}.",
    )


__all__ = [
    "LAPSE_CHOICES", "SIGNER_LABELS", "TEAM_LABELS", "WINDOW_UNITS", "Feasibility", "article",
    "capacity_line", "count", "exact", "hours_text", "money", "money_exact", "month_label",
    "month_ticks", "month_tooltip", "parse_codes", "passing_team", "percent", "plural", "reps",
    "role_label", "short_month", "signer_label", "sla_title", "sla_verdict", "stage_name",
    "stage_tooltip", "team_label",
]
