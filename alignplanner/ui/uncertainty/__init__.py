"""The Uncertainty tab: P(hit), the fan chart, the tornado and the volumes for 50/80/90%
confidence (docs/uncertainty.md), rerun off the window's thread after every change.

`install(bench)` adds the chart tab (built when first shown); the main window calls it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alignplanner.document.document import PlanDocument
from alignplanner.ui.lazy import LazyView
from alignplanner.ui.wording.uncertainty import UNCERTAINTY_TAB
from alignplanner.ui.workbench import Workbench

if TYPE_CHECKING:
    from alignplanner.ui.uncertainty.view import UncertaintyView

__all__ = ["install"]


def install(bench: Workbench) -> LazyView[UncertaintyView]:
    def make(document: PlanDocument) -> UncertaintyView:
        from alignplanner.ui.uncertainty.view import UncertaintyView

        return UncertaintyView(document)

    view: LazyView[UncertaintyView] = LazyView(bench.document, make)
    bench.add_chart_tab(view, UNCERTAINTY_TAB, scrolls=True)  # figures, charts and tables
    bench.follow_theme(view)
    return view
