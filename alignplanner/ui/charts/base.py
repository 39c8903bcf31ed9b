"""What every view of a plan document shares: following one document and one theme."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.results import Result
from alignplanner.ui.theme import Theme, theme_for


class DocumentView(QWidget):
    """A widget showing one `PlanDocument`, refreshed whenever its result changes.

    Subclasses build their items in ``__init__``, then call `set_document`; they implement
    `refresh` (update items in place from ``self.document``) and `_restyle` (apply
    ``self.theme`` to the items they own).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._theme: Theme = theme_for("system")
        self._stale = False

    @property
    def document(self) -> PlanDocument:
        if self._document is None:
            raise RuntimeError("this view has no document yet")
        return self._document

    @property
    def theme(self) -> Theme:
        return self._theme

    def set_document(self, document: PlanDocument) -> None:
        """Follow ``document`` from now on (the main window swaps documents on open)."""
        if document is self._document:
            return
        if self._document is not None:
            self._document.resultChanged.disconnect(self._on_result_changed)
        self._document = document
        document.resultChanged.connect(self._on_result_changed)
        self.refresh()

    def detach(self) -> None:
        """Stop following the document (before a throwaway view is deleted)."""
        if self._document is not None:
            self._document.resultChanged.disconnect(self._on_result_changed)
            self._document = None

    def apply_theme(self, theme: Theme) -> None:
        """Colours and font sizes; presentation themes make every text larger. The theme
        the view already wears changes nothing (the window applies one at start)."""
        if theme == self._theme:
            return
        self._theme = theme
        self._restyle()
        if self._document is not None:
            self._refresh_when_seen()

    def _on_result_changed(self, _result: Result) -> None:
        self._refresh_when_seen()

    def _refresh_when_seen(self) -> None:
        """Refresh now, unless the window is up and this view is not on screen (a tab
        behind another): then when it is shown. An edit updates only what people see."""
        if self.window().isVisible() and not self.isVisible():
            self._stale = True
        else:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self._document is not None:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def _restyle(self) -> None:
        raise NotImplementedError
