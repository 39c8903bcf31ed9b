"""The main window's menus and shortcuts, built in one place.

Actions call the window's small handlers (`Commands`: file workflow, presentation,
theme, export); Undo and Redo come from the document's undo stack, so their text names
the edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget


class Commands(Protocol):
    """What the menus ask the window to do."""

    def file_new(self) -> None: ...
    def file_open(self, path: Path | None = None) -> None: ...
    def file_save(self) -> None: ...
    def file_save_as(self) -> None: ...
    def export_png(self) -> None: ...
    def export_pdf(self) -> None: ...
    def close(self) -> bool: ...
    def toggle_presentation(self) -> None: ...
    def toggle_history(self) -> None: ...
    def set_theme_mode(self, mode: str, *, save: bool = True) -> None: ...
    def show_about(self) -> None: ...


@dataclass
class Actions:
    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    export_png: QAction
    export_pdf: QAction
    quit: QAction
    presentation: QAction
    history: QAction
    theme: QActionGroup
    recent_menu: QMenu
    edit_menu: QMenu
    file_menu: QMenu
    file_group_end: QAction  # the separator before Save: the Open group ends there


def _action(window: QWidget, text: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build(window: QWidget, bar: QMenuBar, commands: Commands, undo_stack: QUndoStack) -> Actions:
    """The menu bar's menus and their actions (parented to ``window``); Undo and Redo
    follow ``undo_stack``."""
    keys = QKeySequence.StandardKey
    file_menu = bar.addMenu("&File")
    new = _action(window, "&New from sample plan", commands.file_new, keys.New,
                  "Start a new, untitled plan from the built-in sample")
    open_ = _action(window, "&Open…", commands.file_open, keys.Open, "Open a plan file")
    recent = QMenu("Open &recent", window)
    save = _action(window, "&Save", commands.file_save, keys.Save, "Save the plan")
    save_as = _action(window, "Save &as…", commands.file_save_as, keys.SaveAs,
                      "Save the plan under a new name")
    export_png = _action(window, "Export view as &PNG…", commands.export_png, "Ctrl+Shift+E",
                         "Save the chart on screen as a picture")
    export_pdf = _action(window, "Export one-page PDF &summary…", commands.export_pdf,
                         "Ctrl+Shift+P", "A one-page summary for people not in the room")
    quit_ = _action(window, "&Quit", commands.close, keys.Quit)
    for item in (new, open_):
        file_menu.addAction(item)
    file_menu.addMenu(recent)
    file_group_end = file_menu.addSeparator()
    for item in (save, save_as):
        file_menu.addAction(item)
    file_menu.addSeparator()
    for item in (export_png, export_pdf):
        file_menu.addAction(item)
    file_menu.addSeparator()
    file_menu.addAction(quit_)

    edit_menu = bar.addMenu("&Edit")
    undo = undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(keys.Undo)
    redo = undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)

    view = bar.addMenu("&View")
    presentation = _action(window, "&Presentation mode", commands.toggle_presentation, "F5",
                           "Full screen, large type, charts first (Esc or F5 leaves)")
    presentation.setCheckable(True)
    history = _action(window, "Undo &history", commands.toggle_history, "Ctrl+H",
                      "Every change made, in order; click one to go back to it")
    history.setCheckable(True)
    view.addAction(presentation)
    view.addAction(history)
    theme_menu = view.addMenu("&Theme")
    theme = QActionGroup(window)
    for mode, label in (("system", "Follow the &system"), ("light", "&Light"),
                        ("dark", "&Dark")):
        action = QAction(label, window)
        action.setCheckable(True)
        action.setData(mode)
        theme.addAction(action)
        theme_menu.addAction(action)
    theme.triggered.connect(lambda a: commands.set_theme_mode(str(a.data())))

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(_action(window, "&About AlignPlanner", commands.show_about))
    return Actions(new, open_, save, save_as, export_png, export_pdf, quit_, presentation,
                   history, theme, recent, edit_menu, file_menu, file_group_end)
