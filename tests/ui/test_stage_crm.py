"""The CRM values under the stage definition: typed in place, one undo step each, following
the selected stage; an emptied field removes the mapping."""

from __future__ import annotations

import pytest
from editor_plans import shown, small_plan
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.stages import set_crm
from alignplanner.ui.stage_details import StageDetails

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def details(qtbot: QtBot) -> StageDetails:
    return shown(qtbot, StageDetails(PlanDocument(small_plan())), (1200, 420))


def type_into(qtbot: QtBot, details: StageDetails, key: str, text: str) -> None:
    line = details.crm.fields[key]
    line.setFocus()
    line.selectAll()
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_a_crm_value_is_typed_in_place_and_undone(qtbot: QtBot, details: StageDetails) -> None:
    document = details._document
    assert document is not None
    details.set_stage("mql")
    type_into(qtbot, details, "salesforce_lead_status", "Marketing Qualified")
    type_into(qtbot, details, "hubspot_lifecycle_stage", "marketingqualifiedlead")
    mql = document.plan.stages[1]
    assert dict(mql.crm) == {"salesforce_lead_status": "Marketing Qualified",
                             "hubspot_lifecycle_stage": "marketingqualifiedlead"}
    assert document.undo_stack.count() == 2
    assert document.undo_stack.undoText() == "Map MQL to HubSpot lifecycle stage"
    document.undo_stack.undo()
    assert dict(document.plan.stages[1].crm) == {"salesforce_lead_status": "Marketing Qualified"}
    assert details.crm.fields["hubspot_lifecycle_stage"].text() == ""


def test_the_fields_follow_the_selected_stage_and_empty_removes(
        qtbot: QtBot, details: StageDetails) -> None:
    document = details._document
    assert document is not None
    details.set_stage("sal")
    type_into(qtbot, details, "salesforce_lead_status", "Accepted")
    details.set_stage("inquiry")
    assert details.crm.fields["salesforce_lead_status"].text() == ""
    details.set_stage("sal")
    assert details.crm.fields["salesforce_lead_status"].text() == "Accepted"
    type_into(qtbot, details, "salesforce_lead_status", "")
    assert dict(document.plan.stages[2].crm) == {}
    assert document.undo_stack.count() == 0  # edits of one field merge: back where it was


def test_other_systems_fields_are_shown(qtbot: QtBot, details: StageDetails) -> None:
    document = details._document
    assert document is not None
    document.edit("x", lambda p: set_crm(p, 0, "x_marketo_program_status", "Member"))
    details.set_stage("inquiry")
    assert details.crm.others.text() == "Also: x_marketo_program_status = Member"
