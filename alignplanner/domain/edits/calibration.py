"""Accepting figures calibrated from history (`domain.calibration`): their values put in
the plan, and the provenance entries that say where each came from.

Values are rounded as people read them: conversions to 0.01 percentage point, days to a
tenth, deal sizes to whole currency units, a lag's monthly shares to 1e-4 (the largest
share takes what rounding left, so they still add up to 1). A lag sets the stage's
``lag`` (the mass) and its ``days`` (the mass's mean).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from alignplanner.domain.calibration.figures import Estimate, Figure
from alignplanner.domain.calibration.provenance import Calibrated, HistoryFile
from alignplanner.domain.edits.common import refuse
from alignplanner.domain.edits.plan import set_target
from alignplanner.domain.edits.sources import set_deal_size, set_override
from alignplanner.domain.edits.stages import set_stage
from alignplanner.domain.plan.funnel import lag_mean_days
from alignplanner.domain.plan.plan import Plan


def rounded(figure: Figure) -> float:
    """The value accepting ``figure`` puts in the plan, rounded (see the module)."""
    value = figure.accepted_value
    if value is None or not figure.plannable:
        raise refuse((figure.key,), f"{figure.label}: history gives no value to accept")
    if figure.kind == "conversion":
        return round(value, 4)
    if figure.kind == "lag":
        return round(lag_mean_days(rounded_mass(figure.lag)), 1)
    return float(round(value))


def rounded_mass(mass: Sequence[float]) -> tuple[float, ...]:
    """Monthly shares to 1e-4, adding up to 1 (the largest takes the rest)."""
    shares = [round(v, 4) for v in mass]
    top = max(range(len(shares)), key=lambda i: shares[i])
    shares[top] = round(shares[top] + 1.0 - sum(shares), 6)
    while len(shares) > 1 and shares[-1] == 0.0:
        shares.pop()
    return tuple(shares)


def _one(plan: Plan, figure: Figure) -> Plan:
    value = rounded(figure)
    if figure.kind == "deal_size":
        if figure.source is None:
            return set_target(plan, average_deal_size=value)
        return set_deal_size(plan, _source_index(plan, figure.source), value)
    stage = plan.stage_index(figure.stage)
    if figure.kind == "lag":
        return set_stage(plan, stage, lag=rounded_mass(figure.lag), days=value)
    if figure.source is None:
        return set_stage(plan, stage, conversion=value)
    return set_override(plan, _source_index(plan, figure.source), figure.stage, value)


def _source_index(plan: Plan, source_id: str) -> int:
    return [s.id for s in plan.sources].index(source_id)


def accept(plan: Plan, figures: Iterable[Figure]) -> Plan:
    """``plan`` with every one of ``figures`` accepted (PlanInvalid naming the field of
    a value the plan cannot take, such as a conversion of 0)."""
    for figure in figures:
        plan = _one(plan, figure)
    return plan


def _method(figure: Figure) -> tuple[str, Estimate]:
    if figure.kind == "lag":
        assert figure.estimate is not None
        return "lag", figure.estimate
    if figure.kind == "deal_size":
        assert figure.estimate is not None
        return "mean", figure.estimate
    if figure.small and figure.shrunk is not None:
        return "shrunk", figure.shrunk
    assert figure.estimate is not None
    return "matured", figure.estimate


def provenance(figures: Iterable[Figure], as_of: date, accepted: date,
               files: Sequence[HistoryFile]) -> tuple[Calibrated, ...]:
    """Where each accepted figure came from: one entry per figure's key."""
    out = []
    for figure in figures:
        method, chosen = _method(figure)
        out.append(Calibrated(figure.key, rounded(figure), chosen.low, chosen.high, chosen.n,
                              method, as_of, accepted, tuple(files)))
    return tuple(out)


__all__ = ["accept", "provenance", "rounded", "rounded_mass"]
