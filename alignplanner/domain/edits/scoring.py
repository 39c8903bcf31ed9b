"""Edits of the lead-scoring model that defines the MQL: the whole model, a starting
model, one criterion, the stage it qualifies for and the thresholds (`set_model`),
high-intent actions and decay. Paths name the field from the plan
(``scoring.fit[1].points``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from alignplanner.domain.agreement.scoring import Criterion, CriterionKind, Decay, ScoringModel
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem

__all__ = [
    "Group",
    "add_criterion",
    "move_criterion",
    "remove_criterion",
    "set_criterion",
    "set_decay",
    "set_high_intent",
    "set_model",
    "set_scoring",
    "start_scoring",
]

Group = Literal["fit", "engagement"]
_GROUPS = ("fit", "engagement")


def set_scoring(plan: Plan, scoring: ScoringModel | None) -> Plan:
    """Set or clear (None) the lead-scoring model."""
    return replace(plan, scoring=scoring)


def _model(plan: Plan) -> ScoringModel:
    if plan.scoring is None:
        raise PlanInvalid([Problem(("scoring",), "the plan has no lead-scoring model yet")])
    return plan.scoring


def _with_model(plan: Plan, **fields: object) -> Plan:
    try:
        model = replace(_model(plan), **fields)  # type: ignore[arg-type]
    except PlanInvalid as exc:
        raise exc.prefixed(("scoring",)) from None
    return replace(plan, scoring=model)


def _check_group(group: str) -> None:
    if group not in _GROUPS:
        raise PlanInvalid([Problem(("scoring",), f"no criteria group {group!r} (fit, engagement)")])


def start_scoring(plan: Plan) -> Plan:
    """``plan`` with a starting scoring model (unchanged if it has one): two fit and three
    engagement criteria, fit >= 40 and engagement >= 50, a demo request qualifying at once,
    engagement halving every 30 days. It qualifies leads for the stage with id ``mql``, or
    else the second stage (the first of a two-stage funnel)."""
    if plan.scoring is not None:
        return plan
    ids = plan.stage_ids
    target = "mql" if "mql" in ids[:-1] else ids[min(1, len(ids) - 2)]
    model = ScoringModel(
        target,
        fit=(
            Criterion("company_size", "Company of 200+ employees", 25, "firmographic"),
            Criterion("decision_maker", "Director or above", 20, "demographic"),
        ),
        engagement=(
            Criterion("pricing_page", "Visited the pricing page", 15),
            Criterion("webinar", "Attended a webinar", 20),
            Criterion("demo_request", "Requested a demo", 60),
        ),
        fit_threshold=40,
        engagement_threshold=50,
        high_intent=("demo_request",),
        decay=Decay("halve", 30),
    )
    return replace(plan, scoring=model)


_MODEL_FIELDS = ("qualifies_for", "fit_threshold", "engagement_threshold")


def set_model(plan: Plan, **fields: object) -> Plan:
    """Change ``qualifies_for`` (a stage before 'won', checked by the plan),
    ``fit_threshold`` or ``engagement_threshold``."""
    _model(plan)
    unknown = [key for key in fields if key not in _MODEL_FIELDS]
    if unknown:
        raise PlanInvalid([Problem(("scoring", key), "not a field of the scoring model "
                                   f"({', '.join(_MODEL_FIELDS)})") for key in unknown])
    return _with_model(plan, **fields)


def add_criterion(
    plan: Plan, group: Group, label: str = "New criterion", points: float = 10
) -> Plan:
    """A criterion added at the end of ``group``, with an id of its own."""
    _check_group(group)
    model = _model(plan)
    taken = {c.id for c in (*model.fit, *model.engagement)}
    n = 1
    while f"{group}_{n}" in taken:
        n += 1
    try:
        kind: CriterionKind = "firmographic" if group == "fit" else "behaviour"
        crit = Criterion(f"{group}_{n}", label, points, kind)
    except PlanInvalid as exc:
        raise exc.prefixed(("scoring", group, len(getattr(model, group)))) from None
    return _with_model(plan, **{group: (*getattr(model, group), crit)})


def remove_criterion(plan: Plan, group: Group, index: int) -> Plan:
    """``plan`` without criterion ``index`` of ``group`` (and no longer high intent)."""
    _check_group(group)
    model = _model(plan)
    criteria = list(getattr(model, group))
    gone = criteria.pop(index)
    intent = tuple(a for a in model.high_intent if a != gone.id)
    return _with_model(plan, **{group: tuple(criteria)}, high_intent=intent)


def set_criterion(plan: Plan, group: Group, index: int, **fields: object) -> Plan:
    """Change criterion ``index`` of ``group`` (``label``, ``points``, ``kind``, ``id``);
    a new id is followed by the high-intent list."""
    _check_group(group)
    model = _model(plan)
    criteria = list(getattr(model, group))
    old = criteria[index]
    try:
        criteria[index] = replace(old, **fields)
    except PlanInvalid as exc:
        raise exc.prefixed(("scoring", group, index)) from None
    new_id = criteria[index].id
    intent = tuple(new_id if a == old.id else a for a in model.high_intent)
    return _with_model(plan, **{group: tuple(criteria)}, high_intent=intent)


def move_criterion(plan: Plan, group: Group, index: int, to: int) -> Plan:
    """Move criterion ``index`` of ``group`` to position ``to`` (the order people read)."""
    _check_group(group)
    items = list(getattr(_model(plan), group))
    to = max(0, min(to, len(items) - 1))
    items.insert(to, items.pop(index))
    return _with_model(plan, **{group: tuple(items)})


def set_high_intent(plan: Plan, criterion_id: str, on: bool) -> Plan:
    """Make the engagement criterion ``criterion_id`` qualify a lead outright, or not."""
    model = _model(plan)
    intent = [a for a in model.high_intent if a != criterion_id]
    if on:
        order = [c.id for c in model.engagement]
        intent.append(criterion_id)
        intent.sort(key=lambda a: order.index(a) if a in order else len(order))
    return _with_model(plan, high_intent=tuple(intent))


def set_decay(plan: Plan, mode: str, days: float) -> Plan:
    """How engagement points lose value: ``none``, ``halve`` every ``days`` days, or
    ``expire`` after ``days`` days."""
    _model(plan)
    try:
        decay = Decay(mode, days)  # type: ignore[arg-type]
    except PlanInvalid as exc:
        raise exc.prefixed(("scoring", "decay")) from None
    return _with_model(plan, decay=decay)
