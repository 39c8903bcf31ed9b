"""After an import the Actuals tab fills with a table, files and warnings: on a
1280x720 projector the window stays that size and the tab scrolls instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from actuals_exports import FakePrompts, opportunity_history
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea
from pytestqt.qtbot import QtBot

from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_an_imported_actuals_tab_fits_a_projector(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    feature = main_window.actuals
    prompts = FakePrompts()
    prompts.exports = [opportunity_history(tmp_path / "history.csv", 350)]
    feature.prompts = prompts
    feature.action.trigger()
    dialog = feature.dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.files.add_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    view = feature.view.view
    assert view.table.isVisible()
    main_window.resize(1280, 720)
    qtbot.waitUntil(lambda: main_window.size().toTuple() == (1280, 720))
    assert main_window.minimumSizeHint().height() <= 720
    area = feature.view.parentWidget().parentWidget()
    assert isinstance(area, QAbstractScrollArea)
    assert view.height() >= view.minimumSizeHint().height()  # whole, within its scroll area
