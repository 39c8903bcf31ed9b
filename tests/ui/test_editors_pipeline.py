"""PipelinePanel: open units already in the funnel at plan start."""

from __future__ import annotations

import pytest
from editor_plans import shown, small_plan
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.ui.editors.pipeline_panel import PipelinePanel

# Showing a window on the offscreen platform makes Qt say that the plugin cannot
# propagate size hints; that is the platform, not a problem.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def editor_document(qapp: object) -> PlanDocument:
    return PlanDocument(small_plan(existing={"sal": 20}))


@pytest.fixture
def pipeline_panel(qtbot: QtBot, editor_document: PlanDocument) -> PipelinePanel:
    return shown(qtbot, PipelinePanel(editor_document))


def test_one_box_per_open_stage_and_the_explanation(pipeline_panel: PipelinePanel) -> None:
    assert list(pipeline_panel.spins) == ["inquiry", "mql", "sal"]
    assert pipeline_panel.spins["sal"].value() == 20
    assert pipeline_panel.spins["mql"].text() == "none"
    assert pipeline_panel.explanation.text() == (
        "Open units already in the funnel on Jan 2027; their expected wins are credited "
        "against the target.")
    assert pipeline_panel.credit.text().startswith("Expected wins from this pipeline")


def test_typing_open_units(qtbot: QtBot, pipeline_panel: PipelinePanel,
                           editor_document: PlanDocument) -> None:
    spin = pipeline_panel.spins["mql"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "150")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert editor_document.plan.pipeline.existing == {"sal": 20, "mql": 150}
    assert editor_document.undo_stack.count() == 1
    assert editor_document.undo_stack.undoText() == "Change open MQL units"
    spin = pipeline_panel.spins["sal"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "0")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert editor_document.plan.pipeline.existing == {"mql": 150}  # 0 means none
    editor_document.undo_stack.undo()
    editor_document.undo_stack.undo()
    assert editor_document.plan.pipeline.existing == {"sal": 20}
    assert pipeline_panel.spins["mql"].value() == 0


def test_follows_the_stages(qtbot: QtBot, pipeline_panel: PipelinePanel,
                            editor_document: PlanDocument) -> None:
    editor_document.edit("Add stage", lambda p: stage_edits.add_stage(p, 1, name="Lead"))
    assert list(pipeline_panel.spins) == ["inquiry", "lead", "mql", "sal"]
    editor_document.edit("Rename", lambda p: stage_edits.set_stage(p, 2, name="Qualified"))
    assert pipeline_panel._labels["mql"].text() == "Qualified"
    editor_document.load(small_plan(), None)
    assert list(pipeline_panel.spins) == ["inquiry", "mql", "sal"]
    assert pipeline_panel.spins["sal"].value() == 0
    assert "No existing pipeline" in pipeline_panel.credit.text()
