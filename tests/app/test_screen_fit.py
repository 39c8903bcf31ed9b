"""The window fits the screens of a workshop: a 1280x720 projector, a 1366x768 laptop.

Every editor and chart tab and the undo history dock are opened first (a tab that was
never shown has not built its view, and a built view is what could force the window
wider); then the window is made the screen's size and must be exactly that, in normal
and in presentation mode, with every widget either whole within the window or inside a
scroll area that brings it into view, and never squeezed below the size its text needs.
Presentation mode fills its screen, so it runs in a process of its own whose only
screen is a 1280x720 projector (screen_child.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractScrollArea
from pytestqt.qtbot import QtBot
from screen_reach import beyond_reach, every_tab

from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                                  "does not support raise")]

CHILD = Path(__file__).with_name("screen_child.py")
ROOT = Path(__file__).resolve().parents[2]
SCREENS = [(1280, 720), (1366, 768)]
def open_everything(qtbot: QtBot, window: MainWindow) -> None:
    for _ in every_tab(window):
        qtbot.wait(1)
    window.history_dock.show()


def at_size(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size().toTuple() == (width, height), timeout=2000)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_every_view_fits_the_screen_with_nothing_out_of_reach(
        qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    open_everything(qtbot, window)
    at_size(qtbot, window, width, height)
    hint = window.minimumSizeHint()
    assert hint.width() <= width
    assert hint.height() <= height
    for shown in every_tab(window):
        qtbot.wait(1)
        assert window.size().toTuple() == (width, height), shown
        assert beyond_reach(window) == [], shown


@pytest.mark.slow
def test_presentation_mode_fits_a_1280x720_projector(tmp_path: Path) -> None:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{
        "name": "projector", "x": 0, "y": 0, "width": 1280, "height": 720,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), "utf-8")
    env = {**os.environ, "ALIGNPLANNER_CONFIG_DIR": str(tmp_path / "config"),
           "QT_QPA_PLATFORM": f"offscreen:configfile={screens}", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(CHILD)], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["views"] == report["pairs"] >= 9 * 5  # every editor tab with every chart tab
    assert report["sizes"] == [[1280, 720]]
    assert report["largest_minimum"][0] <= 1280
    assert report["largest_minimum"][1] <= 720
    assert report["problems"] == []


def test_the_tabs_are_the_pages_themselves(window: MainWindow) -> None:
    """The editor pages scroll in an area of their own, which callers never see."""
    tabs = window.editor_tabs
    for i in range(tabs.count()):
        page = tabs.widget(i)
        assert tabs.indexOf(page) == i
        tabs.setCurrentWidget(page)
        assert tabs.currentWidget() is page
        assert isinstance(page.parentWidget().parentWidget(), QAbstractScrollArea)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_with_a_variant_shown_and_compared_everything_still_fits(
        qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    """The scenario switcher in the headline strip and "Compare with…" in the chart
    headers appear once the plan has variants: they must fit as well."""
    from alignplanner.domain.scenarios import edits

    assert window.document.edit_scenarios("Add", lambda s: edits.override(
        edits.add(s, "Hire 2 SDRs and a longer name"), "Hire 2 SDRs and a longer name",
        "target.revenue", 12_000_000)) == []
    window.document.show_scenario("Hire 2 SDRs and a longer name")
    open_everything(qtbot, window)
    window.waterfall.compare.choose("Base")
    window.timeline.view.compare.choose("Base")
    at_size(qtbot, window, width, height)
    for shown in every_tab(window):
        qtbot.wait(1)
        assert window.size().toTuple() == (width, height), shown
        assert beyond_reach(window) == [], shown
