"""The reverse waterfall: how many units every stage needs, coloured by the team that owns it.

Linear by default: each bar is as long as its volume, so 22,042 inquiries are a hundred
times the 208 wins they make, and the drop-off the room is discussing is what the eye
sees. Every bar carries its number (inside a long bar in white, right of a short one),
so the last stages' values read even where their bars are short.

Log scale, a choice in the chart's header: on a log axis every bar stays long enough
to carry its number inside it, and (where no loop or source joins in between) the step
from one bar to the next is the same for the same conversion, so the biggest step is
where the funnel loses the most. The axis is then titled "log scale" and labelled 1,
10, 100, 1k, ...; bars start at one unit.

Under the title, the deals: the last bar counts the wins from new leads only, and the
note says how they and the open pipeline's make the deals to win (the same sentence
as the Target tab's; presenting, the headline numbers above say it, and the bars get
the room).

The bars are horizontal (stage names read left to right, the funnel runs top to bottom).
The hand-off, where a sales team (SDR or sales) takes over from marketing, is a wider gap
with a dashed divider and a "HAND-OFF" label that carries the conversion across it;
marketing's part and the sales part sit on faintly tinted bands. A stage with a warning
has a red outline and a "!" badge.

"Compare with…" in the header draws another scenario's volumes over the bars as dashed
outlines (stages matched by id), and the legend names both scenarios.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QFontMetrics
from PySide6.QtWidgets import QCheckBox, QGraphicsRectItem, QLabel, QToolTip, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.funnel import Stage
from alignplanner.ui.charts import funnel_layout as fl
from alignplanner.ui.charts.axes import VolumeAxis, nice_ceiling
from alignplanner.ui.charts.chart_frame import ChartFrame
from alignplanner.ui.charts.compare import CompareChoice
from alignplanner.ui.charts.labels import ChartLabel, TextPool, place
from alignplanner.ui.charts.style import ON_BAR_TEXT, font, is_presentation, muted, tinted_on
from alignplanner.ui.theme import TEAM_COLORS, WARNING_COLOR, team_color
from alignplanner.ui.wording import (
    deals,
    deals_sentence,
    month_label,
    percent,
    stage_tooltip,
    team_label,
)

BAR_HEIGHT = 0.64
RIGHT_ROOM = 0.20  # share of the value range kept free right of the longest bar
INSIDE = 0.28  # a bar at least this share of the range long carries its number inside
MARK_PEN = pg.mkPen(WARNING_COLOR, width=4)
NO_PEN = pg.mkPen(None)


class WaterfallChart(ChartFrame):
    """Required volume per stage; see the module docstring for the reading."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        axis = VolumeAxis("bottom")
        super().__init__(document, "Volume each stage must deliver", parent,
                         axis_items={"bottom": axis})
        self._axis = axis
        self.log_scale = QCheckBox("Log scale")
        self.log_scale.setToolTip("Linear: each bar as long as its volume. Log: every bar "
                                  "long enough to read, the same step for the same conversion")
        self.log_scale.toggled.connect(self.set_log)
        self.header.insertWidget(1, self.log_scale, 0, Qt.AlignmentFlag.AlignTop)
        self.compare = self._compare_choice(document)
        self.deals_note = QLabel()
        self.deals_note.setWordWrap(True)
        self.deals_note.setContentsMargins(12, 2, 12, 0)
        layout = self.layout()
        assert layout is not None
        layout.insertWidget(1, self.deals_note)  # type: ignore[attr-defined]
        plot = self.plot
        plot.invertY(True)
        plot.showGrid(x=True, y=False, alpha=0.35)
        # plain rectangles, drawn by Qt itself: pyqtgraph's LinearRegionItem drew its
        # fill in Python and four edge lines with no pen on every repaint under the bars
        self._bands = [QGraphicsRectItem() for _ in range(2)]
        for band in self._bands:
            band.setPen(Qt.PenStyle.NoPen)
            band.setZValue(-20)
            plot.addItem(band, ignoreBounds=True)
        self._divider = pg.InfiniteLine(angle=0, movable=False)
        self._divider.setZValue(-5)
        plot.addItem(self._divider, ignoreBounds=True)
        self._bars = pg.BarGraphItem(x0=[0.0], y=[0.0], width=[0.0], height=BAR_HEIGHT,
                                     brushes=[QColor()], pens=[pg.mkPen(None)])
        plot.addItem(self._bars)
        self._numbers = TextPool(plot, anchor=(1.0, 0.5), z=12)
        self._conversions = TextPool(plot, anchor=(0.0, 0.5))
        self._marks = TextPool(plot, anchor=(0.0, 0.5), z=13)
        self._handoff_label = TextPool(plot, anchor=(0.0, 0.5), z=14)
        self._volumes: list[float] = []
        self._y = np.zeros(0)
        self._ends = np.zeros(0)
        self._handoff: int | None = None
        self._marked: list[str] = []
        self._bar_colors: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        self._ticks: list[tuple[float, str]] = []
        self._number_px = 0
        self._row_font: QFont | None = None
        self._ranges: tuple[tuple[float, float], tuple[float, float]] = ((0, 0), (0, 0))
        self._axis_title = ""
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.plot.getViewBox().sigResized.connect(self._fit_numbers)
        self._restyle()
        self._bind()

    # -- accessors (tests, export) ---------------------------------------------------------

    def bar_heights(self) -> list[float]:
        """The exact volume each bar stands for, top stage first."""
        return list(self._volumes)

    def compare_heights(self) -> list[float]:
        """The compared scenario's exact volume at each bar's stage (0 where it has no such
        stage); empty when not comparing."""
        return list(self._compared)

    def compare_lengths(self) -> list[float]:
        return [float(w) for w in self._compare_bars.opts["width"]] if self._compared else []

    def _compare_choice(self, document: PlanDocument) -> CompareChoice:
        """"Compare with…" in the header, and the dashed outlines it draws."""
        choice = CompareChoice(document)
        choice.changed.connect(self._refresh_when_seen)
        document.scenariosChanged.connect(self._compared_changed)
        self.header.insertWidget(2, choice, 0, Qt.AlignmentFlag.AlignTop)
        self._compare_bars = pg.BarGraphItem(x0=[0.0], y=[0.0], width=[0.0],
                                             height=BAR_HEIGHT, brush=None)
        self._compare_bars.setZValue(11)
        self._compare_bars.setVisible(False)
        self.plot.addItem(self._compare_bars)
        self._compared: list[float] = []
        return choice

    def _compared_changed(self, _scenarios: object) -> None:
        if self.compare.chosen():
            self._refresh_when_seen()

    @property
    def log(self) -> bool:
        return self._axis.log

    def set_log(self, log: bool) -> None:
        """Bars on a log scale (True) or a linear one (False, the default)."""
        if self.log_scale.isChecked() != log:
            self.log_scale.setChecked(log)  # comes back here through toggled
            return
        if log != self._axis.log:
            self._axis.log = log
            self._ranges = ((0, 0), (0, 0))
            self._refresh_when_seen()

    def bar_lengths(self) -> list[float]:
        """The drawn bar lengths: entries, or on the log scale log10 units from the axis
        start."""
        return [float(w) for w in self._bars.opts["width"]]

    def bar_colors(self) -> list[str]:
        return [QBrush(b).color().name() for b in self._bars.opts["brushes"]]

    def number_labels(self) -> list[str]:
        return [t.toPlainText() for t in self._numbers.take(len(self._volumes))]

    def conversion_labels(self) -> list[str]:
        return [t.toPlainText() for t in self._conversions.take(max(0, len(self._volumes) - 1))]

    def handoff_index(self) -> int | None:
        """Index of the first stage after the hand-off (the divider sits just above it)."""
        return self._handoff

    def handoff_text(self) -> str:
        """The hand-off label, with the conversion across it; empty without a hand-off."""
        return "".join(t.toPlainText() for t in self._handoff_label.take(
            0 if self._handoff is None else 1))

    def handoff_position(self) -> float | None:
        """The divider's y in plot coordinates (between the two stages), or None."""
        return float(self._divider.value()) if self._handoff is not None else None

    def bar_positions(self) -> list[float]:
        return [float(y) for y in self._y]

    def marked_stages(self) -> list[str]:
        """Ids of the stages drawn with a warning mark."""
        return list(self._marked)

    def bar_item(self) -> pg.BarGraphItem:
        return self._bars

    def conversion_items(self) -> list[ChartLabel]:
        return self._conversions.take(max(0, len(self._volumes) - 1))

    def text_items(self) -> list[ChartLabel]:
        return (self._numbers.items + self._conversions.items + self._marks.items
                + self._handoff_label.items)

    def tooltip_text(self, index: int) -> str:
        plan, result = self.document.plan, self.document.result
        found = fl.warnings_by_stage(plan.stage_ids, result.warnings)
        return stage_tooltip(plan, result, index, found.get(plan.stages[index].id, []))

    # -- refresh ---------------------------------------------------------------------------

    def refresh(self) -> None:
        plan, result = self.document.plan, self.document.result
        owners = [s.owner for s in plan.stages]
        self._volumes = [s.volume for s in result.stages]
        n = len(self._volumes)
        self._handoff = fl.handoff_index(owners)
        self._y = fl.slot_positions(n, self._handoff)
        months = f"{month_label(result.months[0])} to {month_label(result.months[-1])}"
        scale = " (log scale)" if self.log else ""
        axis_title = f"Entries needed, {months}{scale}"  # here, the chart's title stays short
        if axis_title != self._axis_title:  # pyqtgraph lays a title out anew each time
            self._axis_title = axis_title
            self.plot.setLabel("bottom", axis_title)
        self.deals_note.setText(deals_sentence(deals(plan, result)))
        if self.log:
            floor = fl.decade_floor(self._volumes)
            self._ends = fl.log_ends(self._volumes, floor)
            span = max(float(self._ends.max()) - floor, 1.0)
            right = math.ceil((floor + span * (1 + RIGHT_ROOM)) * 4) / 4  # steady while typing
        else:
            floor = 0
            self._ends = np.maximum(np.asarray(self._volumes, dtype=float), 0.0)
            span = max(float(self._ends.max()), 1.0)
            right = nice_ceiling(span * (1 + RIGHT_ROOM))  # steady while typing
        right = self._place_compare(plan.stage_ids, floor, right)
        warned = fl.warnings_by_stage(plan.stage_ids, result.warnings)
        self._marked = [s.id for s in plan.stages if s.id in warned]
        colors = (tuple(owners), tuple(self._marked))
        styles = {} if colors == self._bar_colors else {  # made again only when they change
            "brushes": [QBrush(team_color(o)) for o in owners],
            "pens": [MARK_PEN if s.id in warned else NO_PEN for s in plan.stages],
        }
        self._bar_colors = colors
        self._bars.setOpts(x0=np.full(n, float(floor)), y=self._y, width=self._ends - floor,
                           height=BAR_HEIGHT, **styles)
        outside = self._place_numbers(result.stages, floor, span)
        self._place_conversions(plan.stages, floor, span, outside)
        self._place_marks(plan.stage_ids, warned, floor, span)
        self._place_handoff(plan.stages, floor, span)
        ticks = [(float(y), s.name) for y, s in zip(self._y, plan.stages, strict=True)]
        if ticks != self._ticks:
            self._ticks = ticks
            self._set_names()
        ranges = ((float(floor), float(right)), (-0.6, float(self._y[-1]) + 0.6))
        if ranges != self._ranges:
            self._ranges = ranges
            self.plot.setRange(xRange=ranges[0], yRange=ranges[1], padding=0)
        self._fit_numbers()
        both, pens, marks = self.compare.legend(self.theme.foreground)
        teams = list(dict.fromkeys(owners))
        self.set_legend([*(team_label(o) for o in teams), *both],
                        [*(TEAM_COLORS.get(o, TEAM_COLORS["custom"]) for o in teams), *pens],
                        ["■"] * len(teams) + marks)

    def _place_compare(self, ids: tuple[str, ...], floor: float, right: float) -> float:
        """The compared scenario's volumes as dashed outlines; the x range's right end."""
        other = self.compare.compared()
        self._compare_bars.setVisible(other is not None)
        if other is None:
            self._compared = []
            return right
        volumes = {s.id: s.volume for s in other[1].stages}
        self._compared = [volumes.get(i, 0.0) for i in ids]
        if self.log:
            ends = fl.log_ends(self._compared, int(floor))
        else:
            ends = np.maximum(np.asarray(self._compared, dtype=float), 0.0)
        self._compare_bars.setOpts(x0=np.full(len(ids), float(floor)), y=self._y,
                                   width=np.maximum(ends - floor, 0.0), height=BAR_HEIGHT,
                                   pen=pg.mkPen(self.theme.foreground, width=2.5,
                                                style=Qt.PenStyle.DashLine), brush=None)
        top = float(ends.max(initial=floor))
        if top <= right:
            return right
        return math.ceil((top + 0.05 * (top - floor)) * 4) / 4 if self.log else nice_ceiling(
            top * 1.05)

    def _place_numbers(self, stages: tuple, floor: int, span: float) -> np.ndarray:
        """Numbers inside long bars (white), right of short ones; returns where text ends."""
        ends = self._ends.copy()
        for k, (item, s) in enumerate(zip(self._numbers.take(len(stages)), stages, strict=True)):
            inside = self._ends[k] - floor >= INSIDE * span
            anchor = (1.0, 0.5) if inside else (0.0, 0.5)
            if tuple(item.anchor) != anchor:
                item.setAnchor(anchor)
            item.setColor(ON_BAR_TEXT if inside else self.theme.foreground)
            x = self._ends[k] - 0.015 * span if inside else self._ends[k] + 0.015 * span
            place(item, f"{s.rounded:,}", float(x), float(self._y[k]))
            if not inside:
                ends[k] += 0.16 * span
        return ends

    def _place_conversions(self, stages: tuple, floor: int, span: float,
                           ends: np.ndarray) -> None:
        items = self._conversions.take(len(stages) - 1)
        for k, item in enumerate(items):
            x = max(ends[k], ends[k + 1]) + 0.02 * span
            y = (self._y[k] + self._y[k + 1]) / 2
            # the hand-off's conversion is part of the hand-off label (see _place_handoff)
            text = "" if k + 1 == self._handoff else f"▼ {percent(stages[k].conversion or 0.0)}"
            place(item, text, float(x), float(y))

    def _place_marks(self, ids: tuple[str, ...], warned: dict, floor: int, span: float) -> None:
        rows = [k for k, i in enumerate(ids) if i in warned]
        for item, k in zip(self._marks.take(len(rows)), rows, strict=True):
            place(item, " ! ", floor + 0.01 * span, float(self._y[k]))

    def _place_handoff(self, stages: Sequence[Stage], floor: int, span: float) -> None:
        owners = [s.owner for s in stages]
        h = self._handoff
        label = self._handoff_label.take(0 if h is None else 1)
        self._divider.setVisible(h is not None)
        for band in self._bands:
            band.setVisible(h is not None)
        if h is None:
            return
        mid = float(self._y[h - 1] + self._y[h]) / 2
        self._divider.setValue(mid)
        # wider than any x range of this refresh: the view box clips them at its edges
        left, right = floor - span, floor + 3 * span
        bg = self.theme.background
        for band, (top, bottom), color in (
                (self._bands[0], (-0.6, mid), tinted_on(team_color(owners[h - 1]), 22, bg)),
                (self._bands[1], (mid, float(self._y[-1]) + 0.6),
                 tinted_on(team_color("sales"), 20, bg))):
            band.setRect(QRectF(left, top, right - left, bottom - top))  # Qt: no-op if same
            band.setBrush(color)
        rate = percent(stages[h - 1].conversion or 0.0)
        text = f"HAND-OFF   {team_label(owners[h - 1])} ▸ {team_label(owners[h])}   ▼ {rate}"
        place(label[0], text, floor + 0.01 * span, mid)

    # -- look and hover --------------------------------------------------------------------

    def _restyle(self) -> None:
        theme = self.theme
        super()._restyle()
        self.plot.getAxis("left").setTickFont(font(theme, 1.1))
        self._set_names()
        self._number_px = 0
        self._row_font = None
        self._bar_colors = ((), ())  # the next refresh sets the bars' brushes and pens again
        self._conversions.set_style(font(theme, 1.05, bold=True), muted(theme))
        self.deals_note.setFont(font(theme, 1.0))
        self.deals_note.setStyleSheet(f"color: {muted(theme)}")
        # presenting, the headline above says where the deals come from; the bars need
        # the room on a 720-pixel projector
        self.deals_note.setHidden(is_presentation(theme))
        self._marks.set_style(font(theme, 1.2, bold=True), "#FFFFFF", WARNING_COLOR)
        self._handoff_label.set_style(font(theme, 1.0, bold=True), theme.foreground,
                                      theme.background)
        self._divider.setPen(pg.mkPen(theme.foreground, width=2, style=Qt.PenStyle.DashLine))
        self._fit_numbers()  # last: it fits the fonts set above to the rows

    def _fit_numbers(self) -> None:
        """Numbers as large as the theme asks, but never taller than their bar; stage
        names, conversions and the hand-off never taller than their row (many stages, or
        presentation mode beside the editors, on a 720-pixel screen)."""
        slots = float(self._y[-1]) + 1.2 if self._y.size else 1.0
        row_px = self.plot.getViewBox().height() / slots
        wanted = _fitted(font(self.theme, 1.45, bold=True), row_px * BAR_HEIGHT)
        size = QFontMetrics(wanted).height()
        if size != self._number_px:
            self._number_px = size
            self._numbers.set_style(wanted)
        row_font = _fitted(font(self.theme, 1.1), row_px * 0.92)
        if row_font != self._row_font:
            self._row_font = row_font
            self.plot.getAxis("left").setTickFont(row_font)
            theme = self.theme
            self._conversions.set_style(_fitted(font(theme, 1.05, bold=True), row_px * 0.92),
                                        muted(theme))
            self._handoff_label.set_style(_fitted(font(theme, 1.0, bold=True), row_px * 0.92),
                                          theme.foreground, theme.background)
            self._set_names()

    def _set_names(self) -> None:
        """Stage names on the left axis, which is made exactly wide enough for them."""
        axis = self.plot.getAxis("left")
        axis.setTicks([self._ticks, []])
        metrics = QFontMetrics(self._row_font or font(self.theme, 1.1))
        widest = max((metrics.horizontalAdvance(name) for _, name in self._ticks), default=0)
        axis.setWidth(widest + 24)

    def key_count(self) -> int:
        return len(self._y)

    def key_text(self, index: int) -> str:
        return self.tooltip_text(index)

    def key_anchor(self, index: int) -> QPoint | None:
        return self.point_in_frame(self.plot, float(self._ends[index]), float(self._y[index]))

    def _hover(self, pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        index = None
        if vb.sceneBoundingRect().contains(pos):
            p = vb.mapSceneToView(pos)
            near = np.flatnonzero(np.abs(self._y - p.y()) <= BAR_HEIGHT / 2)
            index = int(near[0]) if near.size else None
        if index is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(QCursor.pos(), self.tooltip_text(index), self.view)


def _fitted(wanted: QFont, height_px: float) -> QFont:
    """``wanted``, or a copy of it in a smaller pixel size that fits ``height_px``."""
    if QFontMetrics(wanted).height() > height_px > 0:
        smaller = QFont(wanted)
        smaller.setPixelSize(max(8, int(height_px * 0.78)))
        return smaller
    return wanted
