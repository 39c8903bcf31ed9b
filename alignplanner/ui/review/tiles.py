"""The Review tab's headline figures, plan against actual: one tile each, the actual
large, what it is above it, the plan and the variance under it (in the warning colour
when behind), what the figure means on hover."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from alignplanner.domain import wording as said
from alignplanner.domain.review.weekly import Kpi, WeeklyReview
from alignplanner.ui import wording
from alignplanner.ui.charts.style import font
from alignplanner.ui.editors.common import scaled_font
from alignplanner.ui.theme import TARGET_COLOR, WARNING_COLOR, Theme


def _value(k: Kpi, x: float, currency: str) -> str:
    if k.unit == "money":
        return wording.money(x, currency)
    if k.unit == "ratio":
        return f"{x:.2f}x"
    return f"{x:,.0f}"


def _change(k: Kpi) -> str:
    if k.unit == "ratio":
        return f"{k.variance:+.2f}x"
    return said.signed_share(k.percent)


class Tile(QFrame):
    """One headline figure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiFigure")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(self)
        self.value = QLabel(self)
        self.plan = QLabel(self)
        self.last = QLabel(self)  # where it stood at last week's snapshot
        self.last.setObjectName("kpiLastWeek")
        self.caption.setFont(scaled_font(self.font(), 1.05))
        self.value.setFont(scaled_font(self.font(), 2.0, bold=True))
        self.plan.setFont(scaled_font(self.font(), 1.05))
        self.last.setFont(scaled_font(self.font(), 0.95))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(1)
        for label in (self.caption, self.value, self.plan, self.last):
            layout.addWidget(label)

    def apply_theme(self, theme: Theme) -> None:
        self.caption.setFont(font(theme, 1.0))
        self.value.setFont(font(theme, 1.7, bold=True))
        self.plan.setFont(font(theme, 1.0))
        self.last.setFont(font(theme, 0.9))

    def show_kpi(self, k: Kpi, review: WeeklyReview) -> None:
        stage = review.stage_names.get(k.key.partition(":")[2], "")
        self.caption.setText(said.review_kpi_label(k.key, stage))
        self.value.setText(_value(k, k.actual, review.currency))
        planned = _value(k, k.planned, review.currency)
        self.plan.setText(wording.kpi_caption(
            f"needs {planned}" if k.unit == "ratio" else f"plan {planned}", _change(k)))
        color = WARNING_COLOR if k.variance < 0 else TARGET_COLOR
        self.plan.setStyleSheet(f"color: {color}")
        then, last = k.last_week, review.last_week
        self.last.setVisible(then is not None and last is not None)
        if then is not None and last is not None:
            self.last.setText(wording.kpi_last_week(said.signed_share(then.percent), last.as_of))
            self.last.setToolTip(wording.last_week_heads(last.as_of)[1][1])
        self.setToolTip(said.review_kpi_tip(k.key, stage, review.landing.rates))
        self.setAccessibleName(", ".join(
            [f"{self.caption.text()}: {self.value.text()}", self.plan.text(),
             *([self.last.text()] if self.last.isVisibleTo(self) else [])]))


__all__ = ["Tile"]
