"""The Monte Carlo and the tornado off the window's thread, newest edit first.

`Runner.request` is called after every change of the plan, the scenario or the outcome
shown; it waits a moment for more typing (``DEBOUNCE_MS``), then runs a `SimulationJob`
on a pool of its own with one thread. Each request takes the next generation number; a
newer request cancels the older run (its flag is polled between the steps, a queued run
is taken back from the pool) and the result of any run that is not the newest is
dropped, so the view only ever shows the numbers of the last edit. Jobs touch no widget:
they report through `JobSignals`, a QObject on the window's thread (queued slots).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.uncertainty.montecarlo import Simulation, simulate
from alignplanner.domain.uncertainty.settings import Uncertainty
from alignplanner.domain.uncertainty.tornado import Bar, Outcome, tornado

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250


@dataclass(frozen=True)
class Findings:
    """What one run found for ``plan``: the draws and the tornado for ``outcome``."""

    generation: int
    plan: Plan
    result: Result
    settings: Uncertainty
    outcome: Outcome
    simulation: Simulation
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Request:
    plan: Plan
    result: Result | None  # the document's, when the plan is the document's own
    settings: Uncertainty
    outcome: Outcome


class Cancelled(Exception):
    """A newer request came in: this run's numbers would never be shown."""


class JobSignals(QObject):
    done = Signal(object)  # Findings
    failed = Signal(int, str)  # generation, reason
    cancelled = Signal(int)  # generation


class SimulationJob(QRunnable):
    def __init__(self, generation: int, request: Request) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self.generation = generation
        self._request = request
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def run(self) -> None:
        r = self._request
        try:
            self._check()
            result = r.result if r.result is not None else compute(r.plan)
            self._check()
            simulation = simulate(r.plan, r.settings, result=result)
            self._check()
            bars = tornado(r.plan, r.settings, r.outcome)
            self._check()
        except Cancelled:
            self.signals.cancelled.emit(self.generation)
        except Exception as exc:  # an unforeseen failure must not end the app
            log.exception("the simulation failed")
            self.signals.failed.emit(self.generation, str(exc) or type(exc).__name__)
        else:
            self.signals.done.emit(Findings(self.generation, r.plan, result, r.settings,
                                            r.outcome, simulation, bars))


class Runner(QObject):
    """Runs the newest request; ``started`` when a run begins, ``ready`` with the
    findings of the newest run only, ``failed`` with its reason."""

    started = Signal(int)
    ready = Signal(object)  # Findings
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.generation = 0
        self.shown = 0  # the generation whose findings were last given out
        self._pending: Request | None = None
        self._jobs: dict[int, SimulationJob] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._launch)

    @property
    def busy(self) -> bool:
        """A request is waiting or running whose findings are not out yet."""
        return self.generation != self.shown

    def request(self, request: Request, *, now: bool = False) -> int:
        """Run ``request`` after the debounce (at once with ``now``); its generation."""
        self.generation += 1
        self._pending = request
        for job in self._jobs.values():  # a newer edit: no older run will be shown
            job.cancel()
        if now:
            self._timer.stop()
            self._launch()
        else:
            self._timer.start()
        return self.generation

    def _launch(self) -> None:
        request, self._pending = self._pending, None
        if request is None:
            return
        for generation, job in list(self._jobs.items()):
            if self.pool.tryTake(job):  # queued, never started: it will never run
                del self._jobs[generation]
        job = SimulationJob(self.generation, request)
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._forget)
        self._jobs[job.generation] = job
        self.started.emit(job.generation)
        self.pool.start(job)

    def _forget(self, generation: int) -> None:
        self._jobs.pop(generation, None)

    def _done(self, findings: Findings) -> None:
        self._forget(findings.generation)
        if findings.generation == self.generation:
            self.shown = findings.generation
            self.ready.emit(findings)

    def _failed(self, generation: int, reason: str) -> None:
        self._forget(generation)
        if generation == self.generation:
            self.shown = generation
            self.failed.emit(reason)

    def shutdown(self) -> None:
        """Cancel every run and wait for the one running (a view being deleted)."""
        self._timer.stop()
        for job in self._jobs.values():
            job.cancel()
        self.pool.clear()
        self.pool.waitForDone()


__all__ = ["DEBOUNCE_MS", "Findings", "JobSignals", "Request", "Runner", "SimulationJob"]
