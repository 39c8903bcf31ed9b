"""Autosaver: the plan is written to the recovery folder after an idle pause, and removed
when it is saved or closed."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from document_helpers import sample_plan, set_revenue
from pytestqt.qtbot import QtBot

from alignplanner.contract import reader
from alignplanner.document.autosave import Autosaver
from alignplanner.document.document import PlanDocument

IDLE_MS = 20


@pytest.fixture
def document(qtbot: QtBot) -> PlanDocument:
    return PlanDocument(sample_plan(), None)


@pytest.fixture
def autosaver(document: PlanDocument, recovery: Path) -> Iterator[Autosaver]:
    saver = Autosaver(document, recovery, IDLE_MS)
    yield saver
    saver.close()


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_nothing_is_written_while_the_plan_is_unmodified(autosaver: Autosaver,
                                                         recovery: Path) -> None:
    autosaver.flush()
    assert not autosaver.recovery_path.exists()
    assert _files(recovery) == {f"{autosaver.session_id}.lock"}


def test_an_edit_is_written_after_the_idle_time(autosaver: Autosaver, document: PlanDocument,
                                                qtbot: QtBot) -> None:
    set_revenue(document, 11_000_000)
    assert autosaver.pending
    assert not autosaver.recovery_path.exists()
    with qtbot.waitSignal(autosaver.saved, timeout=5000) as saved:
        pass
    assert saved.args == [autosaver.recovery_path]
    assert reader.load(autosaver.recovery_path).plan == document.plan
    meta = json.loads(autosaver.metadata_path.read_text(encoding="utf-8"))
    assert meta["original_path"] is None
    assert meta["name"] == "Untitled"
    assert meta["pid"] == os.getpid()
    assert meta["saved_at"].endswith("+00:00")


def test_each_edit_restarts_the_idle_timer(document: PlanDocument, recovery: Path,
                                           qtbot: QtBot) -> None:
    saver = Autosaver(document, recovery, 60_000)
    set_revenue(document, 11_000_000)
    assert saver.pending
    set_revenue(document, 12_000_000)
    assert saver.pending
    assert not saver.recovery_path.exists()
    saver.flush()  # what the timer does when it fires
    assert not saver.pending
    assert reader.load(saver.recovery_path).plan.target.revenue == 12_000_000
    saver.close()


def test_the_latest_edit_is_what_is_kept(autosaver: Autosaver, document: PlanDocument,
                                         qtbot: QtBot) -> None:
    set_revenue(document, 11_000_000)
    qtbot.waitUntil(autosaver.recovery_path.exists)
    set_revenue(document, 12_500_000)
    qtbot.waitUntil(
        lambda: reader.load(autosaver.recovery_path).plan.target.revenue == 12_500_000
    )


def test_the_metadata_names_the_original_file(document: PlanDocument, recovery: Path,
                                              tmp_path: Path) -> None:
    document.mark_saved(tmp_path / "plan.toml")
    saver = Autosaver(document, recovery, IDLE_MS)
    set_revenue(document, 11_000_000)
    saver.flush()
    meta = json.loads(saver.metadata_path.read_text(encoding="utf-8"))
    assert meta["original_path"] == str(tmp_path / "plan.toml")
    assert meta["name"] == "plan.toml"
    saver.close()


def test_saving_removes_the_recovery(autosaver: Autosaver, document: PlanDocument,
                                     tmp_path: Path, qtbot: QtBot) -> None:
    set_revenue(document, 11_000_000)
    qtbot.waitUntil(autosaver.recovery_path.exists)
    document.mark_saved(tmp_path / "plan.toml")
    assert not autosaver.recovery_path.exists()
    assert not autosaver.metadata_path.exists()
    assert not autosaver.pending


def test_undoing_back_to_the_saved_plan_removes_the_recovery(
    autosaver: Autosaver, document: PlanDocument, qtbot: QtBot
) -> None:
    set_revenue(document, 11_000_000)
    qtbot.waitUntil(autosaver.recovery_path.exists)
    document.undo_stack.undo()
    assert not document.is_modified
    assert not autosaver.recovery_path.exists()


def test_closing_removes_everything_of_the_session(document: PlanDocument, recovery: Path,
                                                   qtbot: QtBot) -> None:
    saver = Autosaver(document, recovery, IDLE_MS)
    set_revenue(document, 11_000_000)
    saver.flush()
    saver.close()
    assert _files(recovery) == set()
    set_revenue(document, 12_000_000)  # a closed autosaver no longer listens
    assert not saver.pending
    saver.flush()
    assert _files(recovery) == set()


def test_a_modified_document_is_written_at_once(document: PlanDocument, recovery: Path) -> None:
    set_revenue(document, 11_000_000)
    saver = Autosaver(document, recovery, 60_000)
    assert reader.load(saver.recovery_path).plan == document.plan
    saver.close()


def test_a_vanished_recovery_folder_is_made_again(autosaver: Autosaver,
                                                  document: PlanDocument, recovery: Path) -> None:
    shutil.rmtree(recovery)
    set_revenue(document, 11_000_000)
    autosaver.flush()
    assert reader.load(autosaver.recovery_path).plan == document.plan


def test_a_write_that_fails_is_reported_not_raised(autosaver: Autosaver,
                                                   document: PlanDocument, recovery: Path,
                                                   qtbot: QtBot) -> None:
    shutil.rmtree(recovery)
    recovery.write_text("a file where the folder was", encoding="utf-8")
    set_revenue(document, 11_000_000)
    with qtbot.waitSignal(autosaver.failed) as failed:
        pass
    assert autosaver.recovery_path.name in failed.args[0]
