"""Workbench: the window's places for a feature, given to it instead of the window itself.

A feature (the SLA and team tabs, the agreement's tabs and badge) is installed with
``install(bench)``. It finds here the one document of the window, the prompts and the
settings, and adds itself: editor and chart tabs, a headline figure, a File menu action.
It brings its own tabs forward with `show_editor` / `show_chart`, follows the window's
theme with `follow_theme`, and answers clicks on the warnings it knows with `on_subject`.
It never reaches into the window's widgets, so the window can change without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.document.prompts import Prompts
from alignplanner.document.settings import Settings
from alignplanner.ui.scroll_tabs import ScrollingTabs
from alignplanner.ui.theme import Theme

SubjectHandler = Callable[[str], bool]
"""Shows what a warning about ``subject`` concerns; False when the subject is not its."""


class Themed(Protocol):
    """Anything that wears a theme (a view, a lazy tab)."""

    def apply_theme(self, theme: Theme) -> None: ...


class Workbench:
    """What the main window offers the features it assembles."""

    def __init__(self, document: PlanDocument, prompts: Prompts, settings: Settings, *,
                 window: QWidget, editor_tabs: ScrollingTabs, chart_tabs: ScrollingTabs,
                 add_headline: Callable[[QWidget], None], file_menu: QMenu,
                 file_group_end: QAction) -> None:
        self.document = document
        self.prompts = prompts
        self.settings = settings
        self.window = window  # the parent of a feature's dialogs and actions
        self._editor_tabs = editor_tabs
        self._chart_tabs = chart_tabs
        self._add_headline = add_headline
        self._file_menu = file_menu
        self._file_group_end = file_group_end
        self._subjects: list[SubjectHandler] = []
        self._themed: list[Themed] = []
        self._theme: Theme | None = None

    # -- places ----------------------------------------------------------------------------

    def add_editor_tab(self, widget: QWidget, title: str) -> None:
        """An editor tab; it scrolls where the pane is smaller than it needs."""
        self._editor_tabs.add_page(widget, title)

    def add_chart_tab(self, widget: QWidget, title: str, *, scrolls: bool = False) -> None:
        """A chart tab. A chart shrinks to the room it gets; a page of tables and text
        (``scrolls``) scrolls where the pane is smaller than it needs."""
        self._chart_tabs.add_page(widget, title, scrolls=scrolls)

    def show_editor(self, widget: QWidget) -> None:
        """Bring the editor tab ``widget`` forward."""
        self._editor_tabs.setCurrentWidget(widget)

    def show_chart(self, widget: QWidget) -> None:
        """Bring the chart tab ``widget`` forward."""
        self._chart_tabs.setCurrentWidget(widget)

    def add_headline(self, widget: QWidget) -> None:
        """A figure at the right end of the headline numbers."""
        self._add_headline(widget)

    def add_file_action(self, action: QAction) -> None:
        """An action in the File menu, with Open, before the Save group."""
        actions = self._file_menu.actions()
        at = actions.index(self._file_group_end)
        self._file_menu.insertAction(actions[at], action)

    # -- warnings and themes ----------------------------------------------------------------

    def on_subject(self, handler: SubjectHandler) -> None:
        """``handler`` is asked first about every warning clicked from now on."""
        self._subjects.insert(0, handler)

    def show_subject(self, subject: str) -> bool:
        """A warning about ``subject`` was clicked: the first handler that knows it shows
        it. False when none does."""
        return any(handler(subject) for handler in self._subjects)

    def follow_theme(self, view: Themed) -> None:
        """``view`` wears the window's theme, now and whenever it changes."""
        self._themed.append(view)
        if self._theme is not None:
            view.apply_theme(self._theme)

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        for view in self._themed:
            view.apply_theme(theme)


__all__ = ["SubjectHandler", "Themed", "Workbench"]
