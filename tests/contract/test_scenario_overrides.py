"""An edit made while a variant is shown, kept as overrides (`contract.scenarios.edited`):
for any single input edit of a sample plan, the variant read back is exactly the edited
plan, the base is unchanged, and each override differs from the base; setting the value
back drops the override."""

from __future__ import annotations

from hypothesis import given, settings
from plan_edits import Edit, edits, ops_edits

from alignplanner.contract.read.scenarios import apply
from alignplanner.contract.scenarios import edited, variant_plan
from alignplanner.contract.writer import plan_dict
from alignplanner.domain.scenarios.scenario import Scenario


def _check(edit: Edit) -> None:
    base, after, _path = edit
    new_base, made = edited(base, Scenario("V"), base, after)
    assert new_base == base
    assert made.overrides  # the edit changed something, so something is overridden
    assert plan_dict(variant_plan(base, made)) == plan_dict(after)
    for key in made.overrides:  # only what differs from the base is stored
        alone = Scenario("one", {key: made.overrides[key]})
        assert apply(plan_dict(base), alone) != plan_dict(base), key
    again, back = edited(base, made, after, base)  # edited back: nothing left to override
    assert again == base
    assert dict(back.overrides) == {}


@settings(max_examples=60, deadline=None)
@given(edits())
def test_an_input_edit_of_a_variant_reads_back_as_edited(edit: Edit) -> None:
    _check(edit)


@settings(max_examples=30, deadline=None)
@given(ops_edits())
def test_a_team_or_sla_edit_of_a_variant_reads_back_as_edited(edit: Edit) -> None:
    _check(edit)
