"""PlanLock: a second window or process is told that the plan is open elsewhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from document_helpers import write_dead_lock
from pytestqt.qtbot import QtBot

from alignplanner.document.lock import LockOwner, PlanLock, lock_path_for


def test_the_lock_file_is_hidden_beside_the_plan(tmp_path: Path) -> None:
    assert lock_path_for(tmp_path / "plan.toml") == tmp_path / ".plan.toml.lock"


def test_a_second_lock_on_the_same_file_reports_it_locked(qtbot: QtBot, tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    first, second = PlanLock(plan), PlanLock(plan)
    assert first.acquire()
    assert first.held
    assert first.acquire()  # again: still ours
    assert not second.acquire()
    assert not second.held
    owner = second.owner()
    assert owner is not None
    assert owner.pid == os.getpid()
    assert "on this computer" in owner.describe()
    first.release()
    assert second.acquire()
    second.release()
    assert not lock_path_for(plan).exists()


def test_a_lock_left_by_a_dead_process_is_taken_over(qtbot: QtBot, tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    write_dead_lock(lock_path_for(plan))
    lock = PlanLock(plan)
    assert lock.acquire()
    assert lock.held
    lock.release()


def test_a_lock_from_another_computer_names_it() -> None:
    owner = LockOwner(4242, "meeting-room-laptop", "alignplanner")
    assert owner.describe() == (
        "AlignPlanner (alignplanner), process 4242, on the computer 'meeting-room-laptop'"
    )


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="POSIX permissions, which root ignores")
def test_a_folder_where_no_lock_can_be_made_does_not_block_opening(qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        lock = PlanLock(folder / "plan.toml")
        assert lock.acquire()
        assert not lock.held
    finally:
        folder.chmod(0o755)

