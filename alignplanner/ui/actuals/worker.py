"""Reading the exports and estimating the funnel off the window's thread.

`ImportJob` runs `import_actuals` (read, then estimate) on a thread of its own pool; it touches
no widget. It reports through `ImportSignals`, a QObject living on the window's thread,
so every slot runs there (queued). Cancel sets a flag that the reader polls.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal

from alignplanner.contract.actuals.mapping import Mapping
from alignplanner.contract.actuals.result import Actuals, ActualsError, Cancelled
from alignplanner.contract.errors import FileProblem
from alignplanner.domain.actuals.report import Estimates
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.review.handoffs import SlaReview
from alignplanner.domain.review.snapshots import Snapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Imported:
    """What one import gave: the events read, the estimates made from them, the snapshot
    to keep (`domain.review.snapshots`) and the SLAs' compliance from the exports' times."""

    actuals: Actuals
    estimates: Estimates
    snapshot: Snapshot | None = None
    slas: tuple[SlaReview, ...] = ()


class ImportSignals(QObject):
    progress = Signal(float)  # 0..1
    done = Signal(object)  # Imported
    failed = Signal(object)  # ActualsError
    cancelled = Signal()


class ImportJob(QRunnable):
    """One import of ``mapping`` for the stages ``stage_order``."""

    def __init__(self, mapping: Mapping, plan: Plan) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = ImportSignals()
        self._mapping = mapping
        self._plan = plan
        self._cancel = threading.Event()
        self._shown = -1

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, fraction: float) -> None:
        percent = int(fraction * 100)
        if percent != self._shown:  # at most a hundred signals, however many rows
            self._shown = percent
            self.signals.progress.emit(fraction)

    def run(self) -> None:
        from alignplanner.contract.actuals.pipeline import import_actuals

        try:
            actuals, estimates = import_actuals(
                self._mapping, self._plan, progress=self._progress,
                cancelled=self._cancel.is_set)
            if self._cancel.is_set():
                raise Cancelled
            snapshot, slas = _review_parts(self._plan, actuals, estimates)
        except Cancelled:
            self.signals.cancelled.emit()
        except ActualsError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:  # an unforeseen failure must not end the app
            log.exception("importing actuals failed")
            self.signals.failed.emit(ActualsError([FileProblem("", None, "", str(exc))]))
        else:
            self.signals.done.emit(Imported(actuals, estimates, snapshot, slas))


def _review_parts(plan: Plan, actuals: Actuals,
                  estimates: Estimates) -> tuple[Snapshot, tuple[SlaReview, ...]]:
    """The snapshot to keep and the SLAs' compliance, made here, off the window's thread
    (a million-row history's hand-offs take a fraction of a second, as columns)."""
    from alignplanner.domain.engine.compute import compute
    from alignplanner.domain.review.handoffs import handoffs, sla_reviews
    from alignplanner.domain.review.snapshots import snapshot_of

    snapshot = snapshot_of(plan, actuals.events, estimates)
    given = handoffs(plan, actuals.events)
    slas = sla_reviews(plan, compute(plan), given, estimates.as_of) if given else ()
    return snapshot, slas


__all__ = ["ImportJob", "ImportSignals", "Imported"]
