"""The Review tab in presentation mode (F5, View > Presentation mode): still one of the chart
tabs the room can pick, and its type larger (the headline figures, where the gap is)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_review_view import reviewed

from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_the_review_tab_is_reachable_and_larger_when_presenting(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    feature = reviewed(qtbot, main_window, tmp_path)
    view = feature.view.view
    qtbot.waitUntil(lambda: bool(view.tiles) and view.tiles[0].value.text() != "")
    tile = view.tiles[0]
    sizes = (tile.value.font().pointSizeF(), tile.caption.font().pointSizeF(),
             view.sentences.font().pointSizeF())
    tabs = main_window.chart_tabs
    tabs.setCurrentIndex(0)  # presenting starts elsewhere: the room picks the tab
    main_window.menu_actions.presentation.trigger()
    try:
        QApplication.processEvents()
        assert main_window.presentation.active
        index = tabs.indexOf(feature.view)
        assert index >= 0
        assert tabs.isTabEnabled(index)
        assert tabs.isVisible()
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert feature.view.isVisible()
        assert tile.isVisible()
        now = (tile.value.font().pointSizeF(), tile.caption.font().pointSizeF(),
               view.sentences.font().pointSizeF())
        assert all(big > small * 1.3 for big, small in zip(now, sizes, strict=True)), (now, sizes)
    finally:
        main_window.presentation.set_active(False)
    assert tile.value.font().pointSizeF() == pytest.approx(sizes[0])
