"""Charts for the keyboard: Tab reaches a chart, a frame shows it has the focus, and the
arrow keys step through its bars or months, each saying what hovering over it says.

A chart tells `ChartKeys` how many items it has and the text of each (its hover text);
where it can, also where the item sits, so that the text appears beside it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

FOCUS_COLOR = "#2F6FEB"
_STEPS = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}


class FocusRing(QWidget):
    """A frame drawn over the whole chart (its canvas covers the chart's own background),
    shown while the chart has the keyboard's focus; it lets every mouse event through."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(QColor(FOCUS_COLOR), 3))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))


class ChartKeys(QObject):
    """Installed on a chart's frame (``widget``): ``count()`` items, ``text(i)`` of each,
    ``anchor(i)`` where it sits in ``widget``'s coordinates (None: the frame's middle)."""

    def __init__(self, widget: QWidget, count: Callable[[], int], text: Callable[[int], str],
                 anchor: Callable[[int], QPoint | None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._count, self._text, self._anchor = count, text, anchor
        self.current: int | None = None
        self.ring = FocusRing(widget)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._widget:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        if kind == QEvent.Type.FocusIn:
            self.ring.setGeometry(self._widget.rect())
            self.ring.raise_()
            self.ring.show()
        elif kind == QEvent.Type.FocusOut:
            self.ring.hide()
            QToolTip.hideText()
        elif kind == QEvent.Type.Resize:
            self.ring.setGeometry(self._widget.rect())
        return False

    def _key(self, event: QKeyEvent) -> bool:
        n = self._count()
        key = event.key()
        if n == 0 or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if key == Qt.Key.Key_Escape and self.current is not None:
            self.current = None
            QToolTip.hideText()
            return True
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.show(0 if key == Qt.Key.Key_Home else n - 1)
            return True
        step = _STEPS.get(Qt.Key(key))
        if step is None:
            return False
        start = (-1 if step > 0 else n) if self.current is None else self.current
        self.show(max(0, min(n - 1, start + step)))
        return True

    def show(self, index: int) -> None:
        """Step to item ``index`` and say what it is, beside it."""
        self.current = index
        point = self._anchor(index)
        if point is None:
            point = self._widget.rect().center()
        text = self._text(index)
        self._widget.setAccessibleDescription(text)
        QToolTip.showText(self._widget.mapToGlobal(point), text, self._widget)
