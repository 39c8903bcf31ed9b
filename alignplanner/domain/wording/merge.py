"""The words of a three-way merge of two copies of a plan: its conflicts, the signatures it
drops, and which version it took as the common base. Plain values in, sentences out."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "SIDE_WORDS", "base_found", "base_missing", "base_unknown", "conflict_added_both",
    "conflict_changed",
    "conflict_order", "conflict_removed_edited", "conflict_renamed", "signature_dropped",
]

SIDE_WORDS = {"ours": "ours", "theirs": "theirs"}


def conflict_changed(ours_text: str, theirs_after: str | None) -> str:
    """``Revenue target 9,000,000 USD -> 9,500,000 USD in ours, but -> 9,800,000 USD in
    theirs``; a change without a before and after (a long text) says "differently"."""
    if theirs_after is None:
        return f"{ours_text} in ours and in theirs, differently"
    return f"{ours_text} in ours, but -> {theirs_after} in theirs"


def conflict_added_both(added_text: str, detail: str, ours: str, theirs: str) -> str:
    """Something both sides added, differently: ``Scenario: 'Stretch' added in both, set
    target revenue 10,000,000 in ours but 11,000,000 in theirs``."""
    return f"{added_text} in both, {detail} {ours} in ours but {theirs} in theirs"


def conflict_renamed(noun: str, before: str, ours: str, theirs: str) -> str:
    return f"{noun} '{before}' renamed '{ours}' in ours, but '{theirs}' in theirs"


def conflict_removed_edited(removed_text: str, removed_in: str, edits: Sequence[str]) -> str:
    edited_in = "theirs" if removed_in == "ours" else "ours"
    shown = "; ".join(edits) if edits else "changed"
    return f"{removed_text} in {removed_in}, but edited in {edited_in}: {shown}"


def conflict_order(noun: str, ours: Sequence[str], theirs: Sequence[str]) -> str:
    return (f"{noun} order changed in both: {', '.join(ours)} in ours, "
            f"{', '.join(theirs)} in theirs")


def signature_dropped(name: str, role: str) -> str:
    return (f"Signature of {name} for {role} dropped: the merged plan is not what they "
            "signed (sign again after the merge)")


def base_found(version: str, saved: str, where: str) -> str:
    return f"Base: version {version} (saved {saved}), the newest version both copies come " \
        f"from, kept on this machine in {where}"


def base_missing(version: str, saved: str) -> str:
    return (f"The version both copies come from, {version} (saved {saved}), is not on this "
            "machine: give it as BASE (the copy saved then)")


def base_unknown() -> str:
    return ("The two copies share no version in their history (a file saved before "
            "versions were recorded, or two different plans): give BASE, the copy both "
            "started from")
