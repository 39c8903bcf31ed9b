"""File > Import actuals…, driven as a person would: add a Salesforce OpportunityHistory
export, see the guesses and what they mean, save the mapping beside the plan, import on
the worker thread, cancel a long read, and see a broken file named with its line and
column while the plan stays as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from actuals_exports import FakePrompts, opportunity_history, plan_document
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from alignplanner.contract.actuals.mapping_file import read_mapping
from alignplanner.document.document import PlanDocument
from alignplanner.ui import wording
from alignplanner.ui.actuals.dialog import ImportDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def document(tmp_path: Path) -> PlanDocument:
    return plan_document(tmp_path)


def open_dialog(qtbot: QtBot, document: PlanDocument, prompts: FakePrompts) -> ImportDialog:
    dialog = ImportDialog(document, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def add(qtbot: QtBot, dialog: ImportDialog, prompts: FakePrompts, *paths: Path) -> None:
    prompts.exports = list(paths)
    qtbot.mouseClick(dialog.files.add_button, Qt.MouseButton.LeftButton)


def imported(qtbot: QtBot, dialog: ImportDialog) -> object:
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_the_guesses_show_with_what_they_mean(qtbot: QtBot, document: PlanDocument,
                                              tmp_path: Path) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, opportunity_history(tmp_path / "history.csv", 60))
    assert dialog.files.list.count() == 1
    roles = dialog.columns.roles
    assert roles["id"].currentText() == "OpportunityId"
    assert roles["stage"].currentText() == "StageName"
    assert roles["date"].currentText() == "CreatedDate"
    assert roles["amount"].currentText() == "Amount"
    assert dialog.columns.shape.currentData() == "long"
    assert dialog.files.table.rowCount() > 0
    assert dialog.files.table.horizontalHeaderItem(1).text() == "OpportunityId"
    assert dialog.stage_map.mapping() == {
        "Inquiry": "inquiry", "MQL": "mql", "Sales Accepted": "sal", "SQL": "sql",
        "Opportunity": "opportunity", "Closed Won": "won", "Closed Lost": "lost"}
    text = dialog.explanation.text()
    assert "Salesforce OpportunityHistory" in text
    assert "\u201cStageName\u201d" in text
    assert "unattributed" in text  # no source column, said plainly


def test_changing_a_column_changes_the_words(qtbot: QtBot, document: PlanDocument,
                                             tmp_path: Path) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, opportunity_history(tmp_path / "history.csv", 20))
    source = dialog.columns.roles["source"]
    source.setCurrentIndex(source.findText("CreatedById"))
    assert "The source is \u201cCreatedById\u201d." in dialog.explanation.text()
    assert dialog.files.current().file.source == "CreatedById"  # type: ignore[union-attr]


def test_save_mapping_beside_the_plan_and_open_it_next_week(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    prompts = FakePrompts()
    exports = tmp_path / "exports"
    exports.mkdir()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, opportunity_history(exports / "history.csv", 30))
    dialog.as_of_check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "q3.actuals.toml"
    assert saved.is_file()
    assert "mapping" not in prompts.asked  # a saved plan needs no question
    mapping = read_mapping(str(saved))
    assert [f.path for f in mapping.files] == ["exports/history.csv"]
    assert mapping.files[0].stage == "StageName"
    assert mapping.stages["Closed Lost"] == "lost"
    assert mapping.as_of == date.today()  # the date the box shows unless changed
    assert "q3.actuals.toml" in dialog.files.notes.text()
    dialog.close()
    again = open_dialog(qtbot, document, FakePrompts())
    assert again.files.list.count() == 1
    assert again.files.list.item(0).text() == "history.csv"
    assert again.columns.roles["id"].currentText() == "OpportunityId"
    assert again.stage_map.mapping()["Sales Accepted"] == "sal"
    assert again.as_of_check.isChecked()


def test_an_unsaved_plan_asks_where_the_mapping_goes(qtbot: QtBot, tmp_path: Path) -> None:
    document = plan_document(tmp_path)
    document.set_path(None)
    prompts = FakePrompts()
    prompts.mapping_path = tmp_path / "elsewhere.actuals.toml"
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, opportunity_history(tmp_path / "history.csv", 10))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert prompts.asked == ["exports", "mapping"]
    assert read_mapping(str(prompts.mapping_path)).files[0].path == "history.csv"


def test_import_reads_on_a_worker_and_gives_the_estimates(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, opportunity_history(tmp_path / "history.csv", 700))
    plan = document.plan
    result = imported(qtbot, dialog)
    estimates = result.estimates  # type: ignore[attr-defined]
    assert estimates.records == 700
    first = estimates.transitions[0]
    assert (first.from_stage, first.to_stage) == ("inquiry", "mql")
    assert first.entered == 700
    assert first.converted == 600  # every record with at least one step up
    assert document.plan is plan
    assert not document.is_modified


def test_cancel_stops_a_long_read_and_changes_nothing(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, opportunity_history(tmp_path / "big.csv", 60_000))
    got: list[object] = []
    dialog.imported.connect(got.append)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    assert dialog.progress.isVisible()
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.job.signals.cancelled, timeout=20_000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None)
    assert dialog.message.text() == wording.CANCELLED
    assert dialog.isVisible()
    assert dialog.import_button.isEnabled()
    assert got == []
    assert not document.is_modified


def test_a_broken_date_is_named_with_file_line_and_column(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    path = opportunity_history(tmp_path / "broken.csv", 30)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("2024-", "20x4-", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, path)
    plan = document.plan
    failed: list[object] = []
    dialog.imported.connect(failed.append)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    text = dialog.message.text()
    assert wording.NOT_IMPORTED in text
    assert "broken.csv, line 3" in text
    assert "CreatedDate" in text
    assert "Traceback" not in text
    assert failed == []
    assert document.plan is plan
    assert dialog.isVisible()


def test_values_the_import_refuses_join_the_stage_table(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    path = opportunity_history(tmp_path / "history.csv", 900, extra="Negotiation/Review")
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, path)
    assert "Negotiation/Review" not in dialog.stage_map.mapping()  # beyond the first rows
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert dialog.stage_map.mapping()["Negotiation/Review"] == ""
    assert wording.UNMAPPED in dialog.message.text()
    box = dialog.stage_map.box("Negotiation/Review")
    box.setCurrentIndex(box.findData("opportunity"))
    result = imported(qtbot, dialog)
    assert result.estimates.records == 901  # type: ignore[attr-defined]


def test_an_unreadable_export_says_why_and_is_not_added(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, empty)
    assert dialog.files.list.count() == 0
    assert "empty.csv" in dialog.files.notes.text()


def test_ambiguous_dates_can_be_told_their_order(qtbot: QtBot, document: PlanDocument,
                                                 tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_text("Opportunity ID,Stage,Created Date\n"
                    "006a,Inquiry,03/04/2024\n006a,MQL,05/04/2024\n"
                    "006b,Inquiry,04/03/2024\n006b,Closed Won,06/03/2024\n", encoding="utf-8")
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, path)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert "date_order" in dialog.message.text()
    order = dialog.columns.date_order
    order.setCurrentIndex(order.findData("dmy"))
    assert dialog.files.current().file.date_order == "dmy"  # type: ignore[union-attr]
    result = imported(qtbot, dialog)
    assert result.actuals.as_of.isoformat() == "2024-04-05"  # 5 April, read day first  # type: ignore[attr-defined]


def test_the_window_stays_responsive_and_the_bar_moves(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer

    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, opportunity_history(tmp_path / "big.csv", 40_000))
    ticks: list[int] = []
    timer = QTimer(dialog)
    timer.timeout.connect(lambda: ticks.append(dialog.progress.value()))
    timer.start(5)
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    timer.stop()
    assert len(ticks) >= 3  # the window's own events ran while the worker read
    assert any(value > 0 for value in ticks)  # and the bar moved


def test_a_workbooks_other_sheet_can_be_chosen(qtbot: QtBot, document: PlanDocument,
                                               tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    summary.append(["Report", "Opportunity history, exported"])
    history = book.create_sheet("History")
    lines = opportunity_history(tmp_path / "history.csv", 20).read_text("utf-8").splitlines()
    for line in lines:
        history.append(line.split(","))
    path = tmp_path / "report.xlsx"
    book.save(path)
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, path)
    sheet = dialog.files.sheet
    assert sheet.isVisibleTo(dialog)
    assert [sheet.itemText(i) for i in range(sheet.count())] == ["Summary", "History"]
    assert dialog.files.current().kind == "unknown"  # type: ignore[union-attr]
    sheet.setCurrentIndex(1)
    entry = dialog.files.current()
    assert entry is not None
    assert entry.kind == "salesforce-opportunity-history"
    assert entry.file.sheet == "History"
    assert dialog.columns.roles["stage"].currentText() == "StageName"
    assert dialog.stage_map.mapping()["Closed Won"] == "won"
    result = imported(qtbot, dialog)
    assert result.estimates.records == 20  # type: ignore[attr-defined]


def test_escape_during_a_read_cancels_it_and_keeps_the_dialog(
        qtbot: QtBot, document: PlanDocument, tmp_path: Path) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, document, prompts)
    add(qtbot, dialog, prompts, opportunity_history(tmp_path / "big.csv", 60_000))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    with qtbot.waitSignal(dialog.job.signals.cancelled, timeout=20_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.job is None)
    assert dialog.isVisible()
    assert dialog.message.text() == wording.CANCELLED
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing runs: Escape closes
    assert not dialog.isVisible()
