"""File > Compare with file…: a copy with a changed conversion lists that change (inputs
first, then what it does), in a window that is not modal; a broken file shows its
problems with their lines and the plan on screen stays."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from alignplanner.resources import sample_plan_path
from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def copy_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = sample_plan_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_compare_lists_a_changed_conversion_and_stays_open_beside_the_plan(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts,
        tmp_path: Path) -> None:
    stage = main_window.document.plan.stages[0]
    assert stage.conversion == pytest.approx(0.12)
    theirs = copy_with(tmp_path, "theirs.toml", "conversion = 0.12", "conversion = 0.15")
    prompts.script("ask_open_path", theirs)
    action = main_window.agreement.compare_action
    file_menu = next(a.menu() for a in main_window.menuBar().actions()
                     if a.text() == "&File")
    assert action in file_menu.actions()
    action.trigger()
    dialog = main_window.agreement.compare_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.isModal()
    inputs = [dialog.inputs[1].item(i).text() for i in range(dialog.inputs[1].count())]
    assert inputs == [f"{stage.name} conversion 12% -> 15%"]
    consequences = dialog.consequences[1]
    assert consequences.count() > 0
    assert consequences.item(0).text().startswith(f"{stage.name} needed over the plan")
    assert dialog.lines()[0] == inputs[0]
    assert "theirs.toml" in dialog.heading.text()
    assert main_window.document.plan.stages[0].conversion == pytest.approx(0.12)  # untouched
    dialog.close()


def test_comparing_with_the_same_plan_says_so(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts,
        tmp_path: Path) -> None:
    same = copy_with(tmp_path, "same.toml", "conversion = 0.12", "conversion = 0.12")
    prompts.script("ask_open_path", same)
    main_window.agreement.compare_action.trigger()
    dialog = main_window.agreement.compare_dialog
    assert dialog is not None
    assert dialog.lines() == []
    assert "says the same" in dialog.heading.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_broken_file_shows_its_problems_with_lines_and_the_app_stays(
        main_window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path) -> None:
    broken = copy_with(tmp_path, "broken.toml", "conversion = 0.12", "conversion = 7")
    before = main_window.document
    prompts.script("ask_open_path", broken)
    main_window.agreement.compare_action.trigger()
    title, lines = next(args for q, args in prompts.asked if q == "show_problems")
    assert "broken.toml" in title
    assert any(re.search(r"broken\.toml:\d+: .*conversion", line) for line in lines), lines
    assert main_window.workflow.document is before
    assert main_window.agreement.compare_dialog is None


def test_cancelling_the_file_question_does_nothing(
        main_window: MainWindow, prompts: ScriptedPrompts) -> None:
    prompts.script("ask_open_path", None)
    main_window.agreement.compare_action.trigger()
    assert main_window.agreement.compare_dialog is None
    assert prompts.questions() == ["ask_open_path"]
