"""The cumulative variance chart: the picture the room looks at first.

One line for revenue and one per stage: the variance summed from the plan's first month,
as a share of everything planned to date (so a stage of thousands and the won stage of
dozens share one axis, and each line ends at its variance to date), over the months begun
by the as-of date. Below the zero
line, behind plan.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from alignplanner.domain.review.variance import cumulative_share
from alignplanner.domain.review.weekly import WeeklyReview
from alignplanner.ui import wording
from alignplanner.ui.charts.style import font, muted
from alignplanner.ui.theme import LIGHT, TARGET_COLOR, TEAM_COLORS, Theme

_PALETTE = (TEAM_COLORS["marketing"], TEAM_COLORS["sdr"], TEAM_COLORS["sales"],
            TEAM_COLORS["partner"], "#B0892B", TEAM_COLORS["custom"])


class CumulativeChart(QWidget):
    """The lines of one review; `series` gives what is drawn, by line name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(wording.SECTIONS["chart"], self)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.plot = pg.PlotWidget(self)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setMinimumHeight(260)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(wording.CHART_TIP)
        self.setAccessibleName(wording.SECTIONS["chart"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot, 1)
        self._series: dict[str, list[float | None]] = {}
        self._review: WeeklyReview | None = None
        self._theme = LIGHT

    def series(self) -> dict[str, list[float | None]]:
        return dict(self._series)

    def show_review(self, review: WeeklyReview) -> None:
        self._review = review
        self._series = {"Revenue": cumulative_share(review.revenue)}
        for v in review.stages:
            self._series[review.stage_names.get(v.stage, v.stage)] = cumulative_share(v.months)
        self._draw()

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._draw()

    def _draw(self) -> None:
        theme, review = self._theme, self._review
        self.plot.setBackground(theme.background)
        self.title.setFont(font(theme, 1.15, bold=True))
        self.plot.clear()
        if review is None:
            return
        months = [m.month for m in review.revenue]
        ticks = [(i, f"{m:%b}") for i, m in enumerate(months)]
        axis = self.plot.getAxis("bottom")
        axis.setTicks([ticks])
        for name in ("left", "bottom"):
            ax = self.plot.getAxis(name)
            ax.setTextPen(theme.foreground)
            ax.setPen(theme.grid)
            ax.setTickFont(font(theme))
        self.plot.getAxis("left").setLabel("% of plan to date", color=muted(theme))
        self.plot.addLine(y=0, pen=pg.mkPen(theme.foreground, width=1))
        legend = []
        for k, (name, values) in enumerate(self._series.items()):
            color = TARGET_COLOR if k == 0 else _PALETTE[(k - 1) % len(_PALETTE)]
            xs = [i for i, v in enumerate(values) if v is not None]
            ys = [100 * v for v in values if v is not None]
            pen = pg.mkPen(color, width=4 if k == 0 else 2.5)
            self.plot.plot(xs, ys, pen=pen, symbol="o", symbolSize=7, symbolBrush=color,
                           symbolPen=None)
            last = f"{ys[-1]:+.0f}%" if ys else "-"
            legend.append(f"<span style='color:{color}'>\u25cf</span> {name} {last}")
        self.legend.setText("&nbsp;&nbsp; ".join(legend))
        self.plot.setXRange(-0.3, max(len(months) - 0.7, 0.7), padding=0)


__all__ = ["CumulativeChart", "cumulative_share"]
