"""KpiStrip: the headline numbers, rounded, with the exact values on hover."""

from __future__ import annotations

import pytest
from chart_plans import sample_document
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.stages import set_stage
from alignplanner.ui.kpi_strip import KpiStrip

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                                  "does not support raise")]


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    return sample_document()


@pytest.fixture
def strip(qtbot: QtBot, document: PlanDocument) -> KpiStrip:
    widget = KpiStrip(document)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def hover(widget: object) -> str:
    """What the widget shows when the mouse rests on it."""
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, QPoint(4, 4), widget.mapToGlobal(QPoint(4, 4)))
    QApplication.sendEvent(widget, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_figures_are_rounded_and_the_hover_gives_the_exact_values(
        strip: KpiStrip, document: PlanDocument) -> None:
    result = document.result
    first = result.stages[0]
    assert strip.top.value.text() == f"{first.rounded:,}"
    assert hover(strip.top) == f"exact {first.volume:,.2f}, of which {first.recycled:,.1f} recycled"
    assert hover(strip.wins).startswith(f"{result.wins:,.2f} deals for the target")
    assert hover(strip.pre_plan) == "entries that must already have happened on day one"


def test_after_an_edit_the_numbers_and_their_hover_follow(strip: KpiStrip,
                                                         document: PlanDocument) -> None:
    before = hover(strip.top)
    document.edit("MQL to SAL", lambda p: set_stage(p, 1, conversion=0.6))
    first = document.result.stages[0]
    assert strip.top.value.text() == f"{first.rounded:,}"
    assert hover(strip.top) == f"exact {first.volume:,.2f}, of which {first.recycled:,.1f} recycled"
    assert hover(strip.top) != before
    document.undo_stack.undo()
    assert hover(strip.top) == before


def test_a_narrow_strip_wraps_its_figures_onto_more_rows(qtbot: QtBot, strip: KpiStrip) -> None:
    """Never wider than the pane: the figures that do not fit take another row, and the
    strip asks only for the widest figure's width."""
    figures = (strip.target, strip.wins, strip.top, strip.pre_plan)

    def rows() -> int:
        """Figures on one row share their middle (a row centres them)."""
        return len({f.geometry().center().y() for f in figures})

    strip.resize(2000, strip.heightForWidth(2000))
    qtbot.waitUntil(lambda: rows() == 1)
    one_row = strip.heightForWidth(2000)
    assert strip.minimumSizeHint().width() <= max(
        f.sizeHint().expandedTo(f.minimumSizeHint()).width() for f in figures)
    strip.resize(420, strip.heightForWidth(420))
    qtbot.waitUntil(lambda: rows() > 1)
    assert strip.heightForWidth(420) > one_row
    assert all(f.geometry().right() <= strip.width() for f in figures)


def test_a_long_caption_wraps_under_its_number(strip: KpiStrip) -> None:
    caption = strip.wins.caption
    assert caption.text() == "deals to win: 208 from new leads, 30 from open pipeline"
    assert caption.wordWrap()
    assert caption.width() < caption.fontMetrics().horizontalAdvance(caption.text())
