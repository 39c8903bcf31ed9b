"""Exports: a sharp PNG of any chart and a PDF summary, both written atomically: one page of
the plan, and a second of the weekly review when the window has actuals."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from chart_plans import sample_document
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem
from pytestqt.qtbot import QtBot
from review_plans import hand_worked
from scripted_prompts import ScriptedPrompts
from test_review_view import saved_plan_with_exports

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.stages import set_stage
from alignplanner.ui.charts.waterfall import WaterfallChart
from alignplanner.ui.export import export_pdf_summary, export_png, pdf_summary_bytes, png_bytes
from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

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


def test_a_review_adds_its_page_and_says_so_in_the_title(document: PlanDocument) -> None:
    with_review = pdf_summary_bytes(document, datetime(2027, 3, 1, 9, 30), hand_worked())
    assert len(PAGE.findall(with_review)) == 2
    assert "plan summary and weekly review".encode("utf-16-be") in with_review
    alone = pdf_summary_bytes(document, datetime(2027, 3, 1, 9, 30))
    assert len(PAGE.findall(alone)) == 1
    assert "plan summary".encode("utf-16-be") in alone
    assert "weekly review".encode("utf-16-be") not in alone


def test_the_window_exports_its_review_once_actuals_are_in(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts,
        tmp_path: Path) -> None:
    before, after = tmp_path / "before.pdf", tmp_path / "after.pdf"
    saved_plan_with_exports(main_window, tmp_path)
    prompts.script("ask_export_path", before, after)
    main_window.menu_actions.export_pdf.trigger()  # no actuals imported yet: the plan alone
    assert len(PAGE.findall(before.read_bytes())) == 1
    assert main_window.review.refresh()
    qtbot.waitUntil(lambda: main_window.review.review is not None, timeout=20_000)
    main_window.menu_actions.export_pdf.trigger()
    assert len(PAGE.findall(after.read_bytes())) == 2
