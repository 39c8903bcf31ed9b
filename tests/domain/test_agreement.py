"""The agreement inside a plan: CRM mappings, the scoring stage, sign-off edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from plan_factory import chain, plan

from alignplanner.domain.agreement.scoring import Criterion, ScoringModel
from alignplanner.domain.agreement.signoff import Approver, SignOff
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.edits.scoring import set_scoring
from alignplanner.domain.edits.signoff import set_signoff, sign_plan, withdraw_signature
from alignplanner.domain.edits.stages import set_crm
from alignplanner.domain.plan.funnel import Stage
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, dotted

DIGEST = "sha256:" + "c" * 64
AT = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)


def problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> dict[str, str]:
    return {dotted(p.path): p.message for p in exc.value.problems}


def scored(qualifies_for: str = "s1") -> Plan:
    model = ScoringModel(
        qualifies_for, fit=(Criterion("size", "Size", 50, "firmographic"),), fit_threshold=40
    )
    return set_scoring(plan(chain([0.5, 0.5, 0.5])), model)


def test_stage_crm_mapping_is_kept_read_only() -> None:
    stage = Stage(
        "mql",
        "MQL",
        conversion=0.5,
        days=3,
        crm={"salesforce_lead_status": "Marketing Qualified", "x_marketo_program_status": "MQL"},
    )
    assert stage.crm["salesforce_lead_status"] == "Marketing Qualified"
    with pytest.raises(TypeError):
        stage.crm["hubspot_lifecycle_stage"] = "lead"  # type: ignore[index]
    assert hash(stage) == hash(replace(stage))


def test_unknown_crm_field_and_empty_value_are_named() -> None:
    with pytest.raises(PlanInvalid) as exc:
        Stage(
            "mql",
            "MQL",
            conversion=0.5,
            days=3,
            crm={
                "salesforce_status": "MQL",
                "hubspot_lifecycle_stage": " ",
                "hubspot_deal_stage": 3,
            },
        )  # type: ignore[dict-item]
    found = problems(exc)
    assert set(found) == {
        "crm.salesforce_status",
        "crm.hubspot_lifecycle_stage",
        "crm.hubspot_deal_stage",
    }
    assert "salesforce_lead_status" in found["crm.salesforce_status"]


def test_set_crm_sets_and_clears() -> None:
    p = set_crm(plan(chain([0.5])), 0, "hubspot_lifecycle_stage", " lead ")
    assert dict(p.stages[0].crm) == {"hubspot_lifecycle_stage": "lead"}
    assert dict(set_crm(p, 0, "hubspot_lifecycle_stage", "").stages[0].crm) == {}
    with pytest.raises(PlanInvalid) as exc:
        set_crm(p, 1, "zoho", "x")
    assert set(problems(exc)) == {"stages[1].crm.zoho"}


def test_scoring_must_qualify_for_an_open_stage_of_the_plan() -> None:
    assert scored("s1").scoring is not None
    for stage_id, words in (("nope", "not a stage"), ("s3", "last ('won')")):
        with pytest.raises(PlanInvalid) as exc:
            scored(stage_id)
        assert words in problems(exc)["scoring.qualifies_for"]


def test_renaming_or_removing_the_scored_stage_follows_it() -> None:
    p = stage_edits.set_stage(scored("s1"), 1, id="mql")
    assert p.scoring is not None
    assert p.scoring.qualifies_for == "mql"
    p = stage_edits.remove_stage(p, 1)
    assert p.scoring is not None
    assert p.scoring.qualifies_for == "s2"


def test_sign_plan_and_withdraw() -> None:
    p = set_signoff(plan(chain([0.5])), required=("marketing", "sales"))
    p = sign_plan(
        p, "marketing", " Dana Whitfield ", signed_at=AT, digest=DIGEST, parts={"plan": "0" * 16}
    )
    p = sign_plan(p, "sales", "Sam Ortiz", signed_at=AT, digest=DIGEST, parts={})
    assert [(s.role, s.name) for s in p.signoff.signatures] == [
        ("marketing", "Dana Whitfield"),
        ("sales", "Sam Ortiz"),
    ]
    assert withdraw_signature(p, "sales", "Sam Ortiz").signoff.signatures == (
        p.signoff.signatures[0],
    )


def test_refused_signatures_name_the_field() -> None:
    p = set_signoff(
        plan(chain([0.5])),
        required=("marketing", "sales"),
        approvers=(Approver("marketing", "Dana"), Approver("sales", "Sam")),
    )
    with pytest.raises(PlanInvalid) as exc:
        sign_plan(p, "finance", "Fay", signed_at=AT, digest=DIGEST, parts={})
    assert set(problems(exc)) == {"signoff.signatures[0].role"}
    with pytest.raises(PlanInvalid) as exc:
        sign_plan(
            p, "sales", "Sam", signed_at=datetime(2026, 1, 1), digest=DIGEST, parts={}
        )  # naive
    assert set(problems(exc)) == {"signoff.signatures[0].signed_at"}
    with pytest.raises(PlanInvalid) as exc:
        set_signoff(p, required=("marketing",))
    assert set(problems(exc)) == {"signoff.required"}


def test_plan_defaults_to_no_scoring_and_an_empty_signoff() -> None:
    p = plan(chain([0.5]))
    assert p.scoring is None
    assert p.signoff == SignOff()
    hash(p)


def test_crm_labels_for_people() -> None:
    from alignplanner.domain.plan.crm import CRM_FIELDS
    from alignplanner.domain.wording import crm_label

    assert crm_label("hubspot_lifecycle_stage") == "HubSpot lifecycle stage"
    assert crm_label("x_marketo_program_status") == "marketo program status"
    assert all(crm_label(f)[0].isupper() for f in CRM_FIELDS)
