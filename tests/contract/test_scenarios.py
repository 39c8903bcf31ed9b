"""Scenarios in the plan file: read, written back, applied on the base, and refused with
the field and line when they do not fit."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from plan_strategies import plans
from plan_texts import OPS, VALID, line_no

from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.reader import loads
from alignplanner.contract.scenarios import agreed_plan, plan_of, variant_plan
from alignplanner.contract.writer import dumps
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.extras import Extras
from alignplanner.domain.scenarios import edits
from alignplanner.domain.scenarios.scenario import BASE, Scenario, Scenarios

WITH_SCENARIOS = OPS + """
[[scenarios]]
name = "Hire 2 SDRs"
set = { "roles.sdr.headcount" = 6 }

[[scenarios]]
name = "Worst case"
agreed = true
set = { "stages.mql.conversion" = 0.2, "target.revenue" = 9000000 }
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        loads(text, "plan.toml")
    return [str(p) for p in caught.value.problems]


def test_a_file_without_scenarios_reads_as_before_and_writes_the_same_bytes() -> None:
    loaded = loads(VALID)
    assert loaded.scenarios == Scenarios()
    assert "scenarios" not in dumps(loaded.plan, loaded.result, loaded.extras)
    assert dumps(loaded.plan, loaded.result) == dumps(loaded.plan, loaded.result, Extras())


def test_scenarios_are_read_applied_and_written_back() -> None:
    loaded = loads(WITH_SCENARIOS)
    assert loaded.scenarios.names == ("Hire 2 SDRs", "Worst case")
    assert loaded.scenarios.agreed == "Worst case"
    hire = plan_of(loaded.plan, loaded.scenarios, "Hire 2 SDRs")
    assert hire.role("sdr").headcount == 6
    assert loaded.plan.role("sdr").headcount == 4
    worst = agreed_plan(loaded.plan, loaded.scenarios)
    assert worst.stages[1].conversion == 0.2
    assert worst.target.revenue == 9_000_000
    assert worst.stages[0] == loaded.plan.stages[0]
    text = dumps(loaded.plan, loaded.result, loaded.extras)
    again = loads(text)
    assert again.scenarios == loaded.scenarios
    assert dumps(again.plan, again.result, again.extras) == text


def test_a_lower_conversion_needs_more_entries_above_it() -> None:
    loaded = loads(WITH_SCENARIOS)
    worst = compute(plan_of(loaded.plan, loaded.scenarios, "Worst case"))
    base = loaded.result
    # 9M instead of 12M at the same deal sizes needs 3/4 of the wins: fewer SQLs (whose
    # rate is kept); mql converts 0.2 instead of 0.4 for inbound: more MQLs per win
    assert worst.wins == pytest.approx(base.wins * 0.75)
    assert worst.stages[2].volume < base.stages[2].volume
    assert worst.stages[1].volume > base.stages[1].volume * 0.75


def test_a_base_change_flows_into_a_variant_that_does_not_override_it() -> None:
    loaded = loads(WITH_SCENARIOS)
    hire = loaded.scenarios.get("Hire 2 SDRs")
    assert hire is not None
    raised = loaded.plan.with_changes(
        target=dataclasses.replace(loaded.plan.target, revenue=15_000_000))
    assert variant_plan(raised, hire).target.revenue == 15_000_000
    worst = loaded.scenarios.get("Worst case")
    assert worst is not None
    assert variant_plan(raised, worst).target.revenue == 9_000_000


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_a_variant_without_overrides_computes_exactly_as_the_base(plan) -> None:  # type: ignore[no-untyped-def]
    variant = variant_plan(plan, Scenario("Same"))
    assert variant == plan
    assert compute(variant) == compute(plan)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_a_base_revenue_change_reaches_a_variant_that_overrides_something_else(  # type: ignore[no-untyped-def]
    plan,
) -> None:
    variant = Scenario("Other", {"plan.description": "what if"})
    raised = plan.with_changes(
        target=dataclasses.replace(plan.target, revenue=plan.target.revenue * 2))
    got = variant_plan(raised, variant)
    assert got.target == raised.target
    assert got.description == "what if"
    assert compute(got).wins == pytest.approx(compute(raised).wins)


def test_an_override_of_a_deleted_stage_names_the_field_and_line() -> None:
    text = OPS + '\n[[scenarios]]\nname = "X"\nset = { "stages.opp.conversion" = 0.3 }\n'
    found = problems_of(text)
    line = line_no(text, '"stages.opp.conversion"')
    assert found == [f"plan.toml:{line}: scenarios[0].set.stages.opp.conversion: the base plan "
                     "has no stage 'opp' (was it deleted or renamed?); its stages are: "
                     "inquiry, mql, sql, won"]


def test_an_override_of_a_key_that_does_not_exist_suggests_the_right_one() -> None:
    text = OPS + '\n[[scenarios]]\nname = "X"\nset = { "roles.sdr.headcont" = 3 }\n'
    (found,) = problems_of(text)
    line = line_no(text, '"roles.sdr.headcont"')
    assert found.startswith(f"plan.toml:{line}: scenarios[0].set.roles.sdr.headcont: ")
    assert "unknown key 'headcont'; did you mean 'headcount'?" in found


def test_an_override_of_the_wrong_type_is_refused() -> None:
    text = OPS + '\n[[scenarios]]\nname = "X"\nset = { "target.revenue" = "a lot" }\n'
    (found,) = problems_of(text)
    assert "scenarios[0].set.target.revenue" in found
    assert "must be a number" in found


def test_a_scenario_named_twice_is_refused_at_its_line() -> None:
    text = VALID + '\n[[scenarios]]\nname = "Up"\n\n[[scenarios]]\nname = "up "\n'
    found = problems_of(text)
    line = line_no(text, 'name = "up "')
    assert found == [f"plan.toml:{line}: scenarios[1].name: "
                     "scenario 'up ' is named twice (also scenarios[0])"]


def test_two_agreed_scenarios_and_the_base_name_are_refused() -> None:
    text = VALID + ('\n[[scenarios]]\nname = "A"\nagreed = true\n\n'
                    '[[scenarios]]\nname = "B"\nagreed = true\n\n[[scenarios]]\nname = "base"\n')
    found = problems_of(text)
    assert any("scenarios[1].agreed: only one scenario can be agreed; 'A' already is" in f
               for f in found)
    assert any("scenarios[2].name: 'base' is the name of the base plan" in f for f in found)


def test_edits_add_rename_duplicate_delete_and_agree() -> None:
    s = edits.add(Scenarios(), "Up")
    s = edits.override(s, "Up", "target.revenue", 14_000_000)
    s = edits.duplicate(s, "Up", "Up more")
    assert s.get("Up more") == Scenario("Up more", {"target.revenue": 14_000_000})
    s = edits.agree(s, "Up more")
    s = edits.rename(s, "Up more", "Stretch")
    assert s.agreed == "Stretch"
    s = edits.delete(s, "Stretch")
    assert s.names == ("Up",)
    assert s.agreed == ""
    s = edits.override(s, "Up", "target.revenue", None)
    assert s.get("Up") == Scenario("Up")
    assert edits.duplicate(s, BASE, "Copy").get("Copy") == Scenario("Copy")
    with pytest.raises(KeyError):
        edits.delete(s, "Nope")


def test_the_written_scenarios_follow_the_schema_and_a_bad_key_path_does_not() -> None:
    import json
    import tomllib

    from jsonschema import Draft202012Validator

    from alignplanner.resources import resource_path

    schema = json.loads(resource_path("plan.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema)
    loaded = loads(WITH_SCENARIOS)
    doc = json.loads(json.dumps(
        tomllib.loads(dumps(loaded.plan, loaded.result, loaded.extras)), default=str))
    assert list(validator.iter_errors(doc)) == []
    doc["scenarios"][0]["set"] = {"headcount": 3}
    doc["scenarios"][1]["colour"] = "red"
    assert len(list(validator.iter_errors(doc))) == 2
