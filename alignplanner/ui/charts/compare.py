""""Compare with…": the choice of a second scenario a chart draws over its own, dashed.

A chart puts a `CompareChoice` in its header and asks it, when it refreshes, for the
other scenario's plan and result (`compared`; worked out once per version of the plan
and its scenarios) and for the legend entries naming both. The list holds the base and
every variant but the one shown; it hides itself while the plan has no variants.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.scenarios.scenario import BASE
from alignplanner.ui import wording

__all__ = ["COMPARE_SYMBOL", "CompareChoice", "month_offset"]

COMPARE_SYMBOL = "┅"


def month_offset(shown: date, other: date) -> int:
    """How many months ``other``'s first month is after ``shown``'s (its series' x)."""
    return (other.year - shown.year) * 12 + other.month - shown.month


class CompareChoice(QComboBox):
    changed = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._chosen = ""
        self._cache: tuple[tuple[object, ...], tuple[Plan, Result]] | None = None
        self.setToolTip(wording.COMPARE_TIP)
        self.setAccessibleName(wording.COMPARE_LABEL)
        # as wide as a short name; a longer one is elided (its tooltip and list say it whole)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.currentIndexChanged.connect(self._picked)
        document.scenariosChanged.connect(self._fill)
        document.currentScenarioChanged.connect(self._fill)
        self._fill()

    def chosen(self) -> str:
        """The scenario compared with ("" for none)."""
        return self._chosen

    def choose(self, name: str) -> None:
        """Compare with ``name`` ("" for none); a name not in the list chooses none."""
        self.setCurrentIndex(max(0, self.findData(name)))

    def compared(self) -> tuple[Plan, Result] | None:
        """The plan and result of the scenario compared with, or None."""
        if not self._chosen:
            return None
        document = self._document
        if self._chosen == BASE:
            return document.base, document.base_result
        key = (document.base, document.scenarios, self._chosen)
        if self._cache is None or any(a is not b for a, b in zip(self._cache[0], key,
                                                                  strict=True)):
            from alignplanner.contract.scenarios import plan_of
            from alignplanner.domain.engine.compute import compute

            plan = plan_of(document.base, document.scenarios, self._chosen)
            self._cache = (key, (plan, compute(plan)))
        return self._cache[1]

    def legend(self, color: str) -> tuple[list[str], list[str], list[str]]:
        """The legend entries naming both scenarios (none when not comparing)."""
        if not self._chosen:
            return [], [], []
        shown = self._document.current_scenario
        return ([shown, self._chosen], [color, color], ["━", COMPARE_SYMBOL])

    def _picked(self, index: int) -> None:
        name = self.itemData(index)
        name = name if isinstance(name, str) else ""
        if name != self._chosen:
            self._chosen = name
            self.changed.emit()

    def _fill(self, *_: object) -> None:
        document = self._document
        others = [n for n in (BASE, *document.scenarios.names)
                  if n != document.current_scenario]
        keep = self._chosen if self._chosen in others else ""
        self.blockSignals(True)
        self.clear()
        self.addItem(wording.COMPARE_LABEL, "")
        for name in others:
            self.addItem(wording.compare_with(name), name)
        self.setCurrentIndex(max(0, self.findData(keep)))
        self.blockSignals(False)
        self.setVisible(bool(document.scenarios.variants))
        if keep != self._chosen:
            self._chosen = keep
            self.changed.emit()
