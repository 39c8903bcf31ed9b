"""FileWatcher: notice when someone else changes the open plan file on disk.

Files travel by e-mail and sync folders, so the plan on screen can go out of date while it
is open. A QFileSystemWatcher watches the file and its folder. Three things make it
trustworthy:

- the app's own saves are not reported: the watcher knows the `FileSignature` of what the
  app last wrote or read, and reports only content that differs from it (a touch that
  changes only the time is not a change);
- an atomic replace (ours, or an editor's) swaps the file for a new one and the watcher
  drops the old one; the path is added again on every event, and the folder is watched so
  that a file that briefly vanished is seen when it comes back;
- events arrive in bursts while a file is written; they are collected for `debounce_ms`
  and the file is checked once, and each new content is reported once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from alignplanner.document.files import FileSignature

__all__ = ["FileWatcher"]


class FileWatcher(QObject):
    """Watches one plan file at a time; emits `changedOnDisk` with its path."""

    changedOnDisk = Signal(object)  # Path

    def __init__(self, debounce_ms: int = 150, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._known: FileSignature | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.check)

    @property
    def path(self) -> Path | None:
        return self._path

    def watch(self, path: Path | None, known: FileSignature | None) -> None:
        """Watch ``path`` (None: nothing), whose content the app knows as ``known``."""
        self._unwatch_all()
        self._debounce.stop()
        self._path, self._known = path, known
        self._rewatch()

    def expect(self, known: FileSignature | None) -> None:
        """The app has just written (or read) the file: this content is not news."""
        self._known = known
        self._rewatch()

    def stop(self) -> None:
        self.watch(None, None)

    def _poke(self, _changed: str) -> None:
        self._debounce.start()

    def check(self) -> None:
        """Look at the file now; report it if its content is new (also the timer's slot)."""
        self._rewatch()
        path = self._path
        if path is None or (self._known is not None and self._known.same_stat(path)):
            return
        current = FileSignature.of(path)
        if current is None:
            return  # gone for now (moved away, or mid-replace): the folder watch sees it back
        news = self._known is None or current.sha256 != self._known.sha256
        self._known = current
        if news:
            self.changedOnDisk.emit(path)

    def _rewatch(self) -> None:
        if self._path is None:
            return
        wanted = [str(p) for p in (self._path, self._path.parent) if p.exists()]
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [p for p in wanted if p not in watched]
        if missing:
            self._watcher.addPaths(missing)

    def _unwatch_all(self) -> None:
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
