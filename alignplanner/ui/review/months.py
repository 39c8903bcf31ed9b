"""Month by month: one figure's planned, actual and variance in each month begun by the
as-of date, with the cumulative variance: the numbers under one line of the chart.

Two choosers pick the figure: revenue or a stage, and (for a stage of a plan with
sources) every source or one. The rows are the review's own `MonthVariance` values; the
section computes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from alignplanner.domain.review.variance import MonthVariance
from alignplanner.domain.review.weekly import WeeklyReview
from alignplanner.domain.wording import signed_share
from alignplanner.ui import wording
from alignplanner.ui.review.tables import Cell, ReviewTable
from alignplanner.ui.wording.review import (
    MONTHS_FIGURE,
    MONTHS_FIGURE_TIP,
    MONTHS_HEAD,
    MONTHS_REVENUE,
    MONTHS_SOURCE,
    MONTHS_SOURCE_TIP,
    MONTHS_TIPS,
)

REVENUE = ""  # the figure chooser's data for revenue; a stage's is its id
ALL = ""  # the source chooser's data for every source


class MonthTable(QWidget):
    """The choosers and the table of one review's months."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review: WeeklyReview | None = None
        self.figure = QComboBox(self)
        self.figure.setAccessibleName(MONTHS_FIGURE)
        self.figure.setToolTip(MONTHS_FIGURE_TIP)
        self.source = QComboBox(self)
        self.source.setAccessibleName(MONTHS_SOURCE)
        self.source.setToolTip(MONTHS_SOURCE_TIP)
        self.table = ReviewTable(MONTHS_HEAD, MONTHS_TIPS,
                                 name=wording.SECTIONS["months"])
        pick = QHBoxLayout()
        pick.addWidget(QLabel(MONTHS_FIGURE, self))
        pick.addWidget(self.figure)
        pick.addSpacing(12)
        pick.addWidget(QLabel(MONTHS_SOURCE, self))
        pick.addWidget(self.source)
        pick.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pick)
        layout.addWidget(self.table, 0, Qt.AlignmentFlag.AlignLeft)
        self.figure.currentIndexChanged.connect(lambda _i: self._figure_changed())
        self.source.currentIndexChanged.connect(lambda _i: self._fill())

    def show_review(self, review: WeeklyReview) -> None:
        """Fill the choosers from ``review`` (keeping the picks it still has) and the table."""
        self.review = review
        figure, source = self.figure.currentData(), self.source.currentData()
        self.figure.blockSignals(True)
        self.figure.clear()
        self.figure.addItem(MONTHS_REVENUE, REVENUE)
        for v in review.stages:
            self.figure.addItem(review.stage_names.get(v.stage, v.stage), v.stage)
        self.figure.setCurrentIndex(max(0, self.figure.findData(figure)))
        self.figure.blockSignals(False)
        self._sources(source)
        self._fill()

    def _figure_changed(self) -> None:
        self._sources(self.source.currentData())
        self._fill()

    def _sources(self, keep: object) -> None:
        """The sources of the chosen stage (none for revenue, which is not split)."""
        review = self.review
        stage = self.figure.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem(wording.ALL_SOURCES, ALL)
        if review is not None and stage != REVENUE:
            for source, stages in review.by_source.items():
                if any(v.stage == stage for v in stages):
                    self.source.addItem(review.source_names.get(source, source), source)
        self.source.setCurrentIndex(max(0, self.source.findData(keep)))
        self.source.setEnabled(self.source.count() > 1)
        self.source.blockSignals(False)

    def months(self) -> Sequence[MonthVariance]:
        """The months of the chosen figure and source."""
        review = self.review
        if review is None:
            return ()
        stage, source = self.figure.currentData(), self.source.currentData()
        if stage == REVENUE:
            return review.revenue
        pool = review.by_source.get(source, ()) if source != ALL else review.stages
        return next((v.months for v in pool if v.stage == stage), ())

    def _fill(self) -> None:
        money = self.figure.currentData() == REVENUE
        number = "{:,.0f}" if money else "{:,.1f}"
        rows: list[list[Cell]] = []
        red: list[list[bool]] = []
        for m in self.months():
            rows.append([wording.short_month(m.month),
                         (number.format(m.planned), f"exact {m.planned:,.2f}"),
                         f"{m.actual:,.0f}", f"{m.variance:+,.0f}", signed_share(m.percent),
                         f"{m.cumulative:+,.0f}"])
            red.append([False, False, m.variance < 0, m.variance < 0, m.variance < 0,
                        m.cumulative < 0])
        self.table.fill(rows, red)


__all__ = ["MonthTable"]
