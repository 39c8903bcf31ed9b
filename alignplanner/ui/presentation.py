"""Presentation mode: full screen, large type, charts first (Esc or F5 leaves).

The editors stay reachable: they shrink to a strip below nothing, and F6 brings the
funnel table back beside the charts, so the room can still change a number live.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QWidget

FONT_SCALE = 1.5


class Presentation(QObject):
    """Presentation mode of ``window``: ``editors`` (a pane of ``split``) hide, ``action``
    shows the mode, and ``restyle`` applies the theme the mode asks for."""

    def __init__(self, window: QMainWindow, *, split: QSplitter, editors: QWidget,
                 action: QAction, restyle: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._split = split
        self._editors_pane = editors
        self._action = action
        self._restyle = restyle
        self.active = False
        self._font: QFont | None = None
        self._sizes: list[int] = []
        self._was_maximized = False
        self._geometry = QRect()  # the window's place and size before the mode
        self._leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._leave.setContext(Qt.ShortcutContext.WindowShortcut)
        self._leave.activated.connect(lambda: self.set_active(False))
        self._leave.setEnabled(False)
        self._editors = QShortcut(QKeySequence("F6"), window)
        self._editors.activated.connect(self.toggle_editors)
        self._editors.setEnabled(False)

    def set_active(self, active: bool) -> None:
        if active == self.active:
            return
        self.active = active
        window = self._window
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        if active:
            self._font = QFont(app.font())
            self._sizes = self._split.sizes()
            self._was_maximized = window.isMaximized()
            self._geometry = window.normalGeometry() if self._was_maximized \
                else window.geometry()
            big = QFont(self._font)
            big.setPointSizeF(self._font.pointSizeF() * FONT_SCALE)
            app.setFont(big)  # dialogs and popups
            # Platform themes set fonts per widget class, which win over the application
            # font; a font set on the window itself reaches every child.
            window.setFont(big)
            self._editors_pane.hide()
            window.showFullScreen()
            screen = window.screen()
            if screen is not None:  # without a window manager, full screen needs the size too
                window.setGeometry(screen.geometry())
        else:
            if self._font is not None:
                app.setFont(self._font)
                window.setFont(QFont())  # back to inheriting the platform's fonts
            self._editors_pane.show()
            if self._sizes:
                self._split.setSizes(self._sizes)
            window.showNormal()
            if self._geometry.isValid():  # where it was, as large as it was
                window.setGeometry(self._geometry)
            if self._was_maximized:
                window.showMaximized()
        self._leave.setEnabled(active)
        self._editors.setEnabled(active)
        self._action.setChecked(active)
        self._restyle()

    def toggle_editors(self) -> None:
        """In presentation mode, show or hide the funnel editors beside the charts."""
        tabs = self._editors_pane
        tabs.setVisible(not tabs.isVisible())
