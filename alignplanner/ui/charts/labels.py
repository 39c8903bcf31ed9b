"""Text on the charts: `ChartLabel`, and a pool of them that a chart reuses on every refresh.

A chart asks the pool for as many labels as it needs; the pool makes new ones only when
that number grows, hiding the ones it does not need.

Why not pyqtgraph's TextItem: each of those is a QGraphicsTextItem with a QTextDocument
of its own, re-built on every change of text, and it follows the view's transforms in
Python. An edit changes a dozen numbers on the waterfall, which that made the largest
part of the chart's refresh. A `ChartLabel` is a single line laid out once per text (a
QStaticText) and left unscaled by Qt itself (ItemIgnoresTransformations).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QStaticText, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

PADDING = 4.0  # pixels between the text and the edge of its box (and its fill)


class ChartLabel(QGraphicsItem):
    """One line of text at a point of a plot, in pixels whatever the plot's scale.

    ``anchor`` says which point of the label's box sits at its position, as fractions of
    the box: (0, 0.5) is the middle of the left edge, (1, 0.5) of the right one. The box
    is the text with `PADDING` around it; a ``fill`` colour paints it behind the text.
    """

    def __init__(self, anchor: tuple[float, float] = (0.0, 0.0),
                 color: QColor | str = "#000000", fill: QColor | str | None = None) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._text = ""
        self._static = QStaticText()
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._font = QFont()
        self._color = QColor(color)
        self._fill: QBrush | None = None if fill is None else QBrush(QColor(fill))
        self._anchor = (float(anchor[0]), float(anchor[1]))
        self._box = QRectF()
        self._layout()

    # -- what it says and how --------------------------------------------------------------

    def toPlainText(self) -> str:  # the names of pyqtgraph's TextItem (and Qt's)
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._layout()

    def font(self) -> QFont:
        return QFont(self._font)

    def setFont(self, font: QFont) -> None:
        if font != self._font:
            self._font = QFont(font)
            self._layout()

    @property
    def color(self) -> QColor:
        return QColor(self._color)

    def setColor(self, color: QColor | str) -> None:
        color = QColor(color)
        if color != self._color:
            self._color = color
            self.update()

    def set_fill(self, fill: QColor | str | None) -> None:
        brush = None if fill is None else QBrush(QColor(fill))
        if brush != self._fill:
            self._fill = brush
            self.update()

    @property
    def anchor(self) -> tuple[float, float]:
        return self._anchor

    def setAnchor(self, anchor: tuple[float, float]) -> None:
        anchor = (float(anchor[0]), float(anchor[1]))
        if anchor != self._anchor:
            self._anchor = anchor
            self._layout()

    def box(self) -> QRectF:
        """The label's box around its position, in pixels (for tests and layout)."""
        return QRectF(self._box)

    # -- QGraphicsItem ---------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._box

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self._fill is not None:
            painter.fillRect(self._box, self._fill)
        if self._text:
            painter.setFont(self._font)
            painter.setPen(self._color)
            painter.drawStaticText(QPointF(self._box.left() + PADDING,
                                           self._box.top() + PADDING), self._static)

    def _layout(self) -> None:
        self._static.setText(self._text)
        self._static.prepare(QTransform(), self._font)
        size = self._static.size()
        width, height = size.width() + 2 * PADDING, size.height() + 2 * PADDING
        self.prepareGeometryChange()
        self._box = QRectF(-self._anchor[0] * width, -self._anchor[1] * height, width, height)
        self.update()


class TextPool:
    def __init__(self, plot: pg.PlotItem, anchor: tuple[float, float], z: float = 10.0) -> None:
        self._plot = plot
        self._anchor = anchor
        self._z = z
        self._items: list[ChartLabel] = []
        self._font = QFont()
        self._color = QColor("#000000")
        self._fill: QColor | None = None

    def take(self, n: int) -> list[ChartLabel]:
        """The first ``n`` labels, visible; the others hidden."""
        while len(self._items) < n:
            item = ChartLabel(anchor=self._anchor, color=self._color, fill=self._fill)
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
    def items(self) -> list[ChartLabel]:
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
                item.set_fill(self._fill)


def place(item: ChartLabel, text: str, x: float, y: float) -> None:
    """Set text and position, touching the item only where something changed."""
    item.setText(text)
    pos = item.pos()
    if pos.x() != x or pos.y() != y:
        item.setPos(x, y)
