"""The plan file means the same to every conforming TOML parser, and generated files
validate against the shipped schema.

Other systems read the contract with whatever parser they have, so every file the writer
writes (the sample plans, and generated plans with every table of the file: 1,000 input
files and 150 whole files a run, more over runs) must read identically with tomllib, rtoml
(Rust, toml-rs) and pytomlpp (C++, toml++): the same tables, keys, values and types, dates
and UTC date-times included.
"""

from __future__ import annotations

import math
import tomllib
from datetime import UTC, date, datetime
from typing import Any

import pytest
import pytomlpp
import rtoml
from hypothesis import HealthCheck, given, settings
from plan_edits import SCENARIOS
from plan_strategies import plans
from test_schema import _assert_valid, _jsonable

from alignplanner.contract.reader import load
from alignplanner.contract.write import toml
from alignplanner.contract.writer import dumps, plan_dict
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.plan import Plan

PARSERS = {"rtoml": rtoml.loads, "pytomlpp": pytomlpp.loads}


def _typed(value: Any) -> Any:
    """``value`` with its exact type kept, so that 1 and 1.0, or a date and a string,
    never compare equal; aware date-times as UTC instants (parsers differ in tz classes)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, datetime):
        assert value.tzinfo is not None, "the writer only writes UTC date-times"
        return ("datetime", value.astimezone(UTC).replace(tzinfo=None))
    if isinstance(value, float):
        assert math.isfinite(value)
        return ("float", value.hex())
    if isinstance(value, date):
        return ("date", value.isoformat())
    return (type(value).__name__, value)


def _assert_same_everywhere(text: str) -> None:
    expected = _typed(tomllib.loads(text))
    for name, loads in PARSERS.items():
        assert _typed(loads(text)) == expected, name


def _inputs_text(plan: Plan) -> str:
    """The input part of the file (no [requirements]): written the writer's way without
    computing the plan, so that thousands of plans stay quick."""
    return toml.emit(plan_dict(plan))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_sample_plan_reads_the_same_with_every_parser(path: Any) -> None:
    _assert_same_everywhere(path.read_text("utf-8"))
    loaded = load(path)
    _assert_same_everywhere(dumps(loaded.plan, loaded.result))


# Thousands of generated plans, about half a minute on one core.
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_inputs_read_the_same_and_validate(plan: Plan) -> None:
    text = _inputs_text(plan)
    _assert_same_everywhere(text)
    _assert_valid(_jsonable(tomllib.loads(text)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_files_with_requirements_read_the_same(plan: Plan) -> None:
    _assert_same_everywhere(dumps(plan, compute(plan)))


def test_the_comparison_sees_types() -> None:
    assert _typed({"a": 1}) != _typed({"a": 1.0})
    assert _typed({"a": date(2027, 1, 1)}) != _typed({"a": "2027-01-01"})
