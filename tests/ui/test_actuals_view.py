"""The Actuals tab in the main window: File > Import actuals… opens the dialog; a good
import shows as of when, the records, a row per transition (all sources or one), the
files read and the warnings; the plan stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from actuals_exports import FakePrompts, opportunity_history
from PySide6.QtCore import Qt
from PySide6.QtCore import Qt as QtEnum
from pytestqt.qtbot import QtBot

from alignplanner.ui import wording
from alignplanner.ui.actuals.transition_model import ENTERED, ESTIMATED, INTERVAL, NAIVE
from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def with_sources(path: Path) -> Path:
    """The export with a LeadSource column: Web for even opportunities, Partner for odd."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [lines[0] + ",LeadSource"]
    out += [f"{line},{'Web' if int(line.split(',')[1][3:]) % 2 == 0 else 'Partner'}"
            for line in lines[1:]]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def test_import_from_the_file_menu_fills_the_actuals_tab(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    feature = main_window.actuals
    file_menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&File")
    assert feature.action in file_menu.actions()
    assert not feature.view.built  # start-up does not pay for the tab
    assert feature.view.view.heading.text() == wording.NO_ACTUALS
    assert not feature.view.view.table.isVisibleTo(feature.view.view)
    prompts = FakePrompts()
    prompts.exports = [with_sources(opportunity_history(tmp_path / "history.csv", 350))]
    feature.prompts = prompts
    plan = main_window.document.plan
    feature.action.trigger()
    dialog = feature.dialog
    assert dialog is not None
    assert not dialog.isModal()
    qtbot.mouseClick(dialog.files.add_button, Qt.MouseButton.LeftButton)
    assert dialog.columns.roles["source"].currentText() == "LeadSource"
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    view = feature.view.view
    assert feature.last is not None
    assert main_window.chart_tabs.currentWidget() is feature.view
    assert "350 records from 1 file" in view.heading.text()
    model = view.model
    assert model.columnCount() == 5  # a column per transition, a row per measure
    horizontal = QtEnum.Orientation.Horizontal
    assert model.headerData(0, horizontal) == "Inquiry\n\u2192 MQL"
    assert model.headerData(4, horizontal) == "Opportunity\n\u2192 Closed won"
    assert model.headerData(ENTERED, QtEnum.Orientation.Vertical) == "Entered"
    assert model.data(model.index(ENTERED, 0)) == "350"
    assert model.data(model.index(NAIVE, 0)).endswith("(n 350)")
    assert "by day" in model.data(model.index(ESTIMATED, 0))
    assert "%" in model.data(model.index(INTERVAL, 0))
    assert "history.csv: " in view.files.text()
    said = list(dict.fromkeys([*feature.last.actuals.warnings, *feature.last.estimates.warnings]))
    shown = [view.warnings.item(i).text() for i in range(view.warnings.count())]
    assert shown == (said or [wording.ACTUALS_LABELS["none"]])
    sources = [view.source.itemText(i) for i in range(view.source.count())]
    assert sources[0] == wording.ALL_SOURCES
    assert set(sources[1:]) == {"Web", "Partner"}
    view.choose_source("Web")
    assert model.data(model.index(ENTERED, 0)) == "175"
    assert main_window.document.plan is plan  # the estimates are not part of the plan
    # What the plan file keeps is the import's snapshot, one undoable step.
    document = main_window.document
    assert document.snapshots.taken == (feature.last.snapshot,)
    assert document.undo_stack.undoText() == wording.KEEP_SNAPSHOT
    document.undo_stack.undo()
    assert not document.is_modified


def test_the_transition_model_passes_qt_checks(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path, qtmodeltester: object) -> None:
    feature = main_window.actuals
    prompts = FakePrompts()
    prompts.exports = [opportunity_history(tmp_path / "history.csv", 80)]
    feature.prompts = prompts
    dialog = feature.open_dialog()
    qtbot.mouseClick(dialog.files.add_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtmodeltester.check(feature.view.view.model)  # type: ignore[attr-defined]


def test_the_dialog_keeps_the_rooms_choices_until_the_stages_change(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    from alignplanner.domain.edits import stages as stage_edits

    feature = main_window.actuals
    prompts = FakePrompts()
    prompts.exports = [opportunity_history(tmp_path / "history.csv", 40)]
    feature.prompts = prompts
    dialog = feature.open_dialog()
    qtbot.mouseClick(dialog.files.add_button, Qt.MouseButton.LeftButton)
    box = dialog.stage_map.box("Closed Lost")
    box.setCurrentIndex(box.findData("ignore"))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    again = feature.open_dialog()
    assert again is dialog
    assert again.stage_map.mapping()["Closed Lost"] == "ignore"
    document = main_window.document
    at = document.plan.stage_index("sal")
    document.edit("Remove SAL", lambda p: stage_edits.remove_stage(p, at))
    assert feature.dialog is None  # made for the old stages
    assert "sal" not in feature.open_dialog().stages.ids
