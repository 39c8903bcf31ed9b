"""The Sign-off tab in the main window: sign as marketing and sales through the prompts,
see "Agreed"; type a conversion, see the plan fall back to draft with the change named;
undo, see it agreed again."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_plans import type_in_cell
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QToolTip
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from alignplanner.contract.digest import digest
from alignplanner.document import signing
from alignplanner.domain.edits.signoff import set_signoff
from alignplanner.resources import sample_plan_path
from alignplanner.ui.agreement.sign_dialog import SignDialog
from alignplanner.ui.agreement.signatures_model import DIGEST, VERSION
from alignplanner.ui.agreement.signoff_panel import SignoffPanel
from alignplanner.ui.editors import stage_columns as col
from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]
LEFT = Qt.MouseButton.LeftButton


def unsigned(window: MainWindow) -> None:
    """The open plan with no sign-off yet (whatever the sample plan says), as the start of
    a workshop; not an undo step of the test."""
    document = window.document
    document.edit("Clear sign-off", lambda p: set_signoff(p, required=(), approvers=(),
                                                           signatures=()))
    document.undo_stack.clear()


def signoff_tab(qtbot: QtBot, window: MainWindow) -> SignoffPanel:
    window.editor_tabs.setCurrentWidget(window.agreement.signoff)
    panel = window.agreement.signoff.view
    qtbot.waitUntil(panel.isVisible)  # Qt shows a widget added to a shown layout next turn
    return panel


def sign_both(qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts) -> SignoffPanel:
    unsigned(window)
    panel = signoff_tab(qtbot, window)
    qtbot.mouseClick(panel.require_pair, LEFT)
    assert window.document.plan.signoff.required == ("marketing", "sales")
    prompts.script("ask_signature", ("marketing", "Maria Chen"), ("sales", "Sam Ortiz"))
    qtbot.mouseClick(panel.sign_button, LEFT)
    assert panel.badge.text() == "Draft"
    assert "Waiting for sales" in panel.summary.text()
    qtbot.mouseClick(panel.sign_button, LEFT)
    return panel


def type_conversion(qtbot: QtBot, window: MainWindow, row: int, text: str) -> None:
    window.editor_tabs.setCurrentWidget(window.funnel_split)
    index = window.stages.model.index(row, col.CONVERSION)
    type_in_cell(qtbot, window.stages.table, index, text, QDoubleSpinBox)


@pytest.mark.qt_log_ignore("does not support raise")  # the tooltip's window, offscreen
def test_sign_as_two_roles_then_edit_falls_back_to_draft_and_undo_agrees_again(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts) -> None:
    panel = sign_both(qtbot, main_window, prompts)
    document = main_window.document
    assert [q for q in prompts.questions() if q == "ask_signature"] == ["ask_signature"] * 2
    roles, approvers = prompts.asked[0][1]
    assert roles == ["marketing", "sales"]
    assert approvers == {"marketing": [], "sales": []}
    assert panel.badge.text() == "Agreed"
    status = main_window.agreement.status
    assert status.badge.text() == "Agreed"  # always visible, in the headline strip
    assert status.caption.text() == "all 2 roles signed"
    assert panel.model.rowCount() == 2
    assert panel.model.index(1, 1).data() == "Sam Ortiz"
    assert panel.model.index(0, DIGEST).data() == digest(document.plan).removeprefix("sha256:")[:8]
    assert document.undo_stack.undoText() == "Sign as sales (Sam Ortiz)"

    stage = document.plan.stages[1]
    type_conversion(qtbot, main_window, 1, "42")
    assert document.plan.stages[1].conversion == pytest.approx(0.42)
    assert status.badge.text() == "Draft"
    assert status.caption.text() == "changed since signed"
    panel = signoff_tab(qtbot, main_window)
    assert panel.badge.text() == "Draft"
    before = f"{stage.conversion * 100:.4g}%"
    assert panel.changes.item(0).text() == f"{stage.name} conversion {before} -> 42%"
    assert panel.changes_box.isVisible()
    assert panel.model.index(0, VERSION).data() == "an earlier version"
    at = QPoint(5, 5)  # hovering the headline badge tells the same
    QApplication.sendEvent(status, QHelpEvent(QEvent.Type.ToolTip, at, status.mapToGlobal(at)))
    assert panel.changes.item(0).text() in status.toolTip()
    QToolTip.hideText()

    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.plan.stages[1].conversion == stage.conversion
    assert panel.badge.text() == "Agreed"
    assert status.badge.text() == "Agreed"
    assert not panel.changes_box.isVisible()


def test_withdraw_a_signature_and_a_refused_role_change_names_the_field(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts) -> None:
    panel = sign_both(qtbot, main_window, prompts)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.withdraw_button, LEFT)
    assert [s.role for s in main_window.document.plan.signoff.signatures] == ["sales"]
    assert panel.badge.text() == "Draft"
    panel.required["sales"].click()  # marketing alone cannot be the agreement
    assert main_window.document.plan.signoff.required == ("marketing", "sales")
    assert panel.required["sales"].isChecked()
    assert panel.error.isVisible()
    assert "marketing and sales" in panel.error.text()


def test_approvers_are_typed_per_role_and_offered_when_signing(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts) -> None:
    unsigned(main_window)
    panel = signoff_tab(qtbot, main_window)
    qtbot.mouseClick(panel.require_pair, LEFT)
    marketing, sales = panel.approvers["marketing"], panel.approvers["sales"]
    marketing.setFocus()
    qtbot.keyClicks(marketing, "Maria Chen")
    qtbot.keyClick(marketing, Qt.Key.Key_Return)  # sales has nobody yet: refused
    assert main_window.document.plan.signoff.approvers == ()
    assert "no named approver" in panel.error.text()
    sales.setFocus()
    qtbot.keyClicks(sales, "Sam Ortiz, Sue Park")
    qtbot.keyClick(sales, Qt.Key.Key_Return)
    assert [a.name for a in main_window.document.plan.signoff.approvers] == [
        "Maria Chen", "Sam Ortiz", "Sue Park"]
    prompts.script("ask_signature", None)  # the person cancels
    qtbot.mouseClick(panel.sign_button, LEFT)
    assert prompts.asked[-1][1][1] == {"marketing": ["Maria Chen"],
                                       "sales": ["Sam Ortiz", "Sue Park"]}
    assert main_window.document.plan.signoff.signatures == ()


def test_the_signatures_model_passes_the_model_tester(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts,
        qtmodeltester: ModelTester) -> None:
    panel = sign_both(qtbot, main_window, prompts)
    qtmodeltester.check(panel.model)
    assert signing.standing(main_window.document).agreed


def test_the_tabs_and_the_badge_follow_a_newly_opened_plan(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts,
        tmp_path: Path) -> None:
    sign_both(qtbot, main_window, prompts)
    assert main_window.agreement.status.badge.text() == "Agreed"
    other = tmp_path / "other.toml"
    other.write_bytes(sample_plan_path().read_bytes())
    main_window.document.undo_stack.setClean()  # opening must not ask about saving
    main_window.file_open(other)
    assert main_window.document.path == other.resolve()
    assert main_window.agreement.status.badge.text() == "Draft"
    new = signing.standing(main_window.document)
    assert main_window.document.plan.signoff.signatures == ()
    assert main_window.agreement.status.caption.text() == new.short_words()
    panel = signoff_tab(qtbot, main_window)
    assert panel.model.rowCount() == 0
    assert panel.summary.text() == new.sentence()


def test_the_sign_dialog_offers_the_named_approvers_of_the_chosen_role(qtbot: QtBot) -> None:
    dialog = SignDialog(None, ["marketing", "sales"], {"marketing": ["Maria Chen"],
                                                       "sales": []})
    qtbot.addWidget(dialog)
    assert dialog.role.currentText() == "Marketing"
    assert not dialog.name.isEditable()  # only the named approver may sign for marketing
    assert dialog.signer() == ("marketing", "Maria Chen")
    dialog.role.setCurrentIndex(1)
    assert dialog.name.isEditable()  # nobody named for sales: anyone types their name
    assert dialog.signer() is None
    qtbot.keyClicks(dialog.name, "  Sam Ortiz ")
    assert dialog.signer() == ("sales", "Sam Ortiz")
