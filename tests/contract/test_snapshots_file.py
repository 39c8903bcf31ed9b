"""The plan file's [actuals] snapshots: written and read back, absent when none, bounded,
named at their key when wrong, and no part of what a signature covers."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from alignplanner.contract.agreement import signed, verify
from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.reader import loads
from alignplanner.contract.writer import dumps
from alignplanner.domain.agreement.signoff import SignOff
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.extras import Extras
from alignplanner.domain.plan.funnel import Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.review.snapshots import (
    MAX_SNAPSHOTS,
    Snapshot,
    Snapshots,
    StageSnapshot,
)

PLAN = Plan(name="p", start=date(2027, 1, 1), months=3,
            target=Target(revenue=100_000, average_deal_size=1_000),
            stages=(Stage("mql", "MQL", conversion=0.5, days=10), Stage("won", "Won")),
            signoff=SignOff(required=("marketing", "sales")))
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "resources"
                     / "plan.schema.json").read_text(encoding="utf-8"))


def _snapshots(weeks: int = 2) -> Snapshots:
    start = date(2027, 1, 4)
    return Snapshots(tuple(
        Snapshot(start + timedelta(weeks=w), 10 + w, (
            StageSnapshot("mql", 10 + w, {"2027-01": 10 + w}, {"paid": 7, "Trade Show": 3 + w},
                          4, 0.4 + w / 100),
            StageSnapshot("won", 4)), won=4_000.0 + w if w else None)
        for w in range(weeks)))  # the first without `won`, as snapshots kept before it


def _text(snapshots: Snapshots) -> str:
    return dumps(PLAN, compute(PLAN), Extras(snapshots=snapshots))


def test_snapshots_round_trip_and_validate() -> None:
    text = _text(_snapshots())
    assert "[[actuals.snapshots]]" in text
    assert '"Trade Show" = 3' in text
    assert text.count("won = 4001.0") == 1
    loaded = loads(text)
    assert loaded.extras.snapshots == _snapshots()
    assert dumps(loaded.plan, loaded.result, loaded.extras) == text  # the same bytes
    raw = tomllib.loads(text)
    jsonschema.validate(json.loads(json.dumps(raw, default=str)), SCHEMA)


def test_without_snapshots_the_file_has_no_actuals_table() -> None:
    text = _text(Snapshots())
    assert "actuals" not in text
    assert text == dumps(PLAN, compute(PLAN))


def test_a_quarter_of_weeks_is_small_enough_to_mail() -> None:
    with_them = _text(_snapshots(MAX_SNAPSHOTS))
    assert len(with_them.encode()) - len(_text(Snapshots()).encode()) < 8_000


@pytest.mark.parametrize(("edit", "path"), [
    (lambda t: t.replace("entered = 10\n", "entered = -1\n", 1),
     "actuals.snapshots[0].stages[0].entered"),
    (lambda t: t.replace("records = 10\n", 'records = "ten"\n', 1), "actuals.snapshots[0]"),
    (lambda t: t.replace('2027-01 = 10', '2027-01 = 1.5', 1),
     "actuals.snapshots[0].stages[0].months.2027-01"),
    (lambda t: t.replace("as_of = 2027-01-11", "as_of = 2027-01-05", 1), "actuals.snapshots"),
    (lambda t: t.replace("[[actuals.snapshots]]\n", "[[actuals.snapshots]]\nwhen = 1\n", 1),
     "actuals.snapshots[0].when"),
    (lambda t: t.replace("won = 4001.0", "won = -5.0", 1), "actuals.snapshots[1]"),
    (lambda t: t.replace("won = 4001.0", 'won = "lots"', 1), "actuals.snapshots[1].won"),
])
def test_a_bad_snapshot_is_named_at_its_key(edit: object, path: str) -> None:
    with pytest.raises(PlanFileError) as err:
        loads(edit(_text(_snapshots())))  # type: ignore[operator]
    assert any(p.path.startswith(path) for p in err.value.problems), err.value.problems


def test_snapshots_are_no_part_of_a_signature() -> None:
    text = dumps(PLAN, compute(PLAN))
    for role in ("marketing", "sales"):
        plan = signed(loads(text), role, role.title(), datetime(2026, 11, 23, 9, tzinfo=UTC))
        text = dumps(plan, compute(plan))
    assert verify(loads(text)).ok
    text = dumps(plan, compute(plan), Extras(snapshots=_snapshots()))
    assert verify(loads(text)).ok  # a refresh does not break the sign-off
