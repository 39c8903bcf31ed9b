"""How sure a conversion is ("as sure as n observations"), stated beside the stage's
definition: typed as a person types, one undoable step, kept in [uncertainty], the weight
of the Monte Carlo's Beta draw for that rate."""

from __future__ import annotations

import pytest
from editor_plans import shown, small_plan
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from alignplanner.contract import reader, writer
from alignplanner.document.document import PlanDocument
from alignplanner.domain.uncertainty.settings import Uncertainty
from alignplanner.ui.stage_details import StageDetails

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def _details(qtbot: QtBot) -> StageDetails:
    return shown(qtbot, StageDetails(PlanDocument(small_plan())), (1200, 400))


def _type(qtbot: QtBot, details: StageDetails, text: str) -> None:
    details.sure.setFocus()
    details.sure.lineEdit().selectAll()
    qtbot.keyClicks(details.sure, text)
    qtbot.keyClick(details.sure, Qt.Key.Key_Return)


def test_typed_observations_are_one_undoable_step_kept_in_the_file(qtbot: QtBot) -> None:
    details = _details(qtbot)
    document = details.document
    first = document.plan.stages[0].id
    default = Uncertainty().default_observations
    assert details.sure.value() == default
    _type(qtbot, details, "40")
    assert document.uncertainty.observations_for(first) == 40
    assert document.undo_stack.count() == 1
    text = writer.dumps(document.plan, document.result, document.extras)
    assert reader.loads(text).uncertainty.observations_for(first) == 40
    document.undo_stack.undo()
    assert document.uncertainty.observations_for(first) == default
    assert details.sure.value() == default
    document.undo_stack.redo()
    assert details.sure.value() == 40


def test_the_won_stage_has_no_rate_to_be_sure_of(qtbot: QtBot) -> None:
    details = _details(qtbot)
    details.set_stage(details.document.plan.stages[-1].id)
    assert details.sure.isHidden()
    details.set_stage(details.document.plan.stages[0].id)
    assert not details.sure.isHidden()


def test_fewer_observations_widen_the_monte_carlos_spread(qtbot: QtBot) -> None:
    from alignplanner.domain.uncertainty.montecarlo import simulate

    details = _details(qtbot)
    document = details.document
    before = simulate(document.plan, document.uncertainty, result=document.result)
    _type(qtbot, details, "5")
    after = simulate(document.plan, document.uncertainty, result=document.result)
    spread = [s.percentiles()[90] - s.percentiles()[10] for s in (before, after)]
    assert spread[1] > spread[0]
