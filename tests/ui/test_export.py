"""Exports: a sharp PNG of any chart and a one-page PDF summary, both written atomically."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from chart_plans import sample_document
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.stages import set_stage
from alignplanner.ui.charts.waterfall import WaterfallChart
from alignplanner.ui.export import export_pdf_summary, export_png, pdf_summary_bytes, png_bytes

pytestmark = pytest.mark.gui

PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    return sample_document()


def test_png_is_written_at_twice_the_pixels(qtbot: QtBot, document: PlanDocument,
                                            tmp_path: Path) -> None:
    chart = WaterfallChart(document)
    qtbot.addWidget(chart)
    chart.resize(800, 500)
    target = tmp_path / "waterfall.png"
    export_png(chart, target)
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(data, "PNG")
    assert (image.width(), image.height()) == (1600, 1000)
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left


def test_png_draws_cached_items_afresh_at_its_resolution(qtbot: QtBot,
                                                         document: PlanDocument) -> None:
    """Axes repaint from screen-sized pixmaps; a PNG at twice the pixels must
    not scale those up (blurred tick labels): it must be what the chart draws uncached."""
    chart = WaterfallChart(document)
    qtbot.addWidget(chart)
    chart.resize(800, 500)
    chart.show()
    qtbot.waitExposed(chart)
    chart.repaint()  # the pixmaps now exist, at the screen's resolution
    items = chart.view.items()
    cached = [i for i in items if i.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    assert cached, "the waterfall keeps its axes as pixmaps"
    exported = QImage.fromData(png_bytes(chart), "PNG")
    assert all(i.cacheMode() != QGraphicsItem.CacheMode.NoCache for i in cached)  # restored
    for item in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    reference = QImage.fromData(png_bytes(chart), "PNG")
    assert exported.size() == reference.size()
    assert exported == reference


def test_png_replaces_an_old_file(qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    chart = WaterfallChart(document)
    qtbot.addWidget(chart)
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")
    export_png(chart, target)
    assert target.read_bytes().startswith(b"\x89PNG")


def test_pdf_summary_is_one_page(document: PlanDocument, tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    export_pdf_summary(document, target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(PAGE.findall(data)) == 1
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("name", ["stress", "enterprise-outbound", "smb-high-volume"])
def test_every_sample_plan_fits_on_one_page(name: str, qapp: object) -> None:
    document = sample_document(name)
    document.edit("absurd", lambda p: set_stage(p, 1, conversion=0.001))  # more warnings
    assert len(PAGE.findall(pdf_summary_bytes(document, datetime(2027, 1, 4, 9, 30)))) == 1


def test_a_failed_pdf_write_leaves_nothing(document: PlanDocument, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        export_pdf_summary(document, tmp_path / "missing" / "summary.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_pdf_export_leaves_the_document_alone(document: PlanDocument) -> None:
    receivers = document.receivers("2resultChanged(PyObject)")
    pdf_summary_bytes(document)
    assert document.receivers("2resultChanged(PyObject)") == receivers
    assert not document.is_modified
