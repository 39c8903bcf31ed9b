"""SLAs, team capacity and the business calendar in the main window.

`install(bench)` adds the editor tabs "SLAs" and "Team" and the chart tab "Capacity"
(each built the first time it is shown), has them follow the window's theme, and
answers clicks on the warnings it owns: ``slas[i]`` shows SLA card i, ``roles[i]`` the
role's row (and its capacity chart).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from alignplanner.document.document import PlanDocument
from alignplanner.ui.lazy import LazyView
from alignplanner.ui.workbench import Workbench

if TYPE_CHECKING:
    from alignplanner.ui.sla.capacity_chart import CapacityChart
    from alignplanner.ui.sla.panel import SlaPanel
    from alignplanner.ui.sla.team_panel import TeamPanel

SUBJECT = re.compile(r"^(slas|roles)\[(\d+)\]")


def _sla_panel(document: PlanDocument) -> SlaPanel:
    from alignplanner.ui.sla.panel import SlaPanel

    return SlaPanel(document)


def _team_panel(document: PlanDocument) -> TeamPanel:
    from alignplanner.ui.sla.team_panel import TeamPanel

    return TeamPanel(document)


def _capacity_chart(document: PlanDocument) -> CapacityChart:
    from alignplanner.ui.sla.capacity_chart import CapacityChart

    return CapacityChart(document)


class SlaTabs:
    """The SLA, team and capacity tabs of one window (kept as ``window.sla``)."""

    def __init__(self, bench: Workbench) -> None:
        document = bench.document
        self.bench = bench
        self.slas: LazyView[SlaPanel] = LazyView(document, _sla_panel)
        self.team: LazyView[TeamPanel] = LazyView(document, _team_panel)
        self.capacity: LazyView[CapacityChart] = LazyView(document, _capacity_chart)
        bench.add_editor_tab(self.slas, "S&LAs")
        bench.add_editor_tab(self.team, "T&eam")
        bench.add_chart_tab(self.capacity, "Capacity")
        for view in (self.slas, self.team, self.capacity):
            bench.follow_theme(view)
        bench.on_subject(self.show_subject)

    def show_subject(self, subject: str) -> bool:
        """Bring up what a warning about ``subject`` concerns; False if not ours."""
        match = SUBJECT.match(subject)
        if match is None:
            return False
        kind, index = match.group(1), int(match.group(2))
        plan = self.bench.document.plan
        if kind == "slas" and index < len(plan.slas):
            self.bench.show_editor(self.slas)
            self.slas.view.select_sla(index)
            if self.capacity.built:  # the chart follows, without building it for this
                self.capacity.view.select_role(plan.slas[index].role)
        elif kind == "roles" and index < len(plan.roles):
            self.bench.show_editor(self.team)
            self.team.view.select_role(index)
            self.bench.show_chart(self.capacity)
            self.capacity.view.select_role(plan.roles[index].id)
        else:
            return False
        return True


def install(bench: Workbench) -> SlaTabs:
    return SlaTabs(bench)
