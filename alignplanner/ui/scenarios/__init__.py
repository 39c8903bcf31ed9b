"""The Scenarios tab: the plan's variants, their edits, and their figures side by side;
and the switcher in the headline strip that picks the scenario the window shows.

`install(bench)` adds the tab (built when first shown) and the switcher; the main window
calls it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alignplanner.document.document import PlanDocument
from alignplanner.ui.lazy import LazyView
from alignplanner.ui.scenarios.switcher import ScenarioSwitcher
from alignplanner.ui.workbench import Workbench

if TYPE_CHECKING:
    from alignplanner.ui.scenarios.panel import ScenariosPanel

__all__ = ["install"]


def install(bench: Workbench) -> LazyView[ScenariosPanel]:
    def make(document: PlanDocument) -> ScenariosPanel:
        from alignplanner.ui.scenarios.panel import ScenariosPanel

        return ScenariosPanel(document)

    panel = LazyView(bench.document, make)
    bench.add_editor_tab(panel, "Scenarios")
    bench.add_headline(ScenarioSwitcher(bench.document))
    return panel
