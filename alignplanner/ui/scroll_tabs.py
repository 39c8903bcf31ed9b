"""Tabs whose pages scroll when their pane is smaller than they need.

A tab widget is as large as the largest of its pages, shown or not: one editor that
needs 650 pixels of height would make the whole window taller than a 1280x720
projector. Here a page sits in a frameless scroll area that gives it the whole pane
when the pane is large enough and scroll bars when it is not, so every field stays
within reach and no page sets the window's size. Charts, which shrink to the room they
get, sit in their tabs as they are.

The page, not its scroll area, is what the tab widget's callers see: `widget`,
`currentWidget`, `indexOf` and `setCurrentWidget` take and give the page itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


class ScrollingTabs(QTabWidget):
    """A `QTabWidget` whose pages scroll (see the module docstring)."""

    def add_page(self, page: QWidget, title: str, *, scrolls: bool = True) -> int:
        """``page`` as a new tab titled ``title``, in its scroll area; its index. A chart,
        which shrinks to the room it gets rather than scroll, comes without one
        (``scrolls=False``)."""
        if not scrolls:
            return self.addTab(page, title)
        area = QScrollArea(self)
        area.setObjectName(f"{page.objectName() or 'page'}Scroll")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        area.setWidget(page)
        return self.addTab(area, title)

    def page(self, index: int) -> QWidget | None:
        """The page of tab ``index`` (not its scroll area)."""
        area = super().widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def widget(self, index: int) -> QWidget | None:
        return self.page(index)

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]
        return self.page(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:
        for index in range(self.count()):
            if self.page(index) is page:
                return index
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)


__all__ = ["ScrollingTabs"]
