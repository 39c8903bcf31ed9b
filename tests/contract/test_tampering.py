"""A signed plan cannot be changed unnoticed: changing any single input value is caught by
`verify` (and says which part changed), while reordering keys, reformatting, or writing a
whole number as a float is not a change."""

from __future__ import annotations

import math
import re
import tomllib
from datetime import UTC, date, datetime, timedelta
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_strategies import plans
from plan_texts import reversed_keys

from alignplanner.contract.agreement import signed, verify
from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.reader import loads
from alignplanner.contract.writer import dumps
from alignplanner.domain.agreement.signoff import SignOff
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.plan import Plan

AT = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
NOT_INPUTS = ("requirements", "signoff")


def _signed_text(plan: Plan) -> str:
    plan = plan.with_changes(signoff=SignOff(required=("marketing", "sales")))
    text = dumps(plan, compute(plan))
    for role, name in (("marketing", "Dana Whitfield"), ("sales", "Sam Ortiz")):
        loaded = loads(text)
        plan = signed(loaded, role, name, AT)
        text = dumps(plan, loaded.result)
    return text


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


def _changed(value: Any) -> Any:
    """Another value of the same type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        changed = value * 1.001 if value else 0.001
        return changed if changed != value else math.nextafter(value, math.inf)  # 5e-324
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, datetime):
        return value + timedelta(seconds=1)
    if isinstance(value, date):
        return date(value.year + 1, value.month, value.day)
    raise AssertionError(f"unexpected value {value!r}")


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_changing_any_single_input_value_is_detected(plan: Plan, data: st.DataObject) -> None:
    text = _signed_text(plan)
    assert verify(loads(text)).ok
    raw = tomllib.loads(text)
    inputs = [p for p in _leaves(raw) if p[0] not in NOT_INPUTS]
    path = data.draw(st.sampled_from(inputs), label="edited")
    _set(raw, path, _changed(_get(raw, path)))
    try:
        tampered = loads(tomli_w.dumps(raw))
    except PlanFileError:
        return  # the edit made the file invalid: it cannot pass verify either
    assert not verify(tampered).ok  # stale requirements, or the digest
    # the requirements recomputed to match (a careful tamperer): the digest still tells
    fresh = loads(dumps(tampered.plan, tampered.result))
    verdict = verify(fresh)
    assert not verdict.ok
    assert any(r.startswith("digest mismatch") for r in verdict.reasons), verdict.reasons
    sections = {c.part.split(".")[0] for c in verdict.status.changed}
    assert path[0] in sections, (path, verdict.status.changed)


def _whole_as_float(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _whole_as_float(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_as_float(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53:
        return float(value)
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_reordering_and_reformatting_are_not_changes(plan: Plan) -> None:
    text = _signed_text(plan)
    raw = tomllib.loads(text)
    reordered = tomli_w.dumps(reversed_keys(raw))
    commented = "# signed copy\n" + re.sub(r"\n\[", "\n\n# section\n[", text).replace(
        " = ", "   =   "
    )
    inputs_as_floats = dict(raw)
    for key in ("plan", "target", "stages", "sources", "pipeline", "scoring"):
        if key in raw and key != "plan":  # plan.months must stay an integer
            inputs_as_floats[key] = _whole_as_float(raw[key])
    for other in (reordered, commented, tomli_w.dumps(inputs_as_floats)):
        loaded = loads(other)
        assert verify(loaded).ok, verify(loaded).reasons
