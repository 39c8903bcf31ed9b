"""Switching the scenario shown: the editors' edits of a variant become its overrides
(the base unchanged), a later base edit still reaches the keys a variant does not
override, and undo/redo bring back the scenario and its values."""

from __future__ import annotations

import dataclasses

import pytest
from test_scenarios_document import PLAN

from alignplanner.contract.reader import loads
from alignplanner.contract.writer import dumps
from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.scenarios import edits
from alignplanner.domain.scenarios.scenario import BASE


def _doc() -> PlanDocument:
    loaded = loads(PLAN)
    doc = PlanDocument(loaded.plan, None, loaded.result)
    doc.load(loaded.plan, None, loaded.result, loaded.extras)
    assert doc.edit_scenarios("Add", lambda s: edits.add(s, "Hire")) == []
    return doc


def _revenue(value: float):  # type: ignore[no-untyped-def]
    return lambda p: p.with_changes(target=dataclasses.replace(p.target, revenue=value))


def _conversion(stage: int, value: float):  # type: ignore[no-untyped-def]
    return lambda p: stage_edits.set_stage(p, stage, conversion=value)


def test_an_edit_in_a_variant_is_its_override_and_the_base_is_unchanged(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    shown: list[str] = []
    doc.currentScenarioChanged.connect(shown.append)
    doc.show_scenario("Hire")
    assert shown == ["Hire"]
    assert doc.current_scenario == "Hire"
    assert doc.edit("Opp conversion", _conversion(1, 0.5)) == []
    assert dict(doc.scenarios.get("Hire").overrides) == {"stages.opp.conversion": 0.5}
    assert doc.base.stages[1].conversion == 0.25
    assert doc.plan.stages[1].conversion == 0.5
    # the shown result is the variant's: 120 wins need 120 / 0.25 = 480 opps in the base,
    # 120 / 0.5 = 240 in the variant
    assert doc.base_result.stages[1].volume == pytest.approx(480)
    assert doc.result.stages[1].volume == pytest.approx(240)
    # what is saved is the base and the variant's override, never the variant as the plan
    text = dumps(doc.base, doc.base_result, doc.extras)
    again = loads(text)
    assert again.plan == doc.base
    assert again.scenarios == doc.scenarios


def test_a_base_edit_reaches_a_variant_that_does_not_override_that_key(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.show_scenario("Hire")
    doc.edit("Opp conversion", _conversion(1, 0.5))
    doc.show_scenario(BASE)
    assert doc.plan == doc.base
    assert doc.edit("Revenue", _revenue(2_400_000)) == []
    assert doc.edit("Opp in base", _conversion(1, 0.3)) == []
    doc.show_scenario("Hire")
    assert doc.plan.target.revenue == 2_400_000  # not overridden: follows the base
    assert doc.plan.stages[1].conversion == 0.5  # overridden: the variant's own


def test_setting_a_variant_back_to_the_base_value_drops_the_override(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.show_scenario("hire")  # names as people type them
    doc.edit("Revenue", _revenue(1_500_000))
    doc.edit("Opp", _conversion(1, 0.4))
    doc.edit("Revenue back", _revenue(1_200_000))
    assert dict(doc.scenarios.get("Hire").overrides) == {"stages.opp.conversion": 0.4}


def test_undo_and_redo_of_a_variant_edit_show_that_variant(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.show_scenario("Hire")
    doc.edit("Opp conversion", _conversion(1, 0.5))
    doc.show_scenario(BASE)
    doc.undo_stack.undo()
    assert doc.current_scenario == "Hire"
    assert dict(doc.scenarios.get("Hire").overrides) == {}
    assert doc.plan.stages[1].conversion == 0.25
    doc.undo_stack.redo()
    assert doc.current_scenario == "Hire"
    assert doc.plan.stages[1].conversion == 0.5
    assert doc.base.stages[1].conversion == 0.25


def test_typing_in_one_field_of_a_variant_is_one_undo_step(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.show_scenario("Hire")
    count = doc.undo_stack.count()
    for value in (0.3, 0.35, 0.4):
        doc.edit("Opp conversion", _conversion(1, value), merge_key=("opp", "conversion"))
    assert doc.undo_stack.count() == count + 1
    assert doc.undo_stack.undoText() == "Opp conversion (in Hire)"  # the history says where
    doc.undo_stack.undo()
    assert doc.plan.stages[1].conversion == 0.25


def test_a_variant_cannot_add_stages_and_says_where_to(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.show_scenario("Hire")
    count = doc.undo_stack.count()
    problems = doc.edit("Delete opp", lambda p: stage_edits.remove_stage(p, 1))
    assert "in the base plan" in str(problems[0])
    assert doc.undo_stack.count() == count
    assert doc.plan.stage_ids == ("lead", "opp", "won")


def test_renaming_or_deleting_the_shown_variant_follows_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.show_scenario("Hire")
    doc.edit_scenarios("Rename", lambda s: edits.rename(s, "Hire", "Hire 2 SDRs"))
    assert doc.current_scenario == "Hire 2 SDRs"
    doc.undo_stack.undo()
    assert doc.current_scenario == "Hire"
    doc.edit_scenarios("Delete", lambda s: edits.delete(s, "Hire"))
    assert doc.current_scenario == BASE
    assert doc.plan is doc.base


def test_replacing_the_plan_replaces_the_base(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    doc.show_scenario("Hire")
    new: Plan = _revenue(3_000_000)(doc.base)
    doc.replace_plan(new, "Load changed file")
    assert doc.current_scenario == BASE
    assert doc.base.target.revenue == 3_000_000


def test_an_unknown_scenario_is_a_key_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    with pytest.raises(KeyError):
        doc.show_scenario("Nope")
    assert doc.current_scenario == BASE


def test_a_plan_and_extras_edit_while_a_variant_is_shown_edits_the_base(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A calibration accepted while a variant is shown changes the file's plan, and never
    turns the variant (its overrides applied) into the base."""
    doc = _doc()
    assert doc.edit("Opp conversion", lambda p: p) == []
    doc.show_scenario("Hire")
    assert doc.edit("Opp conversion", _conversion(1, 0.5)) == []
    assert doc.edit_with_extras("Calibrate", _revenue(2_000_000), lambda e: e) == []
    assert doc.current_scenario == BASE
    assert doc.base.target.revenue == 2_000_000
    assert doc.base.stages[1].conversion == 0.25  # the variant's override stays its own
    assert dict(doc.scenarios.get("Hire").overrides) == {"stages.opp.conversion": 0.5}
