"""What every view of the plan document shares: it is handed the window's one document
when it is made and follows it for its whole life.

Two kinds: a `DocumentView` shows the result (charts, warnings), refreshes when it is
on screen and wears the window's theme; a `DocumentPanel` edits the plan and refreshes
from every new plan. Opening another file changes the plan in the same document
(`PlanDocument.load`), which the views see like any other change.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.ui.theme import Theme, theme_for


class DocumentView(QWidget):
    """A widget showing one `PlanDocument`'s result, refreshed whenever it changes.

    Subclasses build their items in ``__init__``, then call `_bind`; they implement
    `refresh` (update items in place from ``self.document``) and may implement `_restyle`
    (apply ``self.theme`` to the items they own).
    """

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = document
        self._theme: Theme = theme_for("system")
        self._stale = False

    @property
    def document(self) -> PlanDocument:
        if self._document is None:
            raise RuntimeError("this view no longer follows a document")
        return self._document

    @property
    def theme(self) -> Theme:
        return self._theme

    def _bind(self) -> None:
        """Call at the end of the subclass's __init__, once its items exist."""
        self.document.resultChanged.connect(self._on_result_changed)
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
        """Apply ``self.theme`` to the items the view owns (nothing by default)."""


class DocumentPanel(QWidget):
    """A panel that edits one document's plan: ``refresh(plan)`` runs on every change."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document

    @property
    def document(self) -> PlanDocument:
        return self._document

    def _bind(self) -> None:
        """Call at the end of the subclass's __init__, once its widgets exist."""
        self._document.planChanged.connect(self._on_plan_changed)
        self.refresh(self._document.plan)

    def _on_plan_changed(self, change: tuple[Plan, Plan]) -> None:
        self.refresh(change[1])

    def refresh(self, plan: Plan) -> None:
        raise NotImplementedError


__all__ = ["DocumentPanel", "DocumentView"]
