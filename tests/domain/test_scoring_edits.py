"""Edits of the scoring model: pure, validated, and high-intent actions follow their ids."""

from __future__ import annotations

import pytest
from plan_factory import chain, plan

from alignplanner.domain.agreement.scoring import Criterion, Decay, ScoringModel
from alignplanner.domain.edits import scoring as scoring_edits
from alignplanner.domain.edits.scoring import set_scoring
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, dotted


def problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> dict[str, str]:
    return {dotted(p.path): p.message for p in exc.value.problems}


def scored() -> Plan:
    model = ScoringModel(
        "s1",
        fit=(Criterion("size", "Size", 40, "firmographic"),),
        engagement=(Criterion("demo", "Demo request", 50), Criterion("web", "Webinar", 10)),
        fit_threshold=40,
        engagement_threshold=50,
        high_intent=("demo",),
    )
    return set_scoring(plan(chain([0.5, 0.5, 0.5])), model)


def test_renaming_and_removing_an_engagement_criterion_follow_high_intent() -> None:
    p = scoring_edits.set_criterion(scored(), "engagement", 0, id="demo_request")
    assert p.scoring is not None
    assert p.scoring.high_intent == ("demo_request",)
    p = scoring_edits.remove_criterion(p, "engagement", 0)
    assert p.scoring is not None
    assert p.scoring.high_intent == ()
    assert [c.id for c in p.scoring.engagement] == ["web"]


def test_add_move_and_toggle() -> None:
    p = scoring_edits.add_criterion(scored(), "engagement", "Pricing page", 15)
    assert p.scoring is not None
    assert [(c.id, c.kind) for c in p.scoring.engagement][-1] == ("engagement_1", "behaviour")
    p = scoring_edits.move_criterion(p, "engagement", 2, 0)
    p = scoring_edits.set_high_intent(p, "engagement_1", on=True)
    p = scoring_edits.set_high_intent(p, "demo", on=False)
    assert p.scoring is not None
    assert [c.id for c in p.scoring.engagement] == ["engagement_1", "demo", "web"]
    assert p.scoring.high_intent == ("engagement_1",)
    p = scoring_edits.add_criterion(p, "fit")
    assert p.scoring is not None
    assert p.scoring.fit[-1].kind == "firmographic"
    assert p.scoring.fit[-1].id == "fit_1"


def test_refused_edits_name_the_field() -> None:
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_criterion(scored(), "fit", 0, points=5000)
    assert set(problems(exc)) == {"scoring.fit[0].points"}
    with pytest.raises(PlanInvalid) as exc:
        # the threshold of 40 could not be reached
        scoring_edits.remove_criterion(scored(), "fit", 0)
    assert set(problems(exc)) == {"scoring.fit_threshold"}
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_model(scored(), qualifies_for="s3")
    assert set(problems(exc)) == {"scoring.qualifies_for"}
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_decay(scored(), "halve", 0)
    assert set(problems(exc)) == {"scoring.decay.days"}
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_high_intent(scored(), "size", on=True)
    assert set(problems(exc)) == {"scoring.high_intent[1]"}
    with pytest.raises(PlanInvalid) as exc:
        scoring_edits.set_model(plan(chain([0.5])), fit_threshold=3)
    assert set(problems(exc)) == {"scoring"}


def test_set_decay_and_thresholds() -> None:
    p = scoring_edits.set_decay(scored(), "expire", 90)
    p = scoring_edits.set_model(p, engagement_threshold=60)
    assert p.scoring is not None
    assert p.scoring.decay == Decay("expire", 90)
    assert p.scoring.engagement_threshold == 60
