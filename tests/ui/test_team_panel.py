"""TeamPanel: roles edited in the table (the SLA verdict and the warnings follow), and the
business calendar."""

from __future__ import annotations

from datetime import date

import pytest
from editor_plans import shown, type_in_cell
from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sla_plans import ops_plan

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import roles as role_edits
from alignplanner.ui.sla import role_model as cols
from alignplanner.ui.sla.fields import NOT_SET
from alignplanner.ui.sla.panel import SlaPanel
from alignplanner.ui.sla.role_model import RoleTableModel, number_list
from alignplanner.ui.sla.team_panel import TeamPanel
from alignplanner.ui.warnings_panel import WarningsPanel

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    return PlanDocument(ops_plan(sdr_headcount=3))


@pytest.fixture
def team(qtbot: QtBot, document: PlanDocument) -> TeamPanel:
    return shown(qtbot, TeamPanel(document), (1100, 900))


def test_model_passes_the_model_tester(qtmodeltester: ModelTester, document: PlanDocument) -> None:
    model = RoleTableModel(document)
    qtmodeltester.check(model)
    document.edit("Add role", role_edits.add_role)
    document.edit("Remove role", lambda p: role_edits.remove_role(p, 0))
    qtmodeltester.check(model)


def test_model_shows_the_roles(qapp: object, document: PlanDocument) -> None:
    model = RoleTableModel(document)
    assert model.rowCount() == 2
    assert model.index(0, cols.NAME).data(DISPLAY) == "SDRs"
    assert model.index(0, cols.WORKS).data(DISPLAY) == "MQL"
    assert model.index(0, cols.HEADCOUNT).data(DISPLAY) == "3"
    assert model.index(0, cols.HIRES).data(DISPLAY) == "Mar 27: 2"
    assert model.index(0, cols.RAMP).data(DISPLAY) == "25%, 50%, 75%"
    assert model.index(0, cols.RAMP).data(EDIT) == "25, 50, 75"
    assert model.index(0, cols.QUOTA).data(DISPLAY) == NOT_SET
    assert model.index(1, cols.QUOTA).data(DISPLAY) == "250,000 USD"
    assert model.index(1, cols.ATTAINMENT).data(DISPLAY) == "80%"
    assert model.index(0, cols.ATTRITION).data(EDIT) == 2.0


def test_typing_headcount_changes_the_sla_verdict_and_the_warning(
    qtbot: QtBot, team: TeamPanel, document: PlanDocument
) -> None:
    slas = shown(qtbot, SlaPanel(document), (760, 900))
    warnings = shown(qtbot, WarningsPanel(document), (600, 400))
    card = slas.cards[0]
    assert card.marker.text() == "✗"
    sla_warning = [m for m in warnings.messages() if "first response" in m]
    assert len(sla_warning) == 1
    assert "With 3 SDRs" in sla_warning[0]  # the headcount at plan start
    month, finding = sla_warning[0].split(". The promise fails")[0].split(": ", 1)
    assert f"Worst, {month}: {finding}" in card.verdict.text()  # one story, card and warning

    type_in_cell(qtbot, team.table, team.model.index(0, cols.HEADCOUNT), "8")
    assert document.plan.roles[0].headcount == 8.0
    assert document.undo_stack.undoText() == "Change headcount of SDRs"
    assert card.marker.text() == "✓"
    assert not [m for m in warnings.messages() if "first response" in m]
    assert team.model.index(0, cols.HEADCOUNT).data(DISPLAY) == "8"

    document.undo_stack.undo()
    assert document.plan.roles[0].headcount == 3.0
    assert card.marker.text() == "✗"
    assert [m for m in warnings.messages() if "first response" in m] == sla_warning


def test_ramp_and_hires_are_typed_as_lists(
    qtbot: QtBot, team: TeamPanel, document: PlanDocument
) -> None:
    model = team.model
    assert model.setData(model.index(0, cols.RAMP), "50, 100")
    assert document.plan.roles[0].ramp == (0.5, 1.0)
    assert model.setData(model.index(0, cols.HIRES), "1, 0, 0, 3")
    assert document.plan.roles[0].hires == (1.0, 0.0, 0.0, 3.0)
    assert model.index(0, cols.HIRES).data(DISPLAY) == "Jan 27: 1, Apr 27: 3"
    assert number_list("25; 50 75%") == (25.0, 50.0, 75.0)


def test_impossible_values_are_refused_at_the_field(
    qtbot: QtBot, team: TeamPanel, document: PlanDocument
) -> None:
    model = team.model
    before = document.plan
    for column, value, reason in (
        (cols.HEADCOUNT, -2.0, "headcount must be at least 0 and at most"),
        (cols.ATTRITION, 100.0, "100% would empty the team"),
        (cols.RAMP, "fast", "is not a number"),
        (cols.ATTAINMENT, 80.0, "quota roles only"),
        (cols.HANDLE, 0.0, "needs the minutes"),
        (cols.ID, "ae", "already used"),
    ):
        with qtbot.waitSignal(model.refused) as refused:
            assert not model.setData(model.index(0, column), value)
        assert refused.args is not None
        assert reason in refused.args[2], refused.args[2]
        assert reason in model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
        assert reason in team.error.text()
    assert document.plan is before


def test_switching_a_role_to_a_quota(qapp: object, document: PlanDocument) -> None:
    model = RoleTableModel(document)
    assert model.setData(model.index(0, cols.QUOTA), 40_000.0)
    role = document.plan.roles[0]
    assert role.is_quota_role
    assert role.per_rep_per_month is None
    assert model.index(0, cols.PER_REP).data(DISPLAY) == NOT_SET


def test_add_and_remove_a_role(qtbot: QtBot, team: TeamPanel, document: PlanDocument) -> None:
    team.add_action.trigger()
    assert [r.id for r in document.plan.roles] == ["sdr", "ae", "role"]
    assert team.table.currentIndex().row() == 2
    assert document.undo_stack.undoText() == "Add role"
    team.table.setCurrentIndex(team.model.index(0, cols.NAME))
    team.remove_action.trigger()
    assert [r.id for r in document.plan.roles] == ["ae", "role"]
    assert document.plan.slas == ()  # the SDRs' SLA went with them
    assert document.undo_stack.undoText() == "Remove role SDRs"
    document.undo_stack.undo()
    assert [r.id for r in document.plan.roles] == ["sdr", "ae", "role"]
    assert len(document.plan.slas) == 1
    assert team.model.rowCount() == 3


# Typing a time zone pops up its completer, which the offscreen platform cannot raise.
@pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints",
    "does not support raise",
    "does not support grabbing the keyboard",
)
def test_calendar_edits(qtbot: QtBot, team: TeamPanel, document: PlanDocument) -> None:
    cal = team.calendar
    assert cal.timezone.currentText() == "America/New_York"
    assert [b.isChecked() for b in cal.days] == [True] * 5 + [False] * 2
    cal.days[5].click()
    assert document.plan.calendar.workdays[-1] == "sat"
    hours_before = document.result.slas[0].months[0].business_hours
    cal.closes.setFocus()
    cal.closes.selectAll()
    qtbot.keyClicks(cal.closes, "18:00")
    qtbot.keyClick(cal.closes, Qt.Key.Key_Return)
    assert document.plan.calendar.hours == ("09:00", "18:00")
    assert document.result.slas[0].months[0].business_hours > hours_before
    cal.opens.setFocus()
    cal.opens.selectAll()
    qtbot.keyClicks(cal.opens, "19:00")
    qtbot.keyClick(cal.opens, Qt.Key.Key_Return)
    assert document.plan.calendar.hours == ("09:00", "18:00")
    assert "must be after the opening" in cal.error.text()
    assert cal.opens.text() == "09:00"
    cal.new_holiday.setDate(QDate(2027, 7, 5))
    qtbot.mouseClick(cal.add_holiday, Qt.MouseButton.LeftButton)
    assert date(2027, 7, 5) in document.plan.calendar.holidays
    assert cal.holidays.count() == 3
    cal.holidays.setCurrentRow(0)
    qtbot.mouseClick(cal.remove_holiday, Qt.MouseButton.LeftButton)
    assert date(2027, 1, 1) not in document.plan.calendar.holidays
    line = cal.timezone.lineEdit()
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "Mars/Olympus")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert document.plan.calendar.timezone == "America/New_York"
    assert "IANA time zone" in cal.error.text()
    for _ in range(4):
        document.undo_stack.undo()
    assert document.plan.calendar == ops_plan().calendar
