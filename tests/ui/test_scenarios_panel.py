"""The Scenarios panel driven by its real widgets: typed names, clicked buttons, the
document's scenarios and the side-by-side table's cells."""

from __future__ import annotations

from PySide6.QtCore import Qt

from alignplanner.contract.reader import loads
from alignplanner.document.document import PlanDocument
from alignplanner.domain.scenarios import edits
from alignplanner.ui.scenarios.panel import ScenariosPanel

PLAN = """\
format = "alignplanner.plan"
version = 1

[plan]
name = "Panel"
start = 2027-01-01
months = 12

[target]
revenue = 1200000
average_deal_size = 10000

[[stages]]
id = "lead"
name = "Lead"
conversion = 0.2
days = 30

[[stages]]
id = "won"
name = "Won"
"""


def _panel(qtbot) -> ScenariosPanel:  # type: ignore[no-untyped-def]
    loaded = loads(PLAN)
    doc = PlanDocument(loaded.plan, None, loaded.result)
    panel = ScenariosPanel(doc)
    qtbot.addWidget(panel)
    return panel


def test_add_rename_delete_by_typing_and_clicking(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot)
    qtbot.keyClicks(panel.name, "Double")
    qtbot.mouseClick(panel.buttons["Add"], Qt.MouseButton.LeftButton)
    assert panel.document.scenarios.names == ("Double",)
    panel.list.setCurrentRow(1)
    panel.name.clear()
    qtbot.keyClicks(panel.name, "Stretch")
    qtbot.mouseClick(panel.buttons["Rename"], Qt.MouseButton.LeftButton)
    assert panel.document.scenarios.names == ("Stretch",)
    qtbot.mouseClick(panel.buttons["Make agreed"], Qt.MouseButton.LeftButton)
    assert panel.document.scenarios.agreed == "Stretch"
    assert panel.list.item(1).text() == "Stretch  (agreed)"
    qtbot.mouseClick(panel.buttons["Delete"], Qt.MouseButton.LeftButton)
    assert panel.document.scenarios.names == ()
    panel.document.undo_stack.undo()
    assert panel.document.scenarios.names == ("Stretch",)


def test_the_table_shows_each_scenario_and_its_difference(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot)
    panel.document.edit_scenarios("Add", lambda s: edits.override(
        edits.add(s, "Double"), "Double", "target.revenue", 2_400_000))
    labels = [panel.table.verticalHeaderItem(i).text() for i in range(panel.table.rowCount())]
    wins = labels.index("Wins needed")
    assert panel.table.item(wins, 0).text() == "120"  # 1,200,000 / 10,000
    assert panel.table.item(wins, 1).text() == "240  (+120)"
    assert "+120 against Base" in panel.table.item(wins, 1).toolTip()
    lead = labels.index("Lead needed")
    assert panel.table.item(lead, 1).text() == "1,200  (+600)"  # 240 / 0.2


def test_a_name_used_twice_is_said_and_nothing_changes(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot)
    qtbot.keyClicks(panel.name, "Up")
    qtbot.mouseClick(panel.buttons["Add"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.buttons["Add"], Qt.MouseButton.LeftButton)
    assert "named twice" in panel.message.text()
    assert panel.document.scenarios.names == ("Up",)


def test_selecting_a_scenario_shows_it_and_edits_go_to_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot)
    doc = panel.document
    qtbot.keyClicks(panel.name, "Better")
    qtbot.mouseClick(panel.buttons["Add"], Qt.MouseButton.LeftButton)
    assert doc.current_scenario == "Better"  # a new scenario is the one worked in
    panel.list.setCurrentRow(0)
    assert doc.current_scenario == "Base"
    panel.list.setCurrentRow(1)
    assert doc.current_scenario == "Better"
    from alignplanner.domain.edits import stages as stage_edits

    doc.edit("Lead", lambda p: stage_edits.set_stage(p, 0, conversion=0.25))
    assert dict(doc.scenarios.get("Better").overrides) == {"stages.lead.conversion": 0.25}
    assert doc.base.stages[0].conversion == 0.2
    assert panel.list.currentItem().text() == "Better"
    text = panel.differs.toPlainText()
    assert text.splitlines()[0] == "What differs in Better against Base:"
    assert "• Lead conversion 20% -> 25%" in text
    assert "• Lead needed over the plan 600 -> 480" in text  # 120 / 0.2, 120 / 0.25
    assert " in Jan 2027" not in text  # the months are in the table, not repeated here
    panel.list.setCurrentRow(0)
    assert "Select a variant" in panel.differs.toPlainText()
