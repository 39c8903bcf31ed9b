"""The recovery folder: what the autosaver leaves there, and finding it again after a crash.

Each open plan (a *session*) may have, in the recovery folder:

- ``<session>.toml``: the plan in the plan file format (`writer.dumps`), never pickled
  commands, so a recovery stays readable by any later version and by hand;
- ``<session>.json``: `Metadata` (the original path, the name shown, when, which process);
- ``<session>.lock``: a QLockFile the live session holds from start to close.

`find_recoveries` offers only sessions whose lock it can take, that is whose process is
gone; it keeps holding those locks so that a second AlignPlanner starting at the same
moment does not offer the same recovery. A live window's autosave is never offered.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QLockFile

from alignplanner.contract import reader
from alignplanner.document.files import leftover_temp_files

__all__ = ["Metadata", "Recovery", "find_recoveries", "session_lock", "session_paths"]

PLAN_SUFFIX = ".toml"
META_SUFFIX = ".json"
LOCK_SUFFIX = ".lock"
SET_ASIDE_SUFFIX = ".unreadable"


def session_paths(recovery_dir: Path, session_id: str) -> tuple[Path, Path, Path]:
    """The plan, metadata and lock file of ``session_id``."""
    base = recovery_dir / session_id
    return (base.with_name(session_id + PLAN_SUFFIX), base.with_name(session_id + META_SUFFIX),
            base.with_name(session_id + LOCK_SUFFIX))


def session_lock(recovery_dir: Path, session_id: str) -> QLockFile:
    """The (not yet taken) lock of a session; stale only when its process is gone."""
    lock = QLockFile(str(session_paths(recovery_dir, session_id)[2]))
    lock.setStaleLockTime(0)  # a window open all day is not stale; a dead process is
    return lock


@dataclass(frozen=True)
class Metadata:
    """What a recovery is of. ``original_path`` is None for a plan never saved."""

    original_path: Path | None
    name: str
    saved_at: datetime
    pid: int

    def to_json(self) -> str:
        import json  # when saving, not at start-up

        return json.dumps({
            "original_path": None if self.original_path is None else str(self.original_path),
            "name": self.name,
            "saved_at": self.saved_at.astimezone(UTC).isoformat(),
            "pid": self.pid,
        }, indent=2) + "\n"

    @classmethod
    def read(cls, meta_path: Path, plan_path: Path) -> Metadata:
        """The metadata beside ``plan_path``; made up from the plan file when the JSON is
        missing or damaged (a crash between the two writes), so the plan is still offered."""
        import json

        try:
            data = json.loads(meta_path.read_text(encoding="utf-8"))
            original = data["original_path"]
            return cls(
                original_path=None if original is None else Path(str(original)),
                name=str(data["name"]),
                saved_at=datetime.fromisoformat(str(data["saved_at"])).astimezone(UTC),
                pid=int(data["pid"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            mtime = plan_path.stat().st_mtime if plan_path.exists() else 0.0
            return cls(None, "Unsaved plan", datetime.fromtimestamp(mtime, UTC), 0)


@dataclass(frozen=True, eq=False)
class Recovery:
    """An autosaved plan of a session that ended without saving (a crash, a kill)."""

    path: Path
    original_path: Path | None
    name: str
    saved_at: datetime
    _lock: QLockFile = field(repr=False)

    @property
    def session_id(self) -> str:
        return self.path.stem

    def load(self) -> reader.LoadedPlan:
        """The recovered plan; PlanFileError (with every problem) if it cannot be read."""
        return reader.load(self.path)

    def discard(self) -> None:
        """Delete the recovery for good (recovered into a new session, or thrown away)."""
        plan, meta, _ = session_paths(self.path.parent, self.session_id)
        for leftover in [plan, meta, *leftover_temp_files(plan), *leftover_temp_files(meta)]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        self.release()

    def set_aside(self) -> Path:
        """Keep an unreadable recovery out of the way (never offered again, never deleted:
        someone may still rescue it by hand). Returns where it now is."""
        plan, meta, _ = session_paths(self.path.parent, self.session_id)
        kept = plan.with_name(plan.name + SET_ASIDE_SUFFIX)
        os.replace(plan, kept)
        with contextlib.suppress(FileNotFoundError):
            meta.unlink()
        self.release()
        return kept

    def release(self) -> None:
        """Give the lock back and leave the files (offered again at the next start)."""
        if self._lock.isLocked():
            self._lock.unlock()


def find_recoveries(recovery_dir: Path) -> list[Recovery]:
    """The recoveries whose session is over, newest first. Each holds its session's lock
    until it is discarded, set aside or released."""
    if not recovery_dir.is_dir():
        return []
    found: list[Recovery] = []
    for plan_path in sorted(recovery_dir.glob(f"*{PLAN_SUFFIX}")):
        session_id = plan_path.stem
        lock = session_lock(recovery_dir, session_id)
        if not lock.tryLock(0):
            continue  # a live session (another window, another AlignPlanner)
        _, meta_path, _ = session_paths(recovery_dir, session_id)
        meta = Metadata.read(meta_path, plan_path)
        found.append(Recovery(plan_path, meta.original_path, meta.name, meta.saved_at, lock))
    _remove_orphans(recovery_dir)
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def _remove_orphans(recovery_dir: Path) -> None:
    """Metadata without a plan (a session killed between the two removals) is junk."""
    for meta_path in recovery_dir.glob(f"*{META_SUFFIX}"):
        plan_path, _, _ = session_paths(recovery_dir, meta_path.stem)
        if plan_path.exists():
            continue
        lock = session_lock(recovery_dir, meta_path.stem)
        if lock.tryLock(0):
            with contextlib.suppress(FileNotFoundError):
                meta_path.unlink()
            lock.unlock()
