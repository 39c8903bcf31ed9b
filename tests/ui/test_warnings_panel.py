"""WarningsPanel: the plan's warnings in plain words; a click names what they are about."""

from __future__ import annotations

import pytest
from chart_plans import quiet_plan, sample_document
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.stages import set_stage
from alignplanner.ui.theme import theme_for
from alignplanner.ui.warnings_panel import EMPTY_TEXT, WarningsPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    doc = sample_document()
    # The funnel's warnings only: those of the sample's roles and SLAs are tested elsewhere.
    doc.edit("No roles or SLAs", lambda p: p.with_changes(roles=(), slas=()))
    doc.edit("SQL to opp", lambda p: set_stage(p, 3, conversion=0.004))
    return doc


@pytest.fixture
def panel(qtbot: QtBot, document: PlanDocument) -> WarningsPanel:
    widget = WarningsPanel(document)
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    return widget


def test_lists_the_result_warnings(panel: WarningsPanel, document: PlanDocument) -> None:
    assert [w.code for w in document.result.warnings] == ["pre_plan", "absurd_conversion"]
    assert panel.messages() == [w.message for w in document.result.warnings]
    assert not panel.is_empty()
    assert panel.title.text() == "Warnings (2)"


def test_clicking_a_warning_emits_its_subject(qtbot: QtBot, panel: WarningsPanel) -> None:
    row = panel.rows()[1]
    with qtbot.waitSignal(panel.subjectActivated) as signal:
        qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert signal.args == ["sql"]


def test_enter_on_a_warning_emits_its_subject(qtbot: QtBot, panel: WarningsPanel) -> None:
    with qtbot.waitSignal(panel.subjectActivated) as signal:
        qtbot.keyClick(panel.rows()[0], Qt.Key.Key_Return)
    assert signal.args == ["pre_plan"]


def test_an_edit_reuses_the_rows(panel: WarningsPanel, document: PlanDocument) -> None:
    rows = panel.rows()
    document.edit("SQL to opp", lambda p: set_stage(p, 3, conversion=0.003))
    assert panel.rows() == rows
    assert panel.messages() == [w.message for w in document.result.warnings]
    document.undo_stack.undo()
    document.undo_stack.undo()  # back to the sample plan: one warning
    assert panel.rows() == rows[:1]
    assert panel.messages() == [w.message for w in document.result.warnings]


def test_a_plan_without_warnings_says_so_calmly(qtbot: QtBot, panel: WarningsPanel) -> None:
    panel.document.load(quiet_plan(), None)
    assert panel.document.result.warnings == ()
    assert panel.is_empty()
    assert panel.rows() == []
    assert EMPTY_TEXT in panel.empty.text()
    assert EMPTY_TEXT == "No warnings: the plan is consistent."


def test_presentation_makes_the_text_larger(panel: WarningsPanel) -> None:
    normal = panel.rows()[0].text.font().pointSizeF()
    panel.apply_theme(theme_for("light", presentation=True))
    assert panel.rows()[0].text.font().pointSizeF() > normal
    assert panel.rows()[0].text.wordWrap()


def test_a_row_under_the_mouse_is_shaded_and_the_focused_one_outlined(
        qtbot: QtBot, panel: WarningsPanel) -> None:
    panel.show()
    panel.activateWindow()
    qtbot.waitActive(panel)
    row = panel.rows()[0]
    plain = row.grab().toImage()
    row.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    shaded = row.grab().toImage()
    row.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
    row.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(row.hasFocus)
    outlined = row.grab().toImage()
    corner = (row.width() // 2, 1)  # on the outline, away from the text
    assert shaded != plain
    assert outlined not in (plain, shaded)
    assert plain.pixelColor(*corner) != outlined.pixelColor(*corner)
