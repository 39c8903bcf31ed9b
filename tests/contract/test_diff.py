"""Diff of two plans: empty for a plan with itself, every changed input named, in the
plan's own words, inputs before consequences."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from plan_edits import PLANS, Edit, edits

from alignplanner.contract.diff import diff
from alignplanner.domain.engine import compute
from alignplanner.domain.model import Plan, Stage


def _diff(a: Plan, b: Plan) -> list[str]:
    return [c.text for c in diff(a, b, compute(a), compute(b))]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_a_plan_with_itself_has_no_changes(plan: Plan) -> None:
    assert diff(plan, plan, compute(plan), compute(plan)) == []


def _midmarket() -> Plan:
    return next(p for p in PLANS if "Mid-Market" in p.name)


def test_changes_in_the_plans_own_words() -> None:
    plan = _midmarket()
    stages = list(plan.stages)
    stages[1] = dataclasses.replace(stages[1], conversion=0.6)
    stages.insert(len(stages) - 1, Stage(id="demo", name="Demo", owner="sales",
                                         conversion=0.9, days=3))
    sources = list(plan.sources)
    sources[0] = dataclasses.replace(sources[0], share=0.55)
    sources[2] = dataclasses.replace(sources[2], share=0.2)
    edited = plan.with_changes(stages=tuple(stages), sources=tuple(sources),
                               target=dataclasses.replace(plan.target, revenue=9_500_000))
    changes = diff(plan, edited, compute(plan), compute(edited))
    texts = [c.text for c in changes]
    assert "Revenue target 9,000,000 USD -> 9,500,000 USD" in texts
    assert "Stage 'Demo' added" in texts
    assert "Marketing qualified lead conversion 55% -> 60%" in texts
    assert "Source Partner referrals share 15% -> 20%" in texts
    assert any(t.startswith("Inquiry needed in Mar 2027 ") for t in texts)
    assert any(t.startswith("Wins needed ") for t in texts)
    kinds = [c.kind for c in changes]
    assert kinds == sorted(kinds, key=lambda k: k != "input")  # inputs first
    assert "input" in kinds
    assert "consequence" in kinds


def test_removed_and_renamed_stages() -> None:
    plan = _midmarket()
    stages = list(plan.stages)
    stages[0] = dataclasses.replace(stages[0], name="Hand-raiser")
    edited = plan.with_changes(stages=tuple(stages))
    assert "Stage 'Inquiry' renamed 'Hand-raiser'" in _diff(plan, edited)
    assert "Stage 'Hand-raiser' renamed 'Inquiry'" in _diff(edited, plan)


def test_change_as_dict_is_json_ready() -> None:
    plan = _midmarket()
    edited = plan.with_changes(start=plan.start.replace(year=plan.start.year + 1))
    changes = diff(plan, edited, compute(plan), compute(edited))
    first = changes[0].as_dict()
    assert first["path"] == "plan.start"
    assert first["after"] == edited.start.isoformat()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(edits())
def test_every_changed_input_appears(edit: Edit) -> None:
    plan, edited, path = edit
    changes = diff(plan, edited, compute(plan), compute(edited))
    inputs = [c.path for c in changes if c.kind == "input"]
    assert path in inputs
    assert not any(c.path == path for c in changes if c.kind == "consequence")
