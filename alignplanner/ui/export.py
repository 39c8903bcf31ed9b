"""Pictures of the plan for people who were not in the room: a PNG of any chart and a
PDF summary: one page of the plan, and a second of the weekly review when there are actuals.

Both are made in memory (a QBuffer) and written with `atomic_write_bytes`, which writes a
temporary file beside the target and renames it over the target: a crash leaves the old
file or the new one, never half a PDF, and no temporary file.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSize, Qt
from PySide6.QtGui import QImage, QImageWriter, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget

from alignplanner.contract.atomic import atomic_write_bytes
from alignplanner.document.document import PlanDocument
from alignplanner.domain.review.report import report
from alignplanner.domain.uncertainty.montecarlo import Simulation, simulate
from alignplanner.ui.charts.chart_frame import drawn_afresh
from alignplanner.ui.charts.review_page import ReviewPage
from alignplanner.ui.charts.summary_page import SummaryPage
from alignplanner.ui.charts.waterfall import WaterfallChart
from alignplanner.ui.theme import theme_for
from alignplanner.ui.wording.review_page import PDF_TITLE

if TYPE_CHECKING:
    from alignplanner.domain.review.weekly import WeeklyReview

__all__ = ["export_pdf_summary", "export_png", "pdf_summary_bytes", "png_bytes"]

MIN_PIXEL_RATIO = 2.0  # sharp on a projector and when zoomed into a slide
PDF_DPI = 300
CHART_SIZE = QSize(1000, 830)  # the waterfall's size on the page, in widget pixels


def png_bytes(widget: QWidget, pixel_ratio: float | None = None) -> bytes:
    """The widget as it looks now, as PNG, at a device pixel ratio of at least 2."""
    ratio = max(MIN_PIXEL_RATIO, pixel_ratio or widget.devicePixelRatioF())
    size = widget.size()
    image = QImage(round(size.width() * ratio), round(size.height() * ratio),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(widget.palette().window().color())
    with drawn_afresh(widget):
        widget.render(image)
    return _encoded(image)


def export_png(widget: QWidget, path: str | os.PathLike[str]) -> None:
    atomic_write_bytes(path, png_bytes(widget))


def waterfall_image(document: PlanDocument) -> QImage:
    """The waterfall drawn for paper: light theme, large type (the page shrinks it)."""
    chart = WaterfallChart(document)
    try:
        chart.apply_theme(theme_for("light", presentation=True))
        chart.resize(CHART_SIZE)
        image = QImage(CHART_SIZE * 3, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(3)
        image.fill(Qt.GlobalColor.white)
        with drawn_afresh(chart):
            chart.render(image)
    finally:
        chart.detach()
        chart.deleteLater()
    return image


def pdf_summary_bytes(document: PlanDocument, generated: datetime | None = None,
                      review: WeeklyReview | None = None) -> bytes:
    """The A4 landscape summary as PDF bytes: the plan's page, then, given the weekly
    ``review`` (the window's, when actuals are imported), the review's page."""
    generated = generated or datetime.now()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(PDF_TITLE.format(plan=document.plan.name) if review is not None
                    else f"{document.plan.name}: plan summary")
    writer.setCreator("AlignPlanner")
    painter = QPainter(writer)
    try:
        page = SummaryPage(painter, writer.width(), writer.height(), PDF_DPI)
        page.draw(document, waterfall_image(document), generated, simulation(document))
        if review is not None:
            writer.newPage()
            ReviewPage(painter, writer.width(), writer.height(), PDF_DPI).draw(
                report(review), generated, document.display_name)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def simulation(document: PlanDocument) -> Simulation:
    """The plan's Monte Carlo with the plan file's seed and draws: the same file gives the
    same numbers as the Uncertainty tab and `alignplanner simulate`."""
    return simulate(document.plan, document.uncertainty, result=document.result)


def export_pdf_summary(document: PlanDocument, path: str | os.PathLike[str],
                       review: WeeklyReview | None = None) -> None:
    atomic_write_bytes(path, pdf_summary_bytes(document, review=review))


def _encoded(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise OSError(f"could not encode the picture as PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())
