"""Three-way merge by hand: every kind of conflict with its exact sentence, what a pick
does, signatures kept or dropped, and the sections beside the plan (scenarios) merged."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from alignplanner.contract.digest import digest, part_digests
from alignplanner.contract.merge import ABSENT, merge, merge_documents
from alignplanner.contract.reader import LoadedPlan, load
from alignplanner.domain.edits.signoff import sign_plan
from alignplanner.domain.edits.stages import remove_stage, rename_stage, set_stage
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.scenarios.scenario import Scenario, Scenarios

ROOT = Path(__file__).resolve().parents[2]
BASE = load(ROOT / "scenarios" / "midmarket-saas.toml")


def copy_with(plan: Plan, base: LoadedPlan = BASE, **extras: object) -> LoadedPlan:
    return dataclasses.replace(base, plan=plan, result=compute(plan),
                               extras=base.extras.with_changes(**extras))


def conversion(value: float, name: str | None = None) -> LoadedPlan:
    fields: dict[str, object] = {"conversion": value}
    if name:
        fields["name"] = name
    return copy_with(set_stage(BASE.plan, 1, **fields))


def test_changes_of_both_sides_apply_in_the_plans_own_words() -> None:
    ours = conversion(0.6)
    theirs = copy_with(BASE.plan.with_changes(
        target=dataclasses.replace(BASE.plan.target, revenue=9_500_000)))
    merged = merge(BASE, ours, theirs)
    assert [c.text for c in merged.ours_changes] == [
        "Marketing qualified lead conversion 55% -> 60%"]
    assert [c.text for c in merged.theirs_changes] == [
        "Revenue target 9,000,000 USD -> 9,500,000 USD"]
    assert merged.conflicts == ()
    assert merged.loaded is not None
    assert merged.loaded.plan.stages[1].conversion == 0.6
    assert merged.loaded.plan.target.revenue == 9_500_000


def test_the_same_value_changed_both_ways() -> None:
    merged = merge(BASE, conversion(0.6), conversion(0.5))
    (conflict,) = merged.conflicts
    assert (conflict.key, conflict.kind) == ("stages.mql.conversion", "changed")
    assert (conflict.base, conflict.ours, conflict.theirs) == (0.55, 0.6, 0.5)
    assert conflict.text == ("Marketing qualified lead conversion 55% -> 60% in ours, "
                             "but -> 50% in theirs")
    assert conflict.pick is None
    assert merged.unresolved == (conflict,)
    assert [merged.in_conflict(c) for c in merged.ours_changes] == [True]
    assert merged.loaded is not None
    assert merged.loaded.plan.stages[1].conversion == 0.6  # ours until picked
    picked = merge(BASE, conversion(0.6), conversion(0.5), {"stages.mql.conversion": "theirs"})
    assert picked.unresolved == ()
    assert picked.conflicts[0].pick == "theirs"
    assert picked.loaded is not None
    assert picked.loaded.plan.stages[1].conversion == 0.5


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    merged = merge(BASE, conversion(0.6), conversion(0.6))
    assert merged.conflicts == ()
    assert merged.loaded is not None
    assert merged.loaded.plan.stages[1].conversion == 0.6


def test_a_rename_on_both_sides() -> None:
    ours = copy_with(rename_stage(BASE.plan, 1, "MQL"))
    theirs = copy_with(rename_stage(BASE.plan, 1, "Qualified lead"))
    (conflict,) = merge(BASE, ours, theirs).conflicts
    assert (conflict.key, conflict.kind) == ("stages.mql.name", "renamed")
    assert conflict.text == ("Stage 'Marketing qualified lead' renamed 'MQL' in ours, "
                             "but 'Qualified lead' in theirs")


def test_a_stage_removed_on_one_side_and_edited_on_the_other() -> None:
    ours = copy_with(set_stage(BASE.plan, 3, conversion=0.7))
    theirs = copy_with(remove_stage(BASE.plan, 3))
    merged = merge(BASE, ours, theirs)
    removed = [c for c in merged.conflicts if c.key == "stages.sql"]
    assert len(removed) == 1
    assert removed[0].kind == "removed-edited"
    assert removed[0].theirs is ABSENT
    assert removed[0].text == ("Stage 'Sales qualified lead' removed in theirs, but edited "
                               "in ours: Sales qualified lead conversion 65% -> 70%")
    kept = merge(BASE, ours, theirs, {c.key: "ours" for c in merged.conflicts})
    gone = merge(BASE, ours, theirs, {c.key: "theirs" for c in merged.conflicts})
    assert kept.loaded is not None
    assert gone.loaded is not None
    assert "sql" in kept.loaded.plan.stage_ids
    assert "sql" not in gone.loaded.plan.stage_ids


def test_the_order_changed_both_ways() -> None:
    inbound, outbound, partner = BASE.plan.sources
    ours = copy_with(BASE.plan.with_changes(sources=(outbound, inbound, partner)))
    theirs = copy_with(BASE.plan.with_changes(sources=(inbound, partner, outbound)))
    merged = merge(BASE, ours, theirs)
    (conflict,) = merged.conflicts
    assert (conflict.key, conflict.kind) == ("sources.order", "order")
    assert conflict.text == ("Source order changed in both: outbound, inbound, partner in "
                             "ours, inbound, partner, outbound in theirs")
    picked = merge(BASE, ours, theirs, {"sources.order": "theirs"})
    assert picked.loaded is not None
    assert [s.id for s in picked.loaded.plan.sources] == ["inbound", "partner", "outbound"]


def test_an_order_changed_on_one_side_keeps_the_other_sides_edits() -> None:
    inbound, outbound, partner = BASE.plan.sources
    ours = copy_with(BASE.plan.with_changes(sources=(partner, inbound, outbound)))
    theirs = copy_with(set_stage(BASE.plan, 0, conversion=0.2))
    merged = merge(BASE, ours, theirs)
    assert merged.conflicts == ()
    assert merged.loaded is not None
    assert [s.id for s in merged.loaded.plan.sources] == ["partner", "inbound", "outbound"]
    assert merged.loaded.plan.stages[0].conversion == 0.2


def test_entries_added_at_the_same_place_on_both_sides() -> None:
    base = {"stages": [{"id": "a"}, {"id": "z"}]}
    ours = {"stages": [{"id": "a"}, {"id": "b"}, {"id": "z"}]}
    theirs = {"stages": [{"id": "a"}, {"id": "c"}, {"id": "z"}]}
    merged, (conflict,) = merge_documents(base, ours, theirs)
    assert (conflict.key, conflict.kind) == ("stages.order", "order")
    assert [s["id"] for s in merged["stages"]] == ["a", "b", "c", "z"]
    merged, _ = merge_documents(base, ours, theirs, {"stages.order": "theirs"})
    assert [s["id"] for s in merged["stages"]] == ["a", "c", "b", "z"]
    apart = {"stages": [{"id": "c"}, {"id": "a"}, {"id": "z"}]}
    merged, none = merge_documents(base, ours, apart)
    assert none == []
    assert [s["id"] for s in merged["stages"]] == ["c", "a", "b", "z"]


def test_a_section_removed_on_one_side_and_edited_on_the_other() -> None:
    model = BASE.plan.scoring
    assert model is not None
    ours = copy_with(BASE.plan.with_changes(scoring=None))
    theirs = copy_with(BASE.plan.with_changes(
        scoring=dataclasses.replace(model, engagement_threshold=60)))
    (conflict,) = merge(BASE, ours, theirs).conflicts
    assert (conflict.key, conflict.kind) == ("scoring", "removed-edited")
    assert conflict.text == ("Lead scoring removed in ours, but edited in theirs: "
                             "Lead scoring engagement threshold 50 -> 60")


def _signed(plan: Plan, role: str, name: str) -> Plan:
    return sign_plan(plan, role, name, signed_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
                     digest=digest(plan), parts=part_digests(plan))


def test_a_signature_over_what_the_merge_changed_is_dropped_with_a_message() -> None:
    ours = copy_with(_signed(BASE.plan, "marketing", "Dana Whitfield"))
    theirs = conversion(0.6)
    merged = merge(BASE, ours, theirs)
    assert [c.text for c in merged.ours_changes] == [
        "Signed by Dana Whitfield for marketing (2026-12-01 09:00 UTC)"]
    assert merged.dropped == (
        "Signature of Dana Whitfield for marketing dropped: the merged plan is not what "
        "they signed (sign again after the merge)",)
    assert merged.loaded is not None
    assert merged.loaded.plan.signoff.signatures == ()


def test_a_signature_over_the_merged_content_is_kept() -> None:
    edited = set_stage(BASE.plan, 1, conversion=0.6)
    ours = copy_with(_signed(edited, "sales", "Marcus Chen"))
    theirs = copy_with(_signed(edited, "marketing", "Dana Whitfield"))
    merged = merge(BASE, ours, theirs)
    assert merged.conflicts == ()
    assert merged.dropped == ()
    assert merged.loaded is not None
    assert {s.role for s in merged.loaded.plan.signoff.signatures} == {"sales", "marketing"}


def test_scenarios_of_both_sides_are_kept() -> None:
    ours = copy_with(BASE.plan, scenarios=Scenarios((Scenario("Stretch", {"target.revenue":
                                                                         10_000_000}),)))
    theirs = copy_with(BASE.plan, scenarios=Scenarios((Scenario("Cautious", {"target.revenue":
                                                                           8_000_000}),)))
    merged = merge(BASE, ours, theirs)
    assert merged.conflicts == ()
    assert [c.text for c in merged.ours_changes] == ["Scenario: 'Stretch' added"]
    assert merged.loaded is not None
    # both added at the end: in order of their names, whichever side is ours
    assert [s.name for s in merged.loaded.scenarios.variants] == ["Cautious", "Stretch"]
    both = merge(BASE, ours, copy_with(BASE.plan, scenarios=Scenarios((Scenario(
        "Stretch", {"target.revenue": 11_000_000}),))))
    (conflict,) = both.conflicts
    assert conflict.key == "scenarios.Stretch.set.target.revenue"
    assert conflict.text == ("Scenario: 'Stretch' added in both, set target revenue "
                             "10,000,000 USD in ours but 11,000,000 USD in theirs")


@pytest.mark.parametrize("bad", ["share"])
def test_a_merged_plan_that_does_not_hold_says_why(bad: str) -> None:
    inbound, outbound, partner = BASE.plan.sources
    ours = copy_with(BASE.plan.with_changes(sources=(
        dataclasses.replace(inbound, share=0.5), dataclasses.replace(outbound, share=0.35),
        partner)))
    theirs = copy_with(BASE.plan.with_changes(sources=(
        dataclasses.replace(inbound, share=0.55), outbound,
        dataclasses.replace(partner, share=0.2))))
    merged = merge(BASE, ours, theirs, {"sources.inbound.share": "ours"})
    assert merged.loaded is None
    assert any(bad in p for p in merged.problems)
