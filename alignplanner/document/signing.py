"""Signing the open plan, and where its sign-off stands, in the plan's words (the contract
layer's digest and diff, imported when first needed).

`sign` records a signature as one undoable edit: the digest of the plan's inputs (the
contract's `digest`) with the part digests a later status compares to say which parts
changed. `standing` says whether the plan is agreed and, when it changed since it was
signed, by what: `contract.diff` of the plan as it was signed against the current one.
For that the document's *signed versions* are remembered by digest: the plan as it was
loaded (or first seen), and the plan as each signature made in this session saw it. A
signature made elsewhere on a version never seen here is described by its parts
(``stage mql changed``).

Signatures with keys: `enrol` puts a public key in the roster and `sign_with_key` signs
with the user's private key, each one undoable edit (the key is used inside the edit and
kept nowhere: the undo stack holds plans only). `standing` counts only the signatures
that hold (alignplanner.contract.agreement.checked) and says for each one the key that
made it (`Standing.keys`) and, for those that do not hold, why (`Standing.problems`: the
roster changed since, a wrong key, a damaged signature).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from alignplanner.document.document import PlanDocument
from alignplanner.domain.agreement.signoff import Signature
from alignplanner.domain.agreement.status import PartChange, SignoffStatus, signoff_status
from alignplanner.domain.edits.signoff import sign_plan, withdraw_signature
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.domain.results import Result

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

__all__ = [
    "Changes", "Standing", "enrol", "part_digests", "short_digest", "sign", "sign_with_key",
    "signed_version", "standing", "withdraw",
]


def part_digests(plan: Plan) -> dict[str, str]:
    """The short digest of each part of the inputs (the contract's recipe)."""
    from alignplanner.contract.digest import part_digests as parts

    return parts(plan)


def _digest(plan: Plan) -> str:
    # The contract's digest, imported when first needed: a plan nobody signed never needs
    # it, and start-up (benchmarked) does not pay for it.
    from alignplanner.contract.digest import digest

    return digest(plan)


def short_digest(value: str) -> str:
    """``sha256:9f2c41d0…`` -> ``9f2c41d0`` (what people compare by eye)."""
    return value.removeprefix("sha256:")[:8]


@dataclass(frozen=True)
class Changes:
    """What changed since the plan was signed, in words."""

    inputs: tuple[str, ...] = ()
    """The inputs that changed."""
    consequences: tuple[str, ...] = ()
    """What they change: wins and each stage's total over the plan."""
    monthly: int = 0
    """How many monthly requirements changed as well (not listed one by one)."""


class Standing:
    """The sign-off status of the document's current plan, with what changed since it was
    signed (inputs first, then their consequences), in words. The changes are worked out
    when first asked for (a diff costs more than the status, which every edit shows)."""

    def __init__(self, status: SignoffStatus, digest: str,
                 changes: Callable[[], Changes] | None = None,
                 keys: dict[Signature, str] | None = None,
                 problems: dict[Signature, str] | None = None) -> None:
        self.status = status
        self.digest = digest
        self._make = changes
        self.keys = keys or {}
        """Signature -> the fingerprint of the key that made it ("" made before keys)."""
        self.problems = problems or {}
        """Signature -> why it does not count (its key signature does not hold)."""

    @cached_property
    def _changes(self) -> Changes:
        return Changes() if self._make is None else self._make()

    @property
    def inputs(self) -> tuple[str, ...]:
        return self._changes.inputs

    @property
    def consequences(self) -> tuple[str, ...]:
        return self._changes.consequences

    @property
    def monthly(self) -> int:
        return self._changes.monthly

    @property
    def changes(self) -> tuple[str, ...]:
        return (*self.inputs, *self.consequences)

    @property
    def agreed(self) -> bool:
        return self.status.agreed

    @property
    def headline(self) -> str:
        return "Agreed" if self.agreed else "Draft"

    def short_words(self) -> str:
        """A few words under the headline badge: ``all 2 roles signed``, ``waiting for
        sales``, ``changed since signed``, ``no sign-off set up``."""
        status = self.status
        if status.agreed:
            return f"all {len(status.required)} roles signed"
        if not status.required:
            return "no sign-off set up"
        if status.stale:
            return "changed since signed"
        return "waiting for " + ", ".join(status.missing)

    def sentence(self) -> str:
        """The status for people: who signed, who is missing, what changed (see below)."""
        status = self.status
        if status.agreed:
            return "Signed by " + _and(f"{s.name} ({s.role}) on {s.signed_at:%d %b %Y}"
                                      for s in status.current) + ". The plan is agreed."
        if not status.required:
            return "Nobody is required to sign yet: say below who must sign."
        words = []
        if status.current:
            words.append("Signed by " + _and(f"{s.name} ({s.role})" for s in status.current)
                         + ".")
        if status.missing:
            words.append(f"Waiting for {_and(status.missing)}.")
        if status.stale:
            words.append("The plan changed since " + _and(f"{s.name} ({s.role})"
                                                          for s in status.stale)
                         + " signed.")
        return " ".join(words)


def _and(items: Iterable[str]) -> str:
    words = list(items)
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


class _Memory:
    """The plans a document's signatures were made on, by digest, and the last standing."""

    def __init__(self) -> None:
        self.versions: dict[str, tuple[Plan, Result]] = {}
        self.last: tuple[tuple[object, object], Standing] | None = None

    def remember(self, plan: Plan, result: Result, plan_digest: str | None = None) -> None:
        self.versions.setdefault(plan_digest or _digest(plan), (plan, result))


_memories: weakref.WeakKeyDictionary[PlanDocument, _Memory] = weakref.WeakKeyDictionary()


def signed_version(document: PlanDocument) -> tuple[Plan, Result]:
    """The plan that is signed (the agreed scenario applied on the base; the base when no
    variant is agreed) and its result."""
    from alignplanner.contract.scenarios import signed_plan

    plan = signed_plan(document.base, document.scenarios)
    if plan is document.base:
        return plan, document.base_result
    if plan == document.plan:
        return plan, document.result
    from alignplanner.domain.engine.compute import compute

    return plan, compute(plan)


def _memory(document: PlanDocument) -> _Memory:
    memory = _memories.get(document)
    if memory is None:
        memory = _memories[document] = _Memory()
        stack = document.undo_stack
        first = stack.command(0) if stack.count() else None
        before = getattr(first, "before", None)
        # a plan edit's (plan, result), or a merged copy's (plan, result, extras)
        loaded = before[:2] if isinstance(before, tuple) else signed_version(document)
        if loaded[0].signoff.signatures:  # the plan as loaded may be the one signed
            memory.remember(*loaded)
    return memory


def standing(document: PlanDocument) -> Standing:
    """Where the sign-off of the document's current plan stands (cached per plan)."""
    memory = _memory(document)
    key = (document.base, document.scenarios)
    if memory.last is not None and all(a is b for a, b in zip(memory.last[0], key,
                                                                strict=True)):
        return memory.last[1]
    version = signed_version(document)
    plan = version[0]
    signoff = plan.signoff
    if not signoff.signatures:  # nothing to compare: no digest needed (edits stay quick)
        result = Standing(signoff_status(signoff, ""), "")
    else:
        from alignplanner.contract.agreement import checked
        from alignplanner.contract.signatures import signer_key
        from alignplanner.domain.agreement.roster import fingerprint

        current = _digest(plan)
        counted, problems = checked(signoff)
        status = signoff_status(counted, current, part_digests(plan))
        keys = {s: fingerprint(k) if (k := signer_key(s)) else "" for s in signoff.signatures}
        result = Standing(status, current,
                          lambda: _changes(memory, status, *version), keys, problems)
    memory.last = (key, result)
    return result


def _changes(
    memory: _Memory, status: SignoffStatus, plan: Plan, plan_result: Result
) -> Changes:
    inputs: dict[str, None] = {}
    consequences: dict[str, None] = {}
    monthly: set[str] = set()
    unknown = False
    for signature in status.stale:
        known = memory.versions.get(signature.digest)
        if known is None:
            unknown = True
            continue
        from alignplanner.contract.diff import diff

        for change in diff(known[0], plan, known[1], plan_result):
            if change.path.split(".")[0] == "signoff":
                continue  # the signatures themselves are not what was agreed
            if change.kind == "input":
                inputs[change.text] = None
            elif ".monthly_rounded." in change.path:
                monthly.add(change.path)
            else:
                consequences[change.text] = None
    if unknown or not inputs:  # a version never seen here, or a part the diff does not word
        inputs.update(dict.fromkeys(_part_words(c, plan) for c in status.changed))
    return Changes(tuple(inputs), tuple(consequences), len(monthly))


def _part_words(change: PartChange, plan: Plan) -> str:
    """``stages.mql`` changed -> ``Stage Marketing qualified lead changed``."""
    section, _, item = change.part.partition(".")
    names = {"stages": {s.id: s.name for s in plan.stages},
             "sources": {s.id: s.name or s.id for s in plan.sources}}.get(section, {})
    if item in names:
        return f"{section[:-1].capitalize()} {names[item]} {change.change}"
    text = str(change)
    return text[0].upper() + text[1:]


def sign(document: PlanDocument, role: str, name: str, at: datetime | None = None) -> list[Problem]:
    """Sign the document's plan as ``name`` for ``role`` at ``at`` (now), as one undoable
    edit; the problems (nothing signed) when the sign-off does not allow it."""
    signed_at = (at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    plan, result = signed_version(document)
    plan_digest, parts = _digest(plan), part_digests(plan)
    memory = _memory(document)
    memory.remember(plan, result, plan_digest)
    return document.edit(
        f"Sign as {role} ({name.strip()})",
        lambda p: sign_plan(p, role, name, signed_at=signed_at, digest=plan_digest, parts=parts),
    )


def withdraw(document: PlanDocument, role: str, name: str) -> list[Problem]:
    """Withdraw the signature of ``name`` for ``role`` (one undoable edit)."""
    return document.edit(
        f"Withdraw signature of {name} ({role})", lambda p: withdraw_signature(p, role, name)
    )


def sign_with_key(document: PlanDocument, role: str, key: Ed25519PrivateKey,
                  at: datetime | None = None) -> list[Problem]:
    """Sign the document's plan for ``role`` with ``key`` (an OpenSSH signature, as the
    person the roster holds the key for), as one undoable edit; the problems (nothing
    signed) when the roster does not hold this key for ``role``, or as `sign`."""
    from alignplanner.contract.agreement import sign_with_key as signed

    signed_at = (at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    plan, result = signed_version(document)  # the agreed scenario is what is signed
    try:
        signoff = signed(plan, role, key, signed_at).signoff
    except PlanInvalid as exc:
        return list(exc.problems)
    _memory(document).remember(plan, result)
    return document.edit(f"Sign as {role} with your key",
                         lambda p: p.with_changes(signoff=signoff))


def enrol(document: PlanDocument, role: str, name: str, public_key: str) -> list[Problem]:
    """Put ``name``'s ``public_key`` in the roster for ``role`` (one undoable edit)."""
    from alignplanner.contract.agreement import enrolled

    return document.edit(f"Add the key of {name.strip()} ({role}) to the roster",
                         lambda p: enrolled(p, role, name, public_key))
