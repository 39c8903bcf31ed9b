"""The Calibrate dialog from the Actuals tab: a table per figure with the plan's value,
the history's with its interval and n, the difference, a source's shrunk rate; ticked
rows accepted as one undo step that also says where the numbers came from."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from actuals_exports import FakePrompts, opportunity_history
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_actuals_view import with_sources

from alignplanner.contract.actuals.plan_link import windows
from alignplanner.domain.calibration.history import calibrate
from alignplanner.ui import wording
from alignplanner.ui.actuals.calibration_dialog import CalibrationDialog
from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                                         "does not support raise")]


def _imported(qtbot: QtBot, main_window: MainWindow, export: Path) -> None:
    feature = main_window.actuals
    prompts = FakePrompts()
    prompts.exports = [export]
    feature.prompts = prompts
    dialog = feature.open_dialog()
    qtbot.mouseClick(dialog.files.add_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _open(qtbot: QtBot, main_window: MainWindow) -> CalibrationDialog:
    view = main_window.actuals.view.view
    assert view.calibrate_button.isVisibleTo(view)
    qtbot.mouseClick(view.calibrate_button, Qt.MouseButton.LeftButton)
    dialog = view.calibration
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _tick(qtbot: QtBot, dialog: CalibrationDialog, kind: str, key: str) -> None:
    """Tick a row the way a keyboard user does: the row's box, then Space."""
    table, model = dialog.tables[kind], dialog.models[kind]  # type: ignore[index]
    row = [f.key for f in model.figures].index(key)
    dialog.tabs.setCurrentWidget(table)
    table.setFocus()
    table.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(table.viewport(), Qt.Key.Key_Space)
    assert model.data(model.index(row, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_a_ticked_row_is_accepted_as_one_undo_step_with_its_provenance(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    export = with_sources(opportunity_history(tmp_path / "history.csv", 700, span=700))
    _imported(qtbot, main_window, export)
    dialog = _open(qtbot, main_window)
    document = main_window.document
    before = document.plan
    last = main_window.actuals.last
    assert last is not None
    expected = calibrate(before, last.actuals.events, last.estimates.as_of, windows(before))
    model = dialog.models["conversion"]
    keys = [f.key for f in model.figures]
    assert keys[0] == "stages.inquiry.conversion"
    figure = expected.figure("stages.inquiry.conversion")
    assert figure.estimate is not None
    assert model.data(model.index(0, 2)) == wording.conversion_text(before.stages[0].conversion)
    assert model.data(model.index(0, 3)) == wording.conversion_text(figure.estimate.value)
    assert model.data(model.index(0, 5)) == f"{figure.estimate.n:,}"
    assert "%" in model.data(model.index(0, 4))
    assert "pts" in model.data(model.index(0, 6))
    web = keys.index("sources.Web.conversion.inquiry")  # no such plan source: shown, not ticked
    assert model.flags(model.index(web, 0)) & Qt.ItemFlag.ItemIsUserCheckable == Qt.ItemFlag(0)
    for column in range(model.columnCount()):  # every column says what its number means
        assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)

    _tick(qtbot, dialog, "conversion", "stages.inquiry.conversion")
    steps = document.undo_stack.count()
    qtbot.mouseClick(dialog.accept_selected, Qt.MouseButton.LeftButton)
    assert document.undo_stack.count() == steps + 1
    assert document.plan.stages[0].conversion == round(figure.estimate.value, 4)
    (entry,) = document.extras.calibration.entries
    assert entry.key == "stages.inquiry.conversion"
    assert entry.as_of == last.estimates.as_of
    assert entry.n == figure.estimate.n
    assert [(f.name, f.sha256) for f in entry.files] == [
        ("history.csv", hashlib.sha256(export.read_bytes()).hexdigest())]
    assert model.data(model.index(0, 2)) == wording.conversion_text(round(figure.estimate.value, 4))
    # the Monte Carlo draws the calibrated rate as sure as the records it stands on
    assert document.uncertainty.observations_for("inquiry") == figure.estimate.n
    document.undo_stack.undo()
    assert document.plan == before
    assert document.extras.calibration.entries == ()
    assert "inquiry" not in document.uncertainty.observations


def test_accept_all_is_one_undo_step_and_lags_take_the_whole_distribution(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    _imported(qtbot, main_window, opportunity_history(tmp_path / "history.csv", 700, span=700))
    dialog = _open(qtbot, main_window)
    document = main_window.document
    before = document.plan
    lags = dialog.models["lag"]
    lag = next(f for f in lags.figures if f.acceptable)
    assert "\u2192" in lags.data(lags.index(lags.figures.index(lag), 7))
    steps = document.undo_stack.count()
    qtbot.mouseClick(dialog.accept_all, Qt.MouseButton.LeftButton)
    assert document.undo_stack.count() == steps + 1
    stage = document.plan.stages[before.stage_index(lag.stage)]
    assert stage.lag is not None
    assert sum(stage.lag) == pytest.approx(1, abs=1e-6)
    assert len(stage.lag) == len(lag.lag)
    keys = {e.key for e in document.extras.calibration.entries}
    assert lag.key in keys
    assert "target.average_deal_size" in keys
    document.undo_stack.undo()
    assert document.plan == before


def test_the_calibration_model_passes_qt_checks(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path, qtmodeltester: object) -> None:
    _imported(qtbot, main_window, opportunity_history(tmp_path / "history.csv", 80, span=500))
    dialog = _open(qtbot, main_window)
    for model in dialog.models.values():
        qtmodeltester.check(model)  # type: ignore[attr-defined]
