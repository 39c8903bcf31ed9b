"""The actuals' snapshots of the open plan, kept through the document's undo stack.

Keeping a refresh's snapshot changes what the plan file holds (its ``[actuals]`` table,
docs/actuals.md "Snapshots"), so it is one undoable step on the plan's stack:
`SnapshotEdit` puts one `Snapshots` value in place of another, and undo puts the old one
back (with the snapshot of the same week it replaced, if any).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from alignplanner.domain.review.snapshots import Snapshots

Install = Callable[[Snapshots], None]


class SnapshotEdit(QUndoCommand):
    def __init__(self, install: Install, before: Snapshots, after: Snapshots,
                 text: str) -> None:
        super().__init__(text)
        self._install = install
        self.before = before
        self.after = after

    def redo(self) -> None:
        self._install(self.after)

    def undo(self) -> None:
        self._install(self.before)


__all__ = ["SnapshotEdit"]
