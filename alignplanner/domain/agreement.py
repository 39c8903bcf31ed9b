"""The agreement's part of a plan: checks that reach across the plan, and its edits.

`check_agreement` is called by `Plan` when it is made (the scoring model must qualify
leads for a stage of this plan that is not 'won'; the sign-off must be a `SignOff`).
The edits are pure functions Plan -> Plan like those of `alignplanner.domain.edits`; the
document wraps them in undo commands. Renaming or removing a stage is followed by the
scoring model there (edits.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from alignplanner.domain.model import Plan
from alignplanner.domain.problems import Collector, PlanInvalid
from alignplanner.domain.scoring import ScoringModel
from alignplanner.domain.signoff import Signature, SignOff, sign, withdraw

__all__ = [
    "check_agreement",
    "set_crm",
    "set_scoring",
    "set_signoff",
    "sign_plan",
    "withdraw_signature",
]


def check_agreement(plan: Plan, c: Collector) -> None:
    """Record the problems of the plan's scoring model and sign-off that need the plan."""
    scoring = plan.scoring
    if scoring is not None and not isinstance(scoring, ScoringModel):
        c.add(("scoring",), f"must be a scoring model, got {scoring!r}")
    elif scoring is not None and isinstance(plan.stages, tuple) and len(plan.stages) >= 2:
        ids = [s.id for s in plan.stages]
        if scoring.qualifies_for not in ids:
            c.add(
                ("scoring", "qualifies_for"),
                f"{scoring.qualifies_for!r} is not a stage of this plan ({', '.join(ids[:-1])})",
            )
        elif scoring.qualifies_for == ids[-1]:
            c.add(
                ("scoring", "qualifies_for"),
                f"{scoring.qualifies_for!r} is the last ('won') stage; a score qualifies "
                "leads for a stage before it",
            )
    if not isinstance(plan.signoff, SignOff):
        c.add(("signoff",), f"must be a sign-off, got {plan.signoff!r}")


def set_scoring(plan: Plan, scoring: ScoringModel | None) -> Plan:
    """Set or clear (None) the lead-scoring model."""
    return replace(plan, scoring=scoring)


def set_crm(plan: Plan, index: int, system: str, value: str | None) -> Plan:
    """Set (or clear, with None or empty text) the value CRM field ``system`` takes at
    stage ``index``."""
    stage = plan.stages[index]
    crm = dict(stage.crm)
    if value is None or not value.strip():
        crm.pop(system, None)
    else:
        crm[system] = value.strip()
    try:
        new_stage = replace(stage, crm=crm)
    except PlanInvalid as exc:
        raise exc.prefixed(("stages", index)) from None
    stages = list(plan.stages)
    stages[index] = new_stage
    return replace(plan, stages=tuple(stages))


def set_signoff(plan: Plan, **fields: object) -> Plan:
    """Change the sign-off's ``required`` roles, ``approvers`` or ``signatures``."""
    try:
        signoff = replace(plan.signoff, **fields)  # type: ignore[arg-type]
    except PlanInvalid as exc:
        raise exc.prefixed(("signoff",)) from None
    return replace(plan, signoff=signoff)


def sign_plan(
    plan: Plan, role: str, name: str, *, signed_at: datetime, digest: str, parts: dict[str, str]
) -> Plan:
    """``plan`` signed by ``name`` for ``role`` (replacing their earlier signature).
    The caller gives the digest and part digests of the plan's current inputs
    (alignplanner.contract.digest) and the time, truncated to the second, in UTC."""
    try:
        signature = Signature(role, name.strip(), signed_at, digest, parts)
    except PlanInvalid as exc:
        raise exc.prefixed(("signoff", "signatures", len(plan.signoff.signatures))) from None
    try:
        return replace(plan, signoff=sign(plan.signoff, signature))
    except PlanInvalid as exc:
        raise exc.prefixed(("signoff",)) from None


def withdraw_signature(plan: Plan, role: str, name: str) -> Plan:
    """``plan`` without the signature of ``name`` for ``role``."""
    return replace(plan, signoff=withdraw(plan.signoff, role, name))
