"""Signing the open plan and where its sign-off stands: agreed only on the current digest;
after an edit, draft with the change in the plan's words; undo brings the agreement back."""

from __future__ import annotations

from datetime import UTC, datetime

from document_helpers import sample_plan
from pytestqt.qtbot import QtBot

from alignplanner.contract.digest import digest
from alignplanner.document import signing
from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import plan as plan_edits
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.edits.signoff import set_required, set_signoff
from alignplanner.domain.plan.plan import Plan

AT = datetime(2026, 11, 23, 14, 5, 7, 123456, tzinfo=UTC)


def required_plan() -> Plan:
    """The sample plan with marketing and sales required and nobody named (whatever
    sign-off the sample itself carries)."""
    plan = set_signoff(sample_plan(), required=(), approvers=(), signatures=())
    return set_required(plan, ["marketing", "sales"])


def test_part_digests_change_only_where_the_plan_changed() -> None:
    plan = sample_plan()
    before = signing.part_digests(plan)
    assert {"plan", "target", "stages", f"stages.{plan.stages[1].id}"} <= set(before)
    after = signing.part_digests(stage_edits.set_stage(plan, 1, conversion=0.61))
    assert [k for k in before if before[k] != after[k]] == [f"stages.{plan.stages[1].id}"]
    assert all(len(v) == 16 for v in before.values())


def test_sign_both_roles_agreed_edit_draft_with_the_change_undo_agreed(qtbot: QtBot) -> None:
    document = PlanDocument(required_plan())
    assert signing.standing(document).headline == "Draft"
    assert signing.sign(document, "marketing", "Maria Chen", AT) == []
    standing = signing.standing(document)
    assert not standing.agreed
    assert standing.status.missing == ("sales",)
    assert standing.short_words() == "waiting for sales"
    assert signing.sign(document, "sales", "Sam Ortiz", AT) == []
    standing = signing.standing(document)
    assert standing.agreed
    assert standing.digest == digest(document.plan)
    signature = document.plan.signoff.signatures[0]
    assert signature.signed_at == datetime(2026, 11, 23, 14, 5, 7, tzinfo=UTC)
    assert document.undo_stack.undoText() == "Sign as sales (Sam Ortiz)"

    stage = document.plan.stages[1]
    document.edit("Change conversion", lambda p: stage_edits.set_stage(p, 1, conversion=0.61))
    standing = signing.standing(document)
    assert not standing.agreed
    old = f"{stage.conversion * 100:.4g}%"
    assert f"{stage.name} conversion {old} -> 61%" in standing.changes
    assert any("needed" in text for text in standing.changes)  # and what it does
    assert standing.changes.index(f"{stage.name} conversion {old} -> 61%") == 0
    assert standing.monthly > 0  # the months that changed are counted, not listed
    assert not any("needed in" in text for text in standing.changes)
    assert standing.short_words() == "changed since signed"
    assert "since Maria Chen (marketing) and Sam Ortiz (sales) signed" in standing.sentence()

    document.undo_stack.undo()
    assert signing.standing(document).agreed


def test_a_plan_loaded_agreed_explains_later_edits_from_the_loaded_version(qtbot: QtBot) -> None:
    signer = PlanDocument(required_plan())
    signing.sign(signer, "marketing", "Maria Chen", AT)
    signing.sign(signer, "sales", "Sam Ortiz", AT)
    document = PlanDocument(signer.plan)  # as if opened from the file
    document.edit("Change revenue", lambda p: plan_edits.set_target(p, revenue=10_000_000))
    changes = signing.standing(document).changes
    assert changes[0].startswith("Revenue target")


def test_a_signature_on_a_version_never_seen_is_described_by_its_parts(qtbot: QtBot) -> None:
    signer = PlanDocument(required_plan())
    signing.sign(signer, "marketing", "Maria Chen", AT)
    changed = stage_edits.set_stage(signer.plan, 1, conversion=0.61)
    document = PlanDocument(changed)
    standing = signing.standing(document)
    assert standing.changes == (f"Stage {changed.stages[1].name} changed",)


def test_an_unknown_role_is_refused_and_nothing_is_signed(qtbot: QtBot) -> None:
    document = PlanDocument(required_plan())
    problems = signing.sign(document, "finance", "Fay", AT)
    assert problems
    assert "not asked to sign" in problems[0].message
    assert document.undo_stack.count() == 0


def test_withdraw_is_undoable(qtbot: QtBot) -> None:
    document = PlanDocument(required_plan())
    signing.sign(document, "marketing", "Maria Chen", AT)
    assert signing.withdraw(document, "marketing", "Maria Chen") == []
    assert document.plan.signoff.signatures == ()
    document.undo_stack.undo()
    assert len(document.plan.signoff.signatures) == 1


def test_short_digest_is_the_first_eight_hex_digits() -> None:
    assert signing.short_digest("sha256:9f2c41d0" + "e" * 56) == "9f2c41d0"


def test_a_plan_loaded_agreed_explains_a_merged_copy_from_the_loaded_version(qtbot: QtBot) -> None:
    """A merge of another copy as the first step: its (plan, result, extras) before-state
    still gives the loaded version, so the change is explained, not guessed from parts."""
    signer = PlanDocument(required_plan())
    signing.sign(signer, "marketing", "Maria Chen", AT)
    signing.sign(signer, "sales", "Sam Ortiz", AT)
    document = PlanDocument(signer.plan)  # as if opened from the file
    merged = plan_edits.set_target(document.plan, revenue=10_000_000)
    assert document.replace_content("Merge a copy", merged, document.extras) == []
    assert set(signing._memory(document).versions) == {digest(signer.plan)}
    changes = signing.standing(document).changes
    assert changes[0].startswith("Revenue target")
