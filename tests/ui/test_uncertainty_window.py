"""The Uncertainty tab in the window: a chart tab built when first shown, refreshed when it
is seen after an edit made behind another tab, larger in presentation mode, and the app's
JSON export carries the same numbers as the tab."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from alignplanner.contract.write.uncertainty import results_dict
from alignplanner.ui.main_window import MainWindow
from alignplanner.ui.uncertainty.view import UncertaintyView

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                                          "does not support raise")]


def _shown(qtbot: QtBot, window: MainWindow) -> UncertaintyView:
    tabs = window.chart_tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert "Uncertainty" in titles
    assert not window.uncertainty.built  # nobody looked yet: nothing was drawn
    tabs.setCurrentIndex(titles.index("Uncertainty"))
    view = window.uncertainty.view
    qtbot.waitUntil(lambda: view.findings is not None and not view.runner.busy, timeout=30_000)
    return view


def test_an_edit_behind_another_tab_reruns_when_the_tab_is_seen(
        qtbot: QtBot, main_window: MainWindow) -> None:
    view = _shown(qtbot, main_window)
    document = main_window.document
    before = view.findings
    main_window.chart_tabs.setCurrentIndex(0)  # the waterfall
    revenue = document.plan.target.revenue * 1.25
    assert document.edit("Revenue", lambda p: replace(
        p, target=replace(p.target, revenue=revenue))) == []
    qtbot.wait(400)  # past the debounce: a tab nobody sees does not run
    assert view.findings is before
    main_window.chart_tabs.setCurrentWidget(main_window.uncertainty)
    qtbot.waitUntil(lambda: view.findings is not before and not view.runner.busy,
                    timeout=30_000)
    assert view.findings is not None
    assert view.findings.simulation.target == pytest.approx(revenue)


def test_presentation_mode_shows_p_hit_larger(qtbot: QtBot, main_window: MainWindow) -> None:
    view = _shown(qtbot, main_window)
    normal = view.figures.hit.font().pointSizeF()
    title = view.fan.title_label.font().pointSizeF()
    main_window.presentation.set_active(True)
    try:
        QApplication.processEvents()
        assert main_window.chart_tabs.currentWidget() is main_window.uncertainty
        assert view.figures.hit.font().pointSizeF() > normal
        assert view.fan.title_label.font().pointSizeF() > title
    finally:
        main_window.presentation.set_active(False)


def test_the_json_export_carries_the_tabs_numbers(qtbot: QtBot, main_window: MainWindow,
                                                  prompts: ScriptedPrompts,
                                                  tmp_path: Path) -> None:
    view = _shown(qtbot, main_window)
    data = tmp_path / "contract.json"
    prompts.script("ask_export_path", data)
    main_window.menu_actions.export_json.trigger()
    exported = json.loads(data.read_text(encoding="utf-8"))
    assert view.findings is not None
    assert exported["uncertainty"]["results"] == results_dict(view.findings.simulation)
