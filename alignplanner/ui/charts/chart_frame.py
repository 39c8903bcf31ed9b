"""The frame every chart shares: a title and a legend above a pyqtgraph canvas."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.ui.charts.axes import PlainAxis
from alignplanner.ui.charts.keyboard import ChartKeys
from alignplanner.ui.charts.style import font, style_plot
from alignplanner.ui.views import DocumentView


def _escape(text: str) -> str:
    """``html.escape(text)`` (a legend's name in rich text), without importing html."""
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                         ("'", "&#x27;")):
        text = text.replace(char, entity)
    return text


class ChartFrame(DocumentView):
    """Title left, legend right, canvas below. Subclasses add plots with `add_plot`."""

    def __init__(self, document: PlanDocument, title: str, parent: QWidget | None = None,
                 axis_items: dict[str, pg.AxisItem] | None = None,
                 plot_cell: tuple[int, int] = (0, 0)) -> None:
        super().__init__(document, parent)
        self.title_label = QLabel(title)
        self.legend_label = QLabel()
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.legend_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._legend_html = ""
        # A narrow chart wraps its title and its legend (between entries, never inside
        # one) instead of growing wider or cutting them off.
        self.title_label.setWordWrap(True)
        self.legend_label.setWordWrap(True)
        self.header = QHBoxLayout()
        self.header.setContentsMargins(12, 8, 12, 0)
        self.header.addWidget(self.title_label, 1)
        self.header.addWidget(self.legend_label)
        self.view = pg.GraphicsLayoutWidget()
        self.view.ci.setContentsMargins(8, 8, 16, 8)
        opaque_canvas(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.header)
        layout.addWidget(self.view, 1)
        self._plots: list[pg.PlotItem] = []
        self.plot: pg.PlotItem = self.add_plot(*plot_cell, axis_items)
        # Tab reaches the chart itself, not its canvas; the arrow keys step through it.
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(title)
        self.keys = ChartKeys(self, self.key_count, self.key_text, self.key_anchor)

    def key_count(self) -> int:
        """How many items (bars, months) the arrow keys step through; 0: none."""
        return 0

    def key_text(self, index: int) -> str:
        """What item ``index`` says: its hover text."""
        return ""

    def key_anchor(self, index: int) -> QPoint | None:
        """Where item ``index`` sits, in this frame's coordinates (None: the middle)."""
        return None

    def point_in_frame(self, plot: pg.PlotItem, x: float, y: float) -> QPoint:
        """The point (``x``, ``y``) of ``plot``'s data, in this frame's coordinates."""
        scene = plot.getViewBox().mapViewToScene(QPointF(x, y))
        return self.view.mapTo(self, self.view.mapFromScene(scene))

    def add_plot(self, row: int, col: int, axis_items: dict[str, Any] | None = None,
                 **kwargs: Any) -> pg.PlotItem:
        """A static plot (no mouse panning or zooming, no context menu: a projector view).
        Its view box is made without the context menu it would never show, and its axes
        are `plain_axes` (building that menu and setting the axes' titles again are a good
        part of a plot's cost at start-up)."""
        plot = self.view.addPlot(row=row, col=col, axisItems=plain_axes(axis_items),
                                 enableMenu=False, **kwargs)
        hide_unasked_axes(plot, axis_items)
        self.configure_plot(plot)
        return plot

    def configure_plot(self, plot: pg.PlotItem) -> None:
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.getViewBox().setDefaultPadding(0.0)
        for name in AXES:
            keep_drawn(plot.getAxis(name))
        self._plots.append(plot)

    def forget_plot(self, plot: pg.PlotItem) -> None:
        self._plots.remove(plot)

    def set_title(self, text: str) -> None:
        if self.title_label.text() != text:
            self.title_label.setText(text)

    def set_legend(self, names: Sequence[str], colors: Sequence[str],
                   symbols: Sequence[str] | None = None) -> None:
        """Coloured symbols (squares unless given) and names; rewritten only on change."""
        marks = symbols if symbols is not None else ["■"] * len(names)
        html = "&nbsp;&nbsp; ".join(  # a line may break between two entries only
            f'<span style="color:{c}">{m}</span>&nbsp;{_escape(n).replace(" ", "&nbsp;")}'
            for n, c, m in zip(names, colors, marks, strict=True))
        if html != self._legend_html:
            self._legend_html = html
            self.legend_label.setText(html)

    def legend_text(self) -> str:
        return self.legend_label.text()

    def _restyle(self) -> None:
        theme = self.theme
        self.view.setBackground(theme.background)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), pg.mkColor(theme.background))
        pal.setColor(self.foregroundRole(), pg.mkColor(theme.foreground))
        self.setPalette(pal)
        for label, scale, bold in ((self.title_label, 1.25, True), (self.legend_label, 1.1, False)):
            label.setFont(font(theme, scale, bold=bold))  # coloured by the palette above
        for plot in self._plots:
            style_plot(plot, theme)


AXES = ("left", "bottom", "right", "top")


def plain_axes(given: dict[str, pg.AxisItem] | None = None) -> dict[str, pg.AxisItem]:
    """``given`` axes, and a `PlainAxis` on every other side: tick labels carry their
    own units or are names, so no axis works out an SI prefix (and sets its title's HTML
    again) on every range change, as pyqtgraph's default axis does."""
    axes = dict(given or {})
    for name in AXES:
        axes.setdefault(name, PlainAxis(name))
    return axes


def hide_unasked_axes(plot: pg.PlotItem, given: dict[str, pg.AxisItem] | None) -> None:
    """pyqtgraph shows every axis it is given: of `plain_axes`, only the left and bottom
    ones and those asked for are meant to be seen (pyqtgraph's default)."""
    for name in ("top", "right"):
        if name not in (given or {}):
            plot.hideAxis(name)


def opaque_canvas(view: QGraphicsView) -> None:
    """Let ``view`` paint every pixel of its canvas itself, once a paint.

    The canvas's background is the theme's solid colour (its background brush, set in
    `ChartFrame._restyle`), so nothing beneath it needs painting first: neither the
    widgets it sits on (Qt would paint them under every changed region) nor the
    viewport's own fill. The brush is not kept as a viewport-sized pixmap either
    (pyqtgraph's default): copying that pixmap costs more than filling with the colour.
    """
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    view.viewport().setAutoFillBackground(False)
    view.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)


def keep_drawn(item: QGraphicsItem) -> None:
    """Paint ``item`` from a pixmap of itself, drawn again only when it changes.

    An edit moves bars, and Qt repaints whatever lies under them: the axes, whose grid
    lines span the whole plot and which pyqtgraph draws in Python. They stay put while
    numbers are typed (the axis ranges are kept steady), so each repaint would draw the
    same ticks and lines again; from the pixmap it is one copy (about 2 ms less a frame
    on the stress plan's waterfall). The pixmap has the screen's resolution: pictures drawn at a
    higher one (exports) draw these items afresh, see `drawn_afresh`.
    """
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


@contextmanager
def drawn_afresh(widget: QWidget) -> Iterator[None]:
    """Within the block, every chart in ``widget`` draws all its items from scratch: a
    picture rendered at twice or three times the screen's resolution would otherwise
    scale up the screen-sized pixmaps of `keep_drawn` items (blurred axis labels)."""
    views = [widget] if isinstance(widget, QGraphicsView) else []
    views += widget.findChildren(QGraphicsView)
    cached = [item for view in views for item in view.items()
              if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    modes = [item.cacheMode() for item in cached]
    for item in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in zip(cached, modes, strict=True):
            item.setCacheMode(mode)
