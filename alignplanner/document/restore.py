"""Putting a plan into a document with the undo state that tells the truth.

Dirty state is the undo stack's, so "this plan differs from its file" must be said with
the stack: either one undoable step from the file's plan to the other plan (undo then
shows the file's version, and the stack is dirty exactly while they differ), or, where
there is no file's plan to step from, a stack without a clean state (`resetClean`).
"""

from __future__ import annotations

from pathlib import Path

from alignplanner.contract.reader import LoadedPlan
from alignplanner.document.document import PlanDocument

__all__ = ["differs_from_file", "load_changed_file", "recover"]


def differs_from_file(document: PlanDocument) -> None:
    """The plan on screen is not what the file holds, though nobody edited it (the file
    changed on disk and the user kept their version; its requirements were recomputed)."""
    document.undo_stack.resetClean()


def recover(document: PlanDocument, recovered: LoadedPlan, path: Path | None,
            on_disk: LoadedPlan | None) -> None:
    """Put a recovered plan that belongs to the file ``path`` into ``document``.

    With the file's plan (``on_disk``) the recovered changes are one undoable step on top
    of it, "Recovered unsaved changes"; without it (never saved, gone, unreadable) the
    recovered plan alone, as unsaved.
    """
    if on_disk is None:
        document.load(recovered.plan, path, recovered.result, recovered.extras)
        differs_from_file(document)
        return
    # the settings are not undoable edits: the recovered ones are taken as they are
    document.load(on_disk.plan, path, on_disk.result,
                  on_disk.extras.with_changes(uncertainty=recovered.uncertainty))
    if on_disk.plan != recovered.plan:
        document.replace_plan(recovered.plan, "Recovered unsaved changes")
    if on_disk.scenarios != recovered.scenarios:
        document.edit_scenarios("Recovered unsaved scenarios", lambda _old: recovered.scenarios)


def load_changed_file(document: PlanDocument, loaded: LoadedPlan, name: str) -> None:
    """Put the file's new version into ``document`` as one undoable step (undo brings
    back the version that was on screen); the document is then clean."""
    if loaded.plan != document.base:
        document.replace_plan(loaded.plan, f"Load {name} as changed on disk")
    document.undo_stack.setClean()
