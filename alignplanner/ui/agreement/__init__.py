"""The agreement's place in the main window: the Scoring and Sign-off tabs, the sign-off
badge in the headline strip, and File > Compare with file….

`install(bench)` adds them all; the main window calls it once. The tabs are built when
first shown (start-up is benchmarked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from alignplanner.document.document import PlanDocument
from alignplanner.ui.agreement.badge import StatusFigure
from alignplanner.ui.lazy import LazyView
from alignplanner.ui.workbench import Workbench

if TYPE_CHECKING:
    from alignplanner.ui.agreement.compare import CompareDialog
    from alignplanner.ui.agreement.scoring_panel import ScoringPanel
    from alignplanner.ui.agreement.signoff_panel import SignoffPanel

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


def install(bench: Workbench) -> AgreementViews:
    document = bench.document

    def make_scoring(d: PlanDocument) -> ScoringPanel:
        from alignplanner.ui.agreement.scoring_panel import ScoringPanel

        return ScoringPanel(d)

    def make_signoff(d: PlanDocument) -> SignoffPanel:
        from alignplanner.ui.agreement.signoff_panel import SignoffPanel

        return SignoffPanel(d, bench.prompts.ask_signature)

    scoring = LazyView(document, make_scoring)
    signoff = LazyView(document, make_signoff)
    bench.add_editor_tab(scoring, "S&coring")
    bench.add_editor_tab(signoff, "Si&gn-off")
    status = StatusFigure(document, lambda: bench.show_editor(signoff))
    bench.add_headline(status)
    compare = QAction("&Compare with file…", bench.window)
    compare.setShortcut(QKeySequence("Ctrl+Shift+D"))
    compare.setStatusTip("What another copy of the plan changes, compared with this one")
    views = AgreementViews(scoring, signoff, status, compare)
    compare.triggered.connect(lambda _checked=False: _compare(bench, views))
    bench.add_file_action(compare)
    return views


def _compare(bench: Workbench, views: AgreementViews) -> None:
    from alignplanner.ui.agreement.compare import compare_with_file

    dialog = compare_with_file(bench.window, bench.document, bench.prompts,
                               start_dir=bench.settings.last_folder())
    if dialog is not None:
        views.compare_dialog = dialog
