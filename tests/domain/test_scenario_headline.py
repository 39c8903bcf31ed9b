"""The headline figures of a scenario name SLAs as people know them, never by their key."""

from __future__ import annotations

from dataclasses import replace

from alignplanner.contract import reader
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.scenarios.headline import figures
from alignplanner.resources import scenario_path


def test_an_sla_is_named_by_its_name_or_its_hand_off() -> None:
    plan = reader.load(scenario_path("midmarket-saas")).plan
    named = replace(plan.slas[0], name="Speed to lead")
    unnamed = replace(plan.slas[1], name="")
    plan = replace(plan, slas=(named, unnamed, *plan.slas[2:]))
    labels = {f.key: f.label for f in figures(plan, compute(plan))}
    stage = {s.id: s.name for s in plan.stages}
    assert labels[f"sla.{named.id}"] == "SLA 'Speed to lead': months broken"
    assert labels[f"sla.{unnamed.id}"] == (
        f"SLA '{stage[unnamed.from_stage]} to {stage[unnamed.to_stage]} hand-off': "
        "months broken")
    assert all(named.id not in label for label in labels.values() if label.startswith("SLA"))
