"""Merging another copy into the open plan: the merge is one undoable step, each pick one
more, and what is picked is read back from the document (undo and redo included)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from plan_copies import SAMPLE, plan_file, store  # noqa: F401 (store: autouse)
from pytestqt.qtbot import QtBot

from alignplanner.contract import versions
from alignplanner.document.document import PlanDocument
from alignplanner.document.merging import BaseNeeded, MergeSession
from alignplanner.domain.edits.stages import set_stage
from alignplanner.domain.history import History
from alignplanner.domain.plan.plan import Plan

BASE_HISTORY = History("a" * 16)


def _revenue(plan: Plan, value: float) -> Plan:
    return plan.with_changes(target=dataclasses.replace(plan.target, revenue=value))


def _open(qtbot: QtBot, tmp_path: Path) -> tuple[PlanDocument, MergeSession]:
    base = plan_file(tmp_path / "base.toml", SAMPLE.plan, BASE_HISTORY)
    versions.keep(BASE_HISTORY.version, base.read_text(encoding="utf-8"))
    ours = set_stage(_revenue(SAMPLE.plan, 9_500_000), 1, conversion=0.6)
    document = PlanDocument(ours)
    document.load(ours, None, extras=SAMPLE.extras.with_changes(
        history=BASE_HISTORY.saved_again("b" * 16)))
    theirs = plan_file(tmp_path / "theirs.toml", set_stage(SAMPLE.plan, 1, conversion=0.5),
                   BASE_HISTORY.saved_again("c" * 16))
    session = MergeSession.open(document, theirs)
    assert isinstance(session, MergeSession)
    return document, session


def test_merge_then_picks_each_one_step_followed_by_undo(qtbot: QtBot, tmp_path: Path) -> None:
    document, session = _open(qtbot, tmp_path)
    assert "Base: version aaaaaaaaaaaaaaaa" in session.base_note
    assert [c.key for c in session.conflicts] == ["stages.mql.conversion"]
    assert not session.applied
    assert session.apply() == []
    assert session.applied
    assert document.undo_stack.count() == 1
    assert document.plan.stages[1].conversion == 0.6
    assert document.plan.target.revenue == 9_500_000
    assert "c" * 16 in document.extras.history.ancestors
    assert session.picks() == {"stages.mql.conversion": "ours"}
    assert session.pick("stages.mql.conversion", "theirs") == []
    assert document.undo_stack.count() == 2
    assert document.plan.stages[1].conversion == 0.5
    assert session.picks() == {"stages.mql.conversion": "theirs"}
    document.undo_stack.undo()
    assert session.picks() == {"stages.mql.conversion": "ours"}
    document.undo_stack.undo()
    assert not session.applied
    document.undo_stack.redo()
    assert session.applied


def test_base_not_on_this_machine_is_named(qtbot: QtBot, tmp_path: Path) -> None:
    document = PlanDocument(SAMPLE.plan)
    document.load(SAMPLE.plan, None, extras=SAMPLE.extras.with_changes(
        history=BASE_HISTORY.saved_again("b" * 16)))
    theirs = plan_file(tmp_path / "theirs.toml", SAMPLE.plan, BASE_HISTORY.saved_again("c" * 16))
    needed = MergeSession.open(document, theirs)
    assert isinstance(needed, BaseNeeded)
    assert needed.message.startswith("The version both copies come from, aaaaaaaaaaaaaaaa")
    base = plan_file(tmp_path / "base.toml", SAMPLE.plan, BASE_HISTORY)
    given = MergeSession.open(document, theirs, base)
    assert isinstance(given, MergeSession)
    assert given.base_note == "Base: base.toml, given"
