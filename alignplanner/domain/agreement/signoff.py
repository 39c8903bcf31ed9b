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

from alignplanner.domain.checks import check_text
from alignplanner.domain.problems import Collector, Path

__all__ = [
    "DIGEST_PATTERN",
    "PART_DIGEST_PATTERN",
    "ROLE_SIDES",
    "SIGNOFF_ROLES",
    "Approver",
    "SignOff",
    "Signature",
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


def _check_role(c: Collector, path: Path, role: object) -> None:
    if role not in SIGNOFF_ROLES:
        c.add(path, f"unknown role {role!r}; the roles are {', '.join(SIGNOFF_ROLES)}")


def _check_name(c: Collector, path: Path, name: object) -> None:
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
        _check_role(c, ("role",), self.role)
        _check_name(c, ("name",), self.name)
        check_text(c, ("title",), self.title, limit=200)
        c.raise_if_any()


@dataclass(frozen=True)
class Signature:
    """``name`` signed for ``role`` at ``signed_at`` (UTC, to the second) the inputs whose
    digest was ``digest``; ``parts`` holds the part digests of those inputs."""

    role: str
    name: str
    signed_at: datetime
    digest: str
    parts: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.parts, Mapping):
            object.__setattr__(self, "parts", MappingProxyType(dict(self.parts)))
        c = Collector()
        _check_role(c, ("role",), self.role)
        _check_name(c, ("name",), self.name)
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
        c.raise_if_any()

    def __hash__(self) -> int:
        return hash((self.role, self.name, self.signed_at, self.digest))

    def describe(self) -> str:
        """``sales (Sam Ortiz, 2026-11-23 14:05 UTC)``."""
        return f"{self.role} ({self.name}, {self.signed_at:%Y-%m-%d %H:%M} UTC)"


@dataclass(frozen=True)
class SignOff:
    """The roles that must sign, the named approvers, and the signatures made."""

    required: tuple[str, ...] = ()
    approvers: tuple[Approver, ...] = ()
    signatures: tuple[Signature, ...] = ()

    def __post_init__(self) -> None:
        c = Collector()
        self._check_required(c)
        self._check_approvers(c)
        self._check_signatures(c)
        c.raise_if_any()

    def _check_required(self, c: Collector) -> None:
        for i, role in enumerate(self.required):
            _check_role(c, ("required", i), role)
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


def withdraw(signoff: SignOff, role: str, name: str) -> SignOff:
    """``signoff`` without the signature of ``name`` for ``role`` (unchanged if none)."""
    kept = tuple(s for s in signoff.signatures if (s.role, s.name) != (role, name))
    return replace(signoff, signatures=kept)
