"""What the screen-fit tests look for: every tab brought forward in turn, and widgets
that stick out of reach (shared by test_screen_fit.py and its child process)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabBar,
    QWidget,
)

from alignplanner.ui.main_window import MainWindow

TEXT_WIDGETS = (QLabel, QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)


def every_tab(window: MainWindow) -> Iterator[str]:
    """Bring every editor tab forward with every chart tab, once each; their names."""
    for i in range(window.editor_tabs.count()):
        window.editor_tabs.setCurrentIndex(i)
        for j in range(window.chart_tabs.count()):
            window.chart_tabs.setCurrentIndex(j)
            yield f"{window.editor_tabs.tabText(i)} / {window.chart_tabs.tabText(j)}"


def beyond_reach(window: QMainWindow) -> list[str]:
    """Visible widgets that stick out of what holds them, where no scroll area can bring
    them in, or that are narrower or lower than their text needs."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r} {_text(widget)!r}"
        rect = QRect(widget.rect())
        child, parent = widget, widget.parentWidget()
        while parent is not None and not _scrolls(parent):
            rect.translate(child.pos())
            if not parent.rect().adjusted(-1, -1, 1, 1).contains(rect):
                found.append(f"{name}: {rect} outside {type(parent).__name__} {parent.rect()}")
                break
            if parent is window:
                break
            child, parent = parent, parent.parentWidget()
        if isinstance(widget, TEXT_WIDGETS) and not _wraps(widget) and not _inner(widget):
            need = widget.minimumSizeHint()
            if widget.width() < need.width() or widget.height() < need.height():
                found.append(f"{name}: {widget.size()} below its minimum {need}")
    return found


def _text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return str(text())[:40] if callable(text) else ""


def _scrolls(widget: QWidget) -> bool:
    """A scroll area's viewport: what it holds can be scrolled into view."""
    area = widget.parentWidget()
    return isinstance(area, QAbstractScrollArea) and area.viewport() is widget


def _inner(widget: QWidget) -> bool:
    """A part of a composite widget (a spin box's line edit, a tab bar's scroll arrow),
    which the composite sizes itself."""
    return isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox, QTabBar))


def _wraps(widget: QWidget) -> bool:
    return isinstance(widget, QLabel) and widget.wordWrap()
