"""The rows of the timeline: one small plot per stage, all sharing the month axis.

Each row is a filled line of the entries the stage needs per plan month, a hatched grey
bar left of month 1 for the pipeline that must exist before the plan starts (labelled
with its count), a dashed line where the plan starts, and a cursor line for hovering.
Comparing with another scenario adds that scenario's entries as a dashed, lighter line.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from alignplanner.ui.charts.axes import CountAxis, nice_ceiling
from alignplanner.ui.charts.chart_frame import hide_unasked_axes, plain_axes
from alignplanner.ui.charts.labels import ChartLabel, place
from alignplanner.ui.charts.style import font, muted, readable, tinted
from alignplanner.ui.theme import PRE_PLAN_COLOR, Theme
from alignplanner.ui.wording import count

START_X = -0.6  # the dashed "plan starts" line, half a month left of month 1 (x = 0)
HEADROOM = 1.25  # y range above the highest value, for the pre-plan label
MARKED_MONTHS = 18  # a dot on every month up to this many months; longer plans are lines


def pre_slot(months: int) -> tuple[float, float, float]:
    """(centre, width, left edge of the view) of the "before the plan" bar. It is wider on
    long plans, where a month is too narrow to carry the bar's label."""
    slot = max(1.0, months / 12.0)
    width = 0.9 * slot
    centre = START_X - 0.45 * slot - width / 2
    return centre, width, centre - width / 2 - 0.25 * slot


def hatch_brush() -> QBrush:
    return QBrush(QColor(PRE_PLAN_COLOR), Qt.BrushStyle.BDiagPattern)


class RowLabel(pg.LabelItem):
    """The name of a row, left of its plot, in the team colour."""

    def show_text(self, title: str, subtitle: str, color: str, theme: Theme) -> None:
        size = theme.base_point_size
        color = readable(color, theme)
        html = (f'<span style="color:{color}; font-size:{size * 1.15:.0f}pt; font-weight:bold">'
                f"{escape(title)}</span>")
        if subtitle:
            html += (f'<br><span style="color:{muted(theme)}; font-size:{size * 0.9:.0f}pt">'
                     f"{escape(subtitle)}</span>")
        if html != self.text:
            self.setText(html)


class StageRow:
    """One stage's plot. Created once per stage slot and updated in place."""

    def __init__(self) -> None:
        self.label = RowLabel(justify="left")
        axes = {"left": CountAxis("left", label_zero=False)}
        self.plot = pg.PlotItem(axisItems=plain_axes(axes), enableMenu=False)  # as in
        hide_unasked_axes(self.plot, axes)  # ChartFrame.add_plot
        self.curve = pg.PlotDataItem(x=np.zeros(1), y=np.zeros(1))
        # The area under the line is its own item, drawn without antialiasing: an
        # antialiased fill costs about 1 ms a row to paint, and its edge is under the line.
        self.area = pg.PlotCurveItem(x=np.zeros(1), y=np.zeros(1), fillLevel=0.0,
                                     pen=pg.mkPen(None), antialias=False)
        self.pre_bar = pg.BarGraphItem(x=[-1.0], height=[0.0], width=0.9, brush=hatch_brush(),
                                       pen=pg.mkPen(PRE_PLAN_COLOR, width=1.5))
        self.pre_text = ChartLabel(anchor=(0.5, 1.0))
        self.start_line = pg.InfiniteLine(pos=START_X, angle=90, movable=False)
        self.cursor = pg.InfiniteLine(pos=0, angle=90, movable=False)
        self.cursor.setVisible(False)
        self.compare = pg.PlotDataItem(x=np.zeros(1), y=np.zeros(1))
        self.compare.setVisible(False)
        for item in (self.start_line, self.area, self.compare, self.curve, self.pre_bar,
                     self.cursor):
            self.plot.addItem(item)
        self.plot.addItem(self.pre_text, ignoreBounds=True)
        self.stage_id = ""
        self.color = ""
        self.pre_plan = 0.0
        self.top = 0.0
        self.dirty = True

    def update(self, stage_id: str, *, title: str, color: str, monthly: Sequence[float],
               pre_plan: float, theme: Theme, compare: Sequence[float] | None = None,
               compare_x0: int = 0) -> None:
        self.stage_id, self.pre_plan, self.dirty = stage_id, pre_plan, False
        y = np.asarray(monthly, dtype=float)
        symbol = "o" if y.size <= MARKED_MONTHS else None
        if self.curve.opts["symbol"] != symbol:
            self.curve.setSymbol(symbol)
        x = np.arange(y.size, dtype=float)
        self.curve.setData(x, y, skipFiniteCheck=True)
        self.area.setData(x, y, skipFiniteCheck=True)
        if color != self.color:
            self.color = color
            self.curve.setPen(pg.mkPen(color, width=3))
            self.area.setBrush(tinted(color, 60))
            self.curve.setSymbolBrush(color)
        centre, width, _ = pre_slot(y.size)
        self.pre_bar.setOpts(x=[centre], width=width, height=[pre_plan])
        place(self.pre_text, count(pre_plan) if pre_plan > 0.005 else "", centre, pre_plan)
        other = self._show_compare(compare, compare_x0, color)
        top = nice_ceiling(max(float(y.max(initial=0.0)), other, pre_plan) * HEADROOM)
        if top != self.top:  # most edits keep the axis as it is: steadier, and cheaper
            self.top = top
            self.plot.setYRange(0.0, top, padding=0)
        self.label.show_text(title, "", color, theme)

    def series(self) -> list[float]:
        _, y = self.curve.getData()
        return [float(v) for v in y]

    def compare_series(self) -> list[float]:
        """The compared scenario's entries per its months (empty when not comparing)."""
        if not self.compare.isVisible():
            return []
        _, y = self.compare.getData()
        return [float(v) for v in y]

    def _show_compare(self, compare: Sequence[float] | None, x0: int, color: str) -> float:
        """The compared scenario's line, dashed and lighter; its highest value."""
        self.compare.setVisible(compare is not None)
        if compare is None:
            return 0.0
        y = np.asarray(compare, dtype=float)
        self.compare.setData(x0 + np.arange(y.size, dtype=float), y, skipFiniteCheck=True)
        self.compare.setPen(pg.mkPen(tinted(color, 150), width=2.5, style=Qt.PenStyle.DashLine))
        return float(y.max(initial=0.0))

    def restyle(self, theme: Theme) -> None:
        self.pre_text.setFont(font(theme, 1.0, bold=True))
        self.pre_text.setColor(muted(theme))
        self.start_line.setPen(pg.mkPen(muted(theme), width=1.5, style=Qt.PenStyle.DashLine))
        self.cursor.setPen(pg.mkPen(theme.foreground, width=1))
        self.curve.setSymbolSize(max(5, theme.base_point_size // 2))
        self.curve.setSymbolPen(None)
        # No grid: pyqtgraph's grid lines cost more to paint than everything else in the
        # row together (about 8 ms a row on the stress plan); the y ticks are enough.
