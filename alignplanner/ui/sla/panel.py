"""SlaPanel (the editor tab "SLAs"): one card per hand-off agreement, in plan order.

Cards are reused across edits and rebuilt only when SLAs come or go. Each card shows,
from the engine's result, whether the planned team keeps the promise every month (a green
tick or a red cross, with the engine's sentence for the worst month). "Add SLA" adds one
on the first role without an agreement; Remove SLA on a card removes it (undoable).
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import slas as sla_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import Problem
from alignplanner.ui.editors.common import ErrorLabel
from alignplanner.ui.sla.card import SlaCard, Transform
from alignplanner.ui.theme import Theme
from alignplanner.ui.views import DocumentPanel

HINT = (
    "Each card is the promise on one hand-off: what the receiving team does with every "
    "unit it gets, and what the passing team delivers in return. The line under the "
    "title says whether the planned headcount can keep it."
)
NO_ROLES = (
    "No SLAs yet. An SLA needs the team that keeps it: add a role (SDRs, AEs, ...) "
    "in the Team tab, then add an SLA here."
)
NO_SLAS = "No SLAs yet: add one for each hand-off the teams agree on."


class SlaPanel(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self._dark = False
        self.hint = QLabel(HINT, self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.add_button = QToolButton(self)
        self.add_button.setText("+ Add SLA")
        self.add_button.setToolTip(
            "An agreement on the entries of a role's stage, with "
            "typical windows (4 business hours, 95%)"
        )
        self.add_button.clicked.connect(self._add)
        self.error = ErrorLabel(self)
        self.cards: list[SlaCard] = []
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(4, 4, 4, 4)
        self._list_layout.setSpacing(14)
        self._list_layout.addWidget(self.empty)
        self._list_layout.addStretch(1)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self._list)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.scroller, 1)
        self._selected = -1
        self._stale = False
        self._bind()

    # -- document ---------------------------------------------------------------------

    def refresh(self, plan: Plan) -> None:
        if self.window().isVisible() and not self.isVisible():
            self._stale = True  # a tab behind another: refreshed when it is shown
            return
        self._stale = False
        result = self.document.result
        while len(self.cards) > len(plan.slas):
            card = self.cards.pop()
            card.hide()
            card.deleteLater()
        while len(self.cards) < len(plan.slas):
            card = SlaCard(self._edit, self._list)
            card.set_fonts(self._dark, self.font())
            self._list_layout.insertWidget(len(self.cards) + 1, card)
            self.cards.append(card)
        for k, card in enumerate(self.cards):
            card.show_sla(plan, result, k)
        self.empty.setText(NO_SLAS if plan.roles else NO_ROLES)
        self.empty.setHidden(bool(plan.slas))
        self.add_button.setEnabled(bool(plan.roles))
        self._highlight()

    def _edit(self, text: str, transform: Transform, key: Hashable) -> list[Problem]:
        return self.document.edit(text, transform, key)

    def _add(self) -> None:
        problems = self.document.edit("Add SLA", sla_edits.add_sla)
        if not self.error.show_problems(problems):
            self.error.clear_message()
            self.select_sla(len(self.cards) - 1)

    # -- showing one ------------------------------------------------------------------

    def select_sla(self, index: int) -> None:
        """Bring card ``index`` into view and mark it (a warning about it was clicked)."""
        if not 0 <= index < len(self.cards):
            return
        self._selected = index
        self._highlight()
        card = self.cards[index]
        QTimer.singleShot(0, self, lambda: self._scroll_to(card))
        card.window_field_focus()

    def _scroll_to(self, card: SlaCard) -> None:
        if card in self.cards:  # not removed in the meantime
            self.scroller.ensureWidgetVisible(card, 0, 0)

    def selected(self) -> int:
        return self._selected

    def _highlight(self) -> None:
        accent = "#4C8DF6" if self._dark else "#2F6FDB"
        for k, card in enumerate(self.cards):
            width, color = (3, accent) if k == self._selected else (1, "palette(mid)")
            card.setStyleSheet(
                f"#slaCard {{ border: {width}px solid {color}; "
                "border-radius: 8px; background: palette(alternate-base); }"
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # In a narrow column (presentation mode) the cards need the room more than the hint.
        self.hint.setVisible(self.width() > self.fontMetrics().averageCharWidth() * 70)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh(self.document.plan)

    # -- look -------------------------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        self._dark = theme.dark
        for card in self.cards:
            card.set_fonts(self._dark, self.font())
        self._highlight()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for card in getattr(self, "cards", []):
                card.set_fonts(self._dark, self.font())
