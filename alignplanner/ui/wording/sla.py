"""The SLA cards and the team's capacity."""

from __future__ import annotations

from dataclasses import dataclass

from alignplanner.domain.advice.operations import worst_month
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result, SlaResult
from alignplanner.domain.sla.sla import Sla

# The warnings' words and the app's numbers must read alike: one definition of each.
from alignplanner.domain.wording import plural, role_label
from alignplanner.ui.wording.basics import (
    team_label,
)

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


def sla_handoff(plan: Plan, sla: Sla) -> str:
    """ "Marketing passes MQLs to SDRs"."""
    units = plural(stage_name(plan, sla.from_stage))
    return f"{passing_team(plan, sla)} passes {units} to {reps(plan, sla.role)}"


def sla_title(plan: Plan, sla: Sla) -> str:
    """The card's title: the SLA's name in full, or the hand-off when it has none."""
    return sla.name.strip() or sla_handoff(plan, sla)


def sla_titles(plan: Plan) -> list[str]:
    """Every SLA's title, no two alike: two SLAs on one hand-off (a first touch and an
    accept-or-reject) that share a title are told apart by their promises, then by
    their place in the plan."""
    plain = [sla_title(plan, sla) for sla in plan.slas]
    titles = [f"{title}: {sla_promise(sla)}" if plain.count(title) > 1 and not sla.name.strip()
              else title for title, sla in zip(plain, plan.slas, strict=True)]
    seen: dict[str, int] = {}
    twice = [title for title in titles if titles.count(title) > 1]
    for k, title in enumerate(titles):
        if title in twice:
            seen[title] = seen.get(title, 0) + 1
            titles[k] = f"{title} ({seen[title]})"
    return titles


def sla_promise(sla: Sla) -> str:
    """What the receiving team promises, briefly: "first response within 10 minutes"."""
    if sla.respond_within_minutes is not None:
        return f"first response within {sla.respond_within_minutes:g} minutes"
    if sla.respond_within_hours is not None:
        return f"first response within {hours_text(sla.respond_within_hours)}"
    if sla.accept_within_hours is not None:
        return f"accept or reject within {hours_text(sla.accept_within_hours)}"
    return "no response window"


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


