"""The main window's menus and shortcuts, built in one place.

Actions call the window's small handlers (file workflow, presentation, theme, export);
Undo and Redo come from the document's undo stack, so their text names the edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from alignplanner.ui.main_window import MainWindow


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


def _action(window: MainWindow, text: str, slot: Callable[[], object],
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


def build(window: MainWindow) -> Actions:
    keys = QKeySequence.StandardKey
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    new = _action(window, "&New from sample plan", window.file_new, keys.New,
                  "Start a new, untitled plan from the built-in sample")
    open_ = _action(window, "&Open…", window.file_open, keys.Open, "Open a plan file")
    recent = QMenu("Open &recent", window)
    save = _action(window, "&Save", window.file_save, keys.Save, "Save the plan")
    save_as = _action(window, "Save &as…", window.file_save_as, keys.SaveAs,
                      "Save the plan under a new name")
    export_png = _action(window, "Export view as &PNG…", window.export_png, "Ctrl+Shift+E",
                         "Save the chart on screen as a picture")
    export_pdf = _action(window, "Export one-page PDF &summary…", window.export_pdf,
                         "Ctrl+Shift+P", "A one-page summary for people not in the room")
    quit_ = _action(window, "&Quit", window.close, keys.Quit)
    for item in (new, open_):
        file_menu.addAction(item)
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    for item in (save, save_as):
        file_menu.addAction(item)
    file_menu.addSeparator()
    for item in (export_png, export_pdf):
        file_menu.addAction(item)
    file_menu.addSeparator()
    file_menu.addAction(quit_)

    edit_menu = bar.addMenu("&Edit")  # undo/redo are (re)attached per document

    view = bar.addMenu("&View")
    presentation = _action(window, "&Presentation mode", window.toggle_presentation, "F5",
                           "Full screen, large type, charts first (Esc or F5 leaves)")
    presentation.setCheckable(True)
    history = _action(window, "Undo &history", window.toggle_history, "Ctrl+H",
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
    theme.triggered.connect(lambda a: window.set_theme_mode(str(a.data())))

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(_action(window, "&About AlignPlanner", window.show_about))
    return Actions(new, open_, save, save_as, export_png, export_pdf, quit_, presentation,
                   history, theme, recent, edit_menu)
