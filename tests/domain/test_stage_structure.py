"""Adding, renaming and removing stages: an added stage changes no volume and says where
it went; an id made of the name follows a rename (and every reference with it); a
removal says what it moved or dropped; two stages never share a name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from plan_factory import chain, plan

from alignplanner.domain.edits import sources as source_edits
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.funnel import Pipeline, Source, Stage
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, dotted
from alignplanner.domain.sla.sla import Sla
from alignplanner.domain.team.role import Role


def sales_plan() -> Plan:
    """s0 (marketing) -> s1 (sales) -> s2 (sales) -> s3 won; inbound enters s0, partner
    enters s2 with its own conversion there; an AE role and SLA on s2."""
    p = plan(chain([0.5, 0.4, 0.25], days=[10, 20, 30],
                   owners=["marketing", "sales", "sales", "sales"]))
    sources = (Source("inbound", "s0", 0.7, name="Inbound"),
               Source("partner", "s2", 0.3, name="Partner",
                      conversion_overrides={"s2": 0.4, "s1": 0.5}))
    ae = Role(id="ae", works="s2", per_rep_per_month=50, handle_minutes=20, headcount=3)
    sla = Sla(id="ae-touch", from_stage="s2", to_stage="s3", role="ae",
              respond_within_hours=8)
    return p.with_changes(sources=sources, roles=(ae,), slas=(sla,),
                          pipeline=Pipeline({"s2": 12.0}))


def volumes(p: Plan) -> dict[str, float]:
    return {s.id: s.volume for s in compute(p).stages}


# -- adding --------------------------------------------------------------------------------


def test_a_stage_added_between_two_sales_stages_is_theirs_and_changes_no_volume() -> None:
    before = sales_plan()
    after = stage_edits.add_stage(before, 2)
    added = after.stages[2]
    assert (added.id, added.name, added.owner) == ("new-stage", "New stage", "sales")
    assert (added.conversion, added.days) == (1.0, 0.0)
    old, new = volumes(before), volumes(after)
    for stage_id, volume in old.items():  # inquiries do not double
        assert new[stage_id] == pytest.approx(volume, rel=1e-9)
    # everything s1 passes on (40%) goes through the new stage; the partner enters below it
    assert new["new-stage"] == pytest.approx(old["s1"] * 0.4, rel=1e-9)


def test_the_note_says_where_the_stage_went_and_that_nothing_changed() -> None:
    after = stage_edits.add_stage(sales_plan(), 2)
    note = stage_edits.added_note(after, 2, str.title)
    assert "between Stage 1 and Stage 2" in note
    assert "owned by Sales" in note
    assert "no volume changes" in note


def test_a_stage_added_at_the_top_takes_the_first_stages_owner() -> None:
    after = stage_edits.add_stage(sales_plan(), 0)
    assert after.stages[0].owner == "marketing"
    assert "above Stage 0" in stage_edits.added_note(after, 0)


def test_more_new_stages_get_their_own_names_and_ids() -> None:
    p = stage_edits.add_stage(stage_edits.add_stage(sales_plan(), 1), 1)
    assert [s.name for s in p.stages[1:3]] == ["New stage 2", "New stage"]
    assert [s.id for s in p.stages[1:3]] == ["new-stage-2", "new-stage"]


def test_a_stage_added_below_won_goes_above_it() -> None:
    p = stage_edits.add_stage(sales_plan(), 99)
    assert p.stages[-1].id == "s3"
    assert "between Stage 2 and Stage 3" in stage_edits.added_note(p, 99)


# -- renaming ------------------------------------------------------------------------------


def test_renaming_a_new_stage_renames_its_id_and_everything_follows() -> None:
    p = stage_edits.add_stage(sales_plan(), 2)
    qualifier = Role(id="qualifier", works="new-stage", per_rep_per_month=50,
                     handle_minutes=20, headcount=1)
    p = p.with_changes(roles=(*p.roles, qualifier))
    p = source_edits.set_source(p, 1, enters="new-stage")
    renamed = stage_edits.rename_stage(p, 2, "Sales accepted lead")
    assert renamed.stages[2].id == "sales-accepted-lead"
    assert renamed.sources[1].enters == "sales-accepted-lead"
    assert renamed.roles[1].works == "sales-accepted-lead"
    note = stage_edits.renamed_note(p, renamed)
    assert "'new-stage' is now 'sales-accepted-lead'" in note
    assert stage_edits.renamed_note(renamed, renamed) == ""


def test_an_id_typed_by_hand_stays_when_the_stage_is_renamed() -> None:
    p = stage_edits.rename_stage(sales_plan(), 1, "Opportunity")
    assert p.stages[1].id == "s1"
    assert stage_edits.renamed_note(sales_plan(), p) == ""


def test_a_renamed_id_never_takes_another_stages_id() -> None:
    p = stage_edits.add_stage(sales_plan(), 1)
    p = stage_edits.set_stage(p, 0, id="qualified", name="Qualified lead")
    renamed = stage_edits.rename_stage(p, 1, "Qualified")
    assert renamed.stages[1].id == "qualified-2"


@pytest.mark.parametrize(("name", "slug"), [
    ("Sales accepted lead", "sales-accepted-lead"), ("  Qualifié!  ", "qualifie"),
    ("MQL", "mql"), ("???", "stage"), ("x" * 60, "x" * 40),
])
def test_stage_slugs(name: str, slug: str) -> None:
    assert stage_edits.stage_slug(name) == slug


@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip()))
def test_every_slug_is_a_valid_stage_id(name: str) -> None:
    Stage(id=stage_edits.stage_slug(name), name="x")


# -- removing ------------------------------------------------------------------------------


def test_removing_a_stage_says_what_moved_and_what_was_dropped() -> None:
    p = sales_plan()
    notes = stage_edits.removal_notes(p, 2)
    assert "Source Partner entered Stage 2; it now enters Stage 3." not in notes  # won
    assert "Source Partner entered Stage 2; it now enters Stage 1." in notes
    assert "Source Partner's own conversion at Stage 2 (40%) is dropped." in notes
    assert "The 12 open units at Stage 2 are dropped from the existing pipeline." in notes
    assert any(n.startswith("Role AEs worked Stage 2; it now works") for n in notes)
    assert "SLA ae-touch on entries into Stage 2 is removed." in notes
    after = stage_edits.remove_stage(p, 2)
    assert after.sources[1].enters == "s1"
    assert dict(after.sources[1].conversion_overrides) == {"s1": 0.5}


def test_removing_a_stage_nobody_refers_to_says_nothing_more() -> None:
    assert stage_edits.removal_notes(sales_plan(), 1) == [
        "Source Partner's own conversion at Stage 1 (50%) is dropped."]
    p = plan(chain([0.5, 0.5, 0.5]))
    assert stage_edits.removal_notes(p, 1) == []


def test_removing_the_won_stage_says_which_stage_is_won_now() -> None:
    notes = stage_edits.removal_notes(plan(chain([0.5, 0.5])), 2)
    assert notes == ["Stage 1 is now the last ('won') stage: its conversion and days are "
                     "cleared."]


# -- names ---------------------------------------------------------------------------------


def test_two_stages_may_not_share_a_name() -> None:
    stages = list(chain([0.5, 0.5]))
    stages[1] = Stage(id="s1", name=" stage  0 ", conversion=0.5, days=1)
    with pytest.raises(PlanInvalid) as exc:
        plan(tuple(stages))
    [problem] = exc.value.problems
    assert dotted(problem.path) == "stages[1].name"
    assert "stage name ' stage  0 ' is already used by stage 1 (s0)" in problem.message


def test_renaming_a_stage_to_another_stages_name_is_refused() -> None:
    with pytest.raises(PlanInvalid) as exc:
        stage_edits.rename_stage(sales_plan(), 2, "STAGE 1")
    assert [dotted(p.path) for p in exc.value.problems] == ["stages[2].name"]
