"""The Target tab's layout: its two groups side by side where there is room, one above
the other where there is not, never wider than a projector's editor pane."""

from __future__ import annotations

import pytest
from chart_plans import sample_document
from editor_plans import shown
from PySide6.QtWidgets import QComboBox, QGroupBox
from pytestqt.qtbot import QtBot

from alignplanner.ui.editors.target_panel import ROUNDING_LABELS, TargetPanel
from alignplanner.ui.scroll_tabs import ScrollingTabs

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def boxes(panel: TargetPanel) -> dict[str, QGroupBox]:
    return {b.title(): b for b in panel.findChildren(QGroupBox)}


def test_the_groups_sit_side_by_side_or_stack(qtbot: QtBot) -> None:
    """In its tab, as in the window (a scroll area around it): narrower than the two
    groups need side by side, they stack, and no scroll bar is needed sideways."""
    panel = TargetPanel(sample_document())
    tabs = shown(qtbot, ScrollingTabs(), (1100, 700))
    tabs.add_page(panel, "Target")
    plan, target = boxes(panel)["Plan"], boxes(panel)["Revenue target"]
    qtbot.waitUntil(lambda: panel.isVisible() and plan.y() == target.y())
    assert target.x() >= plan.geometry().right()
    tabs.resize(520, 700)
    qtbot.waitUntil(lambda: target.y() > plan.y())
    assert target.y() >= plan.geometry().bottom()
    assert target.x() == plan.x()
    assert panel.width() <= tabs.width()  # stacked, not scrolled sideways
    tabs.resize(1100, 700)
    qtbot.waitUntil(lambda: plan.y() == target.y())


def test_it_asks_for_no_more_than_a_projector_s_pane(qtbot: QtBot) -> None:
    """Half of 1280 pixels, less the splitter: the panel fits, its long choices cut
    short in the field and given whole in the list and the tool tip."""
    panel = shown(qtbot, TargetPanel(sample_document()))
    assert panel.minimumSizeHint().width() <= 560
    rounding = panel.rounding
    assert rounding.sizeAdjustPolicy() == (
        QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    assert rounding.currentText() in rounding.toolTip()
    widest = max(ROUNDING_LABELS.values(), key=len)
    assert rounding.view().minimumWidth() >= rounding.view().fontMetrics().horizontalAdvance(
        widest)
