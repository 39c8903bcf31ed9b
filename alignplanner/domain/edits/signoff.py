"""Edits of the sign-off: who must sign, the named approvers, signing and withdrawing.

The caller of `sign_plan` gives the digest of the plan's inputs (the contract layer
computes it from the file's canonical form) and the time; paths name the field from the
plan (``signoff.required``, ``signoff.approvers[1].name``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from alignplanner.domain.agreement.signoff import (
    Approver,
    RosterEntry,
    Signature,
    enrol,
    sign,
    withdraw,
)
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid

__all__ = [
    "enrol_key", "set_approvers", "set_required", "set_signoff", "sign_plan",
    "withdraw_signature",
]


def set_signoff(plan: Plan, **fields: object) -> Plan:
    """Change the sign-off's ``required`` roles, ``approvers`` or ``signatures``."""
    try:
        signoff = replace(plan.signoff, **fields)  # type: ignore[arg-type]
    except PlanInvalid as exc:
        raise exc.prefixed(("signoff",)) from None
    return replace(plan, signoff=signoff)


def sign_plan(
    plan: Plan, role: str, name: str, *, signed_at: datetime, digest: str, parts: dict[str, str],
    roster: str = "", sshsig: str = "",
) -> Plan:
    """``plan`` signed by ``name`` for ``role`` (replacing their earlier signature).
    The caller gives the digest and part digests of the plan's current inputs
    (alignplanner.contract.digest) and the time, truncated to the second, in UTC; for a
    signature with a key, the roster entry's digest and the SSHSIG
    (alignplanner.contract.signatures)."""
    try:
        signature = Signature(role, name.strip(), signed_at, digest, parts, roster, sshsig)
    except PlanInvalid as exc:
        raise exc.prefixed(("signoff", "signatures", len(plan.signoff.signatures))) from None
    try:
        return replace(plan, signoff=sign(plan.signoff, signature))
    except PlanInvalid as exc:
        raise exc.prefixed(("signoff",)) from None


def enrol_key(plan: Plan, role: str, name: str, public_key: str) -> Plan:
    """``plan`` with ``name``'s ``public_key`` (``ssh-ed25519 AAAA...``) in the roster for
    ``role``, replacing their earlier key. Paths name the field (``signoff.roster[0]...``)."""
    index = next((i for i, e in enumerate(plan.signoff.roster)
                  if (e.role, e.name) == (role, name.strip())), len(plan.signoff.roster))
    try:
        entry = RosterEntry(role, name.strip(), public_key.strip())
    except PlanInvalid as exc:
        raise exc.prefixed(("signoff", "roster", index)) from None
    try:
        return replace(plan, signoff=enrol(plan.signoff, entry))
    except PlanInvalid as exc:
        raise exc.prefixed(("signoff",)) from None


def withdraw_signature(plan: Plan, role: str, name: str) -> Plan:
    """``plan`` without the signature of ``name`` for ``role``."""
    return replace(plan, signoff=withdraw(plan.signoff, role, name))


def set_required(plan: Plan, roles: Iterable[str]) -> Plan:
    """The roles that must sign (checked by the sign-off: marketing and sales among them)."""
    return set_signoff(plan, required=tuple(roles))


def set_approvers(plan: Plan, approvers: Iterable[tuple[str, str]]) -> Plan:
    """The named approvers, as (role, name) pairs; names are trimmed, empty ones dropped.
    Titles of approvers already named are kept."""
    titles = {(a.role, a.name): a.title for a in plan.signoff.approvers}
    made = []
    for i, (role, name) in enumerate(approvers):
        if not name.strip():
            continue
        try:
            made.append(Approver(role, name.strip(), titles.get((role, name.strip()), "")))
        except PlanInvalid as exc:
            raise exc.prefixed(("signoff", "approvers", i)) from None
    return set_signoff(plan, approvers=tuple(made))
