"""The shipped JSON Schema (resources/plan.schema.json) describes every file the writer
writes, and stays in step with the code: every key the writer can produce is in it, and
its input tables are closed exactly where the reader refuses unknown keys."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from plan_edits import SCENARIOS, Edit, edits, ops_edits
from plan_texts import OPS

from alignplanner.contract import build_ops, builder
from alignplanner.contract.reader import load, loads
from alignplanner.contract.requirements import requirements_dict
from alignplanner.contract.writer import dumps, plan_dict
from alignplanner.domain.calendar import BusinessCalendar
from alignplanner.domain.capacity import Role
from alignplanner.domain.engine import compute
from alignplanner.domain.model import Pipeline, Plan, Recycle, Source, Stage, Target
from alignplanner.domain.sla import EscalationStep, Obligation, Sla
from alignplanner.resources import resource_path


@cache
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(resource_path("plan.schema.json").read_text("utf-8"))
    return loaded


def _validator() -> Draft202012Validator:
    return Draft202012Validator(_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _jsonable(value: Any) -> Any:
    """tomllib's result as JSON values: TOML local dates become ISO strings (as documented)."""
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


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    n = draw(st.integers(2, 6))
    ids = [f"s{i}" for i in range(n)]
    stages = []
    for i, stage_id in enumerate(ids):
        last = i == n - 1
        recycle = None
        if not last and i > 0 and draw(st.booleans()):
            recycle = Recycle(to=ids[draw(st.integers(0, i))],
                              share=draw(st.floats(0, 0.5)), after_days=draw(st.floats(0, 90)))
        stages.append(Stage(
            id=stage_id, name=f"Stage {i}", owner=draw(st.sampled_from(["marketing", "sales"])),
            conversion=None if last else draw(st.floats(0.05, 1.0)),
            days=None if last else draw(st.floats(0, 60)), recycle=recycle,
            definition=draw(st.sampled_from(["", "A definition."])),
        ))
    months = draw(st.integers(1, 24))
    k = draw(st.integers(0, 3))
    sources = tuple(
        Source(id=f"src{j}", enters=ids[draw(st.integers(0, n - 2))], share=1 / k if k else 1,
               average_deal_size=draw(st.none() | st.floats(1000, 1e5)),
               conversion_overrides={ids[0]: 0.5} if draw(st.booleans()) else {})
        for j in range(k)
    ) if k != 3 else ()
    weights = draw(st.none() | st.lists(st.integers(1, 10), min_size=months, max_size=months))
    target = Target(revenue=draw(st.floats(1e4, 1e8)), average_deal_size=draw(st.floats(1e3, 1e5)),
                    monthly_weights=tuple(weights) if weights else None,
                    growth=draw(st.sampled_from([0.0, 0.2])),
                    continuation=draw(st.sampled_from(["repeat", "none"])))
    pipeline = Pipeline({ids[0]: draw(st.floats(0, 100))} if draw(st.booleans()) else {})
    plan = Plan(name="Generated", start=date(2027, draw(st.integers(1, 12)), 1), months=months,
                target=target, stages=tuple(stages), sources=sources, pipeline=pipeline,
                rounding=draw(st.sampled_from(["ceil", "nearest", "chained-ceil"])))
    return draw(operations(plan))


@st.composite
def operations(draw: st.DrawFn, plan: Plan) -> Plan:
    """``plan`` with a calendar, roles (unit and quota) and SLAs between its stages."""
    if not draw(st.booleans()):
        return plan
    ids = plan.stage_ids
    calendar = BusinessCalendar(
        timezone=draw(st.sampled_from(["UTC", "America/New_York", "Asia/Kolkata"])),
        workdays=tuple(draw(st.sampled_from([["mon", "tue", "wed", "thu", "fri"],
                                             ["sun", "mon", "tue", "wed", "thu"]]))),
        hours=draw(st.sampled_from([("09:00", "17:00"), ("08:30", "18:00"), ("00:00", "24:00")])),
        holidays=tuple(draw(st.lists(st.dates(date(2026, 1, 1), date(2030, 1, 1)), max_size=3,
                                     unique=True))),
    )
    roles, slas = [], []
    for j in range(draw(st.integers(0, 3))):
        works = draw(st.integers(0, len(ids) - 2))
        quota = draw(st.booleans())
        roles.append(Role(
            id=f"r{j}", works=ids[works], name=draw(st.sampled_from(["", "Reps"])),
            per_rep_per_month=None if quota else draw(st.floats(1, 1000)),
            quota_per_month=draw(st.floats(1e3, 1e6)) if quota else None,
            attainment=draw(st.floats(0.1, 1.5)) if quota else 1.0,
            handle_minutes=draw(st.floats(0.5, 90)), headcount=draw(st.floats(0, 30)),
            ramp=tuple(draw(st.lists(st.floats(0, 1), max_size=4))),
            hires=tuple(draw(st.lists(st.floats(0, 5), max_size=6))),
            attrition=draw(st.floats(0, 0.2)),
        ))
        if draw(st.booleans()):
            minutes = draw(st.booleans())
            window = draw(st.floats(0.05, 48))
            slas.append(Sla(
                id=f"sla{j}", from_stage=ids[works],
                to_stage=ids[draw(st.integers(works + 1, len(ids) - 1))], role=f"r{j}",
                respond_within_hours=None if minutes else window,
                respond_within_minutes=window * 60 if minutes else None,
                target=draw(st.floats(0.5, 0.99)),
                accept_within_hours=draw(st.none() | st.floats(1, 48)),
                reason_codes=tuple(draw(st.lists(st.sampled_from(["a", "b", "c"]), unique=True))),
                on_lapse=draw(st.sampled_from(["accept", "return"])),
                attempts=draw(st.none() | st.integers(1, 10)),
                recycle_to=draw(st.none() | st.sampled_from(ids[: works + 1])),
                nurture_days=draw(st.none() | st.floats(0, 180)),
                escalation=tuple(EscalationStep(after_hours=h, to="manager") for h in
                                 sorted(draw(st.sets(st.floats(0.5, 40), max_size=2)))),
                obligations=tuple(draw(st.lists(st.builds(
                    Obligation, text=st.just("leads per rep"),
                    amount=st.none() | st.floats(0, 500)), max_size=2))),
            ))
    return plan.with_changes(calendar=calendar, roles=tuple(roles), slas=tuple(slas))


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
              entry_criteria="e", exit_criteria="x"),
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
    )


def _walk(value: Any, schema: dict[str, Any], path: str) -> list[str]:
    """Paths in ``value`` that ``schema`` does not name (maps of ids are open by design)."""
    missing: list[str] = []
    if isinstance(value, dict):
        props = schema.get("properties")
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
        "target": (props["target"], builder.TARGET_KEYS),
        "stages": (props["stages"]["items"], builder.STAGE_KEYS),
        "recycle": (props["stages"]["items"]["properties"]["recycle"], builder.RECYCLE_KEYS),
        "sources": (props["sources"]["items"], builder.SOURCE_KEYS),
        "pipeline": (props["pipeline"], builder.PIPELINE_KEYS),
        "calendar": (props["calendar"], build_ops.CALENDAR_KEYS),
        "roles": (props["roles"]["items"], build_ops.ROLE_KEYS),
        "slas": (props["slas"]["items"], build_ops.SLA_KEYS),
        "escalation": (props["slas"]["items"]["properties"]["escalation"]["items"],
                       build_ops.ESCALATION_KEYS),
        "obligations": (props["slas"]["items"]["properties"]["obligations"]["items"],
                        build_ops.OBLIGATION_KEYS),
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
