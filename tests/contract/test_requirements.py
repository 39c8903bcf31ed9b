"""The [requirements] section: the fixed keys of contract-core plus the documented extras."""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pytest
from plan_texts import VALID

from alignplanner.contract.reader import loads
from alignplanner.contract.write.requirements import requirements_dict


def test_structure() -> None:
    result = loads(VALID).result
    req = requirements_dict(result)
    assert list(req) == ["wins", "wins_rounded", "pipeline_wins", "months", "stages", "sources",
                         "warnings"]
    assert req["wins"] == result.wins
    assert req["months"] == [date(2027, m, 1) for m in range(1, 13)]
    assert list(req["stages"][0]) == [
        "id", "volume", "new", "rounded", "pre_plan", "monthly", "monthly_rounded",
        "recycled", "monthly_new",
    ]
    assert [s["id"] for s in req["stages"]] == ["inquiry", "mql", "sql", "won"]
    assert list(req["sources"][0]) == [
        "id", "enters", "wins", "average_deal_size", "new", "pre_plan", "monthly_new", "volumes",
    ]
    assert list(req["sources"][1]["volumes"]) == ["inquiry", "mql", "sql", "won"]
    assert all(set(w) == {"code", "subject", "message"} for w in req["warnings"])


def test_values_are_plain_python() -> None:
    req = requirements_dict(loads(VALID).result)
    stage = req["stages"][1]
    assert type(stage["volume"]) is float
    assert type(stage["rounded"]) is int
    assert all(type(v) is int for v in stage["monthly_rounded"])
    assert len(stage["monthly"]) == 12
    assert math.isclose(stage["recycled"], stage["volume"] - stage["new"])


def test_non_finite_values_raise() -> None:
    result = loads(VALID).result
    source = dataclasses.replace(result.sources[0], volumes=(1.0, math.nan, 1.0, 1.0))
    broken = dataclasses.replace(result, sources=(source, *result.sources[1:]))
    with pytest.raises(ValueError, match=r"requirements\.sources\[0\]\.volumes\.mql"):
        requirements_dict(broken)
