"""The weekly business review in the app: the Review tab and File > Refresh actuals.

`install(bench, actuals)` adds the chart tab "Review" (built when first shown) and the
File menu's Refresh actuals (Ctrl+R). The review follows the Actuals feature's last import
(File > Import actuals…, or a refresh) and the plan: each new import, each edit and the
landing's rates switch set the plan against the actuals again, on a worker thread
(`job`). Refresh actuals reads the mapping saved beside the plan (`q3.actuals.toml`) and
runs the import in the actuals' own worker (`ui.actuals.worker`), its progress in the tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QAction, QKeySequence

from alignplanner.document.document import PlanDocument
from alignplanner.ui import wording
from alignplanner.ui.actuals import ActualsFeature
from alignplanner.ui.lazy import LazyView
from alignplanner.ui.workbench import Workbench

if TYPE_CHECKING:
    from alignplanner.contract.actuals.result import ActualsError
    from alignplanner.domain.review.weekly import WeeklyReview
    from alignplanner.ui.actuals.worker import Imported, ImportJob
    from alignplanner.ui.review.job import ReviewJob
    from alignplanner.ui.review.view import ReviewView

__all__ = ["ReviewFeature", "install"]


class ReviewFeature:
    """The Review tab and Refresh actuals of one window (``window.review``)."""

    def __init__(self, bench: Workbench, actuals: ActualsFeature) -> None:
        self.bench = bench
        self.actuals = actuals
        self.pool = QThreadPool(bench.window)
        self.importing: ImportJob | None = None
        self.reviewing: ReviewJob | None = None
        self.review: WeeklyReview | None = None
        self._number = 0
        self._again = False  # asked while a review was running: once more when it ends
        self.view: LazyView[ReviewView] = LazyView(bench.document, self._make_view)
        bench.add_chart_tab(self.view, wording.REVIEW_TAB, scrolls=True)
        bench.follow_theme(self.view)
        self.action = QAction(wording.REFRESH_ACTUALS, bench.window)
        self.action.setShortcut(QKeySequence("Ctrl+R"))
        self.action.setStatusTip(wording.REFRESH_ACTUALS_TIP)
        self.action.triggered.connect(lambda _checked=False: self.refresh())
        bench.add_file_action(self.action)
        actuals.on_imported(lambda _imported: self.recompute())
        bench.document.resultChanged.connect(lambda _result: self.recompute())
        bench.document.snapshotsChanged.connect(lambda _kept: self.recompute())  # last week

    def _make_view(self, _document: PlanDocument) -> ReviewView:
        from alignplanner.ui.review.view import ReviewView

        view = ReviewView()
        view.refresh_button.clicked.connect(lambda _checked=False: self.refresh())
        view.rates.currentIndexChanged.connect(lambda _i: self.recompute())
        if self.review is not None:
            view.show_review(self.review)
        return view

    # -- Refresh actuals ---------------------------------------------------------------------

    def refresh(self) -> bool:
        """Read the exports again with the saved mapping, on the worker; False when there
        is nothing to read with (the tab says why) or a refresh is already running."""
        from alignplanner.contract.actuals.mapping_file import read_mapping
        from alignplanner.contract.actuals.result import ActualsError
        from alignplanner.ui.actuals.session import mapping_path
        from alignplanner.ui.actuals.worker import ImportJob

        self.bench.show_chart(self.view)
        view = self.view.view
        if self.importing is not None:
            return False
        path = mapping_path(self.bench.document.path)
        if path is None or not path.is_file():
            view.show_message(wording.UNSAVED_PLAN if path is None else
                              wording.no_mapping(path.name))
            return False
        try:
            mapping = read_mapping(str(path))
        except ActualsError as exc:
            self._failed(exc)
            return False
        view.show_message("")
        view.show_progress(0.0, wording.REFRESHING)
        job = ImportJob(mapping, self.bench.document.plan)
        job.signals.progress.connect(lambda f: view.show_progress(f, wording.REFRESHING))
        job.signals.done.connect(self._refreshed)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._done_importing)
        self.importing = job
        self.pool.start(job)
        return True

    def _done_importing(self) -> None:
        self.importing = None
        self.view.view.show_progress(None)

    def _refreshed(self, imported: Imported) -> None:
        self._done_importing()
        self.actuals.take(imported)  # the Actuals tab shows it too; we hear of it there

    def _failed(self, error: ActualsError) -> None:
        from alignplanner.ui.actuals.session import problem_lines

        self._done_importing()
        lines = problem_lines(error)
        self.view.view.show_message(wording.refresh_failed(lines[0] if lines else "",
                                                           max(0, len(lines) - 1)))

    # -- the review --------------------------------------------------------------------------

    def recompute(self) -> None:
        """Set the plan against the last import again, on the worker. While one review
        runs, the requests (a burst of edits) wait and make one more when it ends."""
        from alignplanner.ui.review.job import ReviewJob

        imported = self.actuals.last
        if imported is None:
            return
        if self.reviewing is not None:
            self._again = True
            return
        self._again = False
        self._number += 1
        rates = self.view.view.chosen_rates if self.view.built else "plan"
        document = self.bench.document
        job = ReviewJob(self._number, document.plan, document.result, imported, rates,
                        snapshots=document.snapshots)
        job.signals.done.connect(self._reviewed)
        job.signals.failed.connect(self._review_failed)
        self.reviewing = job
        self.pool.start(job)

    def _reviewed(self, number: int, review: WeeklyReview) -> None:
        if number != self._number:
            return
        self.reviewing = None
        if self._again:  # the plan or the rates moved meanwhile: this one is already old
            self.recompute()
            return
        self.review = review
        if self.view.built:
            self.view.view.show_message("")
            self.view.view.show_review(review)

    def _review_failed(self, number: int, reason: str) -> None:
        if number != self._number:
            return
        self.reviewing = None
        if self._again:
            self.recompute()
            return
        if self.view.built:
            self.view.view.show_message(wording.refresh_failed(reason, 0))


def install(bench: Workbench, actuals: ActualsFeature) -> ReviewFeature:
    return ReviewFeature(bench, actuals)
