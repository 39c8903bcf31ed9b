"""Scenario edits go through the document's undo stack, travel with the file it saves,
and a plan edit that would leave a variant pointing at nothing is refused."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from alignplanner.contract.reader import load, loads
from alignplanner.document.document import PlanDocument
from alignplanner.document.files import save_plan
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.scenarios import edits
from alignplanner.domain.scenarios.scenario import Scenario, Scenarios

PLAN = """\
format = "alignplanner.plan"
version = 1

[plan]
name = "Doc"
start = 2027-01-01
months = 12

[target]
revenue = 1200000
average_deal_size = 10000

[[stages]]
id = "lead"
name = "Lead"
conversion = 0.2
days = 30

[[stages]]
id = "opp"
name = "Opp"
conversion = 0.25
days = 30

[[stages]]
id = "won"
name = "Won"
"""


def _doc() -> PlanDocument:
    loaded = loads(PLAN)
    doc = PlanDocument(loaded.plan, None, loaded.result)
    doc.load(loaded.plan, None, loaded.result, loaded.extras)
    return doc


def test_scenario_edits_are_undone_and_redone(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    seen: list[Scenarios] = []
    doc.scenariosChanged.connect(seen.append)
    assert doc.edit_scenarios("Add scenario", lambda s: edits.add(s, "Up")) == []
    assert doc.edit_scenarios("Raise target", lambda s: edits.override(
        s, "Up", "target.revenue", 2_400_000)) == []
    assert doc.scenarios.get("Up") == Scenario("Up", {"target.revenue": 2_400_000})
    assert doc.is_modified
    doc.undo_stack.undo()
    assert doc.scenarios.get("Up") == Scenario("Up")
    doc.undo_stack.undo()
    assert doc.scenarios == Scenarios()
    doc.undo_stack.redo()
    assert doc.scenarios.names == ("Up",)
    assert seen[-1] is doc.scenarios


def test_a_bad_scenario_edit_changes_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.edit_scenarios("Add", lambda s: edits.add(s, "Up"))
    problems = doc.edit_scenarios("Twice", lambda s: edits.add(s, "up"))
    assert "named twice" in str(problems[0])
    problems = doc.edit_scenarios("Bad key", lambda s: edits.override(
        s, "Up", "stages.gone.conversion", 0.3))
    assert "has no stage 'gone'" in str(problems[0])
    assert doc.scenarios.names == ("Up",)
    assert doc.undo_stack.count() == 1


def test_deleting_a_stage_a_variant_overrides_is_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.edit_scenarios("Add", lambda s: edits.override(
        edits.add(s, "Better"), "Better", "stages.opp.conversion", 0.5))
    problems = doc.edit("Delete opp", lambda p: stage_edits.remove_stage(p, 1))
    assert problems
    assert "has no stage 'opp'" in str(problems[0])
    assert doc.plan.stage_ids == ("lead", "opp", "won")
    ok = doc.edit("Target", lambda p: p.with_changes(
        target=dataclasses.replace(p.target, revenue=2_000_000)))
    assert ok == []


def test_saving_keeps_the_scenarios(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.edit_scenarios("Add", lambda s: edits.agree(edits.override(
        edits.add(s, "Better"), "Better", "stages.opp.conversion", 0.5), "Better"))
    path = tmp_path / "plan.toml"
    save_plan(path, doc.plan, doc.result, doc.extras)
    assert load(path).scenarios == doc.scenarios
