"""The agreement panels' edits: a starting scoring model, criteria, thresholds, high-intent
actions, decay, required roles and approvers. Each returns a valid plan or names the field."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from plan_factory import chain, plan

from alignplanner.domain.agreement.scoring import Match, ScoringModel, score_lead
from alignplanner.domain.edits import scoring as scoring_edits
from alignplanner.domain.edits import signoff as signoff_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, dotted


def problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> dict[str, str]:
    return {dotted(p.path): p.message for p in exc.value.problems}


def sc(p: Plan) -> ScoringModel:
    assert p.scoring is not None
    return p.scoring


def scored() -> Plan:
    return scoring_edits.start_scoring(plan(chain([0.5, 0.5, 0.5])))


def test_start_scoring_qualifies_for_the_second_stage_and_scores_by_hand() -> None:
    p = scored()
    assert p.scoring is not None
    assert p.scoring.qualifies_for == "s1"
    assert scoring_edits.start_scoring(p) is p
    # 25 + 20 fit, 15 + 20 engagement at full points: fit 45 >= 40 but 35 < 50.
    matches = [
        Match("company_size"),
        Match("decision_maker"),
        Match("pricing_page"),
        Match("webinar"),
    ]
    score = score_lead(p.scoring, matches)
    assert (score.fit, score.engagement, score.qualified) == (45, 35, False)
    # The demo request qualifies outright while it is fresh (under 30 days, halving).
    assert score_lead(p.scoring, [Match("demo_request", 29)]).qualified
    assert not score_lead(p.scoring, [Match("demo_request", 30)]).qualified


def test_start_scoring_prefers_a_stage_called_mql() -> None:
    stages = list(chain([0.5, 0.5, 0.5]))
    stages[2] = replace(stages[2], id="mql")
    p = scoring_edits.start_scoring(plan(tuple(stages)))
    assert sc(p).qualifies_for == "mql"


def test_scoring_edits_need_a_model() -> None:
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_model(plan(chain([0.5])), fit_threshold=10)
    assert "no lead-scoring model" in problems(exc)["scoring"]


def test_criterion_points_are_changed_and_refused_by_field() -> None:
    p = scoring_edits.set_criterion(scored(), "fit", 1, points=35)
    assert sc(p).fit[1].points == 35
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_criterion(p, "fit", 1, points=5000)
    message = problems(exc)["scoring.fit[1].points"]
    assert "points must be at least -1,000 and at most 1,000, got 5,000" in message
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_criterion(p, "engagement", 0, label="  ")
    assert "label" in problems(exc)["scoring.engagement[0].label"]


def test_lowering_fit_points_below_the_threshold_is_refused_at_the_threshold() -> None:
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_criterion(scored(), "fit", 0, points=5)  # 5 + 20 < 40
    assert "can never be reached" in problems(exc)["scoring.fit_threshold"]


def test_add_and_remove_criteria_keep_ids_unique_and_high_intent_consistent() -> None:
    p = scoring_edits.add_criterion(scored(), "engagement")
    p = scoring_edits.add_criterion(p, "engagement")
    assert p.scoring is not None
    assert [c.id for c in p.scoring.engagement][-2:] == ["engagement_1", "engagement_2"]
    assert p.scoring.engagement[-1].kind == "behaviour"
    p = scoring_edits.remove_criterion(p, "engagement", 2)  # the demo request, high intent
    assert p.scoring is not None
    assert p.scoring.high_intent == ()
    assert "demo_request" not in [c.id for c in p.scoring.engagement]


def test_renaming_a_criterion_id_follows_high_intent() -> None:
    p = scoring_edits.set_criterion(scored(), "engagement", 2, id="demo")
    assert sc(p).high_intent == ("demo",)


def test_high_intent_toggles_in_criterion_order_and_must_be_engagement() -> None:
    p = scoring_edits.set_high_intent(scored(), "pricing_page", True)
    assert sc(p).high_intent == ("pricing_page", "demo_request")
    p = scoring_edits.set_high_intent(p, "demo_request", False)
    assert sc(p).high_intent == ("pricing_page",)
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_high_intent(p, "company_size", True)
    assert "not an engagement criterion" in problems(exc)["scoring.high_intent[1]"]


def test_thresholds_and_decay() -> None:
    p = scoring_edits.set_model(scored(), engagement_threshold=70)
    assert (sc(p).fit_threshold, sc(p).engagement_threshold) == (40, 70)
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_model(p, fit_threshold=46)  # the fit criteria add up to 45
    assert "45" in problems(exc)["scoring.fit_threshold"]
    p = scoring_edits.set_decay(p, "expire", 90)
    assert (sc(p).decay.mode, sc(p).decay.days) == ("expire", 90)
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_decay(p, "halve", 0)
    assert "days" in problems(exc)["scoring.decay.days"]


def test_qualifies_for_must_be_a_stage_before_won() -> None:
    assert sc(scoring_edits.set_model(scored(), qualifies_for="s2")).qualifies_for == "s2"
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_model(scored(), qualifies_for="s3")
    assert "'won'" in problems(exc)["scoring.qualifies_for"]


def test_required_roles_need_both_sides() -> None:
    p = signoff_edits.set_required(plan(chain([0.5])), ["marketing", "sales"])
    assert p.signoff.required == ("marketing", "sales")
    with pytest.raises(PlanInvalid) as exc:
        signoff_edits.set_required(p, ["marketing"])
    assert "marketing and sales" in problems(exc)["signoff.required"]


def test_approvers_are_set_together_and_every_required_role_needs_one() -> None:
    p = signoff_edits.set_required(plan(chain([0.5])), ["marketing", "sales"])
    p = signoff_edits.set_approvers(
        p, [("marketing", " Maria Chen "), ("sales", "Sam Ortiz"), ("sales", "")])
    assert [(a.role, a.name) for a in p.signoff.approvers] == [
        ("marketing", "Maria Chen"),
        ("sales", "Sam Ortiz"),
    ]
    with pytest.raises(PlanInvalid) as exc:
        signoff_edits.set_approvers(p, [("marketing", "Maria Chen")])
    assert "no named approver" in problems(exc)["signoff.required[1]"]
    with pytest.raises(PlanInvalid) as exc:
        signoff_edits.set_approvers(p, [("marketing", "Maria Chen"), ("ceo", "Ann")])
    assert "unknown role" in problems(exc)["signoff.approvers[1].role"]
    assert signoff_edits.set_approvers(p, []).signoff.approvers == ()


@given(
    st.lists(
        st.tuples(st.sampled_from(["fit", "engagement"]), st.integers(-1000, 1000)), max_size=8
    )
)
def test_criteria_added_with_any_points_in_range_give_a_valid_plan(
    steps: list[tuple[str, int]],
) -> None:
    p = scored()
    for group, points in steps:
        new_row = len(getattr(sc(p), group))
        p = scoring_edits.add_criterion(p, group)  # type: ignore[arg-type]
        p = scoring_edits.set_criterion(p, group, new_row, points=points)  # type: ignore[arg-type]
        assert getattr(sc(p), group)[-1].points == points
        assert sc(p).max_fit >= sc(p).fit_threshold
    assert len(sc(p).fit) + len(sc(p).engagement) == 5 + len(steps)


def test_set_model_refuses_fields_it_does_not_set() -> None:
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_model(scored(), decay=None)
    assert "not a field" in problems(exc)["scoring.decay"]
