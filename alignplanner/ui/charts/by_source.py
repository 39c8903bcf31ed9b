"""Who delivers how much: per source, the wins it owes and the new units it must bring.

Two panels share the source rows. Left: wins each source's share of the target needs,
with its share of revenue (green, the unit everyone compares). Right: the net-new units
it must bring in at its entry stage, coloured by the team that owns that stage; the label
names the stage, since 22,000 inquiries and 110 SQLs are not the same unit. Both axes are
linear and start at zero. A plan without sources shows one row, "All sources".
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QCursor, QFontMetrics, QFontMetricsF, QShowEvent
from PySide6.QtWidgets import QToolTip, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.results import SourceResult
from alignplanner.ui.charts.axes import CountAxis, nice_ceiling
from alignplanner.ui.charts.chart_frame import ChartFrame
from alignplanner.ui.charts.labels import PADDING, ChartLabel, TextPool, place
from alignplanner.ui.charts.style import font, muted, readable
from alignplanner.ui.theme import TARGET_COLOR, team_color
from alignplanner.ui.wording import count, money, percent, team_label

BAR_HEIGHT = 0.6
LABEL_ROOM = 1.6  # the x range is at least the largest bar times this
LABEL_GAP = 0.02  # between a bar's end and its label, a share of the largest bar
MOST_ROOM = 2.5  # at most: the longest bar keeps 40% of its panel, labels are shortened


class SourceChart(ChartFrame):
    """Wins and new units per source (see the module docstring)."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, "Who delivers how much", parent,
                         axis_items={"bottom": CountAxis("bottom")})
        self.units_plot = self.add_plot(0, 1, {"bottom": CountAxis("bottom")})
        self.units_plot.setYLink(self.plot)
        self.units_plot.getAxis("left").setStyle(showValues=False)
        self.view.ci.layout.setColumnSpacing(0, 40)
        self._wins = pg.BarGraphItem(x0=[0.0], y=[0.0], width=[0.0], height=BAR_HEIGHT,
                                     pen=pg.mkPen(None), brush=TARGET_COLOR)
        self._units = pg.BarGraphItem(x0=[0.0], y=[0.0], width=[0.0], height=BAR_HEIGHT,
                                      pen=pg.mkPen(None), brushes=[TARGET_COLOR])
        self.plot.addItem(self._wins)
        self.units_plot.addItem(self._units)
        self._win_labels = TextPool(self.plot, anchor=(0.0, 0.5))
        self._unit_labels = TextPool(self.units_plot, anchor=(0.0, 0.5))
        for plot in (self.plot, self.units_plot):
            plot.invertY(True)  # the first source on top; every bar carries its number
        self._ids: list[str] = []
        self._names: list[str] = []
        self._shares: list[float] = []
        self._ranges: tuple[float, float, int] = (0.0, 0.0, 0)
        self._values = (np.zeros(0), np.zeros(0))
        self._texts: tuple[list[tuple[str, str]], list[tuple[str, str]]] = ([], [])  # long, short
        self.view.scene().sigMouseMoved.connect(self._hover)
        for plot in (self.plot, self.units_plot):
            plot.getViewBox().sigResized.connect(self._fit_ranges)
        self._restyle()
        self._bind()

    # -- accessors ------------------------------------------------------------------------

    def source_ids(self) -> list[str]:
        return list(self._ids)

    def source_names(self) -> list[str]:
        return list(self._names)

    def win_values(self) -> list[float]:
        return [float(v) for v in self._wins.opts["width"]]

    def new_values(self) -> list[float]:
        return [float(v) for v in self._units.opts["width"]]

    def revenue_shares(self) -> list[float]:
        return list(self._shares)

    def label_texts(self) -> list[str]:
        n = len(self._ids)
        return [t.toPlainText() for t in self._win_labels.take(n) + self._unit_labels.take(n)]

    def plot_items(self) -> list[pg.GraphicsObject]:
        return [self._wins, self._units, *self._win_labels.items, *self._unit_labels.items]

    def tooltip_text(self, index: int) -> str:
        plan, sr = self.document.plan, self.document.result.sources[index]
        stage = plan.stages[plan.stage_index(sr.enters)]
        return "\n".join([
            f"{self._names[index]}: enters at {stage.name}",
            f"Share of revenue: {percent(self._shares[index])}",
            f"Wins: {sr.wins:,.2f}",
            f"Average deal size: {money(sr.average_deal_size, plan.currency)}",
            f"New {stage.name}: {sr.new:,.2f}",
            f"of which before the plan starts: {sr.pre_plan:,.2f}",
        ])

    # -- refresh --------------------------------------------------------------------------

    def refresh(self) -> None:
        plan, result = self.document.plan, self.document.result
        sources = result.sources
        names = {s.id: s.name or s.id for s in plan.effective_sources()}
        ids = [s.id for s in sources]
        self._names = [names.get(i, i) for i in ids]
        if ids != self._ids:
            self._ids = ids
            self._set_names()
        revenue = np.array([s.wins * s.average_deal_size for s in sources], dtype=float)
        total = float(revenue.sum())
        self._shares = [float(r / total) if total > 0 else 0.0 for r in revenue]
        y = np.arange(len(sources), dtype=float)
        wins = np.array([s.wins for s in sources], dtype=float)
        units = np.array([s.new for s in sources], dtype=float)
        owners = [plan.stages[plan.stage_index(s.enters)].owner for s in sources]
        self._wins.setOpts(x0=np.zeros_like(y), y=y, width=wins)
        self._units.setOpts(x0=np.zeros_like(y), y=y, width=units,
                            brushes=[team_color(o) for o in owners])
        self._label(sources, wins, units)
        self._values = (wins, units)
        self._fit_ranges()
        teams = list(dict.fromkeys(owners))
        self.set_legend(
            ["Wins", *(f"{team_label(t)} stage" for t in teams)],
            [readable(TARGET_COLOR, self.theme), *(team_color(t).name() for t in teams)])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_ranges()  # the panels' widths are known now

    def _fit_ranges(self) -> None:
        """Each panel's x range: room right of every bar for its label, rounded to a nice
        number so that the axes stay put while numbers move a little."""
        wins, units = self._values
        n = len(wins)
        win_labels, unit_labels = self._win_labels.take(n), self._unit_labels.take(n)
        # a chart not shown yet has no size of its own: it fits its labels once it has
        widths = [p.getViewBox().width() if self.isVisible() else 0.0
                  for p in (self.plot, self.units_plot)]
        _shorten(widths[0], wins, win_labels, self._texts[0])
        _shorten(widths[1], units, unit_labels, self._texts[1])
        ranges = (_room(widths[0], wins, win_labels), _room(widths[1], units, unit_labels), n)
        if ranges != self._ranges:
            self._ranges = ranges
            self.plot.setRange(xRange=(0.0, ranges[0]), yRange=(-0.6, n - 0.4), padding=0)
            self.units_plot.setXRange(0.0, ranges[1], padding=0)

    def _label(self, sources: tuple[SourceResult, ...], wins: np.ndarray,
               units: np.ndarray) -> None:
        plan = self.document.plan
        gap_w = LABEL_GAP * float(wins.max(initial=1.0))
        gap_u = LABEL_GAP * float(units.max(initial=1.0))
        pairs = zip(self._win_labels.take(len(sources)), self._unit_labels.take(len(sources)),
                    strict=True)
        self._texts = ([], [])
        for k, (w_item, u_item) in enumerate(pairs):
            sr = sources[k]
            share = percent(round(self._shares[k], 3))
            self._texts[0].append((f"{count(sr.wins)} wins · {share}",
                                   f"{count(sr.wins)} · {share}"))
            place(w_item, self._texts[0][-1][0], float(wins[k] + gap_w), float(k))
            stage = plan.stages[plan.stage_index(sr.enters)].name
            self._texts[1].append((f"{count(sr.new)} {stage}", count(sr.new)))
            place(u_item, self._texts[1][-1][0], float(units[k] + gap_u), float(k))

    def _set_names(self) -> None:
        ticks = [(float(k), name) for k, name in enumerate(self._names)]
        axis = self.plot.getAxis("left")
        axis.setTicks([ticks, []])
        metrics = QFontMetrics(font(self.theme, 1.1))
        axis.setWidth(max((metrics.horizontalAdvance(n) for n in self._names), default=0) + 24)

    # -- look and hover -------------------------------------------------------------------

    def _restyle(self) -> None:
        theme = self.theme
        super()._restyle()
        self.plot.getAxis("left").setTickFont(font(theme, 1.1))
        self._set_names()
        bold = font(theme, 1.15, bold=True)
        self._win_labels.set_style(bold, theme.foreground)
        self._unit_labels.set_style(bold, theme.foreground)
        size = f"{theme.base_point_size * 1.1:.0f}pt"
        self.plot.setTitle("Wins needed · share of revenue", color=muted(theme), size=size)
        self.units_plot.setTitle("New units at the entry stage", color=muted(theme), size=size)

    def key_count(self) -> int:
        return len(self._ids)

    def key_text(self, index: int) -> str:
        return self.tooltip_text(index)

    def _hover(self, pos: QPointF) -> None:
        for plot in (self.plot, self.units_plot):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(pos):
                k = round(vb.mapSceneToView(pos).y())
                if 0 <= k < len(self._ids):
                    QToolTip.showText(QCursor.pos(), self.tooltip_text(k), self.view)
                    return
        QToolTip.hideText()


def _shorten(width: float, values: np.ndarray, labels: list[ChartLabel],
             texts: list[tuple[str, str]]) -> None:
    """Each label says its long text ("3,748 Sales accepted lead") where that fits beside
    its bar in a panel ``width`` pixels wide (see `_end`), else its short one ("3,748";
    the tooltip has the rest)."""
    top = float(values.max(initial=0.0))
    for value, label, (long, short) in zip(values, labels, texts, strict=True):
        pixels = QFontMetricsF(label.font()).horizontalAdvance(long) + 2 * PADDING
        fits = width <= 0 or _end(float(value), top, pixels / width) <= MOST_ROOM * top
        label.setText(long if fits else short)


def _room(width: float, values: np.ndarray, labels: list[ChartLabel]) -> float:
    """The end of the x range that leaves each label inside a panel ``width`` pixels wide
    (see `_end`), rounded up to a nice number."""
    top = float(values.max(initial=0.0))
    end = top * LABEL_ROOM
    if width > 0:
        for value, label in zip(values, labels, strict=True):
            end = max(end, _end(float(value), top, label.box().width() / width))
    return nice_ceiling(min(end, MOST_ROOM * top) if top > 0 else end)


def _end(value: float, top: float, share: float) -> float:
    """Where the x range must end for a label ``share`` of the panel wide to fit after a
    bar of ``value`` and the gap: value + gap + share * end <= end."""
    return (value + LABEL_GAP * top) / max(1.0 - share, 1e-9)
