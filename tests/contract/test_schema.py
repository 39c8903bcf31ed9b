"""The shipped JSON Schema (resources/plan.schema.json) describes every file the writer
writes, and stays in step with the code: every key the writer can produce is in it, and
its input tables are closed exactly where the reader refuses unknown keys."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from plan_edits import SCENARIOS, Edit, edits, ops_edits
from plan_strategies import plans
from plan_texts import OPS

from alignplanner.contract.read import agreement, calibration, funnel, history, sla, uncertainty
from alignplanner.contract.read import plan as builder
from alignplanner.contract.reader import load, loads
from alignplanner.contract.write.requirements import requirements_dict
from alignplanner.contract.writer import dumps, plan_dict
from alignplanner.domain.agreement.scoring import Criterion, Decay, ScoringModel
from alignplanner.domain.agreement.signoff import Approver, Signature, SignOff
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.funnel import Pipeline, Recycle, Source, Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import EscalationStep, Obligation, Sla
from alignplanner.domain.team.role import Role
from alignplanner.resources import resource_path


@cache
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(resource_path("plan.schema.json").read_text("utf-8"))
    return loaded


def _validator() -> Draft202012Validator:
    return Draft202012Validator(_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _jsonable(value: Any) -> Any:
    """tomllib's result as JSON values: TOML local dates become ISO strings, offset
    date-times RFC 3339 strings in UTC (as documented)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _written(plan: Plan) -> Any:
    return _jsonable(tomllib.loads(dumps(plan, compute(plan))))


def _assert_valid(doc: Any) -> None:
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(_schema())
    assert "ISO" in _schema()["description"]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_sample_plan_validates(path: Path) -> None:
    _assert_valid(_written(load(path).plan))


def test_the_schema_refuses_what_the_reader_refuses() -> None:
    doc = _written(load(SCENARIOS[0]).plan)
    for broken in (
        {**doc, "extra": 1},
        {**doc, "plan": {**doc["plan"], "colour": "red"}},
        {**doc, "plan": {**doc["plan"], "start": "2027-13-01"}},
        {**doc, "stages": [{**doc["stages"][0], "conversion": 0}, *doc["stages"][1:]]},
        {**doc, "version": "1"},
    ):
        assert not _validator().is_valid(broken)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_plans_validate(plan: Plan) -> None:
    _assert_valid(_written(plan))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(edits())
def test_edited_sample_plans_validate(edit: Edit) -> None:
    _assert_valid(_written(edit[1]))


# -- in step with the code ------------------------------------------------------------------


def _full_plan() -> Plan:
    """A plan that sets every optional input, so that plan_dict writes every key."""
    stages = (
        Stage(id="lead", name="Lead", owner="marketing", conversion=0.3, days=5,
              recycle=Recycle(to="lead", share=0.2, after_days=30), definition="d",
              entry_criteria="e", exit_criteria="x",
              crm={"salesforce_lead_status": "Open", "x_marketo_status": "Lead"}),
        Stage(id="won", name="Won", owner="sales"),
    )
    return Plan(
        name="Full", start=date(2027, 1, 1), months=2, currency="EUR", rounding="nearest",
        description="why", rates_source="where",
        target=Target(revenue=1e6, average_deal_size=1e4, monthly_weights=(1.0, 2.0),
                      growth=0.1, continuation="none"),
        stages=stages,
        sources=(Source(id="a", name="A", enters="lead", share=1.0, average_deal_size=2e4,
                        conversion_overrides={"lead": 0.4}),),
        pipeline=Pipeline({"lead": 3.0}),
        calendar=BusinessCalendar(timezone="Europe/Berlin", holidays=(date(2027, 1, 1),)),
        roles=(
            Role(id="sdr", name="SDRs", works="lead", per_rep_per_month=50, handle_minutes=10,
                 headcount=1, ramp=(0.5,), hires=(1,), attrition=0.01),
            Role(id="ae", works="won", quota_per_month=1e4, attainment=0.5, headcount=0),
        ),
        slas=(Sla(id="first", name="First", from_stage="lead", to_stage="won", role="sdr",
                  respond_within_hours=2, target=0.9, accept_within_hours=8,
                  reason_codes=("bad",), on_lapse="return", attempts=3,
                  attempts_within_days=5, recycle_to="lead", nurture_days=30,
                  escalation=(EscalationStep(after_hours=1, action="reassign", to="ae"),),
                  obligations=(Obligation(text="leads", amount=5),), response="a call"),
              Sla(id="hot", from_stage="lead", to_stage="won", role="sdr",
                  respond_within_minutes=5)),
        scoring=ScoringModel(
            "lead", fit=(Criterion("size", "Size", 40, "firmographic"),),
            engagement=(Criterion("demo", "Demo", 50),), fit_threshold=40,
            engagement_threshold=50, high_intent=("demo",), decay=Decay("halve", 30)),
        signoff=SignOff(
            required=("marketing", "sales"),
            approvers=(Approver("marketing", "Dana", "VP"), Approver("sales", "Sam")),
            signatures=(Signature("marketing", "Dana", datetime(2026, 11, 23, 14, 5, tzinfo=UTC),
                                  "sha256:" + "0" * 64, {"target": "0" * 16}),)),
    )


def _walk(value: Any, schema: dict[str, Any], path: str) -> list[str]:
    """Paths in ``value`` that ``schema`` does not name (maps of ids are open by design)."""
    missing: list[str] = []
    if isinstance(value, dict):
        props = schema.get("properties")
        patterns = schema.get("patternProperties", {})
        if props is not None and patterns:  # fixed keys plus a pattern (stage crm)
            props = {**props, **{k: next(iter(patterns.values())) for k in value
                                 if k not in props and any(re.match(p, k) for p in patterns)}}
        if props is None:  # an id -> value map
            extra = schema.get("additionalProperties", {})
            for key, item in value.items():
                missing += _walk(item, extra if isinstance(extra, dict) else {}, f"{path}.{key}")
            return missing
        for key, item in value.items():
            if key not in props:
                missing.append(f"{path}.{key}")
            else:
                missing += _walk(item, props[key], f"{path}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            missing += _walk(item, schema["items"], f"{path}[]")
    return missing


def test_every_key_the_writer_can_produce_is_in_the_schema() -> None:
    plan = _full_plan()
    monthly = plan.with_changes(target=Target(revenue=1e6, average_deal_size=1e4,
                                              monthly_revenue=(4e5, 6e5)))
    for p in (plan, monthly):
        doc = plan_dict(p)
        doc["requirements"] = requirements_dict(compute(p))
        assert _walk(doc, _schema(), "") == []
        _assert_valid(_jsonable(doc))
        assert {"calendar", "roles", "slas"} <= set(doc)
        assert {"capacity", "slas"} <= set(doc["requirements"])


def test_input_tables_are_closed_exactly_where_the_reader_refuses_unknown_keys() -> None:
    props = _schema()["properties"]
    tables = {
        "": (_schema(), builder.TOP_KEYS),
        "plan": (props["plan"], builder.PLAN_KEYS),
        "target": (props["target"], funnel.TARGET_KEYS),
        "stages": (props["stages"]["items"], funnel.STAGE_KEYS),
        "recycle": (props["stages"]["items"]["properties"]["recycle"], funnel.RECYCLE_KEYS),
        "sources": (props["sources"]["items"], funnel.SOURCE_KEYS),
        "pipeline": (props["pipeline"], funnel.PIPELINE_KEYS),
        "calendar": (props["calendar"], sla.CALENDAR_KEYS),
        "roles": (props["roles"]["items"], sla.ROLE_KEYS),
        "slas": (props["slas"]["items"], sla.SLA_KEYS),
        "escalation": (props["slas"]["items"]["properties"]["escalation"]["items"],
                       sla.ESCALATION_KEYS),
        "obligations": (props["slas"]["items"]["properties"]["obligations"]["items"],
                        sla.OBLIGATION_KEYS),
        "scoring": (props["scoring"], agreement.SCORING_KEYS),
        "decay": (props["scoring"]["properties"]["decay"], agreement.DECAY_KEYS),
        "fit": (props["scoring"]["properties"]["fit"]["items"], agreement.CRITERION_KEYS),
        "engagement": (props["scoring"]["properties"]["engagement"]["items"],
                       agreement.CRITERION_KEYS),
        "signoff": (props["signoff"], agreement.SIGNOFF_KEYS),
        "approvers": (props["signoff"]["properties"]["approvers"]["items"],
                      agreement.APPROVER_KEYS),
        "signatures": (props["signoff"]["properties"]["signatures"]["items"],
                       agreement.SIGNATURE_KEYS),
        "uncertainty": (props["uncertainty"], uncertainty.KEYS),
        "calibration": (props["calibration"]["items"], calibration.KEYS),
        "calibration files": (props["calibration"]["items"]["properties"]["files"]["items"],
                              calibration.FILE_KEYS),
        "history": (props["history"], history.KEYS),
    }
    for name, (table, keys) in tables.items():
        assert table["additionalProperties"] is False, name
        assert set(table["properties"]) == set(keys), name
    assert props["requirements"]["additionalProperties"] is not False  # derived: open


def test_the_schema_refuses_broken_operations() -> None:
    doc = _written(loads(OPS).plan)
    _assert_valid(doc)
    role, sla = doc["roles"][0], doc["slas"][0]
    for broken in (
        {**doc, "calendar": {**doc["calendar"], "tz": "UTC"}},
        {**doc, "calendar": {**doc["calendar"], "hours": ["9:00", "17:00"]}},
        {**doc, "calendar": {**doc["calendar"], "workdays": ["funday"]}},
        {**doc, "roles": [{**role, "heads": 1}]},
        {**doc, "roles": [{**role, "quota_per_month": 1000}]},  # both throughputs
        {**doc, "slas": [{**sla, "target": 1}]},
        {**doc, "slas": [{**sla, "respond_within_minutes": 5}]},  # both windows
        {**doc, "slas": [{**sla, "on_lapse": "reject"}]},
        {**doc, "slas": [{**sla, "escalation": [{"after_hours": 1}]}]},
    ):
        assert not _validator().is_valid(broken)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(ops_edits())
def test_sample_plans_with_edited_operations_validate(edit: Edit) -> None:
    _assert_valid(_written(edit[1]))


def test_the_schema_takes_a_history_and_refuses_a_wrong_one() -> None:
    from alignplanner.domain.extras import Extras
    from alignplanner.domain.history import History

    plan = load(SCENARIOS[0]).plan
    history = History("a" * 16, "b" * 16, datetime(2026, 12, 7, 12, 0, tzinfo=UTC), ("b" * 16,))
    doc = _jsonable(tomllib.loads(dumps(plan, compute(plan), Extras(history=history))))
    assert doc["history"]["version"] == "a" * 16
    _assert_valid(doc)
    for broken in ({**doc["history"], "version": "A" * 16}, {**doc["history"], "when": 1},
                   {"parent": "b" * 16}):
        assert not _validator().is_valid({**doc, "history": broken})
