"""The agreement's place in the main window (issue 5): the Scoring and Sign-off tabs, the
sign-off badge in the headline strip, and File > Compare with file….

`install(window)` adds them all and makes them follow the window's document; the main
window calls it once. The tabs are built when first shown (start-up is benchmarked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from alignplanner.document.document import PlanDocument
from alignplanner.ui.agreement.badge import StatusFigure
from alignplanner.ui.lazy import LazyView

if TYPE_CHECKING:
    from alignplanner.ui.agreement.compare import CompareDialog
    from alignplanner.ui.agreement.scoring_panel import ScoringPanel
    from alignplanner.ui.agreement.signoff_panel import SignoffPanel
    from alignplanner.ui.main_window import MainWindow

__all__ = ["AgreementViews", "install"]


@dataclass
class AgreementViews:
    """What `install` added to the window."""

    scoring: LazyView[ScoringPanel]
    signoff: LazyView[SignoffPanel]
    status: StatusFigure
    compare_action: QAction
    compare_dialog: CompareDialog | None = None
    """The last comparison shown (Qt owns it: closing it deletes it)."""


def install(window: MainWindow) -> AgreementViews:
    document = window.document

    def make_scoring(d: PlanDocument) -> ScoringPanel:
        from alignplanner.ui.agreement.scoring_panel import ScoringPanel

        return ScoringPanel(d)

    def make_signoff(d: PlanDocument) -> SignoffPanel:
        from alignplanner.ui.agreement.signoff_panel import SignoffPanel

        return SignoffPanel(d, window.workflow.prompts.ask_signature)

    scoring = LazyView(document, make_scoring)
    signoff = LazyView(document, make_signoff)
    window.add_editor_tab(scoring, "S&coring")
    window.add_editor_tab(signoff, "Si&gn-off")
    status = StatusFigure(document, lambda: window.editor_tabs.setCurrentWidget(signoff))
    strip = window.kpis.layout()
    assert strip is not None
    strip.addWidget(status)  # after the strip's stretch: at its right end
    compare = QAction("&Compare with file…", window)
    compare.setShortcut(QKeySequence("Ctrl+Shift+D"))
    compare.setStatusTip("What another copy of the plan changes, compared with this one")
    views = AgreementViews(scoring, signoff, status, compare)
    compare.triggered.connect(lambda _checked=False: _compare(window, views))
    menu = _file_menu(window)
    actions = menu.actions()
    at = actions.index(window.menu_actions.save)
    before = actions[at - 1] if at and actions[at - 1].isSeparator() else actions[at]
    menu.insertAction(before, compare)  # with Open, before the Save group

    def follow(new: PlanDocument | None) -> None:
        if new is not None:
            for view in (scoring, signoff, status):
                view.set_document(new)

    window.workflow.documentChanged.connect(follow)
    return views


def _file_menu(window: MainWindow) -> QMenu:
    """The menu holding File > Save (the actions module builds it)."""
    for owner in window.menu_actions.save.associatedObjects():
        if isinstance(owner, QMenu):
            return owner
    raise LookupError("the main window has no File menu")


def _compare(window: MainWindow, views: AgreementViews) -> None:
    from alignplanner.ui.agreement.compare import compare_with_file

    dialog = compare_with_file(window, window.document, window.workflow.prompts,
                               start_dir=window.settings.last_folder())
    if dialog is not None:
        views.compare_dialog = dialog
