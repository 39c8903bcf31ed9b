"""Changes to the open plan file by someone else are noticed; the app's own saves are not."""

from __future__ import annotations

import os
from pathlib import Path

from document_helpers import copy_sample, sample_plan, set_revenue, with_revenue
from fakes import RecordingPrompts
from pytestqt.qtbot import QtBot

from alignplanner.contract.atomic import atomic_write_text
from alignplanner.contract.writer import dumps
from alignplanner.document.files import FileSignature
from alignplanner.document.watch import FileWatcher
from alignplanner.document.workflow import FileWorkflow
from alignplanner.domain.engine.compute import compute

QUIET_MS = 600  # how long "nothing is reported" is watched for (several debounce periods)


def _edited_elsewhere(path: Path, revenue: float, *, atomic: bool = True) -> None:
    """What a colleague's AlignPlanner (atomic replace) or a text editor (in place) does."""
    plan = with_revenue(sample_plan(), revenue)
    text = dumps(plan, compute(plan))
    if atomic:
        atomic_write_text(path, text)
    else:
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(text)


# -- the watcher itself ----------------------------------------------------------------


def test_a_change_by_someone_else_is_reported_once(qtbot: QtBot, tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    watcher = FileWatcher(debounce_ms=20)
    watcher.watch(path, FileSignature.of(path))
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=5000) as changed:
        _edited_elsewhere(path, 21_000_000, atomic=False)
    assert changed.args == [path]
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET_MS):
        watcher.check()  # the same content again is not news
    watcher.stop()


def test_the_apps_own_save_is_not_reported(qtbot: QtBot, tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    watcher = FileWatcher(debounce_ms=20)
    watcher.watch(path, FileSignature.of(path))
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET_MS):
        _edited_elsewhere(path, 21_000_000)
        watcher.expect(FileSignature.of(path))  # as FileWorkflow does after writing
        watcher.check()
    watcher.stop()


def test_a_touch_is_not_a_change(qtbot: QtBot, tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    watcher = FileWatcher(debounce_ms=20)
    watcher.watch(path, FileSignature.of(path))
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=QUIET_MS):
        os.utime(path, ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))
    watcher.stop()


def test_changes_after_an_atomic_replace_are_still_seen(qtbot: QtBot, tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    watcher = FileWatcher(debounce_ms=20)
    watcher.watch(path, FileSignature.of(path))
    for revenue in (21_000_000, 22_000_000, 23_000_000):
        with qtbot.waitSignal(watcher.changedOnDisk, timeout=5000):
            _edited_elsewhere(path, revenue)  # each replace drops the old file's watch
    watcher.stop()


def test_a_file_that_comes_back_after_being_removed_is_seen(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    watcher = FileWatcher(debounce_ms=20)
    watcher.watch(path, FileSignature.of(path))
    path.unlink()
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=5000):
        _edited_elsewhere(path, 24_000_000)
    watcher.stop()


# -- in the workflow -------------------------------------------------------------------


def test_own_saves_ask_nothing_but_a_change_elsewhere_asks_to_reload(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path, qtbot: QtBot
) -> None:
    path = copy_sample(tmp_path)
    workflow.open(path)
    document = workflow.document
    assert document is not None
    for revenue in (11_000_000, 12_000_000):
        set_revenue(document, revenue)
        assert workflow.save()
    qtbot.wait(QUIET_MS)  # time for the saves' own events to arrive (and be ignored)
    assert prompts.asked("ask_reload_changed") == []
    prompts.script("ask_reload_changed", True)
    _edited_elsewhere(path, 25_000_000)
    qtbot.waitUntil(lambda: document.plan.target.revenue == 25_000_000, timeout=5000)
    assert prompts.asked("ask_reload_changed") == [("plan.toml",)]
    assert not document.is_modified
    document.undo_stack.undo()  # the reload is one undoable step
    assert document.plan.target.revenue == 12_000_000
    assert document.is_modified


def test_keeping_my_version_makes_it_unsaved(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path, qtbot: QtBot
) -> None:
    path = copy_sample(tmp_path)
    workflow.open(path)
    document = workflow.document
    assert document is not None
    prompts.script("ask_reload_changed", False)
    _edited_elsewhere(path, 26_000_000)
    qtbot.waitUntil(lambda: document.is_modified, timeout=5000)
    assert document.plan == sample_plan()
    assert workflow.save()  # saving now writes the version on screen over theirs
    assert FileSignature.of(path) is not None


def test_a_change_elsewhere_that_breaks_the_file_keeps_the_plan(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path, qtbot: QtBot
) -> None:
    path = copy_sample(tmp_path)
    workflow.open(path)
    document = workflow.document
    assert document is not None
    prompts.script("ask_reload_changed", True)
    path.write_text("half a file [", encoding="utf-8")
    qtbot.waitUntil(lambda: len(prompts.asked("show_problems")) == 1, timeout=5000)
    assert document.plan == sample_plan()
    assert document.is_modified
