"""PlanLock: tell other AlignPlanner windows and processes that a plan file is open here.

The lock is a QLockFile named ``.<file name>.lock`` beside the plan. It is held for as
long as the plan is open, so it uses ``setStaleLockTime(0)`` as the Qt documentation asks
for long-lived locks: a lock is then taken over only when its owner process is gone
(same host, process id no longer running), never merely because it is old. A lock that
cannot even be created (a read-only folder, an e-mail attachment folder) does not stop
anyone from opening the file: the lock protects, it never gets in the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo

__all__ = ["LockOwner", "PlanLock", "lock_path_for"]


def lock_path_for(path: Path) -> Path:
    """The lock file of the plan at ``path``: hidden, in the same folder."""
    return path.with_name(f".{path.name}.lock")


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as far as the lock file says."""

    pid: int
    hostname: str
    app: str

    def describe(self) -> str:
        """For the message: "AlignPlanner (process 1234) on this computer"."""
        here = not self.hostname or self.hostname == QSysInfo.machineHostName()
        where = "on this computer" if here else f"on the computer {self.hostname!r}"
        program = "AlignPlanner" if not self.app else f"AlignPlanner ({self.app})"
        return f"{program}, process {self.pid}, {where}"


class PlanLock:
    """The lock of one plan file. `acquire` first; `release` when the file is closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = lock_path_for(path)
        self._lock = QLockFile(str(self.lock_path))
        self._lock.setStaleLockTime(0)

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._lock.isLocked()

    def acquire(self) -> bool:
        """Take the lock. False only when another live process (or another window of this
        one) holds it; True when taken, and also when no lock can be made here."""
        if self._lock.isLocked() or self._lock.tryLock(0):
            return True
        return self._lock.error() != QLockFile.LockError.LockFailedError

    def owner(self) -> LockOwner | None:
        """Who holds the lock (after `acquire` returned False); None if nobody does."""
        pid, hostname, app = self._lock.getLockInfo()
        return LockOwner(pid, hostname, app) if pid > 0 else None

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
