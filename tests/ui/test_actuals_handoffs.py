"""File > Import actuals…'s SLA hand-offs, driven as a person would: the "handed over"
and "answered" choosers of each SLA of the sample plan (speed-to-lead and mql-accept
leave MQL, sql-discovery leaves SQL), guessed from an export's header, changed by hand,
saved and shown again, absent for a plan without SLAs, and an import whose only times
are the mapped hand-off columns giving the SLA's compliance by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from actuals_exports import FakePrompts, plan_document
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from test_actuals_dialog import add, imported, open_dialog

from alignplanner.contract.actuals.mapping import HandOffColumns
from alignplanner.contract.actuals.mapping_file import read_mapping
from alignplanner.document.document import PlanDocument
from alignplanner.ui import wording
from alignplanner.ui.actuals.worker import Imported

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

# The stage dates are days only: every time of day comes from the hand-off columns.
HEADER = "OpportunityId,CreatedDate,StageName,OwnerId,Assigned Date,First Touch,Queue In,Reply"
ROWS = (
    "O1,2027-01-04,MQL,ana,2027-01-04 09:00,2027-01-04 09:05,2027-01-04 09:00,2027-01-04 09:05",
    "O1,2027-01-05,Sales Accepted,ana,,,,",
    "O2,2027-01-04,MQL,ben,2027-01-04 10:00,2027-01-04 12:00,2027-01-04 10:00,2027-01-04 12:00",
    "O2,2027-01-06,Sales Accepted,ben,,,,",
    "O3,2027-01-05,MQL,cleo,2027-01-05 16:30,,2027-01-05 16:30,",  # never answered
)


@pytest.fixture
def document(tmp_path: Path) -> PlanDocument:
    return plan_document(tmp_path)


def export(tmp_path: Path, header: str = HEADER) -> Path:
    path = tmp_path / "history.csv"
    path.write_text("\n".join((header, *ROWS)) + "\n", encoding="utf-8")
    return path


def shown(box: QComboBox) -> str:
    return box.currentText()


def pick(qtbot: QtBot, box: QComboBox, text: str) -> None:
    """Choose ``text`` as a person would: type its first word into the closed box (a
    space would open the list)."""
    qtbot.keyClicks(box, text.split(" ", maxsplit=1)[0])
    assert box.currentText() == text


def test_the_sla_hand_offs_are_guessed_and_shown(qtbot: QtBot, document: PlanDocument,
                                                 tmp_path: Path) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    form = dialog.columns
    assert form.handoff_box.isVisible()
    assert list(form.handoffs) == ["speed-to-lead", "mql-accept", "sql-discovery"]
    assert form.sla_names["speed-to-lead"] == "Speed to lead"
    start, answered = form.handoffs["speed-to-lead"]
    assert "times of day" in start.toolTip()
    assert "Marketing qualified lead" in start.toolTip()  # the default: entering MQL
    assert "Sales accepted lead" in answered.toolTip()
    add(qtbot, dialog, prompts, export(tmp_path))
    # The export reaches MQL: both SLAs leaving it get the columns; SQL is not reached.
    for sla in ("speed-to-lead", "mql-accept"):
        assert [shown(b) for b in form.handoffs[sla]] == ["Assigned Date", "First Touch"]
    assert [shown(b) for b in form.handoffs["sql-discovery"]] == [wording.FROM_STAGES] * 2
    both = HandOffColumns("Assigned Date", "First Touch")
    file = form.file_mapping()
    assert file is not None
    assert dict(file.handoffs) == {"speed-to-lead": both, "mql-accept": both}
    assert ("For \u201cSpeed to lead\u201d, a record is handed over at \u201cAssigned "
            "Date\u201d and answered at \u201cFirst Touch\u201d.") in dialog.explanation.text()


def test_the_choosers_round_trip_through_the_mapping(qtbot: QtBot, document: PlanDocument,
                                                     tmp_path: Path) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, export(tmp_path))
    form = dialog.columns
    start, answered = form.handoffs["speed-to-lead"]
    pick(qtbot, start, "Queue In")
    pick(qtbot, answered, "Reply")
    accept_start, accept_answered = form.handoffs["mql-accept"]
    accept_start.setCurrentIndex(accept_start.findText(wording.FROM_STAGES))
    accept_answered.setCurrentIndex(0)  # "(from the stages)" heads the list
    discovery_answered = form.handoffs["sql-discovery"][1]
    discovery_answered.setCurrentIndex(discovery_answered.findText("First Touch"))
    want = {"speed-to-lead": HandOffColumns("Queue In", "Reply"),
            "sql-discovery": HandOffColumns(None, "First Touch")}  # mql-accept: both default
    file = form.file_mapping()
    assert file is not None
    assert dict(file.handoffs) == want
    entry = dialog.files.current()
    assert entry is not None
    assert dict(entry.file.handoffs) == want  # the dialog keeps what the form says
    saved = dialog.save_mapping()
    assert saved is not None
    assert dict(read_mapping(str(saved)).files[0].handoffs) == want

    again = open_dialog(qtbot, document, FakePrompts())  # next week: the saved mapping
    assert [shown(b) for b in again.columns.handoffs["speed-to-lead"]] == ["Queue In", "Reply"]
    assert [shown(b) for b in again.columns.handoffs["mql-accept"]] == [wording.FROM_STAGES] * 2
    assert [shown(b) for b in again.columns.handoffs["sql-discovery"]] == [
        wording.FROM_STAGES, "First Touch"]
    file = again.columns.file_mapping()
    assert file is not None
    assert dict(file.handoffs) == want


def test_a_plan_without_slas_shows_no_hand_offs(qtbot: QtBot, tmp_path: Path) -> None:
    loaded = plan_document(tmp_path)
    document = PlanDocument(loaded.plan.with_changes(slas=()), path=loaded.path)
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, export(tmp_path))
    assert not dialog.columns.handoff_box.isVisible()
    assert dialog.columns.handoffs == {}
    file = dialog.columns.file_mapping()
    assert file is not None
    assert dict(file.handoffs) == {}


def test_an_import_with_mapped_hand_off_columns_gives_the_slas_compliance(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    # Columns no guess proposes ("Queue In", "Reply"), picked by hand for speed-to-lead only.
    header = HEADER.replace("Assigned Date", "Col A").replace("First Touch", "Col B")
    add(qtbot, dialog, prompts, export(tmp_path, header))
    form = dialog.columns
    assert all(shown(b) == wording.FROM_STAGES for pair in form.handoffs.values() for b in pair)
    start, answered = form.handoffs["speed-to-lead"]
    pick(qtbot, start, "Queue In")
    pick(qtbot, answered, "Reply")
    dialog.as_of_check.setChecked(True)
    dialog.as_of.setDate(QDate(2027, 1, 8))  # a Friday
    result = imported(qtbot, dialog)
    assert isinstance(result, Imported)
    assert result.estimates.as_of == date(2027, 1, 8)
    # The stage dates are days only: the other SLAs have no timed hand-off at all.
    assert [r.compliance.sla for r in result.slas] == ["speed-to-lead"]
    c = result.slas[0].compliance
    # New York business hours 9-17. O1 answered in 5 minutes (within 10), O2 in 2 hours;
    # O3, handed over Tuesday 16:30, is past its 10 minutes unanswered: due and stale.
    assert (c.answered, c.due) == (2, 3)
    assert c.within == pytest.approx(1 / 3)
    assert c.median_hours == pytest.approx((5 / 60 + 2) / 2)
    # O3 waits Tuesday's half hour and 8 hours each of Wednesday to Friday.
    assert [(s.id, s.owner, s.hours) for s in c.stale] == [("O3", "cleo", 24.5)]


def test_the_dialog_with_its_hand_offs_still_fits_a_projector(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, export(tmp_path))
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280
    assert hint.height() <= 720
    dialog.resize(1280, 720)
    qtbot.waitUntil(lambda: dialog.size().toTuple() == (1280, 720))
    # The hand-offs sit at the foot of the scrolled column form, reachable there.
    form = dialog.columns
    assert form.handoff_box.isVisibleTo(dialog)
    assert form.height() >= form.minimumSizeHint().height()
