"""A pool of TextItems that a chart reuses on every refresh.

Creating a TextItem costs far more than changing its text; a chart asks the pool for as
many labels as it needs and the pool makes new ones only when that number grows, hiding
the ones it does not need.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsItem


class TextPool:
    def __init__(self, plot: pg.PlotItem, anchor: tuple[float, float], z: float = 10.0) -> None:
        self._plot = plot
        self._anchor = anchor
        self._z = z
        self._items: list[pg.TextItem] = []
        self._font = QFont()
        self._color = QColor("#000000")
        self._fill: QColor | None = None

    def take(self, n: int) -> list[pg.TextItem]:
        """The first ``n`` labels, visible; the others hidden."""
        while len(self._items) < n:
            item = pg.TextItem(anchor=self._anchor, color=self._color, fill=self._fill)
            # Labels do not count for the axis ranges (ignoreBounds below), so nothing needs
            # to hear that one moved: without the flag a move skips pyqtgraph's Python
            # item-change handler (two calls a move, a few dozen moves an edit).
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, False)
            item.setFont(self._font)
            item.setZValue(self._z)
            self._plot.addItem(item, ignoreBounds=True)
            self._items.append(item)
        for k, item in enumerate(self._items):
            shown = k < n
            if item.isVisible() != shown:
                item.setVisible(shown)
        return self._items[:n]

    @property
    def items(self) -> list[pg.TextItem]:
        """Every label made so far (shown or not), for identity checks in tests."""
        return list(self._items)

    def set_style(self, font: QFont, color: QColor | str | None = None,
                  fill: QColor | str | None = None) -> None:
        """Font of every label; colour and fill too when given (else each keeps its own)."""
        self._font = QFont(font)
        if color is not None:
            self._color = QColor(color)
        self._fill = QColor(fill) if fill is not None else None
        for item in self._items:
            item.setFont(self._font)
            if color is not None:
                item.setColor(self._color)
            if self._fill is not None:
                item.fill = pg.mkBrush(self._fill)
            item.update()


def recolor(item: pg.TextItem, color: str) -> None:
    if item.color.name() != QColor(color).name():
        item.setColor(color)


def place(item: pg.TextItem, text: str, x: float, y: float) -> None:
    """Set text and position, touching the item only where something changed."""
    if item.toPlainText() != text:
        item.setText(text)
    pos = item.pos()
    if pos.x() != x or pos.y() != y:
        item.setPos(x, y)
