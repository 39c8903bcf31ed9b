"""The Actuals tab's SLA compliance table (from the exports' times, on the sample plan's
New York business hours) and its table of this week against last week (from the snapshot
the first import left in the plan), driven through File > Import actuals…, by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from actuals_exports import FakePrompts
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from alignplanner.ui import wording
from alignplanner.ui.actuals.review_models import (
    HANDOFFS,
    MEDIAN,
    NEW,
    NOW,
    P95,
    STALE,
    VS,
    WITHIN,
    WITHIN_2,
)
from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

HEADER = "OpportunityId,CreatedDate,StageName,OwnerId\n"
WEEK_ONE = (
    "O0,12/28/26 10:00 AM,Inquiry,dan\n"  # a day over 12: the dates are month first
    "O1,01/04/27 09:00 AM,MQL,ana\n"  # Monday
    "O1,01/04/27 09:05 AM,Sales Accepted,ana\n"  # 5 minutes
    "O2,01/04/27 04:00 PM,MQL,ben\n"
    "O2,01/05/27 10:00 AM,Sales Accepted,ben\n"  # 1 h Monday + 1 h Tuesday
    "O3,01/08/27 04:30 PM,MQL,cleo\n"  # Friday, never answered
    "O4,01/11/27 09:00 AM,MQL,ana\n"
    "O4,01/11/27 12:00 PM,Sales Accepted,ana\n")  # 3 h
WEEK_TWO = ("O5,01/19/27 09:00 AM,MQL,ben\n"  # Tuesday (Monday 18 is a holiday)
            "O5,01/19/27 09:30 AM,Sales Accepted,ben\n")


def _import(qtbot: QtBot, main_window: MainWindow, path: Path) -> None:
    feature = main_window.actuals
    dialog = feature.open_dialog()
    if not dialog.files.list.count():
        qtbot.mouseClick(dialog.files.add_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_sla_compliance_then_this_week_against_last(qtbot: QtBot, main_window: MainWindow,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_text(HEADER + WEEK_ONE, encoding="utf-8")
    prompts = FakePrompts()
    prompts.exports = [path]
    main_window.actuals.prompts = prompts
    _import(qtbot, main_window, path)
    dialog = main_window.actuals.dialog
    assert dialog is not None
    assert dialog.columns.roles["owner"].currentText() == "OwnerId"  # guessed, and shown
    view = main_window.actuals.view.view
    model = view.sla_model
    assert view.sla_table.isVisibleTo(view)
    assert not view.week_table.isVisibleTo(view)  # no earlier week kept yet
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    # sql-discovery has no hand-offs in the export: no row.
    assert names == ["Speed to lead", "Accept or reject every MQL"]
    cell = lambda r, c: model.data(model.index(r, c))  # noqa: E731
    # As of Monday 11 January's end. Speed to lead (10 minutes): answered in 5 min, 2 h and
    # 3 h; O3 waits Friday's 0.5 h and Monday's 8 h: stale. Median 2 h; p95 at 1.9 of 2:
    # 2 + 0.9 x 1 = 2.9 h. Within 10 minutes: 1 of the 4 due.
    assert [cell(0, c) for c in (HANDOFFS, MEDIAN, P95, WITHIN, WITHIN_2, STALE)] == [
        "4", "2.0 h", "2.9 h", "25% of 95%", "25%", "1"]
    assert "O3 \u2013 cleo, 8.5 h waiting" in model.data(model.index(0, STALE),
                                                       Qt.ItemDataRole.ToolTipRole)
    # Accept or reject (4 hours): 5 min, 2 h and 3 h are within; O3 is stale.
    assert [cell(1, c) for c in (HANDOFFS, WITHIN, STALE)] == ["4", "75% of 95%", "1"]

    path.write_text(HEADER + WEEK_ONE + WEEK_TWO, encoding="utf-8")
    _import(qtbot, main_window, path)
    assert len(main_window.document.snapshots.taken) == 2
    week = view.week_model
    assert view.week_table.isVisibleTo(view)
    assert view.week_caption.text() == f"<b>{wording.week_caption(date(2027, 1, 11))}</b>"
    rows = {week.headerData(r, Qt.Orientation.Vertical): r for r in range(week.rowCount())}
    mql, sal = rows["Marketing qualified lead"], rows["Sales accepted lead"]
    assert [week.data(week.index(mql, c)) for c in (NOW, VS, NEW)] == ["5", "+1", "+1"]
    assert [week.data(week.index(sal, c)) for c in (NOW, VS)] == ["4", "+1"]
    # Undo the second snapshot: last week is still the first, so the table stays.
    main_window.document.undo_stack.undo()
    assert len(main_window.document.snapshots.taken) == 1
    assert week.data(week.index(mql, VS)) == "+1"
