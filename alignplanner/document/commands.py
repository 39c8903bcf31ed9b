"""The undoable commands: replace the plan by a new one (plans are immutable values,
so undo is just putting the old one back; consecutive edits of one field merge), or any
other immutable value the document holds (`ValueEdit`)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtGui import QUndoCommand

from alignplanner.domain.extras import Extras
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result

Install = Callable[[Plan, Result], None]
"""Puts a plan and its result in place (the document's; the command knows nothing more)."""

PLAN_EDIT_ID = 1001


class PlanEdit(QUndoCommand):
    def __init__(
        self,
        install: Install,
        before: tuple[Plan, Result],
        after: tuple[Plan, Result],
        text: str,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(text)
        self._install = install
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:
        return PLAN_EDIT_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, PlanEdit) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        self.setText(other.text())
        if self.after[0] == self.before[0]:
            self.setObsolete(True)  # edited back to where it started: nothing to undo
        return True

    def redo(self) -> None:
        self._install(*self.after)

    def undo(self) -> None:
        self._install(*self.before)


class PlanAndExtrasEdit(PlanEdit):
    """A plan edit that also changes what the file holds beside the plan (a calibration
    puts new numbers in the plan and says where they came from): one undo step for
    both. It never merges."""

    def __init__(self, install: Install, install_extras: Callable[[Extras], None],
                 before: tuple[Plan, Result, Extras], after: tuple[Plan, Result, Extras],
                 text: str) -> None:
        super().__init__(install, before[:2], after[:2], text)
        self._install_extras = install_extras
        self.extras_before, self.extras_after = before[2], after[2]

    def redo(self) -> None:
        self._install_extras(self.extras_after)
        super().redo()

    def undo(self) -> None:
        self._install_extras(self.extras_before)
        super().undo()


class ValueEdit(QUndoCommand):
    """One immutable value put in place of another, and back on undo: the scenarios, the
    actuals' snapshots, or a merged copy's plan, result and extras together."""

    def __init__(self, install: Callable[[Any], None], before: object, after: object,
                 text: str) -> None:
        super().__init__(text)
        self._install = install
        self.before = before
        self.after = after

    def redo(self) -> None:
        self._install(self.after)

    def undo(self) -> None:
        self._install(self.before)
