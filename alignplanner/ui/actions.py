"""The main window's menus and shortcuts, built in one place.

Actions call the window's small handlers (`Commands`: file workflow, presentation,
theme, export); Undo and Redo come from the document's undo stack, so their text names
the edit. They work from every field too (`UndoEverywhere`): a text or number field
would otherwise keep Ctrl+Z for its own typing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QMenu,
    QMenuBar,
    QWidget,
)


class Commands(Protocol):
    """What the menus ask the window to do."""

    def file_new(self) -> None: ...
    def file_new_from_sample(self) -> None: ...
    def file_open(self, path: Path | None = None) -> None: ...
    def file_save(self) -> None: ...
    def file_save_as(self) -> None: ...
    def export_png(self) -> None: ...
    def export_pdf(self) -> None: ...
    def export_json(self) -> None: ...
    def export_csv(self) -> None: ...
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
    undo_everywhere: UndoEverywhere
    new_from_sample: QAction
    export_json: QAction
    export_csv: QAction


REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))
COMMITTED = "committedText"  # a line edit's text when it was last committed


class UndoEverywhere(QObject):
    """Undo and redo of the plan from any field of ``window``. Typing not yet committed
    is undone first (the field shows the plan's value again, as Esc does in a cell);
    then Ctrl+Z undoes the plan's last change, Ctrl+Shift+Z or Ctrl+Y redoes one. A cell
    editor closes first, so that it cannot write its old value back afterwards.
    Multi-line text keeps its own undo, as every text editor does."""

    def __init__(self, window: QWidget, stack: QUndoStack) -> None:
        super().__init__(window)
        self._window = window
        self._stack = stack
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _field(self, watched: QObject) -> QWidget | None:
        """The field ``watched`` is (or is part of) in this window, if any."""
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return None
        parent = watched.parentWidget()
        if isinstance(watched, QLineEdit) and isinstance(parent, QAbstractSpinBox):
            return parent
        return watched if isinstance(watched, (QLineEdit, QAbstractSpinBox)) else None

    @staticmethod
    def _which(event: QKeyEvent) -> str:
        if event.matches(QKeySequence.StandardKey.Undo):
            return "undo"
        pressed = QKeySequence(event.keyCombination())
        if event.matches(QKeySequence.StandardKey.Redo) or pressed in REDO_KEYS:
            return "redo"
        return ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.FocusIn):
            return False
        field = self._field(watched)
        if field is None:
            return False
        if kind == QEvent.Type.FocusIn or (
                isinstance(field, QLineEdit) and isinstance(event, QKeyEvent)
                and kind == QEvent.Type.KeyPress and event.text() in ("\r", "\n")):
            if isinstance(field, QLineEdit):
                field.setProperty(COMMITTED, field.text())
            return False
        assert isinstance(event, QKeyEvent)
        which = self._which(event)
        if not which:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes here as a key press, not to the field's undo
            return True
        if watched is field:  # once, not again for a spin box's line
            self._undo_or_redo(field, which)
        return True

    def _undo_or_redo(self, field: QWidget, which: str) -> None:
        if which == "undo" and _revert_typing(field):
            return
        viewport = field.parentWidget()
        view = viewport.parentWidget() if viewport is not None else None
        if isinstance(view, QAbstractItemView):  # a cell editor: closed, not committed
            view.itemDelegate().closeEditor.emit(field, QAbstractItemDelegate.EndEditHint.NoHint)
            view.setFocus()
        if which == "undo":
            self._stack.undo()
        else:
            self._stack.redo()


def _revert_typing(field: QWidget) -> bool:
    """Put back the committed value over typing in ``field``; whether there was any."""
    has_typing = getattr(field, "has_typing", None)  # a NumberBox (ui/editors/number_box)
    if callable(has_typing) and has_typing():
        field.revert()  # type: ignore[attr-defined]
        return True
    if isinstance(field, QLineEdit) and field.isModified():
        committed = field.property(COMMITTED)
        if isinstance(committed, str) and committed != field.text():
            field.setText(committed)
            return True
    return False


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
    new = _action(window, "&New blank plan", commands.file_new, keys.New,
                  "Start an untitled plan with the usual funnel stages and nothing else: "
                  "no sources, team, SLAs, holidays, scoring or approvers")
    new_sample = _action(window, "New from &sample plan", commands.file_new_from_sample,
                         tip="Start an untitled copy of the built-in sample plan, with "
                         "its sources, team, SLAs, scoring and approvers")
    open_ = _action(window, "&Open…", commands.file_open, keys.Open, "Open a plan file")
    recent = QMenu("Open &recent", window)
    save = _action(window, "&Save", commands.file_save, keys.Save, "Save the plan")
    save_as = _action(window, "Save &as…", commands.file_save_as, keys.SaveAs,
                      "Save the plan under a new name")
    export_png = _action(window, "Export view as &PNG…", commands.export_png, "Ctrl+Shift+E",
                         "Save the chart on screen as a picture")
    export_pdf = _action(window, "Export PDF &summary…", commands.export_pdf, "Ctrl+Shift+P",
                         "The plan on one page, and the weekly review on a second once "
                         "actuals are imported, for people not in the room")
    export_json = _action(window, "Export plan and results as &JSON…", commands.export_json,
                          tip="The plan and every computed number, for other programs")
    export_csv = _action(window, "Export monthly volumes as &CSV…", commands.export_csv,
                         tip="Every stage's and source's monthly volumes, for a spreadsheet")
    quit_ = _action(window, "&Quit", commands.close, keys.Quit)
    for item in (new, new_sample, open_):
        file_menu.addAction(item)
    file_menu.addMenu(recent)
    file_group_end = file_menu.addSeparator()
    for item in (save, save_as):
        file_menu.addAction(item)
    file_menu.addSeparator()
    for item in (export_png, export_pdf, export_json, export_csv):
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
                   history, theme, recent, edit_menu, file_menu, file_group_end,
                   UndoEverywhere(window, undo_stack), new_sample, export_json, export_csv)
