"""The parts of a plan as a signature records them, and where a sign-off stands."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from alignplanner.domain.wording.basics import (
    listing,
)

# -- the parts of a plan, as a signature records them --------------------------------------

REQUIRED_PART = "signoff.required"
"""The part a signature records for the roles that must sign. `[signoff]` is not in the
digest (signing must not change what is signed), but a signature holds only for the set
of roles its signer saw: dropping a required role afterwards must not make a plan agreed."""
_SECTION_LABELS = MappingProxyType({
    "format": "file format",
    "version": "format version",
    "plan": "plan settings",
    "target": "revenue target",
    "stages": "stage order",
    "sources": "source list",
    "pipeline": "existing pipeline",
    "scoring": "lead scoring",
    "calendar": "business calendar",
    "roles": "role list",
    "slas": "SLA list",
})
_ITEM_NOUNS = MappingProxyType(
    {"stages": "stage", "sources": "source", "roles": "role", "slas": "SLA"})


def part_label(part: str, names: Mapping[str, str] | None = None) -> str:
    """A part name in words: ``stages.mql`` -> ``stage mql`` (or ``stage 'Marketing
    qualified lead'`` when ``names`` maps the part to a name), ``target`` -> ``revenue
    target``; parts this version does not know: ``sla_rules.x`` -> ``sla rule x``."""
    if part == REQUIRED_PART:
        return "who must sign"
    section, _, item = part.partition(".")
    if not item:
        return _SECTION_LABELS.get(section, section.replace("_", " "))
    noun = _ITEM_NOUNS.get(section, section.rstrip("s").replace("_", " "))
    name = (names or {}).get(part)
    return f"{noun} '{name}'" if name else f"{noun} {item}"


def signoff_summary(*, agreed: bool, signed: list[str], required: bool, missing: list[str],
                    stale: list[str], changed: list[str] | None) -> str:
    """Where a sign-off stands in one or two sentences: who signed, who is missing, and
    what changed since the signatures on an older version (None: not recorded)."""
    if agreed:
        return "Agreed: signed by " + listing(signed) + "."
    if not required:
        return "Draft: the plan names no roles that must sign it."
    words = [f"Draft: waiting for {listing(missing)}." if missing else "Draft."]
    if stale:
        words.append(f"The plan changed since {listing(stale)} signed")
        words[-1] += ": " + ", ".join(changed) + "." if changed else (
            " (which parts is not recorded).")
    return " ".join(words)


