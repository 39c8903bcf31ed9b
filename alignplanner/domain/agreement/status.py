"""Where a sign-off stands for the current inputs: agreed or draft, who is missing, and
which parts of the plan changed since an older signature (from the part digests the
signature recorded; the digests themselves are the contract layer's)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from alignplanner.domain import wording
from alignplanner.domain.agreement.signoff import Signature, SignOff
from alignplanner.domain.wording import REQUIRED_PART

__all__ = ["REQUIRED_PART", "PartChange", "SignoffStatus", "changed_parts", "signoff_status"]


@dataclass(frozen=True)
class PartChange:
    """One part of the inputs that differs from what a signature covered."""

    part: str
    change: Literal["changed", "added", "removed"]

    def __str__(self) -> str:
        return f"{wording.part_label(self.part)} {self.change}"

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """Like str(), with entries named by ``names`` (part -> name) where known:
        ``stage 'Marketing qualified lead' changed``."""
        return f"{wording.part_label(self.part, names)} {self.change}"


def changed_parts(signed: Mapping[str, str], current: Mapping[str, str]) -> tuple[PartChange, ...]:
    """What differs between the parts a signature recorded and the current ones: changed
    and added parts in the current order, then removed ones in the signed order."""
    out = [
        PartChange(p, "changed") if p in signed else PartChange(p, "added")
        for p, value in current.items()
        if signed.get(p) != value
    ]
    out += [PartChange(p, "removed") for p in signed if p not in current]
    return tuple(out)


@dataclass(frozen=True)
class SignoffStatus:
    """Where the sign-off stands for the current inputs."""

    state: Literal["agreed", "draft"]
    required: tuple[str, ...]
    missing: tuple[str, ...]
    """Required roles without a signature on the current digest."""
    current: tuple[Signature, ...]
    """Signatures on the current digest, made when the same roles had to sign."""
    stale: tuple[Signature, ...]
    """Signatures made on an older version of the inputs (or of who must sign)."""
    changed: tuple[PartChange, ...]
    """What changed since the stale signatures (from their recorded parts)."""

    @property
    def agreed(self) -> bool:
        return self.state == "agreed"

    @property
    def changed_since_signed(self) -> bool:
        return bool(self.stale)

    def summary(self, names: Mapping[str, str] | None = None) -> str:
        """The status in one or two plain sentences (entries named by ``names``, part ->
        name, where given)."""
        return wording.signoff_summary(
            agreed=self.agreed,
            signed=[s.describe() for s in self.current],
            required=bool(self.required),
            missing=list(self.missing),
            stale=[s.describe() for s in self.stale],
            changed=[c.describe(names) for c in self.changed],
        )


def signoff_status(
    signoff: SignOff, digest: str, parts: Mapping[str, str] | None = None
) -> SignoffStatus:
    """The status of ``signoff`` for inputs with ``digest`` (and part digests ``parts``,
    to say what changed since an older signature)."""
    def covers(sig: Signature) -> bool:
        if sig.digest != digest:
            return False
        seen = sig.parts.get(REQUIRED_PART)  # older signatures did not record it
        return seen is None or parts is None or seen == parts.get(REQUIRED_PART, seen)

    current = tuple(s for s in signoff.signatures if covers(s))
    stale = tuple(s for s in signoff.signatures if not covers(s))
    signed_roles = {s.role for s in current}
    missing = tuple(r for r in signoff.required if r not in signed_roles)
    changed: dict[PartChange, None] = {}
    if parts is not None:
        for sig in stale:
            if sig.parts:
                changed.update(dict.fromkeys(changed_parts(sig.parts, parts)))
    agreed = bool(signoff.required) and not missing
    return SignoffStatus(
        "agreed" if agreed else "draft", signoff.required, missing, current, stale, tuple(changed)
    )
