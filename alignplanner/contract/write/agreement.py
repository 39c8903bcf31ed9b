"""The agreement's tables as the plan file writes them: each stage's ``crm``,
``[scoring]`` and ``[signoff]``. Empty tables and default values are left
out like everywhere in the file; ``kind`` of a criterion is always written, so a consumer
needs no defaults. Sign-off times are TOML offset date-times in UTC
(``2026-11-23T14:05:00Z``), to the second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from alignplanner.contract.write.values import num
from alignplanner.domain.agreement.signoff import SignOff
from alignplanner.domain.plan.funnel import Stage
from alignplanner.domain.plan.plan import Plan

if TYPE_CHECKING:
    from alignplanner.domain.agreement.scoring import Criterion, ScoringModel

__all__ = ["plan_values", "stage_values"]


def stage_values(stage: Stage) -> dict[str, Any]:
    """The agreement's keys of one ``[[stages]]`` entry."""
    return {"crm": dict(stage.crm)} if stage.crm else {}


def plan_values(plan: Plan) -> dict[str, Any]:
    """``scoring`` and ``signoff`` tables (when set)."""
    out: dict[str, Any] = {}
    if plan.scoring is not None:
        out["scoring"] = _scoring(plan.scoring)
    if plan.signoff != SignOff():
        out["signoff"] = _signoff(plan.signoff)
    return out


def _scoring(model: ScoringModel) -> dict[str, Any]:
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
        out["fit"] = [_criterion(c) for c in model.fit]
    if model.engagement:
        out["engagement"] = [_criterion(c) for c in model.engagement]
    return out


def _criterion(crit: Criterion) -> dict[str, Any]:
    return {"id": crit.id, "label": crit.label, "kind": crit.kind, "points": num(crit.points)}


def _signoff(signoff: SignOff) -> dict[str, Any]:
    out: dict[str, Any] = {"required": list(signoff.required)}
    if signoff.approvers:
        out["approvers"] = [
            {"role": a.role, "name": a.name, **({"title": a.title} if a.title else {})}
            for a in signoff.approvers
        ]
    if signoff.roster:
        out["roster"] = [
            {"role": e.role, "name": e.name, "public_key": e.public_key}
            for e in signoff.roster
        ]
    if signoff.signatures:
        out["signatures"] = [
            {
                "role": s.role,
                "name": s.name,
                "signed_at": s.signed_at,
                "digest": s.digest,
                **({"parts": dict(s.parts)} if s.parts else {}),
                **({"roster": s.roster, "sshsig": s.sshsig} if s.sshsig else {}),
            }
            for s in signoff.signatures
        ]
    return out
