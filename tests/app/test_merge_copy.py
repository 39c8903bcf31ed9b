"""File > Merge a copy… driven through the window: the copy picked, BASE found from the
history and the version store (or asked for), every change listed, Merge one undoable
step, each conflict's choice another, and the choices following Edit > Undo and Redo."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from plan_copies import SAMPLE, plan_file, store  # noqa: F401 (store: autouse)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from alignplanner.contract import versions
from alignplanner.contract.reader import load
from alignplanner.domain.edits.stages import set_stage
from alignplanner.domain.history import History
from alignplanner.ui.main_window import MainWindow
from alignplanner.ui.merge.dialog import CONFLICT_MARK, MergeDialog

pytestmark = pytest.mark.gui
BASE = History("a" * 16)


def _copies(tmp_path: Path) -> tuple[Path, Path, Path]:
    plan = SAMPLE.plan
    ours = set_stage(plan.with_changes(target=dataclasses.replace(
        plan.target, revenue=plan.target.revenue + 500_000)), 1, conversion=0.61)
    return (plan_file(tmp_path / "base.toml", plan, BASE),
            plan_file(tmp_path / "ours.toml", ours, BASE.saved_again("b" * 16)),
            plan_file(tmp_path / "theirs.toml", set_stage(plan, 1, conversion=0.52),
                  BASE.saved_again("c" * 16)))


def _open_merge(window: MainWindow, prompts: ScriptedPrompts, theirs: Path) -> MergeDialog:
    prompts.script("ask_open_path", theirs)
    window.merge.action.trigger()
    dialog = window.merge.dialog
    assert dialog is not None
    return dialog


def _edit(window: MainWindow, which: str) -> None:
    """Edit > Undo or Edit > Redo, as the menu holds them."""
    (action,) = [a for a in window.menu_actions.edit_menu.actions()
                 if a.text().replace("&", "").startswith(which)]
    action.trigger()


def _combo(dialog: MergeDialog) -> QComboBox:
    (combo,) = dialog.choices.values()
    return combo


def test_merge_a_copy_with_base_from_history(qtbot: QtBot, window: MainWindow,
                                             prompts: ScriptedPrompts, tmp_path: Path) -> None:
    base, ours, theirs = _copies(tmp_path)
    versions.keep(BASE.version, base.read_text(encoding="utf-8"))
    assert window.workflow.open(ours)
    assert "Merge a copy…" in [a.text().replace("&", "")
                               for a in window.menu_actions.file_menu.actions()]
    dialog = _open_merge(window, prompts, theirs)
    assert "Base: version aaaaaaaaaaaaaaaa" in dialog.heading.text()
    top = [dialog.changes.topLevelItem(i) for i in range(dialog.changes.topLevelItemCount())]
    texts = [[t.child(j).text(0) for j in range(t.childCount())] for t in top]
    conversion = SAMPLE.plan.stages[1]
    assert any(t.startswith(CONFLICT_MARK + conversion.name) for t in texts[0])
    assert any(t.startswith("Revenue target") for t in texts[0])
    assert texts[1] == [f"{CONFLICT_MARK}{conversion.name} conversion "
                        f"{conversion.conversion * 100:.4g}% -> 52%"]
    row = dialog.conflicts.item(0, 0).text()
    assert row.endswith("-> 52% in theirs.toml")
    assert " in this plan, but " in row
    combo = _combo(dialog)
    assert not combo.isEnabled()  # nothing to choose before the merge
    document = window.document
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert document.undo_stack.count() == 1
    assert combo.isEnabled()
    assert not dialog.merge_button.isEnabled()
    assert document.plan.stages[1].conversion == 0.61
    assert combo.currentIndex() == 0
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "Take the copy's"
    assert document.undo_stack.count() == 2
    assert document.plan.stages[1].conversion == 0.52
    assert combo.currentIndex() == 1
    _edit(window, "Undo")
    assert document.plan.stages[1].conversion == 0.61
    assert combo.currentIndex() == 0  # the choice follows the document
    _edit(window, "Redo")
    assert combo.currentIndex() == 1
    _edit(window, "Undo")
    _edit(window, "Undo")  # the merge itself
    assert not combo.isEnabled()
    assert dialog.merge_button.isEnabled()
    assert document.plan.stages[1].conversion == 0.61
    assert document.plan == load(ours).plan


def test_base_not_found_is_asked_for(window: MainWindow, prompts: ScriptedPrompts,
                                     tmp_path: Path) -> None:
    base, ours, theirs = _copies(tmp_path)
    assert window.workflow.open(ours)
    prompts.script("ask_open_path", theirs, base)
    window.merge.action.trigger()
    notice = [args for q, args in prompts.asked if q == "show_notice"]
    assert notice
    assert notice[-1][1][0].startswith("The version both copies come from, aaaaaaaaaaaaaaaa")
    dialog = window.merge.dialog
    assert dialog is not None
    assert "Base: base.toml, given" in dialog.heading.text()


def test_a_copy_that_does_not_load_says_why(window: MainWindow, prompts: ScriptedPrompts,
                                            tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n", encoding="utf-8")
    prompts.script("ask_open_path", broken)
    window.merge.action.trigger()
    assert window.merge.dialog is None
    assert [q for q, _ in prompts.asked][-1] == "show_problems"
