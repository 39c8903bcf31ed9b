"""Sign-off: who must approve the plan, who signed which version of it, and its status.

The plan is **agreed** only when every ``required`` role has a signature on the current
digest of the plan's inputs (the digest itself is computed by the contract layer, which
knows the file's canonical form). Otherwise it is a **draft**, and the status names the
roles still missing and the signatures made on an older version.

A digest says *that* the inputs changed, not *what* changed. So a signature also records
``parts``: a short digest of each part of the inputs at the time of signing (``plan``,
``target``, ``stages`` (their order), ``stages.<id>`` for each stage, likewise for sources,
``pipeline``, ``scoring``, and any other top-level section). Comparing them with the parts
of the current plan says which parts changed since the signature.

A sign-off may hold a **roster** (`RosterEntry`): each role's person and their Ed25519
public key. A signature made with a key (``sshsig``, OpenSSH's SSHSIG, armored) records
the digest of the roster entry it was made under (``roster``); whether it verifies is the
contract's business (alignplanner.contract.signatures), since it needs the digest. A
signature without ``sshsig`` was made before keys: it names a role, it proves nothing.

Roles are a small fixed vocabulary (`SIGNOFF_ROLES`). A sign-off that requires any role
requires at least one marketing role and one sales role (`ROLE_SIDES`): the agreement is
between the two.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from types import MappingProxyType

from alignplanner.domain.agreement.roster import fingerprint, key_blob
from alignplanner.domain.checks import check_text
from alignplanner.domain.problems import Collector, Path

__all__ = [
    "DIGEST_PATTERN",
    "PART_DIGEST_PATTERN",
    "ROLE_SIDES",
    "SIGNOFF_ROLES",
    "Approver",
    "RosterEntry",
    "SignOff",
    "Signature",
    "enrol",
    "sign",
    "withdraw",
]

SIGNOFF_ROLES: tuple[str, ...] = (
    "marketing",
    "sales",
    "sdr",
    "partner",
    "revops",
    "finance",
    "customer_success",
    "executive",
)
"""The roles a plan can ask to sign (ids, as written in the file)."""

ROLE_SIDES: Mapping[str, str] = MappingProxyType(
    {
        "marketing": "marketing",
        "sales": "sales",
        "sdr": "sales",
    }
)
"""Which side of the agreement a role signs for; the other roles sign for neither."""

DIGEST_PATTERN = re.compile(r"^sha256:[0-9a-f]{64}$")
PART_DIGEST_PATTERN = re.compile(r"^[0-9a-f]{16}$")
PART_PATTERN = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_-]+)?$")
MAX_SIGNATURES = 50
MAX_APPROVERS = 50
MAX_PARTS = 500
MAX_ROSTER = 50
MAX_SSHSIG = 2000
_PATTERN_CHARACTERS = frozenset('*?,!"\\\n\r\t')
"""An Ed25519 SSHSIG in armor is about 300 characters; anything far longer is not one."""


def check_role(c: Collector, path: Path, role: object) -> None:
    if role not in SIGNOFF_ROLES:
        c.add(path, f"unknown role {role!r}; the roles are {', '.join(SIGNOFF_ROLES)}")


def check_name(c: Collector, path: Path, name: object) -> None:
    check_text(c, path, name, limit=200)
    if isinstance(name, str) and not name.strip():
        c.add(path, "the name must not be empty")


@dataclass(frozen=True)
class Approver:
    """A person who may sign for ``role``."""

    role: str
    name: str
    title: str = ""

    def __post_init__(self) -> None:
        c = Collector()
        check_role(c, ("role",), self.role)
        check_name(c, ("name",), self.name)
        check_text(c, ("title",), self.title, limit=200)
        c.raise_if_any()


@dataclass(frozen=True)
class RosterEntry:
    """``name`` holds ``public_key`` (``ssh-ed25519 AAAA...``, no comment) to sign for
    ``role``."""

    role: str
    name: str
    public_key: str

    def __post_init__(self) -> None:
        c = Collector()
        check_role(c, ("role",), self.role)
        check_name(c, ("name",), self.name)
        if isinstance(self.name, str) and (bad := sorted(set(self.name) & _PATTERN_CHARACTERS)):
            c.add(("name",), f"a name in the roster cannot hold {' '.join(bad)} (in an "
                  "allowed-signers file they are patterns that match other names)")
        check_text(c, ("public_key",), self.public_key, limit=200)
        if isinstance(self.public_key, str) and len(self.public_key) <= 200:
            try:
                key_blob(self.public_key)
            except ValueError as exc:
                c.add(("public_key",), str(exc))
        c.raise_if_any()

    @property
    def fingerprint(self) -> str:
        """``K7QF-2M9A`` (alignplanner.domain.agreement.roster.fingerprint)."""
        return fingerprint(self.public_key)

    def describe(self) -> str:
        """``sales: Sam Lee, key K7QF-2M9A``."""
        return f"{self.role}: {self.name}, key {self.fingerprint}"


@dataclass(frozen=True)
class Signature:
    """``name`` signed for ``role`` at ``signed_at`` (UTC, to the second) the inputs whose
    digest was ``digest``; ``parts`` holds the part digests of those inputs."""

    role: str
    name: str
    signed_at: datetime
    digest: str
    parts: Mapping[str, str] = field(default_factory=dict)
    roster: str = ""
    """The digest of the roster entry the signer signed under (empty: made before keys)."""
    sshsig: str = ""
    """The SSHSIG signature, armored (empty: made before keys)."""

    def __post_init__(self) -> None:
        if isinstance(self.parts, Mapping):
            object.__setattr__(self, "parts", MappingProxyType(dict(self.parts)))
        c = Collector()
        check_role(c, ("role",), self.role)
        check_name(c, ("name",), self.name)
        at = self.signed_at
        if not isinstance(at, datetime):
            c.add(
                ("signed_at",), f"must be a date and time such as 2026-11-23T14:05:00Z, got {at!r}"
            )
        elif at.utcoffset() != timedelta(0):
            c.add(("signed_at",), "must be in UTC, written with a Z (2026-11-23T14:05:00Z)")
        elif at.microsecond:
            c.add(("signed_at",), "must be to the second (no fractions of a second)")
        if not isinstance(self.digest, str) or not DIGEST_PATTERN.match(self.digest):
            c.add(
                ("digest",), f"must be 'sha256:' and 64 lowercase hex digits, got {self.digest!r}"
            )
        if not isinstance(self.parts, Mapping):
            c.add(("parts",), f"must be a table of part = digest, got {self.parts!r}")
        elif len(self.parts) > MAX_PARTS:
            c.add(("parts",), f"at most {MAX_PARTS} parts, got {len(self.parts)}")
        else:
            for key, value in self.parts.items():
                if not isinstance(key, str) or not PART_PATTERN.match(key):
                    c.add(
                        ("parts", str(key)),
                        f"{key!r} is not a part name such as 'target' or 'stages.mql'",
                    )
                elif not isinstance(value, str) or not PART_DIGEST_PATTERN.match(value):
                    c.add(("parts", key), f"must be 16 lowercase hex digits, got {value!r}")
        self._check_key_fields(c)
        c.raise_if_any()

    def _check_key_fields(self, c: Collector) -> None:
        if self.roster and (not isinstance(self.roster, str)
                            or not DIGEST_PATTERN.match(self.roster)):
            c.add(("roster",), f"must be 'sha256:' and 64 lowercase hex digits, got "
                  f"{self.roster!r}")
        check_text(c, ("sshsig",), self.sshsig, limit=MAX_SSHSIG)
        if bool(self.roster) != bool(self.sshsig):
            c.add(("sshsig",) if self.roster else ("roster",),
                  "a signature made with a key has both 'roster' and 'sshsig'")

    def __hash__(self) -> int:
        return hash((self.role, self.name, self.signed_at, self.digest, self.sshsig))

    @property
    def keyed(self) -> bool:
        """Made with a key (else made before keys, which proves nothing)."""
        return bool(self.sshsig)

    def describe(self) -> str:
        """``sales (Sam Ortiz, 2026-11-23 14:05 UTC)``."""
        return f"{self.role} ({self.name}, {self.signed_at:%Y-%m-%d %H:%M} UTC)"


@dataclass(frozen=True)
class SignOff:
    """The roles that must sign, the named approvers, and the signatures made."""

    required: tuple[str, ...] = ()
    approvers: tuple[Approver, ...] = ()
    signatures: tuple[Signature, ...] = ()
    roster: tuple[RosterEntry, ...] = ()

    def __post_init__(self) -> None:
        c = Collector()
        self._check_required(c)
        self._check_approvers(c)
        self._check_signatures(c)
        self._check_roster(c)
        c.raise_if_any()

    def _check_roster(self, c: Collector) -> None:
        if len(self.roster) > MAX_ROSTER:
            c.add(("roster",), f"at most {MAX_ROSTER} roster entries, got {len(self.roster)}")
        seen: set[tuple[str, str]] = set()
        for i, entry in enumerate(self.roster):
            if (entry.role, entry.name) in seen:
                c.add(("roster", i), f"{entry.name} is in the roster twice for {entry.role}; "
                      "keep one key per person and role")
            seen.add((entry.role, entry.name))
            names = self.approvers_for(entry.role)
            if names and entry.name not in names:
                c.add(("roster", i, "name"),
                      f"{entry.name} is not a named approver for {entry.role} "
                      f"({', '.join(names)})")

    def roster_entry(self, role: str, name: str) -> RosterEntry | None:
        """The roster's entry for ``name`` signing for ``role`` (None if not enrolled)."""
        return next((e for e in self.roster if (e.role, e.name) == (role, name)), None)

    def roster_for_key(self, role: str, public_key: str) -> RosterEntry | None:
        """The roster's entry for ``role`` holding ``public_key`` (None if none does)."""
        blob = key_blob(public_key)
        return next((e for e in self.roster
                     if e.role == role and key_blob(e.public_key) == blob), None)

    def _check_required(self, c: Collector) -> None:
        for i, role in enumerate(self.required):
            check_role(c, ("required", i), role)
            if role in self.required[:i]:
                c.add(("required", i), f"role {role!r} is listed twice")
        sides = {ROLE_SIDES.get(role) for role in self.required}
        if self.required and not {"marketing", "sales"} <= sides:
            c.add(
                ("required",),
                "the agreement is between marketing and sales: the required "
                "roles must include marketing and sales (or sdr)",
            )

    def _check_approvers(self, c: Collector) -> None:
        if len(self.approvers) > MAX_APPROVERS:
            c.add(("approvers",), f"at most {MAX_APPROVERS} approvers, got {len(self.approvers)}")
        seen: set[tuple[str, str]] = set()
        for i, approver in enumerate(self.approvers):
            key = (approver.role, approver.name)
            if key in seen:
                c.add(("approvers", i), f"{approver.name} is named twice for {approver.role}")
            seen.add(key)
        if self.approvers:
            named = {a.role for a in self.approvers}
            for i, role in enumerate(self.required):
                if role not in named:
                    c.add(("required", i), f"required role {role!r} has no named approver")

    def _check_signatures(self, c: Collector) -> None:
        if len(self.signatures) > MAX_SIGNATURES:
            c.add(
                ("signatures",), f"at most {MAX_SIGNATURES} signatures, got {len(self.signatures)}"
            )
        allowed = set(self.required) | {a.role for a in self.approvers}
        seen: set[tuple[str, str]] = set()
        for i, sig in enumerate(self.signatures):
            if sig.role not in allowed:
                c.add(
                    ("signatures", i, "role"),
                    f"role {sig.role!r} is not asked to sign this plan (required: "
                    f"{', '.join(self.required) or 'none'})",
                )
            names = self.approvers_for(sig.role)
            if names and sig.name not in names:
                c.add(
                    ("signatures", i, "name"),
                    f"{sig.name} is not a named approver for {sig.role} ({', '.join(names)})",
                )
            if (sig.role, sig.name) in seen:
                c.add(
                    ("signatures", i),
                    f"{sig.name} signed twice for {sig.role}; keep the latest signature only",
                )
            seen.add((sig.role, sig.name))

    def approvers_for(self, role: str) -> tuple[str, ...]:
        """The names of the approvers named for ``role`` (empty: anyone may sign for it)."""
        return tuple(a.name for a in self.approvers if a.role == role)

    @property
    def roles(self) -> tuple[str, ...]:
        """Roles that may sign: the required ones, then other approvers' roles."""
        extra = [a.role for a in self.approvers if a.role not in self.required]
        return (*self.required, *dict.fromkeys(extra))



def sign(signoff: SignOff, signature: Signature) -> SignOff:
    """``signoff`` with ``signature`` added; it replaces an earlier signature by the same
    person for the same role. PlanInvalid (paths under ``signatures``) if not allowed."""
    kept = tuple(
        s for s in signoff.signatures if (s.role, s.name) != (signature.role, signature.name)
    )
    return replace(signoff, signatures=(*kept, signature))


def enrol(signoff: SignOff, entry: RosterEntry) -> SignOff:
    """``signoff`` with ``entry`` in its roster, replacing the same person's entry for the
    same role. PlanInvalid (paths under ``roster``) if not allowed."""
    kept = tuple(e for e in signoff.roster if (e.role, e.name) != (entry.role, entry.name))
    return replace(signoff, roster=(*kept, entry))


def withdraw(signoff: SignOff, role: str, name: str) -> SignOff:
    """``signoff`` without the signature of ``name`` for ``role`` (unchanged if none)."""
    kept = tuple(s for s in signoff.signatures if (s.role, s.name) != (role, name))
    return replace(signoff, signatures=kept)
