"""Autosaver: a small service that keeps an unsaved plan safe in the recovery folder.

While the document has unsaved changes, every change (re)starts one single-shot idle timer;
when the user pauses, the plan is written to ``<recovery>/<session>.toml`` with its
metadata beside it (`alignplanner.document.recovery` describes the folder). Both writes go
through the atomic-write helper, so a kill mid-write leaves the previous autosave whole.
When the document becomes clean again (saved, or undone back to the saved state) or is
closed, the files are removed. A session lock tells `find_recoveries` that this session is
alive, so another window never offers it as a crash to recover.

Writing the plan (`writer.dumps`) and not the undo commands means a recovery is a plain
plan file, readable by any later version (qutebrowser's savemanager, Orange's swap files
minus their pickling).
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from alignplanner.contract.atomic import atomic_write_text
from alignplanner.contract.errors import os_reason
from alignplanner.document.document import PlanDocument
from alignplanner.document.recovery import Metadata, session_lock, session_paths

__all__ = ["Autosaver", "new_session_id"]


def new_session_id() -> str:
    """Unique, and sortable by start time when listed."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}-{os.urandom(4).hex()}"


class Autosaver(QObject):
    """Autosave ``document`` to ``recovery_dir`` after ``idle_ms`` without a change.

    A document that is already modified when the autosaver starts (a recovered plan) is
    written at once: until then its only copy would be the recovery it came from.
    """

    saved = Signal(object)  # Path of the recovery file just written
    failed = Signal(str)  # why autosave stopped working (once, until a write works again)

    def __init__(self, document: PlanDocument, recovery_dir: Path, idle_ms: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.session_id = new_session_id()
        recovery_dir.mkdir(parents=True, exist_ok=True)
        self.recovery_path, self.metadata_path, _ = session_paths(recovery_dir, self.session_id)
        self._lock = session_lock(recovery_dir, self.session_id)
        # A new session id is unique, so this only fails where nothing can be written
        # either; the writes then report it through `failed`.
        self._lock.tryLock(0)
        self._closed = False
        self._failing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(0, idle_ms))
        self._timer.timeout.connect(self.flush)
        document.undo_stack.indexChanged.connect(self._changed)
        document.undo_stack.cleanChanged.connect(self._changed)
        document.pathChanged.connect(self._changed)
        if document.is_modified:
            self.flush()

    @property
    def pending(self) -> bool:
        """True while a change waits for the idle timer."""
        return self._timer.isActive()

    def _changed(self, *_args: object) -> None:
        if self.document.is_modified:
            self._timer.start()
        else:
            self._timer.stop()
            self._remove()

    def flush(self) -> None:
        """Write the recovery now if there are unsaved changes (also the timer's slot)."""
        self._timer.stop()
        if self._closed or not self.document.is_modified:
            return
        from alignplanner.contract import writer  # at the first autosave, not at start-up

        doc = self.document
        meta = Metadata(doc.path, doc.display_name, datetime.now(UTC), os.getpid())
        try:
            self.recovery_path.parent.mkdir(parents=True, exist_ok=True)  # if it vanished
            text = writer.dumps(doc.base, doc.base_result, doc.extras)
            atomic_write_text(self.metadata_path, meta.to_json())
            atomic_write_text(self.recovery_path, text)
        except (OSError, ValueError) as exc:
            if not self._failing:  # say it once, not after every pause
                self._failing = True
                reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
                self.failed.emit(f"could not write {self.recovery_path.name}: {reason}")
            return
        self._failing = False
        self.saved.emit(self.recovery_path)

    def close(self) -> None:
        """The document is closed (saved, or its changes discarded by the user): remove the
        recovery and end the session. The autosaver does nothing after this."""
        self._timer.stop()
        if not self._closed:
            self._closed = True
            for signal in (self.document.undo_stack.indexChanged,
                           self.document.undo_stack.cleanChanged, self.document.pathChanged):
                signal.disconnect(self._changed)
        self._remove()
        if self._lock.isLocked():
            self._lock.unlock()

    def _remove(self) -> None:
        # The plan first: metadata left alone by a kill here is cleaned up as an orphan.
        for path in (self.recovery_path, self.metadata_path):
            with contextlib.suppress(OSError):
                path.unlink()
