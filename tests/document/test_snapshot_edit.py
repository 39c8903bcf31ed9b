"""Keeping an actuals snapshot is one undoable step of the document, saved with the plan."""

from __future__ import annotations

from datetime import date

from alignplanner.contract.reader import loads
from alignplanner.contract.writer import dumps
from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.funnel import Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.review.snapshots import Snapshot, Snapshots, StageSnapshot

PLAN = Plan(name="p", start=date(2027, 1, 1), months=3,
            target=Target(revenue=100_000, average_deal_size=1_000),
            stages=(Stage("mql", "MQL", conversion=0.5, days=10), Stage("won", "Won")))


def snap(day: date, n: int) -> Snapshot:
    return Snapshot(day, n, (StageSnapshot("mql", n, {"2027-01": n}), StageSnapshot("won", 0)))


def test_keep_undo_redo_and_save() -> None:
    doc = PlanDocument(PLAN)
    seen: list[Snapshots] = []
    doc.snapshotsChanged.connect(seen.append)
    monday, wednesday = snap(date(2027, 1, 4), 10), snap(date(2027, 1, 6), 12)
    doc.keep_snapshot("Keep actuals snapshot", monday)
    assert doc.snapshots.taken == (monday,)
    assert doc.is_modified
    assert doc.plan is PLAN  # the plan itself is as it was
    doc.keep_snapshot("Keep actuals snapshot", wednesday)  # the same week: replaces
    assert doc.snapshots.taken == (wednesday,)
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert doc.snapshots.taken == (monday,)  # Monday's is back
    doc.undo_stack.undo()
    assert doc.snapshots == Snapshots()
    assert not doc.is_modified
    doc.undo_stack.redo()
    assert [s.taken for s in seen] == [(monday,), (wednesday,), (monday,), (), (monday,)]
    text = dumps(doc.plan, doc.result, doc.extras)
    assert loads(text).extras.snapshots.taken == (monday,)


def test_the_same_snapshot_again_is_no_step() -> None:
    doc = PlanDocument(PLAN)
    doc.keep_snapshot("Keep actuals snapshot", snap(date(2027, 1, 4), 10))
    doc.keep_snapshot("Keep actuals snapshot", snap(date(2027, 1, 4), 10))
    assert doc.undo_stack.count() == 1


def test_opening_another_plan_brings_its_snapshots() -> None:
    doc = PlanDocument(PLAN)
    doc.keep_snapshot("Keep actuals snapshot", snap(date(2027, 1, 4), 10))
    seen: list[Snapshots] = []
    doc.snapshotsChanged.connect(seen.append)
    doc.load(PLAN, None)
    assert seen == [Snapshots()]
    assert doc.undo_stack.count() == 0
