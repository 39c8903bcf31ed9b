"""PlanDocument: owns the open plan, its computed result and the undo stack.

Every change goes through `edit()`, which applies a pure function of the plan
(alignplanner.domain.edits), recomputes, and pushes one undoable command. An edit that
would make the plan invalid is refused: `edit()` returns the problems and nothing changes.

A window has one document for its whole life, handed to each of its views once: opening
another file puts a different plan in the same document (`load`), with a fresh undo
history, and the views refresh as they do after any edit.

The plan shown and edited is the current scenario's (`show_scenario`; document/scenarios.py):
``plan`` and ``result`` are that scenario's, ``base`` is the file's plan.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from alignplanner.document.commands import PlanAndExtrasEdit, PlanEdit
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.extras import Extras
from alignplanner.domain.history import History
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.domain.results import Result
from alignplanner.domain.review.snapshots import Snapshot, Snapshots
from alignplanner.domain.scenarios.scenario import BASE, Scenarios
from alignplanner.domain.uncertainty.settings import Uncertainty

if TYPE_CHECKING:
    from alignplanner.document.scenarios import Shown

Transform = Callable[[Plan], Plan]


class PlanDocument(QObject):
    """The open plan. Signals say what changed so each view refreshes only itself."""

    planChanged = Signal(object)  # (old Plan, new Plan)
    resultChanged = Signal(object)  # Result
    pathChanged = Signal(object)  # Path | None
    modifiedChanged = Signal(bool)
    loaded = Signal()  # a different plan is in the document (before its planChanged)
    scenariosChanged = Signal(object)  # Scenarios
    currentScenarioChanged = Signal(str)  # the name of the scenario shown (BASE or a variant)
    snapshotsChanged = Signal(object)  # Snapshots (the actuals' refreshes kept)

    def __init__(self, plan: Plan, path: Path | None = None,
                 result: Result | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._result = result if result is not None else compute(plan)
        self._path = path
        self._extras = Extras()
        self._base, self._base_result, self._current = self._plan, self._result, BASE
        self.undo_stack = QUndoStack(self)
        # A method, not a lambda: Qt drops the connection when the document is destroyed,
        # before the stack (its child), whose destructor may still emit cleanChanged.
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # -- state -------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def result(self) -> Result:
        return self._result

    @property
    def base(self) -> Plan:
        """The base plan (the file's); ``plan`` is the scenario shown."""
        return self._base

    @property
    def base_result(self) -> Result:
        return self._base_result

    @property
    def current_scenario(self) -> str:
        """The name of the scenario shown and edited (`BASE` or a variant's)."""
        return self._current

    @property
    def extras(self) -> Extras:
        """What the plan file holds beside the plan (its scenarios, its settings)."""
        return self._extras

    @property
    def uncertainty(self) -> Uncertainty:
        """The plan file's ``[uncertainty]`` settings, kept as the file had them."""
        return self._extras.uncertainty

    @property
    def scenarios(self) -> Scenarios:
        """The variants of the plan (the plan itself is the base)."""
        return self._extras.scenarios

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self._path.name if self._path else "Untitled"

    def set_path(self, path: Path | None) -> None:
        if path != self._path:
            self._path = path
            self.pathChanged.emit(path)

    def _clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    def mark_saved(self, path: Path, history: History | None = None) -> None:
        """The plan is now in the file at ``path``; ``history`` names the version saved
        (not an edit: nothing to undo)."""
        if history is not None:
            self._extras = self._extras.with_changes(history=history)
        self.set_path(path)
        self.undo_stack.setClean()

    # -- editing -----------------------------------------------------------------------

    def edit(self, text: str, transform: Transform,
             merge_key: Hashable | None = None) -> list[Problem]:
        """Apply ``transform`` as one undoable step named ``text``.

        Returns the problems (and changes nothing) when the result would be invalid.
        Edits with the same ``merge_key`` in a row merge into one undo step.
        """
        if self._current != BASE:  # the edit becomes the shown variant's overrides
            from alignplanner.document.scenarios import variant_edit

            made = variant_edit(self._shown(), transform, text, merge_key, self._put)
            if isinstance(made, list):
                return made
            if made is not None:
                self.undo_stack.push(made)
            return []
        try:
            new_plan = transform(self._plan)
            if new_plan == self._plan:
                return []
            new_result = compute(new_plan)
        except PlanInvalid as exc:
            return list(exc.problems)
        if self._extras.scenarios.variants:  # a variant must still fit: nothing it says is lost
            from alignplanner.contract.scenarios import check

            if problems := check(new_plan, self._extras.scenarios):
                return problems
        self.undo_stack.push(PlanEdit(self._install, (self._plan, self._result),
                                      (new_plan, new_result), text, merge_key))
        return []

    def edit_with_extras(self, text: str, transform: Transform,
                         extras: Callable[[Extras], Extras]) -> list[Problem]:
        """Apply ``transform`` to the plan and ``extras`` to what the file holds beside
        it, as one undoable step named ``text`` (never merged); the problems (and no
        change) when the plan would be invalid. The plan edited is the base (the file's):
        a variant shown is left for the base first, as `replace_plan` does."""
        if self._current != BASE:
            self.show_scenario(BASE)
        try:
            new_plan = transform(self._plan)
            new_result = compute(new_plan) if new_plan != self._plan else self._result
            new_extras = extras(self._extras)
        except PlanInvalid as exc:
            return list(exc.problems)
        if new_plan == self._plan and new_extras == self._extras:
            return []
        if self._extras.scenarios.variants:
            from alignplanner.contract.scenarios import check

            if problems := check(new_plan, self._extras.scenarios):
                return problems
        self.undo_stack.push(PlanAndExtrasEdit(
            self._install, self._set_extras, (self._plan, self._result, self._extras),
            (new_plan, new_result, new_extras), text))
        return []

    def _set_extras(self, extras: Extras) -> None:
        self._extras = extras

    def edit_scenarios(self, text: str,
                       transform: Callable[[Scenarios], Scenarios]) -> list[Problem]:
        """Apply ``transform`` to the scenarios as one undoable step named ``text``; the
        problems (and no change) when a variant would not fit the plan."""
        from alignplanner.document.commands import ValueEdit
        from alignplanner.document.scenarios import checked

        new, problems = checked(transform, self._extras.scenarios, self._base)
        if new is None or new == self._extras.scenarios:
            return problems
        old = self._extras.scenarios
        self.undo_stack.push(ValueEdit(self._install_scenarios, old, new, text))
        return []

    def _install_scenarios(self, scenarios: Scenarios) -> None:
        if self._current == BASE:
            self._extras = self._extras.with_changes(scenarios=scenarios)
            self.scenariosChanged.emit(scenarios)
            return
        from alignplanner.document.scenarios import following, shown_as

        current = following(self._extras.scenarios, scenarios, self._current)
        self._put(shown_as(replace(self._shown(), scenarios=scenarios), current))

    def show_scenario(self, name: str) -> None:
        """Show and edit the scenario ``name`` (KeyError when there is none); not an edit."""
        from alignplanner.document.scenarios import shown_as

        self._put(shown_as(self._shown(), name))

    def _shown(self) -> Shown:
        from alignplanner.document.scenarios import Shown

        return Shown(self._base, self._base_result, self._extras.scenarios, self._current,
                     self._plan, self._result)

    def _put(self, shown: Shown) -> None:
        """Put ``shown`` in place and say what changed (variant edits, switching)."""
        old, before = self._plan, (self._extras.scenarios, self._current)
        self._base, self._base_result = shown.base, shown.base_result
        self._extras = self._extras.with_changes(scenarios=shown.scenarios)
        self._current = shown.current
        self._plan, self._result = shown.plan, shown.result
        if shown.scenarios != before[0]:
            self.scenariosChanged.emit(shown.scenarios)
        if shown.current != before[1]:
            self.currentScenarioChanged.emit(shown.current)
        if shown.plan is not old:
            self.planChanged.emit((old, shown.plan))
            self.resultChanged.emit(shown.result)

    @property
    def snapshots(self) -> Snapshots:
        """The actuals' snapshots the plan file keeps (``[actuals]``)."""
        return self._extras.snapshots

    def keep_snapshot(self, text: str, snapshot: Snapshot) -> None:
        """Keep ``snapshot`` (in its week's place) as one undoable step named ``text``."""
        from alignplanner.document.commands import ValueEdit

        old = self._extras.snapshots
        new = old.with_snapshot(snapshot)
        if new != old:
            self.undo_stack.push(ValueEdit(self._install_snapshots, old, new, text))

    def _install_snapshots(self, snapshots: Snapshots) -> None:
        self._extras = self._extras.with_changes(snapshots=snapshots)
        self.snapshotsChanged.emit(snapshots)

    def replace_content(self, text: str, plan: Plan, extras: Extras) -> list[Problem]:
        """The plan and what the file holds beside it, replaced as one undoable step
        (a merge of another copy); the problems, and no change, when they do not fit."""
        from alignplanner.contract.scenarios import check
        from alignplanner.document.commands import ValueEdit

        try:
            result = compute(plan)
        except PlanInvalid as exc:
            return list(exc.problems)
        if problems := check(plan, extras.scenarios):
            return problems
        if plan == self._base and extras == self._extras:
            return []
        self.undo_stack.push(ValueEdit(self._install_content,  # the base: the file's plan
                                       (self._base, self._base_result, self._extras),
                                       (plan, result, extras), text))
        return []

    def _install_content(self, content: tuple[Plan, Result, Extras]) -> None:
        plan, result, extras = content
        scenarios_changed = extras.scenarios != self._extras.scenarios
        self._extras = extras
        if scenarios_changed:
            self.scenariosChanged.emit(extras.scenarios)
        self._install(plan, result)

    def replace_plan(self, plan: Plan, text: str = "Replace plan") -> list[Problem]:
        if self._current != BASE:  # the plan replaced is the base
            self.show_scenario(BASE)
        return self.edit(text, lambda _old: plan)

    def load(self, plan: Plan, path: Path | None, result: Result | None = None,
             extras: Extras | None = None) -> None:
        """A different plan in this document (a file opened, a new plan, a recovered one):
        its own file and a fresh undo history, unmodified."""
        self.undo_stack.clear()
        self._current = BASE
        self._extras = extras or Extras()
        self._install_scenarios(self._extras.scenarios)
        self.snapshotsChanged.emit(self._extras.snapshots)
        self.set_path(path)
        self.loaded.emit()
        self._install(plan, result if result is not None else compute(plan))

    def _install(self, plan: Plan, result: Result) -> None:
        """Put ``plan`` and ``result`` in place as the base, shown, and say so (edits,
        undo, redo, load)."""
        old, shown = self._plan, self._current
        self._plan, self._result = plan, result
        self._base, self._base_result, self._current = plan, result, BASE
        if shown != BASE:
            self.currentScenarioChanged.emit(BASE)
        self.planChanged.emit((old, plan))
        self.resultChanged.emit(result)
