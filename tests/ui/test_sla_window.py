"""The SLA, Team and Capacity tabs in the main window: installed by one call, built when
first shown, following documents and themes, and brought up by a click on a warning."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sla_plans import ops_plan

from alignplanner.document.settings import Settings
from alignplanner.document.workflow import FileWorkflow
from alignplanner.domain.edits import roles as role_edits
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.ui.main_window import MainWindow
from alignplanner.ui.wording import sla_verdict

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


class NoQuestions:
    """Prompts for a window that must never ask anything."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"unexpected question {name}")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("ALIGNPLANNER_CONFIG_DIR", str(tmp_path / "config"))
    workflow = FileWorkflow(NoQuestions(), Settings(), autosave_ms=60_000)  # type: ignore[arg-type]
    workflow.start(None)
    main = MainWindow(workflow)
    main.show()
    qtbot.waitExposed(main)
    assert not main.document.replace_plan(ops_plan(sdr_headcount=3), "Ops plan")
    yield main
    main.document.undo_stack.setClean()
    assert main.close()
    main.deleteLater()


def tab_titles(tabs: Any) -> list[str]:
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_tabs_are_added_and_built_only_when_shown(window: MainWindow) -> None:
    ops = window.sla
    titles = tab_titles(window.editor_tabs)
    assert titles.index("T&eam") == titles.index("S&LAs") + 1  # the SLAs, then who keeps them
    assert "Capacity" in tab_titles(window.chart_tabs)  # (the Actuals tab may follow it)
    assert not ops.slas.built
    assert not ops.team.built
    assert not ops.capacity.built
    window.editor_tabs.setCurrentWidget(ops.slas)
    assert ops.slas.built
    assert ops.slas.view.cards[0].title.text() == "Marketing passes MQLs to SDRs"


def click_warning(qtbot: QtBot, window: MainWindow, subject: str) -> None:
    rows = [r for r in window.warnings.rows() if r.warning and r.warning.subject == subject]
    assert rows, subject
    qtbot.mouseClick(rows[0], Qt.MouseButton.LeftButton)


def test_an_sla_warning_brings_up_its_card(qtbot: QtBot, window: MainWindow) -> None:
    click_warning(qtbot, window, "slas[0]")
    ops = window.sla
    assert window.editor_tabs.currentWidget() is ops.slas
    assert ops.slas.view.selected() == 0


def test_a_capacity_warning_brings_up_the_role_and_its_chart(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_warning(qtbot, window, "roles[1]")
    ops = window.sla
    assert window.editor_tabs.currentWidget() is ops.team
    assert ops.team.view.table.currentIndex().row() == 1
    assert window.chart_tabs.currentWidget() is ops.capacity
    assert ops.capacity.view.role_id() == "ae"


def test_a_stagnation_warning_brings_up_the_stage(qtbot: QtBot, window: MainWindow) -> None:

    window.document.edit("Slow MQLs", lambda p: stage_edits.set_stage(p, 1, days=20))
    click_warning(qtbot, window, "stages[1].stale_after_days")
    assert window.editor_tabs.currentWidget() is window.funnel_split
    assert window.stages.table.currentIndex().row() == 1


def test_views_follow_the_theme_and_a_new_document(window: MainWindow) -> None:
    ops = window.sla
    window.chart_tabs.setCurrentWidget(ops.capacity)
    window.set_theme_mode("dark", save=False)
    assert ops.capacity.view.theme.dark
    window.set_theme_mode("light", save=False)
    assert not ops.capacity.view.theme.dark
    window.editor_tabs.setCurrentWidget(ops.team)
    window.document.undo_stack.setClean()
    assert window.workflow.new_from_sample()
    assert ops.team.view.document is window.document
    roles = window.document.plan.roles
    assert ops.capacity.view.role_id() == (roles[0].id if roles else None)  # the sample's
    assert ops.team.view.model.rowCount() == len(window.document.plan.roles)


def test_a_hidden_sla_tab_catches_up_when_shown(qtbot: QtBot, window: MainWindow) -> None:

    ops = window.sla
    window.editor_tabs.setCurrentWidget(ops.slas)
    card = ops.slas.view.cards[0]
    assert card.marker.text() == "✗"
    window.editor_tabs.setCurrentWidget(ops.team)
    window.document.edit("More SDRs", lambda p: role_edits.set_role(p, 0, headcount=9))
    assert card.marker.text() == "✗"  # behind another tab: not redrawn yet
    window.editor_tabs.setCurrentWidget(ops.slas)
    qtbot.waitUntil(lambda: card.marker.text() == "✓")  # the tab shows on the next turn
    verdict = sla_verdict(window.document.plan, window.document.result, 0)
    assert verdict is not None
    assert card.verdict.text() == verdict.text
