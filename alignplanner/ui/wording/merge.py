"""The words of File > Merge a copy…: the menu item, the dialog's titles, buttons and
notes. The changes and conflicts themselves are the contract's (in the plan's words)."""

from __future__ import annotations

__all__ = [
    "MERGE_ACTION", "MERGE_APPLIED", "MERGE_BUTTON", "MERGE_CHANGES", "MERGE_CONFLICTS",
    "MERGE_EDITED", "MERGE_NO_CONFLICTS", "MERGE_OURS", "MERGE_PICKS", "MERGE_THEIRS",
    "MERGE_TIP", "MERGE_TITLE", "merge_ask_base", "merge_heading", "merge_in_words",
    "merge_side_title",
]

MERGE_ACTION = "&Merge a copy…"
MERGE_TIP = ("Bring in the changes of another copy of this plan, edited from the same "
             "version (a colleague's, sent back by mail)")
MERGE_TITLE = "Merge a copy"
MERGE_CHANGES = "Changes"
MERGE_CONFLICTS = "Conflicts: choose which copy's value to keep"
MERGE_NO_CONFLICTS = "No conflicts: every change goes together."
MERGE_BUTTON = "&Merge"
MERGE_APPLIED = ("Merged. Each choice below is one step of Edit > Undo; the file changes "
                 "only when you save.")
MERGE_PICKS = ("Keep this plan's", "Take the copy's")
MERGE_EDITED = "(edited since)"
MERGE_OURS = "this plan"
MERGE_THEIRS = "the copy"


def merge_heading(copy_name: str, base_note: str) -> str:
    return f"Merging {copy_name} into this plan. {base_note}."


def merge_side_title(side: str, copy_name: str, count: int) -> str:
    where = "In this plan" if side == "ours" else f"In {copy_name}"
    return f"{where}: {count} change{'' if count == 1 else 's'}"


def merge_in_words(text: str, copy_name: str) -> str:
    """A conflict's sentence with the sides named as the dialog names them: "in ours" is
    this plan, "in theirs" the copy's file."""
    return text.replace(" in ours", f" in {MERGE_OURS}").replace(" in theirs",
                                                                f" in {copy_name}")


def merge_ask_base(message: str) -> str:
    return f"{message}. Choose that file next."
