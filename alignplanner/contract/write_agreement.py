"""The agreement's tables as the writer writes them: each stage's ``crm``, ``[scoring]``
and ``[signoff]`` (`writer.plan_dict` adds them). Empty tables and default values are left
out like everywhere in the file; ``kind`` of a criterion is always written, so a consumer
needs no defaults. Sign-off times are TOML offset date-times in UTC
(``2026-11-23T14:05:00Z``), to the second.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from alignplanner.domain.model import Plan, Stage
from alignplanner.domain.scoring import Criterion, ScoringModel
from alignplanner.domain.signoff import SignOff

__all__ = ["agreement_dict", "rfc3339", "stage_agreement"]


def rfc3339(value: datetime) -> str:
    """``2026-11-23T14:05:00Z`` for a UTC time (other offsets as ``+01:00``)."""
    if value.utcoffset() == timedelta(0):
        return value.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return value.isoformat(timespec="seconds")


def stage_agreement(stage: Stage) -> dict[str, Any]:
    """The agreement's keys of one ``[[stages]]`` entry."""
    return {"crm": dict(stage.crm)} if stage.crm else {}


def agreement_dict(plan: Plan, num: Any) -> dict[str, Any]:
    """``scoring`` and ``signoff`` tables (when set); ``num`` writes whole numbers as ints."""
    out: dict[str, Any] = {}
    if plan.scoring is not None:
        out["scoring"] = _scoring(plan.scoring, num)
    if plan.signoff != SignOff():
        out["signoff"] = _signoff(plan.signoff)
    return out


def _scoring(model: ScoringModel, num: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "qualifies_for": model.qualifies_for,
        "fit_threshold": num(model.fit_threshold),
        "engagement_threshold": num(model.engagement_threshold),
    }
    if model.high_intent:
        out["high_intent"] = list(model.high_intent)
    if model.decay.mode != "none":
        out["decay"] = {"mode": model.decay.mode, "days": num(model.decay.days)}
    if model.fit:
        out["fit"] = [_criterion(c, num) for c in model.fit]
    if model.engagement:
        out["engagement"] = [_criterion(c, num) for c in model.engagement]
    return out


def _criterion(crit: Criterion, num: Any) -> dict[str, Any]:
    return {"id": crit.id, "label": crit.label, "kind": crit.kind, "points": num(crit.points)}


def _signoff(signoff: SignOff) -> dict[str, Any]:
    out: dict[str, Any] = {"required": list(signoff.required)}
    if signoff.approvers:
        out["approvers"] = [
            {"role": a.role, "name": a.name, **({"title": a.title} if a.title else {})}
            for a in signoff.approvers
        ]
    if signoff.signatures:
        out["signatures"] = [
            {
                "role": s.role,
                "name": s.name,
                "signed_at": s.signed_at,
                "digest": s.digest,
                **({"parts": dict(s.parts)} if s.parts else {}),
            }
            for s in signoff.signatures
        ]
    return out
