"""Edits of the lead-scoring model as pure functions Plan -> Plan (the document wraps each
in an undo command). Criteria live in two groups, ``fit`` and ``engagement``; a renamed or
removed engagement criterion is followed by ``high_intent``. Each edit raises PlanInvalid
with paths from the plan (``scoring.fit[2].points``) when the result would be invalid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

from alignplanner.domain.edits import unique_id
from alignplanner.domain.model import Plan
from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.domain.scoring import Criterion, CriterionKind, Decay, ScoringModel

__all__ = [
    "Group",
    "add_criterion",
    "move_criterion",
    "remove_criterion",
    "set_criterion",
    "set_decay",
    "set_high_intent",
    "set_model",
]

Group = Literal["fit", "engagement"]


def _model(plan: Plan) -> ScoringModel:
    if plan.scoring is None:
        raise PlanInvalid([Problem(("scoring",), "this plan has no scoring model yet")])
    return plan.scoring


def _with(plan: Plan, make: Callable[[], ScoringModel]) -> Plan:
    """``plan`` with the model ``make`` builds (its problems under ``scoring``)."""
    try:
        model = make()
    except PlanInvalid as exc:
        raise exc.prefixed(("scoring",)) from None
    return replace(plan, scoring=model)  # cross-checks name their paths from the plan


def _regroup(model: ScoringModel, group: Group, items: tuple[Criterion, ...],
             high: tuple[str, ...] | None = None) -> ScoringModel:
    high_intent = model.high_intent if high is None else high
    if group == "fit":
        return replace(model, fit=items, high_intent=high_intent)
    return replace(model, engagement=items, high_intent=high_intent)


def set_model(plan: Plan, **fields: Any) -> Plan:
    """Change ``qualifies_for``, ``fit_threshold`` or ``engagement_threshold``."""
    model = _model(plan)
    return _with(plan, lambda: replace(model, **fields))


def set_decay(plan: Plan, mode: str, days: float = 0.0) -> Plan:
    """Set how engagement points decay (``none``, ``halve`` or ``expire`` after ``days``)."""
    model = _model(plan)
    try:
        decay = Decay(mode, days)  # type: ignore[arg-type]
    except PlanInvalid as exc:
        raise exc.prefixed(("scoring", "decay")) from None
    return _with(plan, lambda: replace(model, decay=decay))


def add_criterion(
    plan: Plan, group: Group, label: str = "New criterion", points: float = 10.0
) -> Plan:
    """Append a criterion to ``group`` with a fresh id (fit: firmographic; engagement:
    behaviour)."""
    model = _model(plan)
    ids = [c.id for c in (*model.fit, *model.engagement)]
    kind: CriterionKind = "firmographic" if group == "fit" else "behaviour"
    criterion = Criterion(unique_id(ids, "criterion"), label, points, kind)
    items = (*getattr(model, group), criterion)
    return _with(plan, lambda: _regroup(model, group, items))


def set_criterion(plan: Plan, group: Group, index: int, **fields: Any) -> Plan:
    """Change fields of criterion ``index`` of ``group``; a new ``id`` is followed by
    ``high_intent``."""
    model = _model(plan)
    items = list(getattr(model, group))
    old = items[index]
    path = ("scoring", group, index)
    try:
        items[index] = replace(old, **fields)
    except PlanInvalid as exc:
        raise exc.prefixed(path) from None
    new_id = items[index].id
    high = tuple(new_id if i == old.id else i for i in model.high_intent)
    return _with(plan, lambda: _regroup(model, group, tuple(items), high))


def remove_criterion(plan: Plan, group: Group, index: int) -> Plan:
    """Remove criterion ``index`` of ``group`` (and from ``high_intent``). Refused when the
    fit threshold could no longer be reached."""
    model = _model(plan)
    items = list(getattr(model, group))
    gone = items.pop(index)
    high = tuple(i for i in model.high_intent if i != gone.id)
    return _with(plan, lambda: _regroup(model, group, tuple(items), high))


def move_criterion(plan: Plan, group: Group, index: int, to: int) -> Plan:
    """Move criterion ``index`` of ``group`` to position ``to`` (the order people read)."""
    model = _model(plan)
    items = list(getattr(model, group))
    to = max(0, min(to, len(items) - 1))
    items.insert(to, items.pop(index))
    return _with(plan, lambda: _regroup(model, group, tuple(items)))


def set_high_intent(plan: Plan, criterion_id: str, on: bool) -> Plan:
    """Make engagement criterion ``criterion_id`` qualify a lead outright (or not)."""
    model = _model(plan)
    high = [i for i in model.high_intent if i != criterion_id]
    if on:
        high.append(criterion_id)
    return _with(plan, lambda: replace(model, high_intent=tuple(high)))
