"""From a mapping (and the plan, when there is one) to the events and their estimates:
the one way the command line and the app's worker thread both go."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from alignplanner.contract.actuals.importer import read_actuals
from alignplanner.contract.actuals.mapping import Mapping
from alignplanner.contract.actuals.plan_link import by_ids, stage_ids, windows
from alignplanner.contract.actuals.result import Actuals
from alignplanner.domain.actuals.estimates import estimate
from alignplanner.domain.actuals.report import Estimates
from alignplanner.domain.plan.plan import Plan


def import_actuals(mapping: Mapping, plan: Plan | None = None, *, as_of: date | None = None,
                   progress: Callable[[float], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> tuple[Actuals, Estimates]:
    """Read every file of ``mapping`` and estimate the funnel at ``as_of`` (default: the
    mapping's, else the latest date seen). With a plan, its stages set the funnel order
    (stages are then named by id), its windows the matured cohorts, its calendar's zone
    the clock of times without one, and its SLAs the hand-offs a file may name.
    Raises `ActualsError` or `Cancelled`."""
    order = None
    spans = None
    zone = "UTC"
    slas: tuple[str, ...] | None = None
    if plan is not None:
        mapping = by_ids(mapping, plan)
        order = stage_ids(plan)
        spans = windows(plan)
        zone = plan.calendar.timezone
        slas = tuple(s.id for s in plan.slas)
    actuals = read_actuals(mapping, order, as_of=as_of, zone=zone, slas=slas,
                           progress=progress, cancelled=cancelled)
    return actuals, estimate(actuals.events, actuals.as_of, spans)


__all__ = ["import_actuals"]
