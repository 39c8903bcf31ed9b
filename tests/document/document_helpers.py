"""Small helpers shared by the document-layer tests: sample plans, edits, dead owners."""

from __future__ import annotations

import select
import shutil
from pathlib import Path
from typing import IO

from PySide6.QtCore import QLockFile

from alignplanner.contract import reader
from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import plan as plan_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.resources import sample_plan_path

# Above Linux's PID_MAX_LIMIT (2**22) and any pid macOS or Windows hands out: no process
# can have it, so a lock file naming it belongs to a process that is gone.
DEAD_PID = 2**22 + 1


def copy_sample(folder: Path, name: str = "plan.toml") -> Path:
    """A copy of the built-in sample plan in ``folder`` (tests never edit the original)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(sample_plan_path(), target)
    return target


def sample_plan() -> Plan:
    return reader.load(sample_plan_path()).plan


def with_revenue(plan: Plan, revenue: float) -> Plan:
    return plan_edits.set_target(plan, revenue=revenue)


def set_revenue(document: PlanDocument, revenue: float) -> None:
    """One undoable edit, as the target panel makes it."""
    problems = document.edit("Set revenue", lambda plan: with_revenue(plan, revenue),
                             merge_key=("target", "revenue"))
    assert problems == []


def write_dead_lock(lock_path: Path) -> None:
    """Leave a lock file at ``lock_path`` as a crashed process would: the real format
    (made by QLockFile), with the process id of a process that does not exist."""
    probe = QLockFile(str(lock_path))
    assert probe.tryLock(0)
    content = lock_path.read_bytes()
    probe.unlock()
    _pid, rest = content.split(b"\n", 1)
    lock_path.write_bytes(str(DEAD_PID).encode() + b"\n" + rest)


def plant_recovery(recovery_dir: Path, plan: Plan, original: Path | None,
                   session_id: str = "20250101T000000-1-deadbeef", *, meta: bool = True) -> Path:
    """Leave what a session killed after its autosave leaves: plan, metadata and a lock
    whose process is gone. Returns the recovery file."""
    from datetime import UTC, datetime

    from alignplanner.contract.writer import dumps
    from alignplanner.document.recovery import Metadata, session_paths
    from alignplanner.domain.engine.compute import compute

    recovery_dir.mkdir(parents=True, exist_ok=True)
    plan_path, meta_path, lock_path = session_paths(recovery_dir, session_id)
    plan_path.write_text(dumps(plan, compute(plan)), encoding="utf-8")
    if meta:
        name = original.name if original else "Untitled"
        meta_path.write_text(
            Metadata(original, name, datetime(2025, 1, 1, tzinfo=UTC), DEAD_PID).to_json(),
            encoding="utf-8",
        )
    write_dead_lock(lock_path)
    return plan_path


def read_line(stream: IO[str], timeout: float) -> str:
    """The next line a child process prints, or "" if none comes within ``timeout``."""
    ready, _, _ = select.select([stream], [], [], timeout)
    return stream.readline() if ready else ""
