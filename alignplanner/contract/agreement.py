"""Is a plan file an agreement other systems can act on, and signing one.

`verify` says whether a loaded plan is **agreed and intact**: its stored requirements
follow from its inputs, and every required role signed the digest of the current inputs.
Otherwise it gives every reason in words: the signatures made on other inputs (and which
parts changed since, from the part digests they recorded), the roles still missing, the
requirements that do not follow. `signed` makes a signature for the current inputs.
Both are pure; the command line and the app write and show the results.

With a roster (`SignOff.roster`), a signature counts only when its key signature holds
(alignplanner.contract.signatures.problem); a signature made before keys counts only in a
plan without a roster, and `verify` notes that it proves nothing ("unverified, made before
keys"), or refuses it with ``require_keys``. `sign_with_key` signs with the user's key and
refuses a key the roster does not hold for the role; `enrolled` puts a key in the roster;
`allowed_signers` is the roster as ``ssh-keygen -Y verify`` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from alignplanner.contract.digest import digest, part_digests
from alignplanner.contract.reader import LoadedPlan
from alignplanner.contract.signatures import problem, sign_message, untrusted
from alignplanner.contract.sshsig import NAMESPACE, public_key_text
from alignplanner.domain.agreement.roster import fingerprint
from alignplanner.domain.agreement.signoff import Signature, SignOff
from alignplanner.domain.agreement.status import SignoffStatus, changed_parts, signoff_status
from alignplanner.domain.edits.signoff import enrol_key, sign_plan
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem

__all__ = [
    "Verification", "allowed_signers", "changed_since_signed", "checked", "enrolled",
    "part_names", "sign_current", "sign_with_key", "signed", "status_of", "the_signed",
    "unverified_words", "verify",
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


def checked(signoff: SignOff) -> tuple[SignOff, dict[Signature, str]]:
    """``signoff`` with only the signatures that count, and why each other one does not:
    a key signature that does not hold, or one made before keys in a plan with a roster."""
    bad: dict[Signature, str] = {}
    for sig in signoff.signatures:
        reason = problem(signoff, sig)
        if reason is None and not sig.keyed and signoff.roster:
            reason = (f"unverified: {sig.describe()} signed without a key, but the plan "
                      "has a roster; sign again with a key")
        if reason is not None:
            bad[sig] = reason
    if not bad:
        return signoff, bad
    kept = tuple(s for s in signoff.signatures if s not in bad)
    return replace(signoff, signatures=kept), bad


def unverified_words(sig: Signature) -> str:
    """What a signature made before keys is worth, in one sentence."""
    return (f"unverified, made before keys: {sig.describe()} names a role but proves "
            "nothing about who signed")


def status_of(plan: Plan) -> SignoffStatus:
    """The sign-off status of ``plan`` for its current inputs (counting only the
    signatures that hold: `checked`)."""
    return signoff_status(checked(plan.signoff)[0], digest(plan), part_digests(plan))


@dataclass(frozen=True)
class Verification:
    """The verdict on a plan file: ``ok`` when agreed and intact, else the ``reasons``."""

    digest: str
    status: SignoffStatus
    reasons: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """Worth saying but not failing: signatures made before keys (no roster)."""

    @property
    def ok(self) -> bool:
        return not self.reasons


def the_signed(loaded: LoadedPlan) -> Plan:
    """The plan that is signed: the agreed scenario applied on the base (the base when no
    variant is agreed), with the base's sign-off."""
    from alignplanner.contract.scenarios import signed_plan

    return signed_plan(loaded.plan, loaded.scenarios)


def verify(loaded: LoadedPlan, require_keys: bool = False,
           trusted: tuple[str, dict[str, set[str]]] | None = None) -> Verification:
    """Whether ``loaded`` is agreed and intact, and if not, why (see the module); with
    ``require_keys``, a signature made before keys is a reason, not a note. ``trusted``
    (the name of an allowed-signers file and its keys, `signatures.trusted_signers`) also
    requires every key signature to be made by a key the file holds for its signer: the
    roster in the plan is only what the file says; the file from outside is what the
    reader trusts."""
    plan = the_signed(loaded)
    current = digest(plan)
    kept, bad = checked(plan.signoff)
    if trusted is not None:
        for sig in kept.signatures:
            if (reason := untrusted(sig, trusted[1], trusted[0])) is not None:
                bad[sig] = reason
        kept = replace(kept, signatures=tuple(s for s in kept.signatures if s not in bad))
    status = signoff_status(kept, current, part_digests(plan))
    reasons: list[str] = list(bad.values())
    before_keys = [unverified_words(s) for s in kept.signatures if not s.keyed]
    notes: list[str] = []
    (reasons if require_keys else notes).extend(before_keys)
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
    unsigned = [r for r in status.missing if not any(s.role == r for s in status.stale)
                and not any(s.role == r for s in bad)]
    if unsigned:
        reasons.append(
            f"missing signature: {', '.join(unsigned)} "
            f"{'has' if len(unsigned) == 1 else 'have'} not signed"
        )
    return Verification(current, status, tuple(reasons), tuple(notes))


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


def enrolled(plan: Plan, role: str, name: str, public_key: str) -> Plan:
    """``plan`` with ``name``'s key in the roster for ``role`` (the first two words of
    ``public_key``: a .pub file's comment is dropped). PlanInvalid naming the field."""
    words = public_key.split()
    return enrol_key(plan, role, name, " ".join(words[:2]))


def sign_with_key(plan: Plan, role: str, key: Ed25519PrivateKey,
                  at: datetime | None = None) -> Plan:
    """``plan`` signed for ``role`` with ``key`` by the person the roster holds it for.
    PlanInvalid naming ``signoff.roster`` when the roster has no entry for ``role`` with
    this key (saying which key it is and which the roster holds), or as `sign_current`."""
    public = public_key_text(key)
    entry = plan.signoff.roster_for_key(role, public)
    if entry is None:
        held = [e.describe() for e in plan.signoff.roster if e.role == role]
        raise PlanInvalid([Problem(("signoff", "roster"),
                                   f"your key {fingerprint(public)} is not in the roster for "
                                   f"{role} (the roster holds: {'; '.join(held) or 'no key'}); "
                                   "add it to the roster first (enrol)")])
    when = (at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    plan_digest = digest(plan)
    roster, armored = sign_message(key, plan_digest, entry, when)
    unsigned = sign_current(plan, role, entry.name, when)
    return sign_plan(unsigned, role, entry.name, signed_at=when, digest=plan_digest,
                     parts=part_digests(plan), roster=roster, sshsig=armored)


def allowed_signers(plan: Plan) -> str:
    """The roster as an OpenSSH allowed-signers file: a line per entry, the principal being
    the person's name (quoted) and the namespace restricted to ``alignplanner``."""
    lines = []
    for entry in plan.signoff.roster:
        principal = entry.name.replace("\\", "").replace('"', "")
        lines.append(f'"{principal}" namespaces="{NAMESPACE}" {entry.public_key} '
                     f"{entry.role}")
    return "".join(line + "\n" for line in lines)
