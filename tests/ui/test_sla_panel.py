"""SlaPanel and its cards: the agreement in words, edited in place, checked live against
the planned headcount by the engine."""

from __future__ import annotations

import pytest
from editor_plans import shown
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sla_plans import ops_plan

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import roles as role_edits
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.ui.sla.card import SlaCard
from alignplanner.ui.sla.panel import NO_ROLES, SlaPanel
from alignplanner.ui.wording import article, parse_codes, sla_title, sla_verdict

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    return PlanDocument(ops_plan())


@pytest.fixture
def panel(qtbot: QtBot, document: PlanDocument) -> SlaPanel:
    return shown(qtbot, SlaPanel(document), (760, 1000))


def type_into(qtbot: QtBot, field: object, text: str) -> None:
    """Select what the field shows, type ``text`` and press Enter, as a person would."""
    field.setFocus()  # type: ignore[attr-defined]
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_the_card_reads_like_the_agreement(panel: SlaPanel, document: PlanDocument) -> None:
    card = panel.cards[0]
    assert card.title.text() == "Marketing passes MQLs to SDRs"
    assert card._reps_label.text() == "SDRs"
    assert [label.text() for label in card._side_labels] == [
        "What SDRs promise",
        "If an MQL gets no response",
        "What Marketing promises in return",
    ]
    assert card.respond.value() == 1.0
    assert card.unit.currentData() == "hours"
    assert card.target.value() == 95.0
    assert card.codes.text() == "no-budget, wrong-fit"
    assert card.lapse.currentData() == "accept"
    assert card.recycle.currentData() == "mql"
    assert len(card.escalation.rows) == 2
    assert len(card.obligations.rows) == 1
    assert card.obligations.rows[0].who.text() == "Marketing delivers"  # type: ignore[attr-defined]


def test_the_feasibility_line_is_the_engines_finding(
    panel: SlaPanel, document: PlanDocument
) -> None:
    card = panel.cards[0]
    sla = document.result.slas[0]
    assert not sla.feasible
    warning = next(w for w in document.result.warnings if w.subject == "slas[0]")
    quoted = warning.message.split(". The promise fails")[0]  # "<Month>: <finding>"
    assert quoted.split(": ", 1)[1] in card.verdict.text()  # the month the warning names
    assert f"Worst, {quoted.split(':', 1)[0]}: " in card.verdict.text()
    assert card.verdict.text().startswith(f"Fails in {len(sla.failing_months)} of 12 months")
    assert card.marker.text() == "✗"
    assert not card.kept


def test_typing_a_longer_window_keeps_the_promise_and_undo_brings_it_back(
    qtbot: QtBot, panel: SlaPanel, document: PlanDocument
) -> None:
    card = panel.cards[0]
    before = card.verdict.text()
    type_into(qtbot, card.respond, "8")
    assert document.plan.slas[0].respond_within_hours == 8.0
    assert document.undo_stack.undoText() == "Change the first-response window of the MQL hand-off"
    assert card.marker.text() == "✓"
    assert card.verdict.text().startswith("Kept in all 12 months")
    assert "within 8 hours" in card.verdict.text()
    assert "sla_short" not in [w.code for w in document.result.warnings]
    document.undo_stack.undo()
    assert document.plan.slas[0].respond_within_hours == 1.0
    assert card.respond.value() == 1.0
    assert card.verdict.text() == before


def test_a_window_in_minutes_for_hot_leads(
    qtbot: QtBot, panel: SlaPanel, document: PlanDocument
) -> None:
    card = panel.cards[0]
    card.unit.setCurrentIndex(card.unit.findData("minutes"))
    card.unit.activated.emit(card.unit.currentIndex())
    type_into(qtbot, card.respond, "15")
    sla = document.plan.slas[0]
    assert (sla.respond_within_hours, sla.respond_within_minutes) == (None, 15.0)
    assert "within 15 minutes" in card.verdict.text()
    assert document.undo_stack.count() == 1  # both edits of the window merged into one step


def test_a_refused_value_is_put_back_with_the_reason(
    qtbot: QtBot, panel: SlaPanel, document: PlanDocument
) -> None:
    card = panel.cards[0]
    before = document.plan
    type_into(qtbot, card.target, "100")
    assert document.plan is before
    assert card.target.value() == 95.0
    assert not card.error.isHidden()
    assert "100% cannot be promised" in card.error.text()
    type_into(qtbot, card.codes, "no-budget, No Budget!")
    assert document.plan is before
    assert "reason code" in card.error.text()
    assert card.codes.text() == "no-budget, wrong-fit"


def test_accept_window_reason_codes_and_lapse(
    qtbot: QtBot, panel: SlaPanel, document: PlanDocument
) -> None:
    card = panel.cards[0]
    type_into(qtbot, card.accept, "24")
    type_into(qtbot, card.codes, "no-budget, wrong-fit; competitor")
    card.lapse.setCurrentIndex(card.lapse.findData("return"))
    card.lapse.activated.emit(card.lapse.currentIndex())
    sla = document.plan.slas[0]
    assert sla.accept_within_hours == 24.0
    assert sla.reason_codes == ("no-budget", "wrong-fit", "competitor")
    assert sla.on_lapse == "return"
    assert document.undo_stack.undoText() == "Change what a lapse means of the MQL hand-off"
    type_into(qtbot, card.accept, "0")  # "no limit"
    assert document.plan.slas[0].accept_within_hours is None
    assert card.accept.text() == "no limit"


def test_the_escalation_ladder_and_obligations_are_edited_in_place(
    qtbot: QtBot, panel: SlaPanel, document: PlanDocument
) -> None:
    card = panel.cards[0]
    step = card.escalation.rows[1]
    type_into(qtbot, step.hours, "3")  # type: ignore[attr-defined]
    assert document.plan.slas[0].escalation[1].after_hours == 8  # refused: not after step 1
    assert "later and later" in card.error.text()
    type_into(qtbot, step.hours, "12")  # type: ignore[attr-defined]
    assert document.plan.slas[0].escalation[1].after_hours == 12
    qtbot.mouseClick(card.escalation.add_button, Qt.MouseButton.LeftButton)
    assert [s.after_hours for s in document.plan.slas[0].escalation] == [4, 12, 24]
    assert len(card.escalation.rows) == 3
    amount = card.obligations.rows[0].amount  # type: ignore[attr-defined]
    type_into(qtbot, amount, "200")
    assert document.plan.slas[0].obligations[0].amount == 200
    qtbot.mouseClick(card.obligations.add_button, Qt.MouseButton.LeftButton)
    assert len(document.plan.slas[0].obligations) == 2
    document.undo_stack.undo()
    assert len(card.obligations.rows) == 1


def test_add_and_remove_an_sla(qtbot: QtBot, panel: SlaPanel, document: PlanDocument) -> None:
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert [s.role for s in document.plan.slas] == ["sdr", "ae"]
    assert len(panel.cards) == 2
    assert panel.cards[1].title.text() == "Sales passes Opportunities to AEs"
    assert panel.selected() == 1
    qtbot.mouseClick(panel.cards[0].remove_button, Qt.MouseButton.LeftButton)
    assert [s.role for s in document.plan.slas] == ["ae"]
    assert len(panel.cards) == 1
    assert document.undo_stack.undoText() == "Remove the MQL hand-off SLA"
    document.undo_stack.undo()
    assert [c.title.text() for c in panel.cards] == [
        "Marketing passes MQLs to SDRs",
        "Sales passes Opportunities to AEs",
    ]


def test_without_roles_the_panel_says_what_to_do_first(qtbot: QtBot) -> None:
    document = PlanDocument(role_edits.remove_role(role_edits.remove_role(ops_plan(), 0), 0))
    panel = shown(qtbot, SlaPanel(document), (700, 500))
    assert panel.cards == []
    assert panel.empty.text() == NO_ROLES
    assert not panel.add_button.isEnabled()


def test_an_engine_change_elsewhere_updates_the_card(
    panel: SlaPanel, document: PlanDocument
) -> None:
    document.edit("More SDRs", lambda p: role_edits.set_role(p, 0, headcount=8))
    assert panel.cards[0].marker.text() == "✓"
    verdict = sla_verdict(document.plan, document.result, 0)
    assert verdict is not None
    assert verdict.ok
    assert panel.cards[0].verdict.text() == verdict.text
    assert document.result.slas[0].months[1].message in verdict.text  # February: attrition


def test_words() -> None:
    plan = ops_plan()
    assert sla_title(plan, plan.slas[0]) == "Marketing passes MQLs to SDRs"
    assert [article(n) for n in ("MQL", "BDR", "Opportunity", "lead")] == ["an", "a", "an", "a"]
    assert parse_codes(" a, b;c ,, ") == ("a", "b", "c")
    assert isinstance(SlaCard, type)


def test_moving_the_hand_off_follows_the_role_that_works_it(
    panel: SlaPanel, document: PlanDocument
) -> None:
    card = panel.cards[0]
    card.from_stage.setCurrentIndex(card.from_stage.findData("opportunity"))
    card.from_stage.activated.emit(card.from_stage.currentIndex())
    sla = document.plan.slas[0]
    assert (sla.from_stage, sla.to_stage, sla.role) == ("opportunity", "won", "ae")
    assert card.title.text() == "Sales passes Opportunities to AEs"
    card.from_stage.setCurrentIndex(card.from_stage.findData("sal"))
    card.from_stage.activated.emit(card.from_stage.currentIndex())  # nobody works SAL
    assert document.plan.slas[0].from_stage == "opportunity"
    assert "pick the role that works it" in card.error.text()
    assert card.from_stage.currentData() == "opportunity"


def test_stagnation_flag_name_and_id_are_edited_on_the_card(
    qtbot: QtBot, panel: SlaPanel, document: PlanDocument
) -> None:
    card = panel.cards[0]
    assert card.stale.value() == 14.0
    assert card._stale_label.text() == "MQLs"
    type_into(qtbot, card.stale, "2")  # the plan gives MQLs 3 days: the typical one is stale
    assert document.plan.stages[1].stale_after_days == 2.0
    assert document.undo_stack.undoText() == "Change the stagnation flag of the MQL hand-off"
    assert "stage_stagnant" in [w.code for w in document.result.warnings]
    type_into(qtbot, card.stale, "0")
    assert document.plan.stages[1].stale_after_days is None
    assert document.undo_stack.count() == 1  # one field, one undo step
    type_into(qtbot, card.name_field, "MQL first touch")
    assert document.plan.slas[0].name == "MQL first touch"
    type_into(qtbot, card.id_field, "mql-touch")
    assert document.plan.slas[0].id == "mql-touch"
    type_into(qtbot, card.id_field, "MQL touch!")
    assert document.plan.slas[0].id == "mql-touch"
    assert "SLA id" in card.error.text()


def test_a_card_wraps_its_lines_in_a_narrow_column_instead_of_scrolling_sideways(
    qtbot: QtBot, document: PlanDocument
) -> None:
    """The editor column beside the charts is narrow on a laptop: the sentences of a card
    wrap like text (long stage names in the fields), nothing is cut off at the right."""
    from PySide6.QtWidgets import QApplication, QComboBox


    long_name = "Marketing qualified lead from the partner portal"
    plan = document.plan
    document.edit("Rename", lambda p: stage_edits.set_stage(p, plan.stage_index(
        plan.slas[0].from_stage), name=long_name))
    panel = shown(qtbot, SlaPanel(document))
    panel.resize(520, 700)
    QApplication.processEvents()
    card = panel.cards[0]
    assert any(c.currentText() == long_name for c in card.findChildren(QComboBox))
    assert panel.scroller.horizontalScrollBar().maximum() == 0
    assert card.width() <= panel.scroller.viewport().width()
    assert card.minimumSizeHint().width() < 520


def test_two_slas_on_one_hand_off_have_titles_that_differ(
        qtbot: QtBot, panel: SlaPanel, document: PlanDocument) -> None:
    """A first touch and an accept-or-reject on the MQL hand-off: unnamed, they are told
    apart by what they promise; named, the name is the title in full and the hand-off
    is the line under it; and no card shows the SLA's key in its title."""
    from dataclasses import replace

    first = document.plan.slas[0]
    accept = replace(first, id="mql-accept", respond_within_hours=None,
                     respond_within_minutes=30.0)
    document.edit("second SLA", lambda p: replace(p, slas=(*p.slas, accept)))
    titles = [c.title.text() for c in panel.cards]
    assert titles == ["Marketing passes MQLs to SDRs: first response within 1 business hour",
                      "Marketing passes MQLs to SDRs: first response within 30 minutes"]
    assert not any(c.handoff.isVisible() for c in panel.cards)
    name = "Speed to lead: first touch on every MQL within the hour"
    type_into(qtbot, panel.cards[0].name_field, name)
    assert document.plan.slas[0].name == name
    card = panel.cards[0]
    assert card.title.text() == name  # in full, wrapped, never cut
    assert card.title.wordWrap()
    assert card.handoff.isVisible()
    assert card.handoff.text() == "Marketing passes MQLs to SDRs"
    assert panel.cards[1].title.text() == "Marketing passes MQLs to SDRs"
    assert all(sla.id not in c.title.text() for c, sla in zip(panel.cards, document.plan.slas,
                                                                strict=True))


def test_identical_unnamed_slas_are_numbered(document: PlanDocument) -> None:
    from dataclasses import replace

    from alignplanner.ui.wording import sla_titles

    twin = replace(document.plan.slas[0], id="twin")
    plan = replace(document.plan, slas=(*document.plan.slas, twin))
    assert sla_titles(plan) == [
        "Marketing passes MQLs to SDRs: first response within 1 business hour (1)",
        "Marketing passes MQLs to SDRs: first response within 1 business hour (2)"]
