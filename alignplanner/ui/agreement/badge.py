"""The sign-off status as a badge: a large "Agreed" (green) or "Draft" (amber) with what is
missing beside it. One shows on the Sign-off tab; a compact one sits in the headline strip,
always visible, and a click on it opens the Sign-off tab."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from alignplanner.document import signing
from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.editors.common import scaled_font
from alignplanner.ui.theme import AGREED_COLOR, DRAFT_COLOR

__all__ = ["StatusBadge", "StatusFigure"]


class StatusBadge(QLabel):
    """"Agreed" or "Draft", white on green or amber, ``scale`` times the surrounding type."""

    def __init__(self, scale: float = 2.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementBadge")
        self._scale = scale
        self._agreed = False
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName("Sign-off status")
        self.fit_to(self.font())

    def fit_to(self, base: QFont) -> None:
        """Size the badge from ``base``, the font around it (its owner calls this again
        when that changes, as in presentation mode)."""
        self.setFont(scaled_font(base, self._scale, bold=True))
        self.show_state(self._agreed)

    @property
    def agreed(self) -> bool:
        return self._agreed

    def show_state(self, agreed: bool) -> None:
        self._agreed = agreed
        text = "Agreed" if agreed else "Draft"
        if self.text() != text:
            self.setText(text)
        colour = AGREED_COLOR if agreed else DRAFT_COLOR
        pad = max(4, self.fontMetrics().height() // 4)
        sheet = (f"QLabel#agreementBadge {{ background: {colour}; color: white; "
                 f"border-radius: {pad}px; padding: {pad // 2}px {pad * 2}px; }}")
        if self.styleSheet() != sheet:  # a new style sheet re-polishes the widget and its
            self.setStyleSheet(sheet)   # layout: only when the state or the font changed



class StatusFigure(QFrame):
    """The headline strip's sign-off figure: the badge and one line of what is missing."""

    def __init__(self, document: PlanDocument, on_click: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiFigure")
        self._document = document
        self._on_click = on_click
        self.badge = StatusBadge(1.6, self)
        self.caption = QLabel(self)
        self.caption.setObjectName("kpiCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(2)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        document.planChanged.connect(self._on_plan_changed)
        document.scenariosChanged.connect(lambda _s: self.refresh())  # another agreed one
        self.refresh()

    def _on_plan_changed(self, _change: tuple[Plan, Plan]) -> None:
        self.refresh()

    def refresh(self) -> None:
        standing = signing.standing(self._document)
        self.badge.show_state(standing.agreed)
        self.caption.setText(standing.short_words())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # worked out when someone hovers
            standing = signing.standing(self._document)
            tip = standing.sentence()
            if standing.changes:
                tip += "\n\nChanged since signed:\n" + "\n".join(standing.changes[:12])
            self.setToolTip(tip)
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.badge.fit_to(self.font())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._on_click is not None and event.button() == Qt.MouseButton.LeftButton:
            self._on_click()
        super().mousePressEvent(event)
