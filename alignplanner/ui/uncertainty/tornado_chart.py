"""The two-sided tornado: per driver, a bar from the plan's outcome to the outcome with
the driver at its low value and one to the outcome at its high value, the widest swing
on top. Outcomes out of reach (a volume the engine refuses) are drawn to the axis's end
and say so in their tooltip."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QCursor, QFontMetrics
from PySide6.QtWidgets import QToolTip, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.uncertainty.tornado import Bar
from alignplanner.ui.charts.axes import CountAxis
from alignplanner.ui.charts.chart_frame import ChartFrame
from alignplanner.ui.charts.style import font, muted, readable
from alignplanner.ui.uncertainty.worker import Findings
from alignplanner.ui.wording.uncertainty import (
    TORNADO_LEGEND,
    TORNADO_TITLE,
    bar_tip,
    driver_label,
)

LOW_COLOR, HIGH_COLOR = "#EF6C00", "#1565C0"
BAR_HEIGHT = 0.6
MOST_BARS = 8  # the table beside it lists every driver
REACH = 3.0  # an infinite outcome is drawn to this many times the plan's


class TornadoChart(ChartFrame):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, TORNADO_TITLE, parent,
                         axis_items={"bottom": CountAxis("bottom")})
        self.findings: Findings | None = None
        self._drawn = (np.zeros(0), np.zeros(0))
        self._lows = pg.BarGraphItem(x0=[0.0], y=[0.0], width=[0.0], height=BAR_HEIGHT,
                                     pen=pg.mkPen(None), brush=LOW_COLOR)
        self._highs = pg.BarGraphItem(x0=[0.0], y=[0.0], width=[0.0], height=BAR_HEIGHT,
                                      pen=pg.mkPen(None), brush=HIGH_COLOR)
        self._base = pg.InfiniteLine(angle=90, movable=False)
        for item in (self._lows, self._highs, self._base):
            self.plot.addItem(item)
        self.plot.invertY(True)
        self.setMinimumHeight(220)
        self.view.scene().sigMouseMoved.connect(self._hover)
        self._restyle()

    def shown_bars(self) -> tuple[Bar, ...]:
        return () if self.findings is None else self.findings.bars[:MOST_BARS]

    def show_findings(self, findings: Findings) -> None:
        self.findings = findings
        self.refresh()

    def sides(self) -> tuple[list[float], list[float]]:
        """Where each shown bar's low and high side ends, as drawn."""
        return [float(v) for v in self._drawn[0]], [float(v) for v in self._drawn[1]]

    def refresh(self) -> None:
        bars = self.shown_bars()
        if not bars:
            return
        base = bars[0].outcome_base
        finite = [v for b in bars for v in (b.outcome_low, b.outcome_high) if math.isfinite(v)]
        far = max([base * REACH, *finite]) if base > 0 else max(finite, default=1.0)
        y = np.arange(len(bars), dtype=float)
        low = np.array([_reach(b.outcome_low, far) for b in bars])
        high = np.array([_reach(b.outcome_high, far) for b in bars])
        self._lows.setOpts(x0=np.minimum(low, base), y=y, width=np.abs(low - base))
        self._highs.setOpts(x0=np.minimum(high, base), y=y, width=np.abs(high - base))
        self._base.setValue(base)
        self._drawn = (low, high)
        ends = np.concatenate([low, high, [base]])
        span = float(ends.max() - ends.min()) or abs(base) or 1.0
        self.plot.setRange(xRange=(float(ends.min()) - 0.05 * span,
                                   float(ends.max()) + 0.05 * span),
                           yRange=(-0.6, len(bars) - 0.4), padding=0)
        plan = self.findings.plan if self.findings else self.document.plan
        names = [driver_label(plan, b.driver) for b in bars]
        axis = self.plot.getAxis("left")
        axis.setTicks([[(float(k), n) for k, n in enumerate(names)], []])
        metrics = QFontMetrics(font(self.theme))
        axis.setWidth(max((metrics.horizontalAdvance(n) for n in names), default=0) + 16)
        self.set_legend(list(TORNADO_LEGEND), [readable(LOW_COLOR, self.theme),
                                               readable(HIGH_COLOR, self.theme)])

    def _restyle(self) -> None:
        super()._restyle()
        self._base.setPen(pg.mkPen(muted(self.theme), width=2))

    def key_count(self) -> int:
        return len(self.shown_bars())

    def key_text(self, index: int) -> str:
        assert self.findings is not None
        return bar_tip(self.findings.plan, self.findings.outcome, self.findings.bars[index])

    def key_anchor(self, index: int) -> QPoint | None:
        if self.findings is None:
            return None
        return self.point_in_frame(self.plot, self._base.value(), float(index))

    def _hover(self, pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        if vb.sceneBoundingRect().contains(pos):
            k = round(vb.mapSceneToView(pos).y())
            if 0 <= k < self.key_count():
                QToolTip.showText(QCursor.pos(), self.key_text(k), self.view)
                return
        QToolTip.hideText()


def _reach(value: float, far: float) -> float:
    return far if math.isinf(value) else value
