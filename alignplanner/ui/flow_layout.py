"""A layout that lines its widgets up left to right and wraps them onto the next line
where the room runs out, as words in a paragraph (after Qt's flow layout example).

The headline numbers use it, so that on a 1280-pixel projector or in presentation
mode's large type the figures that do not fit take a second row instead of making the
window wider than the screen; so do the SLA cards' sentences (`ui.sla.sentence`). Its
height depends on its width (`heightForWidth`): the layouts around it give it the lines
it needs.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new line where the width runs out (after the Qt
    flow layout example). Items of a line are centred on it; its height is its tallest.
    An item wider than the whole line gets the line (never less than its minimum)."""

    def __init__(self, spacing: int = 6) -> None:
        super().__init__()
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line, as wide as it needs."""
        m = self.contentsMargins()
        items = [i.sizeHint().expandedTo(i.minimumSize()) for i in self._items if not i.isEmpty()]
        width = sum(s.width() for s in items) + self._spacing * max(0, len(items) - 1)
        height = max((s.height() for s in items), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as the widest single item: everything else wraps."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        m: QMargins = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint().expandedTo(item.minimumSize())
            if lines[-1] and x + hint.width() > area.right() + 1:  # no room left: wrap
                lines.append([])
                x = area.x()
            if hint.width() > area.width() > 0:  # alone on its line and still too wide:
                hint = QSize(max(area.width(), item.minimumSize().width()), hint.height())
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = area.y()
        for line in lines:
            height = max((hint.height() for _, hint in line), default=0)
            x = area.x()
            for item, hint in line:
                if move:  # centred on the line, so words sit level with the fields' text
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing - area.y()) + m.top() + m.bottom()


__all__ = ["FlowLayout"]
