"""The scenarios of the open plan, edited through the document's undo stack.

The document's plan is the base; `ScenarioEdit` puts one `Scenarios` value in place of
another (they are immutable, so undo puts the old one back), on the same stack as the
plan's edits, so Ctrl+Z undoes a rename of a scenario as it undoes a rate.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.domain.scenarios.scenario import Scenarios

Install = Callable[[Scenarios], None]


class ScenarioEdit(QUndoCommand):
    def __init__(self, install: Install, before: Scenarios, after: Scenarios,
                 text: str) -> None:
        super().__init__(text)
        self._install = install
        self.before = before
        self.after = after

    def redo(self) -> None:
        self._install(self.after)

    def undo(self) -> None:
        self._install(self.before)


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


__all__ = ["ScenarioEdit", "checked"]
