"""The figures of the Uncertainty tab: P(revenue >= target) for the horizon, large enough
to read on a projector, the horizon's P10/P50/P90 beside it, and each month's P(hit)
small (`month_strip`, which the view places below the fan). Every number's tooltip says
what it means."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from alignplanner.ui.charts.style import font, muted
from alignplanner.ui.flow_layout import FlowLayout
from alignplanner.ui.theme import Theme, theme_for
from alignplanner.ui.uncertainty.worker import Findings
from alignplanner.ui.wording import money, percent, short_month
from alignplanner.ui.wording.uncertainty import (
    HIT_CAPTION,
    MONTHS_CAPTION,
    NO_DRAWS,
    hit_tip,
    month_hit_tip,
    percentile_tip,
)

BIG_SCALE = 3.2  # the P(hit) figure, times the theme's point size


class HitFigures(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme_for("system")
        self.hit = QLabel(NO_DRAWS)
        self.hit.setObjectName("pHit")
        self.caption = QLabel(HIT_CAPTION)
        self.percentiles = {p: QLabel(NO_DRAWS) for p in (10, 50, 90)}
        self.month_labels: list[QLabel] = []
        big = QWidget()
        column = QVBoxLayout(big)
        column.setContentsMargins(0, 0, 18, 0)
        column.setSpacing(0)
        column.addWidget(self.hit)
        column.addWidget(self.caption)
        spread = QWidget()
        column = QVBoxLayout(spread)
        column.setContentsMargins(0, 0, 18, 0)
        for label in self.percentiles.values():
            column.addWidget(label)
        figures = FlowLayout(spacing=10)
        figures.setContentsMargins(12, 6, 12, 6)
        self.setLayout(figures)
        figures.addWidget(big)
        figures.addWidget(spread)
        # the months wrap onto more lines where the pane is narrow (a 1280-pixel projector)
        self.month_strip = QWidget()
        self.month_caption = QLabel(MONTHS_CAPTION)
        self.flow = FlowLayout(spacing=10)
        self.flow.setContentsMargins(12, 4, 12, 4)
        self.month_strip.setLayout(self.flow)
        self.flow.addWidget(self.month_caption)
        self.apply_theme(self._theme)

    def show_findings(self, findings: Findings) -> None:
        sim, plan = findings.simulation, findings.plan
        currency = plan.currency
        self.hit.setText(percent(round(sim.p_hit, 3)))
        tip = hit_tip(sim.p_hit, sim.target, sim.draws, sim.seed, currency)
        self.hit.setToolTip(tip)
        self.caption.setToolTip(tip)
        for p, value in sim.percentiles().items():
            label = self.percentiles[p]
            label.setText(f"P{p}  {money(value, currency)}")
            label.setToolTip(percentile_tip(p, value, currency, sim.target))
        months = findings.result.months
        self._month_cells(len(months))
        for k, (month, p_hit) in enumerate(zip(months, sim.p_hit_monthly, strict=True)):
            label = self.month_labels[k]
            label.setText(f"{short_month(month)}\n{percent(round(p_hit, 2))}")
            label.setToolTip(month_hit_tip(month, p_hit, sim.target_monthly[k], currency))

    def _month_cells(self, n: int) -> None:
        while len(self.month_labels) < n:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFont(font(self._theme))
            self.flow.addWidget(label)
            self.month_labels.append(label)
        for k, label in enumerate(self.month_labels):
            label.setVisible(k < n)

    def month_texts(self) -> list[str]:
        return [label.text() for label in self.month_labels if not label.isHidden()]

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.hit.setFont(font(theme, BIG_SCALE, bold=True))
        for label in self.percentiles.values():
            label.setFont(font(theme, 1.2, bold=True))
        self.caption.setFont(font(theme, 0.95))
        self.month_caption.setFont(font(theme, 0.95))
        self.month_caption.setStyleSheet(f"color: {muted(theme)}")
        self.caption.setStyleSheet(f"color: {muted(theme)}")
        for label in self.month_labels:
            label.setFont(font(theme))
