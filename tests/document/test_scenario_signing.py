"""Signing in the app covers what is agreed: the base with the agreed variant's overrides.
An edit of the agreed variant makes the plan a draft again; an edit of another variant
does not; a signature made while a variant is shown is kept with the base."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot
from test_signing import required_plan

from alignplanner.contract.digest import digest
from alignplanner.contract.scenarios import agreed_plan
from alignplanner.document import signing
from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.scenarios import edits
from alignplanner.domain.scenarios.scenario import BASE

AT = datetime(2026, 11, 23, 14, 5, 7, tzinfo=UTC)


def _doc() -> PlanDocument:
    document = PlanDocument(required_plan())
    assert document.edit_scenarios("Add", lambda s: edits.agree(
        edits.add(edits.add(s, "Agreed one"), "Other"), "Agreed one")) == []
    return document


def test_signatures_cover_the_agreed_variant(qtbot: QtBot) -> None:
    document = _doc()
    document.show_scenario("Agreed one")
    document.edit("Conversion", lambda p: stage_edits.set_stage(p, 1, conversion=0.61))
    document.show_scenario("Other")  # signing while another variant is shown
    assert signing.sign(document, "marketing", "Maria Chen", AT) == []
    assert signing.sign(document, "sales", "Sam Ortiz", AT) == []
    assert [s.role for s in document.base.signoff.signatures] == ["marketing", "sales"]
    assert dict(document.scenarios.get("Other").overrides) == {}  # nothing of the variant's
    standing = signing.standing(document)
    assert standing.agreed
    agreed = agreed_plan(document.base, document.scenarios)
    assert agreed.stages[1].conversion == 0.61
    assert standing.digest == digest(agreed)
    assert standing.digest != digest(document.base)
    # another variant changes: still agreed
    document.edit("Other conversion", lambda p: stage_edits.set_stage(p, 1, conversion=0.7))
    assert signing.standing(document).agreed
    # the agreed variant changes: a draft again, with the change in words
    document.show_scenario("Agreed one")
    document.edit("Agreed conversion", lambda p: stage_edits.set_stage(p, 1, conversion=0.62))
    standing = signing.standing(document)
    assert not standing.agreed
    assert standing.inputs
    document.undo_stack.undo()
    assert signing.standing(document).agreed


def test_with_the_base_agreed_a_variant_edit_keeps_the_agreement(qtbot: QtBot) -> None:
    document = _doc()
    document.edit_scenarios("Agree base", lambda s: edits.agree(s, BASE))
    signing.sign(document, "marketing", "Maria Chen", AT)
    signing.sign(document, "sales", "Sam Ortiz", AT)
    assert signing.standing(document).digest == digest(document.base)
    document.show_scenario("Other")
    document.edit("Conversion", lambda p: stage_edits.set_stage(p, 1, conversion=0.61))
    assert signing.standing(document).agreed
