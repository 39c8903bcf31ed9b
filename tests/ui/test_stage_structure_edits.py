"""The stage table's add, rename and remove, driven with the keyboard: a stage added
between two sales stages is theirs and changes no volume, a rename takes the id with it
and says so, a name used twice is refused, and a removal says what moved with it."""

from __future__ import annotations

import pytest
from editor_plans import shown, small_plan
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sla_plans import ops_plan

from alignplanner.document.document import PlanDocument
from alignplanner.ui.editors import stage_columns as col
from alignplanner.ui.editors.stage_table import StagePanel

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def panel_on(qtbot: QtBot, document: PlanDocument) -> StagePanel:
    panel = shown(qtbot, StagePanel(document), (1400, 500))
    qtbot.waitUntil(panel.isActiveWindow)  # shortcuts need the active window
    return panel


def focus_cell(panel: StagePanel, row: int, column: int = col.NAME) -> None:
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(row, column))


def rename(qtbot: QtBot, panel: StagePanel, row: int, name: str) -> None:
    focus_cell(panel, row)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, name)
    with qtbot.waitSignal(panel.table.itemDelegate().closeEditor):  # committed next turn
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_a_stage_added_between_two_sales_stages_changes_no_volume(qtbot: QtBot) -> None:
    document = PlanDocument(ops_plan())
    panel = panel_on(qtbot, document)
    before = {s.id: s.volume for s in document.result.stages}
    opportunity = document.plan.stage_index("opportunity")
    focus_cell(panel, opportunity)
    qtbot.keyClick(panel.table, Qt.Key.Key_N, CTRL_SHIFT)
    added = document.plan.stages[opportunity + 1]
    assert (added.id, added.name, added.owner) == ("new-stage", "New stage", "sales")
    after = {s.id: s.volume for s in document.result.stages}
    assert after["inquiry"] == pytest.approx(before["inquiry"], rel=1e-9)  # not doubled
    assert {k: pytest.approx(v, rel=1e-9) for k, v in before.items()} == {
        k: v for k, v in after.items() if k != "new-stage"}
    assert panel.note.isVisible()
    assert "between Opportunity and Won, owned by Sales" in panel.note.text()
    assert "no volume changes" in panel.note.text()
    assert not panel.error.isVisible()


def test_renaming_the_new_stage_takes_its_id_along_and_says_so(qtbot: QtBot) -> None:
    document = PlanDocument(small_plan())
    panel = panel_on(qtbot, document)
    focus_cell(panel, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_N, CTRL_SHIFT)
    rename(qtbot, panel, 1, "Engaged lead")
    assert document.plan.stages[1].id == "engaged-lead"
    assert "'new-stage' is now 'engaged-lead'" in panel.note.text()
    assert panel.note.isVisible()
    focus_cell(panel, 0, col.CONVERSION)
    panel.model.setData(panel.model.index(0, col.DAYS), 20.0)  # the next edit clears it
    assert not panel.note.isVisible()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.plan.stages[1].id == "new-stage"


def test_a_name_used_twice_is_refused_with_the_reason(qtbot: QtBot) -> None:
    document = PlanDocument(small_plan())
    panel = panel_on(qtbot, document)
    before = document.plan
    rename(qtbot, panel, 2, "mql")
    assert document.plan is before
    assert panel.error.isVisible()
    assert "already used by stage 2" in panel.error.text()


def test_removing_a_stage_says_which_source_moved_and_what_was_dropped(qtbot: QtBot) -> None:
    document = PlanDocument(small_plan(with_sources=True))
    panel = panel_on(qtbot, document)
    focus_cell(panel, 1)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [s.id for s in document.plan.stages] == ["inquiry", "sal", "won"]
    text = panel.note.text()
    assert panel.note.isVisible()
    assert "Source Outbound entered MQL; it now enters SAL." in text
    assert "Source Outbound's own conversion at MQL (35%) is dropped." in text
    assert "SAL no longer recycles to MQL." in text
    document.undo_stack.undo()
    assert document.plan.sources[1].enters == "mql"
