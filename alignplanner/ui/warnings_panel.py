"""The plan's warnings in plain words; clicking one asks the window to show what it is about.

Each warning is a row: an icon by severity (a red "!" for a warning, a grey-blue "i" for
information) and the message in large, wrapping text. Clicking a row, or pressing Enter or
Space on it, emits `WarningsPanel.subjectActivated` with the warning's subject (a stage id
or a key path such as ``plan.rounding``). Rows are reused across edits: the panel makes new
ones only when there are more warnings than ever before.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.results import PlanWarning
from alignplanner.ui.charts.style import font, muted
from alignplanner.ui.theme import TARGET_COLOR, WARNING_COLOR, Theme, color_text
from alignplanner.ui.views import DocumentView
from alignplanner.ui.wrapped_text import WrappedText

INFO_COLOR = "#607D8B"
EMPTY_TEXT = "No warnings: the plan is consistent."


def badge(symbol: str, color: str, size: int, ratio: float) -> QPixmap:
    """A filled circle with a white symbol, drawn (not a theme icon: same on every system)."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    f = painter.font()
    f.setBold(True)
    f.setPixelSize(max(6, round(size * 0.7)))
    painter.setFont(f)
    painter.setPen(QColor("#FFFFFF"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, symbol)
    painter.end()
    return pixmap


class WarningRow(QFrame):
    """One warning: icon and wrapping text; a click (or Enter/Space) emits `activated`.
    Under the mouse it is shaded, with the keyboard focus outlined (drawn in `paintEvent`,
    see `color_text` for why not with a style sheet)."""

    activated = Signal(str)  # the warning's subject

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningRow")
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click to show where this applies")
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.text = WrappedText()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(12)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.warning: PlanWarning | None = None
        self._hover = QColor()
        self._outline = QColor()

    def show_warning(self, warning: PlanWarning, theme: Theme) -> None:
        restyle = self.warning is None or self.warning.severity != warning.severity
        self.warning = warning
        if self.text.text() != warning.message:
            self.text.setText(warning.message)
        if restyle:
            self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self._hover = QColor("#2C313A" if theme.dark else "#EEF1F5")
        self._outline = QColor(muted(theme))
        self.text.setFont(font(theme, 1.15))
        size = QFontMetrics(self.text.font()).height() + 4
        info = self.warning is not None and self.warning.severity == "info"
        self.icon.setPixmap(badge("i" if info else "!", INFO_COLOR if info else WARNING_COLOR,
                                  size, max(2.0, self.devicePixelRatioF())))
        self.icon.setFixedWidth(size)

    def paintEvent(self, event: QPaintEvent) -> None:
        hovered, focused = self.underMouse(), self.hasFocus()
        if hovered or focused:
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(self._hover if hovered else Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self._outline, 2) if focused else Qt.PenStyle.NoPen)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
            painter.end()
        super().paintEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside:
            self._activate()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate()
            return
        super().keyPressEvent(event)

    def _activate(self) -> None:
        if self.warning is not None:
            self.activated.emit(self.warning.subject)


class WarningsPanel(DocumentView):
    """Every warning of the current plan; `subjectActivated(subject)` on a click."""

    subjectActivated = Signal(str)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.title = QLabel("Warnings")
        self.empty = QLabel(f"✓  {EMPTY_TEXT}")
        self.empty.setWordWrap(True)
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(6)
        self._list_layout.addWidget(self.empty)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self._rows: list[WarningRow] = []
        self._restyle()
        self._bind()

    def rows(self) -> list[WarningRow]:
        """The rows now shown, in the order of the result's warnings."""
        return [r for r in self._rows if not r.isHidden()]

    def messages(self) -> list[str]:
        return [r.text.text() for r in self.rows()]

    def is_empty(self) -> bool:
        return not self.empty.isHidden()

    def refresh(self) -> None:
        warnings = self.document.result.warnings
        while len(self._rows) < len(warnings):
            row = WarningRow(self._list)
            row.set_theme(self.theme)
            row.activated.connect(self.subjectActivated)
            self._list_layout.insertWidget(len(self._rows) + 1, row)
            self._rows.append(row)
        for k, row in enumerate(self._rows):
            if k < len(warnings):
                row.show_warning(warnings[k], self.theme)
            row.setHidden(k >= len(warnings))
        self.empty.setHidden(bool(warnings))
        self.title.setText(f"Warnings ({len(warnings)})" if warnings else "Warnings")

    def _restyle(self) -> None:
        theme = self.theme
        self.title.setFont(font(theme, 1.25, bold=True))
        self.empty.setFont(font(theme, 1.15))
        color_text(self.empty, TARGET_COLOR if not theme.dark else "#81C784")
        for row in self._rows:
            row.set_theme(theme)
