"""A tab that builds its view the first time it is shown.

Charts behind other tabs cost start-up time (the monthly timeline builds one plot per
stage) for something nobody sees yet. `LazyView` holds the document and theme and makes
the real view on first show, or when someone asks for it (`view`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.ui.theme import Theme

V = TypeVar("V", bound=QWidget)


class LazyView(QWidget, Generic[V]):
    """Stands in a tab for the view ``make(document)`` until that is first needed."""

    def __init__(self, document: PlanDocument, make: Callable[[PlanDocument], V],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._make = make
        self._theme: Theme | None = None
        self._view: V | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._view is not None

    @property
    def view(self) -> V:
        """The real view, built now if it was not yet."""
        if self._view is None:
            self._view = self._make(self._document)
            if self._theme is not None and hasattr(self._view, "apply_theme"):
                self._view.apply_theme(self._theme)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._view)
        return self._view

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._view is not None and hasattr(self._view, "apply_theme"):
            self._view.apply_theme(theme)

    def showEvent(self, event: QShowEvent) -> None:
        self.view  # noqa: B018 (building it is the point)
        super().showEvent(event)
