"""The fan chart: each month's simulated revenue, P10 to P90 as a band and P50 as a line,
over the plan's line (the month's target). While a newer run is on its way the old fan
stays, paler, and the title says it is updating."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QCursor, QFontMetrics
from PySide6.QtWidgets import QToolTip, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.ui.charts.axes import CountAxis, nice_ceiling
from alignplanner.ui.charts.chart_frame import ChartFrame
from alignplanner.ui.charts.style import font, readable, tinted, tinted_on
from alignplanner.ui.theme import TARGET_COLOR
from alignplanner.ui.uncertainty.worker import Findings
from alignplanner.ui.wording import month_ticks
from alignplanner.ui.wording.uncertainty import FAN_LEGEND, FAN_TITLE, UPDATING, fan_tip

FAN_COLOR = "#1565C0"
BAND_ALPHA, STALE_ALPHA = 90, 40


class FanChart(ChartFrame):
    """P10/P50/P90 per month over the plan line; `show_findings` puts a run's numbers in."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, FAN_TITLE, parent,
                         axis_items={"left": CountAxis("left"), "bottom": CountAxis("bottom")})
        self.findings: Findings | None = None
        self.updating = False
        self._low = pg.PlotDataItem([0.0], [0.0], pen=pg.mkPen(None))
        self._high = pg.PlotDataItem([0.0], [0.0], pen=pg.mkPen(None))
        self._band = pg.FillBetweenItem(self._low, self._high, brush=tinted(FAN_COLOR, BAND_ALPHA))
        self._mid = pg.PlotDataItem([0.0], [0.0], pen=pg.mkPen(FAN_COLOR, width=3))
        self._plan = pg.PlotDataItem([0.0], [0.0], pen=pg.mkPen(
            TARGET_COLOR, width=3, style=Qt.PenStyle.DashLine))
        for item in (self._low, self._high, self._band, self._mid, self._plan):
            self.plot.addItem(item)
        self.plot.showGrid(y=True, alpha=0.25)
        self.setMinimumHeight(220)
        self.view.scene().sigMouseMoved.connect(self._hover)
        self.plot.getViewBox().sigResized.connect(self._update_ticks)
        self._restyle()

    # -- data -------------------------------------------------------------------------

    def show_findings(self, findings: Findings) -> None:
        self.findings = findings
        self.updating = False
        self.refresh()

    def set_updating(self, updating: bool) -> None:
        if updating != self.updating:
            self.updating = updating
            self.refresh()

    def bands(self) -> dict[int, tuple[float, ...]]:
        """The P10, P50 and P90 per month as drawn."""
        return {10: tuple(float(v) for v in self._low.yData),
                50: tuple(float(v) for v in self._mid.yData),
                90: tuple(float(v) for v in self._high.yData)}

    def plan_line(self) -> tuple[float, ...]:
        return tuple(float(v) for v in self._plan.yData)

    def refresh(self) -> None:
        findings = self.findings
        self.set_title(f"{FAN_TITLE}  ({UPDATING})" if self.updating else FAN_TITLE)
        self._band.setBrush(tinted(FAN_COLOR, STALE_ALPHA if self.updating else BAND_ALPHA))
        if findings is None:
            return
        q = findings.simulation.monthly_percentiles()
        x = np.arange(len(q[50]), dtype=float)
        self._low.setData(x, np.asarray(q[10]))
        self._high.setData(x, np.asarray(q[90]))
        self._mid.setData(x, np.asarray(q[50]))
        plan = np.asarray(findings.result.target_monthly, dtype=float)
        self._plan.setData(x, plan)
        top = max(float(np.max(q[90], initial=0.0)), float(plan.max(initial=0.0)))
        self.plot.setRange(xRange=(-0.5, len(x) - 0.5), yRange=(0.0, nice_ceiling(top * 1.05)),
                           padding=0)
        self._update_ticks()
        band = tinted_on(FAN_COLOR, BAND_ALPHA, self.theme.background).name()
        self.set_legend(list(FAN_LEGEND), [readable(TARGET_COLOR, self.theme),
                                           readable(FAN_COLOR, self.theme), band],
                        ["┅", "━", "■"])

    def _update_ticks(self) -> None:
        if self.findings is None:
            return
        months = self.findings.result.months
        label = QFontMetrics(font(self.theme)).horizontalAdvance("Sep 27") * 1.3
        month_px = self.plot.getViewBox().width() / max(1, len(months))
        ticks = month_ticks(months, label / month_px if month_px > 0 else 1)
        self.plot.getAxis("bottom").setTicks([ticks, []])

    # -- hover and keys -----------------------------------------------------------------

    def key_count(self) -> int:
        return 0 if self.findings is None else len(self.findings.result.months)

    def key_text(self, index: int) -> str:
        findings = self.findings
        assert findings is not None
        q = findings.simulation.monthly_percentiles()
        band = (q[10][index], q[50][index], q[90][index])
        return fan_tip(findings.result.months[index], band,
                       findings.result.target_monthly[index], findings.plan.currency)

    def key_anchor(self, index: int) -> QPoint | None:
        if self.findings is None:
            return None
        q = self.findings.simulation.monthly_percentiles()
        return self.point_in_frame(self.plot, float(index), q[90][index])

    def _hover(self, pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        if self.findings is not None and vb.sceneBoundingRect().contains(pos):
            k = round(vb.mapSceneToView(pos).x())
            if 0 <= k < self.key_count():
                QToolTip.showText(QCursor.pos(), self.key_text(k), self.view)
                return
        QToolTip.hideText()
