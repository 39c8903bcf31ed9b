"""When units must enter each stage: small multiples sharing one month axis.

A stage at the top of the funnel needs thousands of entries a month and the won stage a
few dozen, so one plot with one y axis would flatten every line but the first. Each chosen
stage gets its own small plot with its own axis instead (the shape of each line is what
the room reads: seasonality and the lag behind the revenue target on top). The first row
is the revenue target per month (grey: the part the existing pipeline is expected to
bring). Left of month 1, a hatched grey bar per stage is the pipeline that must already
exist when the plan starts. Which stages are shown is picked from the "Stages" menu; by
default the stages where sources enter and the won stage, since twelve rows are too many.
"Compare with…" draws another scenario's target and entries over each row, dashed and
lighter, month by calendar month; the legend names both scenarios.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QCursor, QFontMetrics
from PySide6.QtWidgets import QToolTip, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.ui.charts.axes import CountAxis, nice_ceiling
from alignplanner.ui.charts.chart_frame import ChartFrame
from alignplanner.ui.charts.compare import CompareChoice, month_offset
from alignplanner.ui.charts.stage_picker import StagePicker
from alignplanner.ui.charts.style import font, muted
from alignplanner.ui.charts.timeline_rows import START_X, RowLabel, StageRow, pre_slot
from alignplanner.ui.theme import PRE_PLAN_COLOR, TARGET_COLOR, team_color
from alignplanner.ui.wording import month_ticks, month_tooltip


def default_stages(entry_stages: Iterable[str], stage_ids: tuple[str, ...]) -> list[str]:
    """The stages where sources enter, and the won stage, in funnel order."""
    wanted = {*entry_stages, stage_ids[-1]}
    return [s for s in stage_ids if s in wanted]


class TimelineChart(ChartFrame):
    """Required entries per month for the chosen stages, under the revenue target."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, "Entries needed per month", parent,
                         axis_items={"left": CountAxis("left", label_zero=False)},
                         plot_cell=(0, 1))
        self.picker = StagePicker(self)
        self.picker.changed.connect(self.set_visible_stages)
        self.header.insertWidget(1, self.picker)
        self.compare = CompareChoice(document)
        self.compare.changed.connect(self._compare_changed)
        document.scenariosChanged.connect(self._scenarios_changed)
        self.header.insertWidget(2, self.compare)
        self._target_label = RowLabel(justify="left")
        self.view.ci.addItem(self._target_label, 0, 0)
        self._target = pg.BarGraphItem(x=[0.0], height=[0.0], width=0.72, pen=pg.mkPen(None))
        self._pipeline = pg.BarGraphItem(x=[0.0], height=[0.0], width=0.72, pen=pg.mkPen(None))
        self._target_cursor = pg.InfiniteLine(angle=90, movable=False)
        self._target_cursor.setVisible(False)
        self._compare_target = pg.PlotDataItem(x=np.zeros(1), y=np.zeros(1))
        self._compare_target.setVisible(False)
        self._compare_target.setZValue(5)
        for item in (self._target, self._pipeline, self._target_cursor, self._compare_target):
            self.plot.addItem(item)
        self.plot.hideAxis("bottom")
        self.view.ci.layout.setRowStretchFactor(0, 2)
        self._rows: list[StageRow] = []
        self._shown: list[StageRow] = []
        self._visible: list[str] = []
        self._ids: tuple[str, ...] = ()
        self._ticks: list[tuple[float, str]] = []
        self._ranges: tuple[tuple[float, float], float] = ((0.0, 0.0), 0.0)
        self.plot.getViewBox().sigResized.connect(self._update_ticks)
        self.view.scene().sigMouseMoved.connect(self._hover)
        self._restyle()
        document.loaded.connect(self._start_afresh)
        self._bind()

    # -- accessors ------------------------------------------------------------------------

    def visible_stages(self) -> list[str]:
        return list(self._visible)

    def series(self, stage_id: str) -> list[float]:
        """The plotted entries per plan month of a shown stage."""
        return self._row(stage_id).series()

    def pre_plan_value(self, stage_id: str) -> float:
        """The height of a shown stage's "before the plan" bar."""
        return float(self._row(stage_id).pre_bar.opts["height"][0])

    def pre_plan_total(self) -> float:
        """The pre-plan bars of the shown stages, added up."""
        return sum(self.pre_plan_value(s) for s in self._visible)

    def target_values(self) -> list[float]:
        return [float(v) for v in self._target.opts["height"]]

    def pipeline_values(self) -> list[float]:
        return [float(v) for v in self._pipeline.opts["height"]]

    def compare_series(self, stage_id: str) -> list[float]:
        """The compared scenario's entries per month at a shown stage (empty: none)."""
        return self._row(stage_id).compare_series()

    def compare_target_values(self) -> list[float]:
        if not self._compare_target.isVisible():
            return []
        return [float(v) for v in self._compare_target.getData()[1]]

    def _scenarios_changed(self, _scenarios: object) -> None:
        if self.compare.chosen():  # the compared scenario may be what changed
            self._compare_changed()

    def _compare_changed(self) -> None:
        for row in self._rows:
            row.dirty = True
        self._refresh_when_seen()

    def month_labels(self) -> list[str]:
        return [text for _, text in self._ticks[1:]]

    def plot_items(self) -> list[pg.GraphicsObject]:
        """Every data item of the chart (for identity checks across edits)."""
        items: list[pg.GraphicsObject] = [self._target, self._pipeline]
        for row in self._rows:
            items += [row.curve, row.pre_bar, row.pre_text]
        return items

    def hover_text(self, month: int) -> str:
        return month_tooltip(self.document.plan, self.document.result, self._visible, month)

    # -- choosing stages ------------------------------------------------------------------

    def _start_afresh(self) -> None:
        """Another plan: start again from its default stages."""
        self._ids, self._visible = (), []

    def set_visible_stages(self, stage_ids: Iterable[str]) -> None:
        wanted = set(stage_ids)
        visible = [s for s in self._ids if s in wanted]
        if visible != self._visible:
            self._visible = visible
            self.picker.set_checked(visible)
            self._arrange()

    def _row(self, stage_id: str) -> StageRow:
        for row in self._shown:
            if row.stage_id == stage_id:
                return row
        raise KeyError(f"stage {stage_id!r} is not shown")

    def _follow_stages(self) -> None:
        """Keep the reader's choice across edits; start again for a different funnel."""
        plan = self.document.plan
        ids = plan.stage_ids
        if ids == self._ids:
            return
        if len(ids) == len(self._ids):  # a stage was renamed: keep the choice by position
            kept = [ids[self._ids.index(s)] for s in self._visible]
        else:
            kept = [s for s in self._visible if s in ids]
        self._ids = ids
        entry = [s.enters for s in plan.effective_sources()]
        self._visible = kept or default_stages(entry, ids)
        self.picker.set_stages([(s.id, s.name) for s in plan.stages], self._visible)
        while len(self._rows) < len(ids):
            row = StageRow()
            self.configure_plot(row.plot)
            row.plot.setXLink(self.plot)
            row.restyle(self.theme)
            row.plot.getAxis("bottom").setTicks([self._ticks, []])
            self._rows.append(row)
        for row in self._rows[len(ids):]:
            self._remove_row(row)
        del self._rows[len(ids):]

    def _remove_row(self, row: StageRow) -> None:
        if row in self._shown:
            self.view.ci.removeItem(row.label)
            self.view.ci.removeItem(row.plot)
            self._shown.remove(row)
        self.forget_plot(row.plot)

    def _wanted_rows(self) -> list[StageRow]:
        return [self._rows[self._ids.index(s)] for s in self._visible]

    def _arrange(self) -> None:
        """Put the shown rows in the layout in funnel order; the last one has the months."""
        ci = self.view.ci
        for row in self._shown:
            ci.removeItem(row.label)
            ci.removeItem(row.plot)
        self._shown = self._wanted_rows()
        for r, row in enumerate(self._shown, start=1):
            ci.addItem(row.label, r, 0)
            ci.addItem(row.plot, r, 1)
            ci.layout.setRowStretchFactor(r, 3)
            row.plot.showAxis("bottom", r == len(self._shown))
            row.dirty = True
        self.plot.showAxis("bottom", not self._shown)
        self._update_rows()
        self._style_axes()

    # -- refresh --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._follow_stages()
        result = self.document.result
        n = len(result.months)
        x = np.arange(n, dtype=float)
        target = np.asarray(result.target_monthly, dtype=float)
        pipeline = np.minimum(np.asarray(result.pipeline_monthly, dtype=float), target)
        self._target.setOpts(x=x, height=target, brush=TARGET_COLOR)
        self._pipeline.setOpts(x=x, height=pipeline, brush=PRE_PLAN_COLOR)
        x_range = (pre_slot(n)[2], n - 0.4)
        other = self.compare.compared()
        self._compare_target.setVisible(other is not None)
        if other is not None:
            x0 = month_offset(result.months[0], other[1].months[0])
            theirs = np.asarray(other[1].target_monthly, dtype=float)
            self._compare_target.setData(x0 + np.arange(theirs.size, dtype=float), theirs,
                                         pen=pg.mkPen(self.theme.foreground, width=2.5,
                                                      style=Qt.PenStyle.DashLine))
            target = np.concatenate([target, theirs])  # for the y range only
        y_top = nice_ceiling(float(target.max(initial=0.0)) * 1.05)
        if (x_range, y_top) != self._ranges:
            self._ranges = (x_range, y_top)
            self.plot.setRange(xRange=x_range, yRange=(0.0, y_top), padding=0)
        currency = self.document.plan.currency
        self._target_label.show_text("Revenue target", f"per month, {currency}", TARGET_COLOR,
                                     self.theme)
        for row in self._rows:
            row.dirty = True
        if self._shown != self._wanted_rows():
            self._arrange()
        else:
            self._update_rows()
        self._update_ticks()
        names, colors, marks = self.compare.legend(self.theme.foreground)
        self.set_legend(["Revenue target", "from existing pipeline", "needed before the start",
                         *names], [TARGET_COLOR, PRE_PLAN_COLOR, PRE_PLAN_COLOR, *colors],
                        ["■", "■", "▨", *marks])

    def _update_ticks(self) -> None:
        """Month labels as dense as the width allows: never two touching."""
        if self._document is None:
            return
        months = self.document.result.months
        centre, _, left = pre_slot(len(months))
        label = QFontMetrics(font(self.theme)).horizontalAdvance("Sep 27") * 1.3
        month_px = self.plot.getViewBox().width() / max(1.0, len(months) - 0.4 - left)
        ticks = [(centre, "before"), *month_ticks(months, label / month_px if month_px else 1)]
        if ticks != self._ticks:
            self._ticks = ticks
            for plot in (self.plot, *(r.plot for r in self._rows)):
                plot.getAxis("bottom").setTicks([ticks, []])

    def _update_rows(self) -> None:
        plan, result = self.document.plan, self.document.result
        other = self.compare.compared()
        theirs = {} if other is None else {s.id: s.monthly for s in other[1].stages}
        x0 = 0 if other is None else month_offset(result.months[0], other[1].months[0])
        for stage_id, row in zip(self._visible, self._shown, strict=True):
            if row.dirty or row.stage_id != stage_id:
                i = plan.stage_index(stage_id)
                stage, sr = plan.stages[i], result.stages[i]
                row.update(stage_id, title=stage.name, color=team_color(stage.owner).name(),
                           monthly=sr.monthly, pre_plan=sr.pre_plan, theme=self.theme,
                           compare=None if other is None else theirs.get(stage_id, ()),
                           compare_x0=x0)

    # -- look and hover -------------------------------------------------------------------

    def _restyle(self) -> None:
        super()._restyle()
        for row in self._rows:
            row.restyle(self.theme)
        self._target_cursor.setPen(pg.mkPen(self.theme.foreground, width=1))
        self.picker.setFont(font(self.theme, 1.0))
        self._style_axes()
        self._ticks = []
        self._update_ticks()

    def _style_axes(self) -> None:
        """Same widths in every row, so the months line up; names as wide as the longest."""
        theme = self.theme
        axis_width = QFontMetrics(font(theme)).horizontalAdvance("8888k") + 14
        names = ["Revenue target"]
        if self._document is not None:
            names += [self.document.plan.stages[self._ids.index(s)].name for s in self._visible]
        title = QFontMetrics(font(theme, 1.15, bold=True))
        label_width = max(title.horizontalAdvance(n) for n in names) + 20
        self._target_label.setFixedWidth(label_width)
        for row in self._rows:
            row.label.setFixedWidth(label_width)
        for plot in (self.plot, *(r.plot for r in self._rows)):
            plot.getAxis("left").setWidth(axis_width)
            plot.getAxis("left").setTextPen(pg.mkPen(muted(theme)))

    def key_count(self) -> int:
        return len(self.document.result.months)

    def key_text(self, index: int) -> str:
        n = len(self.document.result.months)
        for cursor in (self._target_cursor, *(r.cursor for r in self._shown)):
            cursor.setVisible(True)
            cursor.setValue(index if index < n else pre_slot(n)[0])
        return self.hover_text(index)

    def _hover(self, pos: QPointF) -> None:
        month = None
        for plot in (self.plot, *(r.plot for r in self._shown)):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(pos):
                x = vb.mapSceneToView(pos).x()
                month = -1 if x < START_X else round(x)
        n = len(self.document.result.months)
        inside = month is not None and month < n
        for cursor in (self._target_cursor, *(r.cursor for r in self._shown)):
            cursor.setVisible(inside)
            if inside:
                cursor.setValue(pre_slot(n)[0] if month == -1 else month)
        if inside and month is not None:
            QToolTip.showText(QCursor.pos(), self.hover_text(month), self.view)
        else:
            QToolTip.hideText()
