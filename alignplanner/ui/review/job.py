"""Setting the plan against the actuals off the window's thread.

`ReviewJob` runs `weekly_review` on a thread of the feature's pool (a million-row history
takes well under a second, bench/review.py); it touches no widget and reports through
`ReviewSignals`, a QObject on the window's thread, so its slots run there. Each job
carries the number the feature gave it: a result older than the latest request is
dropped there.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, Signal

from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.review.snapshots import Snapshots
from alignplanner.ui.actuals.worker import Imported

log = logging.getLogger(__name__)


class ReviewSignals(QObject):
    done = Signal(int, object)  # job number, WeeklyReview
    failed = Signal(int, str)  # job number, what went wrong


class ReviewJob(QRunnable):
    """The review of ``plan`` (its ``result``) against ``imported`` on ``rates``, beside
    last week's of the ``snapshots`` the plan file keeps."""

    def __init__(self, number: int, plan: Plan, result: Result, imported: Imported,
                 rates: str, *, snapshots: Snapshots | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.number = number
        self.signals = ReviewSignals()
        self._args = (plan, result, imported, rates, snapshots)

    def run(self) -> None:
        from alignplanner.domain.review.handoffs import handoffs
        from alignplanner.domain.review.weekly import weekly_review

        plan, result, imported, rates, snapshots = self._args
        try:
            events = imported.actuals.events  # the SLAs' hand-offs where the exports time them
            review = weekly_review(plan, result, events, imported.estimates, rates=rates,
                                   handoffs=handoffs(plan, events), snapshots=snapshots,
                                   now=imported.snapshot)
        except Exception as exc:  # the stages moved under the import, or a bug: say so
            log.exception("the review failed")
            self.signals.failed.emit(self.number, str(exc))
        else:
            self.signals.done.emit(self.number, review)


__all__ = ["ReviewJob", "ReviewSignals"]
