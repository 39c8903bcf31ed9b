"""Merging another copy into the open plan (File > Merge a copy…), with no widgets.

A `MergeSession` holds the three versions: BASE, the open plan as it was when the merge
began (ours) and the other copy (theirs). `apply` puts the merge in the document as one
undoable step, each conflict at ours; `pick` settles one conflict as one more step. What
is picked is read back from the document (`picks`), never kept aside, so undo and redo
of any of these steps (or an edit by hand) show in the dialog as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alignplanner.contract import versions
from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.merge import Conflict, Merge, Side, document_of, merge, side_in
from alignplanner.contract.reader import LoadedPlan, load
from alignplanner.document.document import PlanDocument
from alignplanner.domain.problems import Problem

__all__ = ["BaseNeeded", "MergeSession", "find_base"]


@dataclass(frozen=True)
class BaseNeeded:
    """BASE is not on this machine (or not recorded): what to tell the user."""

    message: str
    version: str = ""


def find_base(document: PlanDocument, theirs: LoadedPlan) -> tuple[LoadedPlan | None, str]:
    """BASE for merging ``theirs`` into the open plan, from the two histories and the
    version store, and the sentence saying which version it is (or which one to give);
    None when it must be asked for. PlanFileError when the kept version cannot be read."""
    found = versions.find_base(document.extras.history, theirs.extras.history)
    if found.path is None:
        return None, found.message
    return load(found.path), found.message


@dataclass
class MergeSession:
    """One merge of ``theirs`` (read from ``theirs_path``) into ``document``."""

    document: PlanDocument
    base: LoadedPlan
    theirs: LoadedPlan
    theirs_path: Path
    base_note: str = ""
    ours: LoadedPlan = field(init=False)
    outcome: Merge = field(init=False)

    def __post_init__(self) -> None:
        doc = self.document
        self.ours = LoadedPlan(doc.base, doc.base_result, (), 0, doc.extras)  # the file's plan
        self.outcome = merge(self.base, self.ours, self.theirs)
        self._applied: object = None

    @classmethod
    def open(cls, document: PlanDocument, theirs_path: Path,
             base_path: Path | None = None) -> MergeSession | BaseNeeded:
        """A session for the copy at ``theirs_path`` (PlanFileError if it cannot be read),
        BASE given or found; `BaseNeeded` when it is not found."""
        theirs = load(theirs_path)
        if base_path is not None:
            return cls(document, load(base_path), theirs, theirs_path,
                       f"Base: {base_path.name}, given")
        try:
            base, note = find_base(document, theirs)
        except PlanFileError as exc:
            return BaseNeeded("; ".join(str(p) for p in exc.problems))
        if base is None:
            return BaseNeeded(note, theirs.extras.history.version)
        return cls(document, base, theirs, theirs_path, note)

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return self.outcome.conflicts

    @property
    def applied(self) -> bool:
        """True while the merge step is on the undo stack below its current index."""
        stack = self.document.undo_stack
        return any(stack.command(i) is self._applied for i in range(stack.index()))

    def picks(self) -> dict[str, Side | None]:
        """Each conflict's side as the document holds it now (None: neither)."""
        doc = document_of(self._current())
        return {c.key: side_in(c, doc) for c in self.conflicts}

    def apply(self) -> list[str]:
        """The merge as one step (conflicts at ours); the problems, and no step, when
        the merged plan does not hold."""
        problems = self._push(self.outcome, f"Merge {self.theirs_path.name}")
        if not problems:
            stack = self.document.undo_stack
            self._applied = stack.command(stack.index() - 1)
        return problems

    def pick(self, key: str, side: Side) -> list[str]:
        """Settle the conflict at ``key`` with ``side`` as one undoable step."""
        picks = {k: v for k, v in self.picks().items() if v is not None}
        picks[key] = side
        outcome = merge(self.base, self.ours, self.theirs, picks)
        conflict = next(c for c in outcome.conflicts if c.key == key)
        return self._push(outcome, f"Take {side}: {conflict.key}")

    def _push(self, outcome: Merge, text: str) -> list[str]:
        if outcome.loaded is None:
            return list(outcome.problems)
        history = self.document.extras.history.merged_with(self.theirs.extras.history)
        extras = outcome.loaded.extras.with_changes(history=history)
        problems: list[Problem] = self.document.replace_content(text, outcome.loaded.plan,
                                                                extras)
        return [str(p) for p in problems]

    def _current(self) -> LoadedPlan:
        doc = self.document
        return LoadedPlan(doc.base, doc.base_result, (), 0, doc.extras)  # the file's plan
