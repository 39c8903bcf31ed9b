"""Is a plan file an agreement other systems can act on, and signing one.

`verify` says whether a loaded plan is **agreed and intact**: its stored requirements
follow from its inputs, and every required role signed the digest of the current inputs.
Otherwise it gives every reason in words: the signatures made on other inputs (and which
parts changed since, from the part digests they recorded), the roles still missing, the
requirements that do not follow. `signed` makes a signature for the current inputs.
Both are pure; the command line and the app write and show the results.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from alignplanner.contract.digest import digest, part_digests
from alignplanner.contract.reader import LoadedPlan
from alignplanner.domain.agreement.status import SignoffStatus, changed_parts, signoff_status
from alignplanner.domain.edits.signoff import sign_plan
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem

__all__ = [
    "Verification", "changed_since_signed", "part_names", "sign_current", "signed",
    "status_of", "the_signed", "verify",
]


FUTURE_TOLERANCE = timedelta(minutes=10)
"""How far ahead of this machine's clock a signature may be dated (clocks drift)."""


def part_names(plan: Plan) -> dict[str, str]:
    """Part -> the name people know it by (``stages.mql`` -> ``Marketing qualified lead``),
    for `SignoffStatus.summary` and `PartChange.describe`."""
    names = {f"stages.{s.id}": s.name for s in plan.stages}
    names.update({f"sources.{s.id}": s.name for s in plan.sources if s.name})
    names.update({f"roles.{r.id}": r.name for r in plan.roles if r.name})
    names.update({f"slas.{s.id}": s.name for s in plan.slas if s.name})
    return names


def status_of(plan: Plan) -> SignoffStatus:
    """The sign-off status of ``plan`` for its current inputs."""
    return signoff_status(plan.signoff, digest(plan), part_digests(plan))


@dataclass(frozen=True)
class Verification:
    """The verdict on a plan file: ``ok`` when agreed and intact, else the ``reasons``."""

    digest: str
    status: SignoffStatus
    reasons: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.reasons


def the_signed(loaded: LoadedPlan) -> Plan:
    """The plan that is signed: the agreed scenario applied on the base (the base when no
    variant is agreed), with the base's sign-off."""
    from alignplanner.contract.scenarios import signed_plan

    return signed_plan(loaded.plan, loaded.scenarios)


def verify(loaded: LoadedPlan) -> Verification:
    """Whether ``loaded`` is agreed and intact, and if not, why (see the module)."""
    plan = the_signed(loaded)
    current = digest(plan)
    status = status_of(plan)
    reasons: list[str] = []
    stale = loaded.stale_requirements
    if stale:
        first = stale[0]
        more = f" and {len(stale) - 1} more" if len(stale) > 1 else ""
        reasons.append(
            f"requirements that do not follow from the inputs: {first.path} "
            f"({first.message}){more}; the inputs were edited without recomputing"
        )
    if not status.required:
        reasons.append("the plan names no roles that must sign it ([signoff] required)")
    parts = part_digests(plan)
    for sig in status.stale:
        if sig.role not in status.missing:
            continue
        names = part_names(plan)
        what = ", ".join(c.describe(names) for c in changed_parts(sig.parts, parts)) if (
            sig.parts) else ""
        if sig.digest == current:  # the same inputs, but other roles must sign now
            reasons.append(f"{sig.describe()} signed when other roles had to sign; "
                           f"changed since: {what}")
            continue
        reasons.append(
            f"digest mismatch: {sig.describe()} signed {sig.digest[:19]}..., the "
            f"inputs are now {current[:19]}...; changed since: "
            f"{what or 'which parts is not recorded'}"
        )
    late = datetime.now(UTC) + FUTURE_TOLERANCE
    reasons += [f"signed in the future: {sig.describe()} is dated after now; check the "
                "signer's clock and sign again" for sig in loaded.plan.signoff.signatures
                if sig.signed_at > late]
    unsigned = [r for r in status.missing if not any(s.role == r for s in status.stale)]
    if unsigned:
        reasons.append(
            f"missing signature: {', '.join(unsigned)} "
            f"{'has' if len(unsigned) == 1 else 'have'} not signed"
        )
    return Verification(current, status, tuple(reasons))


def changed_since_signed(plan: Plan) -> str | None:
    """One sentence when some signature covers other inputs than the current ones."""
    status = status_of(plan)
    return status.summary(part_names(plan)) if status.changed_since_signed else None


def signed(loaded: LoadedPlan, role: str, name: str, at: datetime | None = None) -> Plan:
    """``loaded.plan`` signed by ``name`` for ``role`` at ``at`` (default: now), in UTC and
    to the second. PlanInvalid naming the field when the stored requirements do not follow
    from the inputs (an approver must see what they sign), or as `sign_current`."""
    if loaded.stale_requirements:
        raise PlanInvalid([Problem(("requirements",),
                                   "the stored requirements do not follow from the inputs; "
                                   "write fresh ones before signing")])
    signed_one = sign_current(the_signed(loaded), role, name, at)
    return loaded.plan.with_changes(signoff=signed_one.signoff)  # signatures: the base's


def sign_current(plan: Plan, role: str, name: str, at: datetime | None = None) -> Plan:
    """``plan`` signed for its current inputs (digest and part digests) by ``name`` for
    ``role`` at ``at`` (default: now; kept in UTC, to the second). PlanInvalid naming the
    field when the role is not asked to sign or the name is not a named approver. The app
    wraps this in an undoable edit."""
    roles = plan.signoff.roles
    if role not in roles:
        asked = ", ".join(roles) if roles else "none: [signoff] required is empty"
        raise PlanInvalid([Problem(("signoff", "required"),
                                   f"role {role!r} is not asked to sign this plan (roles: "
                                   f"{asked})")])
    when = (at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return sign_plan(plan, role, name, signed_at=when, digest=digest(plan),
                     parts=part_digests(plan))
