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
