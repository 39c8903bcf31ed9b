"""Capacity against need, month by month, for one role (the chart tab "Capacity").

Bars: what the plan needs the role to handle each month (entries into the stage it works,
or money to book for a quota role), in the colour of the team that owns that stage. The
green line with dots: what the planned team can handle (ramped reps times a rep's monthly
throughput, after attrition and hires). Red hatched blocks from the line up to the bar:
the gap in a short month. A dashed red line: the month a new hire must start to be
ramped in time for the first short month (at the left edge, labelled "before the plan",
when that month lies before the plan starts). The role is picked in the header.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFontMetrics
from PySide6.QtWidgets import QComboBox, QToolTip, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.team.capacity import CapacityResult
from alignplanner.domain.wording import plural, role_label
from alignplanner.ui.charts.axes import CountAxis, compact, nice_ceiling
from alignplanner.ui.charts.chart_frame import ChartFrame
from alignplanner.ui.charts.labels import ChartLabel, TextPool, place
from alignplanner.ui.charts.style import font, muted, readable, tinted
from alignplanner.ui.theme import TARGET_COLOR, WARNING_COLOR, team_color
from alignplanner.ui.wording import month_label, month_ticks, short_month

BAR_WIDTH = 0.62
NO_ROLES = "No roles yet: add the teams that work the funnel in the Team tab."


class CapacityChart(ChartFrame):
    """Needed against available capacity per month for the chosen role."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document,
            "Capacity against what the plan needs", parent, axis_items={"left": CountAxis("left")}
        )
        self.role_picker = QComboBox(self)
        self.role_picker.setAccessibleName("Role shown")
        self.role_picker.setToolTip("The role whose capacity the chart shows")
        self.role_picker.activated.connect(lambda _i: self.refresh())
        self.header.insertWidget(1, self.role_picker)
        self._required = pg.BarGraphItem(
            x=[0.0], height=[0.0], width=BAR_WIDTH, pen=pg.mkPen(None), brush="#888888"
        )
        self._gap = pg.BarGraphItem(
            x=[0.0], y0=[0.0], height=[0.0], width=BAR_WIDTH, pen=pg.mkPen(WARNING_COLOR, width=2)
        )
        self._capacity = pg.PlotDataItem([0.0], [0.0], symbol="o")
        self._hire = pg.InfiniteLine(angle=90, movable=False)
        self._hire_label = ChartLabel(anchor=(0.0, 0.0))
        self._message = ChartLabel(anchor=(0.5, 0.5))
        self._gap_labels = TextPool(self.plot, anchor=(0.5, 1.0))
        for item in (self._required, self._gap, self._capacity, self._hire):
            self.plot.addItem(item)
        for item in (self._hire_label, self._message):
            self.plot.addItem(item, ignoreBounds=True)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self._months: list[str] = []
        self._ticks: list[tuple[float, str]] = []
        self._range: tuple[float, int] = (0.0, 0)
        self._cap: CapacityResult | None = None
        self.view.scene().sigMouseMoved.connect(self._hover)
        self.plot.getViewBox().sigResized.connect(self._resized)
        self._restyle()
        self._bind()

    # -- accessors (tests and export) ---------------------------------------------------

    def role_id(self) -> str | None:
        return self._cap.role if self._cap is not None else None

    def required_values(self) -> list[float]:
        return [float(v) for v in self._required.opts["height"]]

    def capacity_values(self) -> list[float]:
        _x, y = self._capacity.getData()
        return [] if y is None else [float(v) for v in y]

    def gap_values(self) -> list[float]:
        """Per month, how much capacity is short (0 where there is enough)."""
        return [float(v) for v in self._gap.opts["height"]]

    def hire_marker(self) -> tuple[float, str] | None:
        """Where the hire line stands and what its label says; None when nobody is short."""
        if not self._hire.isVisible():
            return None
        return float(self._hire.value()), self._hire_label.toPlainText()

    def select_role(self, role_id: str) -> None:
        at = self.role_picker.findData(role_id)
        if at >= 0:
            self.role_picker.setCurrentIndex(at)
            self.refresh()

    # -- refresh --------------------------------------------------------------------------

    def refresh(self) -> None:
        plan, result = self.document.plan, self.document.result
        roles = [(role_label(r), r.id) for r in plan.roles]
        current = self.role_picker.currentData()
        if [
            (self.role_picker.itemText(i), self.role_picker.itemData(i))
            for i in range(self.role_picker.count())
        ] != roles:
            self.role_picker.clear()
            for label, role_id in roles:
                self.role_picker.addItem(label, role_id)
        self.role_picker.setVisible(bool(roles))
        at = self.role_picker.findData(current)
        if at < 0 and roles:
            at = 0
        self.role_picker.setCurrentIndex(at)
        if at < 0 or not result.capacity:
            self._show_empty()
            return
        role = plan.roles[at]
        cap = result.role(role.id)
        self._cap = cap
        n = len(cap.required)
        x = np.arange(n, dtype=float)
        required = np.array(cap.required, dtype=float)
        capacity = np.array(cap.capacity, dtype=float)
        short = np.maximum(required - capacity, 0.0)
        owner = plan.stages[plan.stage_index(role.works)].owner
        self._required.setOpts(
            x=x, height=required, width=BAR_WIDTH, brush=tinted(team_color(owner), 200)
        )
        red = pg.mkPen(readable(WARNING_COLOR, self.theme), width=2)
        self._gap.setOpts(
            x=x,
            y0=np.minimum(capacity, required),
            height=short,
            width=BAR_WIDTH,
            pens=[red if s > 0 else pg.mkPen(None) for s in short],
        )
        self._capacity.setData(x, capacity)
        self._label_gaps(required, short, role.is_quota_role)
        for item in (self._required, self._gap, self._capacity):
            item.setVisible(True)
        self._message.setVisible(False)
        self._set_months([short_month(d) for d in result.months])
        top = nice_ceiling(float(max(required.max(initial=0.0), capacity.max(initial=0.0))) * 1.15)
        if (top, n) != self._range:
            self._range = (top, n)
            self.plot.setRange(xRange=(-0.6, n - 0.4), yRange=(0.0, top), padding=0)
        self._mark_hire(cap, top)
        units = (
            f"{plan.currency} to book"
            if role.is_quota_role
            else plural(plan.stages[plan.stage_index(role.works)].name)
        )
        self.set_title(f"{role_label(role)}: capacity and need, {units} per month")
        self.set_legend(
            ["Needed", "Capacity", "Short", "Hire by"],
            [
                team_color(owner).name(),
                readable(TARGET_COLOR, self.theme),
                readable(WARNING_COLOR, self.theme),
                readable(WARNING_COLOR, self.theme),
            ],
            ["■", "●", "▨", "┆"],
        )

    def _label_gaps(self, required: np.ndarray, short: np.ndarray, money: bool) -> None:
        """The shortfall in numbers above each short month's bar ("-183")."""
        months = [m for m in range(len(short)) if short[m] > 0]
        for item, m in zip(self._gap_labels.take(len(months)), months, strict=True):
            gap = float(short[m])
            amount = compact(gap) if money else f"{gap:,.1f}" if gap < 10 else f"{gap:,.0f}"
            place(item, f"\u2212{amount}", float(m), float(required[m]))

    def gap_label_texts(self) -> list[str]:
        return [t.toPlainText() for t in self._gap_labels.items if t.isVisible()]

    def _mark_hire(self, cap: CapacityResult, top: float) -> None:
        short = cap.short_months
        if not short:
            self._hire.setVisible(False)
            self._hire_label.setVisible(False)
            return
        first = min(short)
        hire = cap.hire_by[first]
        assert hire is not None
        when = month_label(self.document.plan.month_start(hire))
        if hire < 0:
            x, text = -0.5, f"Hires had to start by {when} (before the plan)"
        else:
            x, text = float(hire) - 0.5, f"Hires must start by {when}"
        self._hire.setValue(x)
        self._hire.setVisible(True)
        if self._hire_label.toPlainText() != text:
            self._hire_label.setText(text)
        self._hire_label.setPos(x + 0.08, top)
        self._hire_label.setVisible(True)

    def _show_empty(self) -> None:
        self._cap = None
        for item in (self._required, self._gap, self._capacity, self._hire, self._hire_label):
            item.setVisible(False)
        self._gap_labels.take(0)
        self._required.setOpts(x=[0.0], height=[0.0])
        self._gap.setOpts(x=[0.0], y0=[0.0], height=[0.0])
        self._capacity.setData([0.0], [0.0])
        self._message.setText(NO_ROLES)
        self._message.setPos(0.5, 0.5)
        self._message.setVisible(True)
        self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self._range = (0.0, 0)
        self.set_title("Capacity against what the plan needs")
        self.set_legend([], [])

    def _set_months(self, months: list[str] | None = None) -> None:
        """Month labels as dense as the width allows: never two touching."""
        if months is not None:
            self._months = months
        label = QFontMetrics(font(self.theme)).horizontalAdvance("Sep 27") * 1.15
        month_px = self.plot.getViewBox().width() / max(1, len(self._months))
        ticks = month_ticks(self.document.result.months, label / month_px if month_px else 1)
        if ticks != self._ticks:
            self._ticks = ticks
            self.plot.getAxis("bottom").setTicks([ticks, []])

    def _resized(self) -> None:
        if self._document is not None and self._months:
            self._set_months()

    # -- look and hover -------------------------------------------------------------------

    def _restyle(self) -> None:
        theme = self.theme
        super()._restyle()
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        green = readable(TARGET_COLOR, theme)
        red = readable(WARNING_COLOR, theme)
        self._capacity.setPen(pg.mkPen(green, width=4))
        self._capacity.setSymbolBrush(green)
        self._capacity.setSymbolPen(pg.mkPen(theme.background, width=1.5))
        self._capacity.setSymbolSize(11)
        hatch = QBrush(QColor(red), Qt.BrushStyle.BDiagPattern)
        self._gap.setOpts(brush=hatch)
        self._hire.setPen(pg.mkPen(red, width=3, style=Qt.PenStyle.DashLine))
        self._hire_label.setFont(font(theme, 1.1, bold=True))
        self._gap_labels.set_style(font(theme, 1.0, bold=True), red)
        self._hire_label.setColor(red)
        self._message.setFont(font(theme, 1.2))
        self._message.setColor(muted(theme))
        self.role_picker.setFont(font(theme, 1.1))
        self._ticks = []  # the labels' width changes with the font
        self._resized()

    def tooltip_text(self, month: int) -> str:
        cap, plan = self._cap, self.document.plan
        assert cap is not None
        role = plan.role(cap.role)
        money = role.is_quota_role

        def amount(v: float) -> str:
            return f"{v:,.0f} {plan.currency}" if money else f"{v:,.1f}"

        lines = [
            f"{month_label(plan.month_start(month))} · {role_label(role)}",
            f"Needed: {amount(cap.required[month])}",
            f"Capacity: {amount(cap.capacity[month])}",
            f"Ramped reps: {cap.effective_reps[month]:,.2f} of {cap.headcount[month]:,.2f} "
            "on the team",
            f"Ramped reps needed: {cap.reps_needed[month]:,.2f}",
            f"{'Short' if cap.gap[month] < 0 else 'Spare'}: {amount(abs(cap.gap[month]))}",
        ]
        hire = cap.hire_by[month]
        if hire is not None:
            lines.append(f"A hire must start by {month_label(plan.month_start(hire))}")
        return "\n".join(lines)

    def key_count(self) -> int:
        return 0 if self._cap is None else len(self._cap.required)

    def key_text(self, index: int) -> str:
        return self.tooltip_text(index)

    def _hover(self, pos: QPointF) -> None:
        vb = self.plot.getViewBox()
        if self._cap is not None and vb.sceneBoundingRect().contains(pos):
            k = round(vb.mapSceneToView(pos).x())
            if 0 <= k < len(self._cap.required):
                QToolTip.showText(QCursor.pos(), self.tooltip_text(k), self.view)
                return
        QToolTip.hideText()
