"""A small "Stages" button whose menu ticks which stages a chart shows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QMenu, QToolButton, QWidget


class _StayOpenMenu(QMenu):
    """Ticking a stage leaves the menu open, so several can be ticked in a row."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class StagePicker(QToolButton):
    changed = Signal(list)  # ids of the ticked stages, in funnel order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText("Stages ▾")
        self.setToolTip("Choose the stages to show")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self._menu = _StayOpenMenu(self)
        self.setMenu(self._menu)
        self._stages: list[tuple[str, str]] = []

    def set_stages(self, stages: Sequence[tuple[str, str]], checked: Sequence[str]) -> None:
        """(id, name) of every stage; actions are rebuilt only when these change."""
        if list(stages) != self._stages:
            self._stages = list(stages)
            self._menu.clear()
            for stage_id, name in stages:
                action = QAction(name, self._menu)
                action.setCheckable(True)
                action.setData(stage_id)
                action.toggled.connect(self._emit)
                self._menu.addAction(action)
        self.set_checked(checked)

    def set_checked(self, checked: Sequence[str]) -> None:
        wanted = set(checked)
        for action in self._menu.actions():
            with QSignalBlocker(action):
                action.setChecked(action.data() in wanted)

    def actions_by_id(self) -> dict[str, QAction]:
        return {a.data(): a for a in self._menu.actions()}

    def _emit(self) -> None:
        self.changed.emit([a.data() for a in self._menu.actions() if a.isChecked()])
