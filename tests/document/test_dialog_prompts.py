"""DialogPrompts' own dialogs, looked at without being shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_helpers import plant_recovery, sample_plan
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
from pytestqt.qtbot import QtBot

from alignplanner.document.prompts import Prompts
from alignplanner.document.recovery import find_recoveries
from alignplanner.ui.prompts import DialogPrompts, RecoverDialog, problems_dialog

pytestmark = pytest.mark.gui


def test_dialog_prompts_is_a_prompts() -> None:
    dialogs = DialogPrompts(None)
    dialogs.set_parent(None)  # app.py parents it to the main window once that exists
    prompts: Prompts = dialogs
    assert callable(prompts.ask_unsaved_changes)


def test_a_notice_waits_for_the_window_then_shows_in_its_status_bar(qtbot: QtBot) -> None:
    dialogs = DialogPrompts(None)
    lines = ["The requirements stored in the file did not follow from its inputs.",
             "plan.toml:40: requirements.wins: stored 12, recomputed 14"]
    dialogs.show_notice("plan.toml: requirements recomputed", lines)  # while opening
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.statusBar().currentMessage() == ""
    dialogs.set_parent(window)
    assert QApplication.activeModalWidget() is None  # nothing stops the workshop
    bar = window.statusBar()
    assert bar.currentMessage() == ("plan.toml: requirements recomputed. The requirements "
                                    "stored in the file did not follow from its inputs.")
    assert bar.toolTip().splitlines() == ["plan.toml: requirements recomputed", *lines]
    dialogs.show_notice("Second notice", [])
    assert bar.currentMessage() == "Second notice"


def test_the_problems_dialog_holds_every_line_selectable(qtbot: QtBot) -> None:
    lines = [f"plan.toml:{n}: stages[{n}].conversion: must be at least 0 and at most 1, got 1.5"
             for n in range(1, 251)]
    dialog = problems_dialog(None, "plan.toml could not be opened", lines)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QPlainTextEdit, "problems")
    assert text is not None
    assert text.toPlainText().splitlines() == lines
    assert text.isReadOnly()


def test_the_recover_dialog_lists_the_recoveries_newest_first(
    qtbot: QtBot, recovery: Path, tmp_path: Path
) -> None:
    plant_recovery(recovery, sample_plan(), tmp_path / "plan.toml")
    found = find_recoveries(recovery)
    dialog = RecoverDialog(None, found)
    qtbot.addWidget(dialog)
    assert dialog.items.count() == 1
    assert "plan.toml" in dialog.items.item(0).text()
    assert dialog.chosen() is found[0]
    for r in found:
        r.release()
