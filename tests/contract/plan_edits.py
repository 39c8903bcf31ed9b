"""A hypothesis strategy of single valid input edits of the sample plans (shared by the
digest and diff tests): each draw is (plan, edited plan, path of the changed input)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from hypothesis import assume
from hypothesis import strategies as st

from alignplanner.contract.reader import load
from alignplanner.domain.edits.stages import set_crm
from alignplanner.domain.plan.crm import CRM_FIELDS
from alignplanner.domain.plan.funnel import OWNERS, ROUNDINGS
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml"))
PLANS = [load(path).plan for path in SCENARIOS]

Edit = tuple[Plan, Plan, str]
_rates = st.floats(0.001, 1.0, allow_nan=False)


@st.composite
def edits(draw: st.DrawFn) -> Edit:
    plan = draw(st.sampled_from(PLANS))
    kind = draw(st.sampled_from(["stage", "source", "target", "plan", "crm", "scoring"]))
    make = {
        "stage": _stage_edit,
        "source": _source_edit,
        "target": _target_edit,
        "crm": _crm_edit,
        "scoring": _scoring_edit,
    }.get(kind, _plan_edit)
    return _kept(plan, lambda: make(draw, plan))


def _kept(plan: Plan, edit: Callable[[], tuple[Plan, str]]) -> Edit:
    """``edit()`` of ``plan`` (the edited plan and the changed path) as an Edit; a draw whose
    edit is refused or changes nothing is rejected."""
    try:
        edited, path = edit()
    except PlanInvalid:
        assume(False)
        raise AssertionError("unreachable") from None
    assume(edited != plan)
    return plan, edited, path


def _stage_edit(draw: st.DrawFn, plan: Plan) -> tuple[Plan, str]:
    i = draw(st.integers(0, len(plan.stages) - 1))
    stage = plan.stages[i]
    fields = ["name", "owner", "definition"]
    if i < len(plan.stages) - 1:
        fields += ["conversion", "days"]
    key = draw(st.sampled_from(fields))
    value: object
    if key == "conversion":
        value = draw(_rates)
    elif key == "days":
        value = draw(st.floats(0, 365, allow_nan=False))
    elif key == "owner":
        value = draw(st.sampled_from(OWNERS))
    else:
        value = getattr(stage, key) + draw(st.sampled_from(["x", " (edited)", "!"]))
    stages = list(plan.stages)
    stages[i] = dataclasses.replace(stage, **{key: value})
    return plan.with_changes(stages=tuple(stages)), f"stages.{stage.id}.{key}"


def _source_edit(draw: st.DrawFn, plan: Plan) -> tuple[Plan, str]:
    assume(len(plan.sources) >= 2)
    i = draw(st.integers(0, len(plan.sources) - 1))
    source = plan.sources[i]
    key = draw(st.sampled_from(["share", "name", "average_deal_size"]))
    sources = list(plan.sources)
    if key == "share":  # move some share to the next source so that shares still sum to 1
        j = (i + 1) % len(sources)
        moved = draw(st.floats(0.0, source.share, allow_nan=False))
        assume(moved > 1e-6)
        sources[i] = dataclasses.replace(source, share=source.share - moved)
        sources[j] = dataclasses.replace(sources[j], share=sources[j].share + moved)
    elif key == "name":
        sources[i] = dataclasses.replace(source, name=source.name + "x")
    else:
        sources[i] = dataclasses.replace(
            source, average_deal_size=draw(st.floats(100, 1e6, allow_nan=False)))
    return plan.with_changes(sources=tuple(sources)), f"sources.{source.id}.{key}"


def _target_edit(draw: st.DrawFn, plan: Plan) -> tuple[Plan, str]:
    key = draw(st.sampled_from(["revenue", "average_deal_size", "growth"]))
    if key == "growth":
        value = draw(st.floats(-0.9, 2.0, allow_nan=False))
    else:
        value = draw(st.floats(1000, 1e9, allow_nan=False))
    target = dataclasses.replace(plan.target, **{key: value})
    if target.monthly_revenue is not None:
        assume(key != "revenue")
    return plan.with_changes(target=target), f"target.{key}"


def _plan_edit(draw: st.DrawFn, plan: Plan) -> tuple[Plan, str]:
    key = draw(st.sampled_from(["name", "currency", "rounding", "description"]))
    value: object
    if key == "rounding":
        value = draw(st.sampled_from(ROUNDINGS))
    elif key == "currency":
        value = draw(st.sampled_from(["USD", "EUR", "GBP", "JPY"]))
    else:
        value = getattr(plan, key) + "x"
    return plan.with_changes(**{key: value}), f"plan.{key}"


@st.composite
def ops_edits(draw: st.DrawFn) -> Edit:
    """A single valid edit of a sample plan's calendar, roles or SLAs. Kept apart
    from `edits` because contract/diff.py does not compare these sections yet."""
    plan = draw(st.sampled_from(PLANS))
    return _kept(plan, lambda: _ops_edit(draw, plan))


def _ops_edit(draw: st.DrawFn, plan: Plan) -> tuple[Plan, str]:
    kind = draw(st.sampled_from(["calendar", "role", "sla"]))
    if kind == "calendar":
        cal = plan.calendar
        key = draw(st.sampled_from(["timezone", "hours", "holidays"]))
        value: object = {
            "timezone": draw(st.sampled_from(["UTC", "Europe/Berlin", "Asia/Tokyo"])),
            "hours": draw(st.sampled_from([("08:00", "16:00"), ("10:00", "19:00")])),
            "holidays": (*cal.holidays, plan.start),
        }[key]
        edited = plan.with_changes(calendar=dataclasses.replace(cal, **{key: value}))
        path = f"calendar.{key}"
    elif kind == "role":
        assume(plan.roles)
        i = draw(st.integers(0, len(plan.roles) - 1))
        key = draw(st.sampled_from(["headcount", "attrition", "handle_minutes", "hires"]))
        value = {
            "headcount": draw(st.floats(0, 50, allow_nan=False)),
            "attrition": draw(st.floats(0, 0.2, allow_nan=False)),
            "handle_minutes": draw(st.floats(1, 90, allow_nan=False)),
            "hires": tuple(draw(st.lists(st.integers(0, 3), max_size=6))),
        }[key]
        roles = list(plan.roles)
        roles[i] = dataclasses.replace(roles[i], **{key: value})
        edited = plan.with_changes(roles=tuple(roles))
        path = f"roles.{roles[i].id}.{key}"
    else:
        assume(plan.slas)
        i = draw(st.integers(0, len(plan.slas) - 1))
        key = draw(st.sampled_from(["target", "accept_within_hours", "name"]))
        value = {
            "target": draw(st.floats(0.5, 0.99, allow_nan=False)),
            "accept_within_hours": draw(st.floats(1, 48, allow_nan=False)),
            "name": plan.slas[i].name + "x",
        }[key]
        slas = list(plan.slas)
        slas[i] = dataclasses.replace(slas[i], **{key: value})
        edited = plan.with_changes(slas=tuple(slas))
        path = f"slas.{slas[i].id}.{key}"
    return edited, path


def _crm_edit(draw: st.DrawFn, plan: Plan) -> tuple[Plan, str]:
    i = draw(st.integers(0, len(plan.stages) - 1))
    system = draw(st.sampled_from(CRM_FIELDS))
    value = draw(st.sampled_from(["Working", "Qualified", "Nurture"]))
    return set_crm(plan, i, system, value), f"stages.{plan.stages[i].id}.crm.{system}"


def _scoring_edit(draw: st.DrawFn, plan: Plan) -> tuple[Plan, str]:
    model = plan.scoring
    assume(model is not None and model.engagement)
    assert model is not None
    key = draw(st.sampled_from(["engagement_threshold", "points"]))
    if key == "engagement_threshold":
        value = draw(st.integers(0, 200))
        return (plan.with_changes(scoring=dataclasses.replace(model, engagement_threshold=value)),
                "scoring.engagement_threshold")
    j = draw(st.integers(0, len(model.engagement) - 1))
    engagement = list(model.engagement)
    engagement[j] = dataclasses.replace(engagement[j], points=draw(st.integers(-100, 100)))
    return (plan.with_changes(scoring=dataclasses.replace(model, engagement=tuple(engagement))),
            f"scoring.engagement.{engagement[j].id}.points")


@st.composite
def two_edits(draw: st.DrawFn) -> tuple[Plan, Plan, Plan]:
    """A sample plan and two single valid edits of it, drawn apart (the merge tests: two
    copies of one version edited on two laptops)."""
    plan = draw(st.sampled_from(PLANS))
    _, x, _ = _kept(plan, lambda: _one_edit(draw, plan))
    _, y, _ = _kept(plan, lambda: _one_edit(draw, plan))
    return plan, x, y


def _one_edit(draw: st.DrawFn, plan: Plan) -> tuple[Plan, str]:
    kind = draw(st.sampled_from(["stage", "source", "target", "plan", "crm", "scoring", "ops"]))
    make = {"stage": _stage_edit, "source": _source_edit, "target": _target_edit,
            "crm": _crm_edit, "scoring": _scoring_edit, "ops": _ops_edit}.get(kind, _plan_edit)
    return make(draw, plan)
