"""Charts for the keyboard: Tab reaches them, a ring shows the focus, the arrow keys step
through their bars and months and say what hovering says."""

from __future__ import annotations

import pytest
from chart_plans import sample_document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from alignplanner.ui.charts.by_source import SourceChart
from alignplanner.ui.charts.timeline import TimelineChart
from alignplanner.ui.charts.waterfall import WaterfallChart

# The offscreen platform cannot raise a tooltip's window or pass on its size hints.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def window(qtbot: QtBot, qapp: object) -> tuple[QWidget, QLineEdit, WaterfallChart]:
    """A field and a waterfall below it, in a shown window (focus needs one)."""
    top = QWidget()
    field = QLineEdit()
    chart = WaterfallChart(sample_document())
    layout = QVBoxLayout(top)
    layout.addWidget(field)
    layout.addWidget(chart)
    qtbot.addWidget(top)
    top.resize(1200, 800)
    top.show()
    qtbot.waitExposed(top)
    return top, field, chart


def test_tab_reaches_the_chart_and_the_ring_shows_it(
        qtbot: QtBot, window: tuple[QWidget, QLineEdit, WaterfallChart]) -> None:
    top, field, chart = window
    top.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    assert not chart.keys.ring.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(chart.hasFocus)
    assert chart.keys.ring.isVisible()
    assert chart.keys.ring.geometry() == chart.rect()
    assert not chart.view.hasFocus()  # the canvas itself is not a stop of its own


def test_arrows_step_through_the_stages_and_say_each_one(
        qtbot: QtBot, window: tuple[QWidget, QLineEdit, WaterfallChart]) -> None:
    _, _, chart = window
    chart.setFocus()
    stages = chart.document.plan.stages
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.keys.current == 0
    assert chart.accessibleDescription() == chart.tooltip_text(0)
    assert chart.accessibleDescription().startswith(stages[0].name)
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.accessibleDescription().startswith(stages[1].name)
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert chart.keys.current == len(stages) - 1
    qtbot.keyClick(chart, Qt.Key.Key_Down)  # stays on the last bar
    assert chart.keys.current == len(stages) - 1
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    qtbot.keyClick(chart, Qt.Key.Key_Up)  # and on the first
    assert chart.keys.current == 0
    qtbot.keyClick(chart, Qt.Key.Key_Escape)
    assert chart.keys.current is None


def test_the_text_appears_beside_its_bar(
        window: tuple[QWidget, QLineEdit, WaterfallChart]) -> None:
    _, _, chart = window
    first, last = chart.key_anchor(0), chart.key_anchor(chart.key_count() - 1)
    assert first is not None
    assert last is not None
    assert chart.rect().contains(first)
    assert chart.rect().contains(last)
    assert first.y() < last.y()  # the top stage is drawn highest
    assert first.x() > last.x()  # and is the longest bar


def test_the_timeline_steps_through_its_months(qtbot: QtBot, qapp: object) -> None:
    document = sample_document()
    chart = TimelineChart(document)
    qtbot.addWidget(chart)
    months = document.result.months
    assert chart.key_count() == len(months)
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.accessibleDescription() == chart.hover_text(1)
    assert chart.accessibleDescription().startswith(months[1].strftime("%b %Y"))


def test_the_source_chart_steps_through_its_sources(qtbot: QtBot, qapp: object) -> None:
    chart = SourceChart(sample_document())
    qtbot.addWidget(chart)
    assert chart.key_count() == len(chart.source_ids()) > 0
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert chart.accessibleDescription() == chart.tooltip_text(len(chart.source_ids()) - 1)
