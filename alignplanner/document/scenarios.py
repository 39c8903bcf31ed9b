"""The scenarios of the open plan, edited through the document's undo stack.

The file's plan is the base; a `commands.ValueEdit` puts one `Scenarios` value in place
of another (they are immutable, so undo puts the old one back), on the same stack as the
plan's edits, so Ctrl+Z undoes a rename of a scenario as it undoes a rate.

The document shows one scenario at a time (`Shown`): the base, or a variant computed on
it. An edit made while a variant is shown becomes that variant's overrides (`variant_edit`:
the keys the edit changed, through `contract.scenarios.edited`), one `VariantEdit` on the
same stack; its undo and redo show that variant again, so what is undone is in view.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace

from PySide6.QtGui import QUndoCommand

from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.domain.results import Result
from alignplanner.domain.scenarios.scenario import BASE, Scenarios

Install = Callable[[Scenarios], None]
VARIANT_EDIT_ID = 1002


@dataclass(frozen=True)
class Shown:
    """What the document holds and shows: the base and its result, the scenarios, the
    scenario in view (`BASE` or a variant's name) and that scenario's plan and result."""

    base: Plan
    base_result: Result
    scenarios: Scenarios
    current: str
    plan: Plan
    result: Result


class VariantEdit(QUndoCommand):
    """An edit of a variant: puts one `Shown` in place of another. Consecutive edits of
    one field of one variant merge, as plan edits do."""

    def __init__(self, install: Callable[[Shown], None], before: Shown, after: Shown,
                 text: str, merge_key: Hashable | None = None) -> None:
        super().__init__(text)
        self._install = install
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:
        return VARIANT_EDIT_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, VariantEdit) or other.merge_key != self.merge_key \
                or other.after.current != self.after.current:
            return False
        self.after = other.after
        self.setText(other.text())
        if self.after.scenarios == self.before.scenarios \
                and self.after.base == self.before.base:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self._install(self.after)

    def undo(self) -> None:
        self._install(self.before)


def shown_as(state: Shown, name: str) -> Shown:
    """``state`` showing the scenario ``name`` (KeyError when there is none)."""
    from alignplanner.contract.scenarios import plan_of

    scenario = state.scenarios.get(name)
    if scenario is None:
        return replace(state, current=BASE, plan=state.base, result=state.base_result)
    plan = plan_of(state.base, state.scenarios, scenario.name)
    same = plan == state.plan and state.current == scenario.name
    return replace(state, current=scenario.name, plan=plan,
                   result=state.result if same else compute(plan))


def following(old: Scenarios, new: Scenarios, current: str) -> str:
    """The scenario to show after ``old`` became ``new``: the same one, its new name after
    a rename, or the base when it is gone."""
    if current == BASE or current in new.names:
        return current
    if len(old.variants) == len(new.variants) and current in old.names:
        return new.names[old.names.index(current)]
    return BASE


def variant_edit(state: Shown, transform: Callable[[Plan], Plan], text: str,
                 merge_key: Hashable | None,
                 install: Callable[[Shown], None]) -> VariantEdit | list[Problem] | None:
    """``transform`` of the variant in view as one command; its problems when it is
    refused; None when it changes nothing."""
    from alignplanner.contract.scenarios import edited

    scenario = state.scenarios.get(state.current)
    assert scenario is not None
    try:
        after = transform(state.plan)
        if after == state.plan:
            return None
        base, made = edited(state.base, scenario, state.plan, after)
        result = compute(after)
    except PlanInvalid as exc:
        return list(exc.problems)
    variants = tuple(made if v.name == scenario.name else v for v in state.scenarios.variants)
    scenarios = replace(state.scenarios, variants=variants)
    base_result = state.base_result if base == state.base else compute(base)
    new = Shown(base, base_result, scenarios, scenario.name, after, result)
    return VariantEdit(install, state, new, f"{text} (in {scenario.name})", merge_key)


def checked(transform: Callable[[Scenarios], Scenarios], old: Scenarios,
            base: object) -> tuple[Scenarios | None, list[Problem]]:
    """``transform(old)`` and its problems on ``base`` (a Plan): a variant that does not
    fit the base, a name used twice, a scenario that is not there."""
    from alignplanner.contract.scenarios import check
    from alignplanner.domain.plan.plan import Plan

    try:
        new = transform(old)
    except PlanInvalid as exc:
        return None, list(exc.problems)
    except KeyError as exc:
        return None, [Problem(("scenarios",), f"there is no scenario {exc.args[0]!r}")]
    assert isinstance(base, Plan)
    problems = check(base, new)
    return (None, problems) if problems else (new, [])


__all__ = ["Shown", "VariantEdit", "checked", "following", "shown_as",
           "variant_edit"]
