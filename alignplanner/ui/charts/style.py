"""How charts derive fonts and secondary colours from a `Theme` (no widgets here)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetrics

from alignplanner.ui.theme import LIGHT, Theme

ON_BAR_TEXT = "#FFFFFF"  # numbers printed inside coloured bars, in both themes


def font(theme: Theme, scale: float = 1.0, *, bold: bool = False) -> QFont:
    """The chart font scaled from the theme's base size (presentation mode is larger)."""
    f = QFont()
    f.setPointSizeF(max(6.0, theme.base_point_size * scale))
    f.setBold(bold)
    return f


def muted(theme: Theme) -> str:
    """Secondary text: conversions, axis titles, notes."""
    return "#A7ADB5" if theme.dark else "#5B626B"


def is_presentation(theme: Theme) -> bool:
    return theme.base_point_size > LIGHT.base_point_size


def tinted(color: QColor | str, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


def tinted_on(color: QColor | str, alpha: int, background: QColor | str) -> QColor:
    """The opaque colour that `tinted` ``color`` shows on ``background``: the pixels Qt's
    blend makes there (the colour premultiplied by alpha, plus the background times the
    rest, each rounded as Qt rounds a division by 255), so a fill of it is a plain copy
    of one colour where it was a blend."""
    c, bg = QColor(color), QColor(background)

    def times(x: int, a: int) -> int:  # x * a / 255, rounded the way Qt does
        t = x * a + 128
        return (t + (t >> 8)) >> 8

    return QColor(*(times(x, alpha) + times(y, 255 - alpha) for x, y in (
        (c.red(), bg.red()), (c.green(), bg.green()), (c.blue(), bg.blue()))))


def readable(color: QColor | str, theme: Theme) -> str:
    """A colour for text: team and target colours are lightened on a dark background."""
    c = QColor(color)
    return c.lighter(135).name() if theme.dark else c.name()


def style_plot(plot: pg.PlotItem, theme: Theme) -> None:
    """Axis pens, tick text and tick fonts of every shown axis of ``plot``."""
    tick_font = font(theme)
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(theme.grid))
        axis.setTextPen(pg.mkPen(theme.foreground))
        axis.setTickFont(tick_font)
        axis.label.setFont(font(theme, 0.95))
        axis.label.setDefaultTextColor(QColor(muted(theme)))
        if name == "bottom" and axis.isVisible():
            # pyqtgraph lets a big axis title overlap the tick labels; make room for both
            height = QFontMetrics(tick_font).height() + 14
            if axis.label.isVisible():
                height += QFontMetrics(axis.label.font()).height()
            axis.setHeight(height)
