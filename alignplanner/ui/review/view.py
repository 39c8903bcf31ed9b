"""The Review tab: the weekly business review of the plan against the last import.

Top: as of when, the landing's rates (the plan's or the estimated), Refresh actuals and
its progress bar. Then the headline figures plan against actual, where the gap is, the
cumulative variance chart, the variance table (beside last week's snapshot, when the plan
keeps one), one figure month by month (`months`), each stage week by week, the landing
and coverage side by side, conversion at equal age, the stale records and SLA
compliance. Without actuals, one clear sentence says how to get them. The figures are the
feature's `WeeklyReview`; the view computes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alignplanner.domain.review.weekly import WeeklyReview
from alignplanner.ui import wording
from alignplanner.ui.charts.style import font
from alignplanner.ui.editors.common import scaled_font
from alignplanner.ui.flow_layout import FlowLayout
from alignplanner.ui.review.chart import CumulativeChart
from alignplanner.ui.review.months import MonthTable
from alignplanner.ui.review.sections import (
    fill_conversion,
    fill_coverage,
    fill_landing,
    fill_sla,
    fill_stale,
    fill_trend,
    fill_variance,
)
from alignplanner.ui.review.tables import ReviewTable
from alignplanner.ui.review.tiles import Tile
from alignplanner.ui.theme import Theme


def _caption(key: str, parent: QWidget) -> QLabel:
    label = QLabel(wording.SECTIONS[key], parent)
    label.setObjectName("reviewCaption")
    label.setFont(scaled_font(label.font(), 1.15, bold=True))
    return label


class ReviewView(QWidget):
    """The review shown; `show_review` puts a new one in place, `show_message` the empty
    state or what went wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review: WeeklyReview | None = None
        self.heading = QLabel(wording.NO_REVIEW, self)
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.font(), 1.35, bold=True))
        self.rates = QComboBox(self)
        for key, label in wording.RATES_LABELS.items():
            self.rates.addItem(label, key)
        self.rates.setToolTip(wording.RATES_TIP)
        self.rates.setAccessibleName("Landing rates")
        self.refresh_button = QPushButton(wording.REFRESH_ACTUALS.replace("&", ""), self)
        self.refresh_button.setToolTip(f"{wording.REFRESH_ACTUALS_TIP} (Ctrl+R)")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.content = QWidget(self)
        self._build_content()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.rates)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.content, 1)
        self.content.setVisible(False)

    def _build_content(self) -> None:
        self.tiles = [Tile(self.content) for _ in range(5)]
        self.sentences = QLabel(self.content)
        self.sentences.setWordWrap(True)
        self.sentences.setFont(scaled_font(self.font(), 1.2))
        self.chart = CumulativeChart(self.content)
        self.table = ReviewTable(wording.TABLE_HEAD, wording.TABLE_TIPS, left=1,
                                 name=wording.SECTIONS["table"])
        self.landing = ReviewTable(("", ""), left=1, name=wording.SECTIONS["landing"])
        self.coverage = ReviewTable(wording.COVERAGE_HEAD, wording.COVERAGE_TIPS,
                                    name=wording.SECTIONS["coverage"])
        self.stale = ReviewTable(wording.STALE_HEAD, (wording.STALE_TIP,) * 5,
                                 name=wording.SECTIONS["stale"])
        self.stale_none = QLabel(wording.NO_STALE, self.content)
        self.sla = ReviewTable(wording.SLA_HEAD, name=wording.SECTIONS["sla"])
        self.sla_none = QLabel(wording.SLA_NONE, self.content)
        self.sla_none.setWordWrap(True)
        self.months = MonthTable(self.content)
        self.trend = ReviewTable(("",), left=1, name=wording.SECTIONS["trend"])
        self.trend_none = QLabel(wording.NO_LAST_WEEK, self.content)
        self.trend_none.setWordWrap(True)
        self.conversion = ReviewTable(wording.CONVERSION_HEAD, (wording.CONVERSION_TIP,) * 5,
                                      left=1, name=wording.SECTIONS["conversion"])
        self._lay_out_content()

    def _lay_out_content(self) -> None:
        strip = FlowLayout(spacing=8)
        for tile in self.tiles:
            strip.addWidget(tile)
        left = Qt.AlignmentFlag.AlignLeft  # the tables are as wide as their columns
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(strip)
        body.addWidget(_caption("gap", self.content))
        body.addWidget(self.sentences)
        body.addWidget(self.chart, 1)
        body.addWidget(_caption("table", self.content))
        body.addWidget(self.table, 0, left)
        body.addWidget(_caption("months", self.content))
        body.addWidget(self.months)
        body.addWidget(_caption("trend", self.content))
        body.addWidget(self.trend, 0, left)
        body.addWidget(self.trend_none)
        pair = QGridLayout()
        pair.setHorizontalSpacing(16)
        top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        pair.addWidget(_caption("landing", self.content), 0, 0, top)
        pair.addWidget(self.landing, 1, 0, top)
        pair.addWidget(_caption("coverage", self.content), 0, 1, top)
        pair.addWidget(self.coverage, 1, 1, top)
        pair.setColumnStretch(0, 1)
        pair.setColumnStretch(1, 1)
        body.addLayout(pair)
        body.addWidget(_caption("conversion", self.content))
        body.addWidget(self.conversion, 0, left)
        for key, table, none in (("stale", self.stale, self.stale_none),
                                 ("sla", self.sla, self.sla_none)):
            body.addWidget(_caption(key, self.content))
            body.addWidget(table, 0, left)
            body.addWidget(none)

    def apply_theme(self, theme: Theme) -> None:
        """The theme's colours on the chart, and its type sizes everywhere (presentation
        mode's larger type reaches the tiles, the sentences and the tables)."""
        self.chart.apply_theme(theme)
        self.heading.setFont(font(theme, 1.15, bold=True))
        self.sentences.setFont(font(theme, 1.15))
        for label in self.content.findChildren(QLabel, "reviewCaption"):
            label.setFont(font(theme, 1.15, bold=True))
        for tile in self.tiles:
            tile.apply_theme(theme)
        for table in self.content.findChildren(ReviewTable):
            table.apply_theme(theme)

    @property
    def chosen_rates(self) -> str:
        return str(self.rates.currentData())

    def show_progress(self, fraction: float | None, text: str = "") -> None:
        """The progress bar at ``fraction`` (0..1) with ``text``; None hides it."""
        self.progress.setVisible(fraction is not None)
        if fraction is not None:
            self.progress.setValue(round(fraction * 100))
            self.progress.setFormat(f"{text}  %p%" if text else "%p%")
        self.refresh_button.setEnabled(fraction is None)

    def show_message(self, text: str) -> None:
        """What to do, or what went wrong; the last review (if any) stays below it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_review(self, review: WeeklyReview) -> None:
        self.review = review
        self.heading.setText(wording.review_heading(review.plan, review.as_of, review.records))
        for tile, kpi in zip(self.tiles, review.kpis, strict=False):
            tile.show_kpi(kpi, review)
        for i, tile in enumerate(self.tiles):
            tile.setVisible(i < len(review.kpis))
        self.sentences.setText("\n".join(f"\u2022 {s}" for s in review.sentences)
                               or wording.SECTIONS["gap"])
        self.chart.show_review(review)
        fill_variance(self.table, review)
        self.months.show_review(review)
        fill_landing(self.landing, review)
        fill_coverage(self.coverage, review)
        fill_conversion(self.conversion, review)
        trend = fill_trend(self.trend, review)
        self.trend.setVisible(trend)
        self.trend_none.setVisible(not trend)
        stale = fill_stale(self.stale, review)
        self.stale.setVisible(stale)
        self.stale_none.setVisible(not stale)
        sla = fill_sla(self.sla, review)
        self.sla.setVisible(sla)
        self.sla_none.setVisible(not sla)
        self.content.setVisible(True)


__all__ = ["ReviewView"]
