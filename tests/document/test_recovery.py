"""Finding the plans of sessions that ended without saving, and recovering one at start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from document_helpers import (
    copy_sample,
    plant_recovery,
    read_line,
    sample_plan,
    set_revenue,
    with_revenue,
)
from fakes import RecordingPrompts, first
from pytestqt.qtbot import QtBot

from alignplanner.contract import reader
from alignplanner.document.autosave import Autosaver
from alignplanner.document.document import PlanDocument
from alignplanner.document.lock import PlanLock
from alignplanner.document.recovery import find_recoveries, session_paths
from alignplanner.document.workflow import FileWorkflow

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("autosave_child.py")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="select() on a pipe")


# -- find_recoveries -------------------------------------------------------------------


def test_an_empty_or_missing_folder_has_no_recoveries(tmp_path: Path) -> None:
    assert find_recoveries(tmp_path / "nowhere") == []
    assert find_recoveries(tmp_path) == []


def test_a_live_session_of_this_process_is_not_offered(qtbot: QtBot, recovery: Path) -> None:
    document = PlanDocument(sample_plan())
    saver = Autosaver(document, recovery, 60_000)
    set_revenue(document, 11_000_000)
    saver.flush()
    assert saver.recovery_path.exists()
    assert find_recoveries(recovery) == []
    saver.close()


def test_a_session_whose_process_is_gone_is_offered(qtbot: QtBot, recovery: Path,
                                                    tmp_path: Path) -> None:
    original = tmp_path / "plan.toml"
    path = plant_recovery(recovery, with_revenue(sample_plan(), 16_000_000), original)
    (found,) = find_recoveries(recovery)
    assert found.path == path
    assert found.original_path == original
    assert found.name == "plan.toml"
    assert found.saved_at.year == 2025
    assert found.load().plan.target.revenue == 16_000_000
    assert find_recoveries(recovery) == []  # held: a second app starting now skips it
    found.release()
    assert len(find_recoveries(recovery)) == 1  # released: offered again next time


def test_a_recovery_without_metadata_is_still_offered(qtbot: QtBot, recovery: Path) -> None:
    plant_recovery(recovery, sample_plan(), None, meta=False)
    (found,) = find_recoveries(recovery)
    assert found.original_path is None
    assert found.name == "Unsaved plan"
    found.discard()
    assert [p.name for p in recovery.iterdir()] == []


def test_newest_first(qtbot: QtBot, recovery: Path, tmp_path: Path) -> None:
    plant_recovery(recovery, sample_plan(), tmp_path / "old.toml", "a-old")
    newer = plant_recovery(recovery, sample_plan(), tmp_path / "new.toml", "b-new")
    _plan, meta, _lock = session_paths(recovery, "b-new")
    meta.write_text(meta.read_text("utf-8").replace("2025-01-01", "2026-01-01"), "utf-8")
    found = find_recoveries(recovery)
    assert [r.path for r in found] == [newer, found[1].path]
    assert found[1].original_path == tmp_path / "old.toml"
    for r in found:
        r.release()


@posix_only
def test_another_running_window_is_never_offered_and_a_killed_one_is(
    qtbot: QtBot, recovery: Path, tmp_path: Path
) -> None:
    original = copy_sample(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get(
        "PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(recovery), str(original), "17000000"],
        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        assert read_line(child.stdout, timeout=60).strip() == "autosaved"
        assert len(list(recovery.glob("*.toml"))) == 1
        assert find_recoveries(recovery) == []  # its owner is alive
        child.kill()
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    (found,) = find_recoveries(recovery)
    assert found.original_path == original
    assert found.load().plan.target.revenue == 17_000_000
    found.release()


# -- recovering at start ---------------------------------------------------------------


def test_nothing_to_recover_asks_nothing(workflow: FileWorkflow) -> None:
    assert not workflow.recover_at_start()
    assert workflow.document is None


def test_a_recovered_plan_reopens_modified_with_its_original_path(
    workflow: FileWorkflow, prompts: RecordingPrompts, recovery: Path, tmp_path: Path
) -> None:
    original = copy_sample(tmp_path).resolve()
    recovered = with_revenue(sample_plan(), 18_000_000)
    planted = plant_recovery(recovery, recovered, original)
    prompts.script("ask_recover", first)
    assert workflow.recover_at_start()
    ((offered,),) = prompts.asked("ask_recover")
    assert [r.path for r in offered] == [planted]
    document = workflow.document
    assert document is not None
    assert document.path == original
    assert document.plan == recovered
    assert document.is_modified
    assert not planted.exists()  # handled: the old session's files are gone ...
    autosaver = workflow.autosaver
    assert autosaver is not None
    assert reader.load(autosaver.recovery_path).plan == recovered  # ... now kept by this one
    document.undo_stack.undo()  # one step back: the file as it is on disk
    assert document.plan == reader.load(original).plan
    assert not document.is_modified
    assert not PlanLock(original).acquire()  # the file is open here now


def test_a_recovered_untitled_plan_stays_untitled(
    workflow: FileWorkflow, prompts: RecordingPrompts, recovery: Path, tmp_path: Path
) -> None:
    recovered = with_revenue(sample_plan(), 19_000_000)
    plant_recovery(recovery, recovered, None)
    prompts.script("ask_recover", first)
    assert workflow.recover_at_start()
    document = workflow.document
    assert document is not None
    assert document.path is None
    assert document.is_modified
    prompts.script("ask_save_path", tmp_path / "rescued.toml")
    assert workflow.save()
    assert reader.load(tmp_path / "rescued.toml").plan == recovered


def test_a_recovery_whose_original_is_gone_keeps_the_path(
    workflow: FileWorkflow, prompts: RecordingPrompts, recovery: Path, tmp_path: Path
) -> None:
    original = (tmp_path / "deleted.toml").resolve()
    plant_recovery(recovery, sample_plan(), original)
    prompts.script("ask_recover", first)
    assert workflow.recover_at_start()
    document = workflow.document
    assert document is not None
    assert document.path == original
    assert document.is_modified
    assert workflow.save()
    assert reader.load(original).plan == sample_plan()


def test_not_now_keeps_the_recovery_for_next_time(
    workflow: FileWorkflow, prompts: RecordingPrompts, recovery: Path
) -> None:
    planted = plant_recovery(recovery, sample_plan(), None)
    prompts.script("ask_recover", None)
    assert not workflow.recover_at_start()
    assert workflow.document is None
    assert planted.exists()
    (again,) = find_recoveries(recovery)
    again.release()


def test_an_unreadable_recovery_is_reported_and_set_aside(
    workflow: FileWorkflow, prompts: RecordingPrompts, recovery: Path
) -> None:
    planted = plant_recovery(recovery, sample_plan(), None)
    planted.write_text("this is [not a plan\n", encoding="utf-8")
    prompts.script("ask_recover", first)
    assert not workflow.recover_at_start()
    ((title, lines),) = prompts.asked("show_problems")
    assert "could not be recovered" in title
    assert f"{planted.name}:1:" in lines[0]
    kept = planted.with_name(planted.name + ".unreadable")
    assert lines[-1].endswith(str(kept))
    assert kept.exists()
    assert find_recoveries(recovery) == []  # never offered again, never deleted


def test_a_recovery_of_a_file_open_elsewhere_comes_back_untitled(
    workflow: FileWorkflow, prompts: RecordingPrompts, recovery: Path, tmp_path: Path
) -> None:
    original = copy_sample(tmp_path).resolve()
    elsewhere = PlanLock(original)
    assert elsewhere.acquire()
    plant_recovery(recovery, with_revenue(sample_plan(), 18_000_000), original)
    prompts.script("ask_recover", first)
    prompts.script("ask_open_locked", False)
    assert workflow.recover_at_start()
    document = workflow.document
    assert document is not None
    assert document.path is None
    assert document.plan.target.revenue == 18_000_000
    elsewhere.release()


def test_start_offers_recoveries_first(
    workflow: FileWorkflow, prompts: RecordingPrompts, recovery: Path, tmp_path: Path
) -> None:
    plant_recovery(recovery, with_revenue(sample_plan(), 18_000_000), None)
    prompts.script("ask_recover", first)
    workflow.start(copy_sample(tmp_path))
    document = workflow.document
    assert document is not None
    assert document.plan.target.revenue == 18_000_000


def test_start_opens_the_file_or_else_the_sample(workflow: FileWorkflow, tmp_path: Path,
                                                 prompts: RecordingPrompts) -> None:
    path = copy_sample(tmp_path)
    workflow.start(path)
    assert workflow.document is not None
    assert workflow.document.path == path.resolve()
    workflow.close()
    workflow.start(tmp_path / "missing.toml")
    assert len(prompts.asked("show_problems")) == 1
    assert workflow.document is not None
    assert workflow.document.path is None  # the sample plan, untitled
