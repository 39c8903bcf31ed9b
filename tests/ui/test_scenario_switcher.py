"""The scenario switcher in the headline strip: picking a scenario with the keyboard shows
it (the figures follow), the badge names it, and it follows renames and undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_scenarios_panel import PLAN

from alignplanner.contract.reader import loads
from alignplanner.document.document import PlanDocument
from alignplanner.domain.scenarios import edits
from alignplanner.ui.kpi_strip import KpiStrip
from alignplanner.ui.scenarios.switcher import ScenarioSwitcher


def _doc() -> PlanDocument:
    loaded = loads(PLAN)
    doc = PlanDocument(loaded.plan, None, loaded.result)
    return doc


def test_picking_a_scenario_shows_it_and_the_badge_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = _doc()
    strip = KpiStrip(doc)
    switcher = ScenarioSwitcher(doc)
    strip.add_figure(switcher)
    qtbot.addWidget(strip)
    strip.show()
    assert not switcher.isVisible()  # nothing to pick yet
    doc.edit_scenarios("Add", lambda s: edits.override(
        edits.add(s, "Hire 2 SDRs"), "Hire 2 SDRs", "target.revenue", 2_400_000))
    assert switcher.isVisible()
    assert switcher.badge.text() == "Scenario: Base"
    assert [switcher.combo.itemText(i) for i in range(switcher.combo.count())] == [
        "Base  (agreed)", "Hire 2 SDRs"]
    switcher.combo.setFocus()
    qtbot.keyClick(switcher.combo, Qt.Key.Key_Down)
    assert doc.current_scenario == "Hire 2 SDRs"
    assert switcher.badge.text() == "Scenario: Hire 2 SDRs"
    assert switcher.caption.text() == "a variant; agreed: Base"
    assert strip.wins.value.text() == "240"  # 2,400,000 / 10,000: the variant's figures
    doc.edit_scenarios("Rename", lambda s: edits.rename(s, "Hire 2 SDRs", "Hire 3"))
    assert switcher.badge.text() == "Scenario: Hire 3"
    assert switcher.combo.currentText() == "Hire 3"
    qtbot.keyClick(switcher.combo, Qt.Key.Key_Up)
    assert doc.current_scenario == "Base"
    assert strip.wins.value.text() == "120"
