"""Signing with keys in the Sign-off tab: "Add my key to the roster…" makes the user's key
on first use (saying where it is kept) and enrols it as one undoable edit; signing uses
it; the table shows each signature's key; a roster changed since a signature is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts
from test_agreement_signoff import LEFT, signoff_tab, unsigned

from alignplanner.contract.keys import key_dir, own_key
from alignplanner.contract.sshsig import public_key_text
from alignplanner.document import signing
from alignplanner.domain.agreement.roster import fingerprint
from alignplanner.ui.agreement.signatures_model import KEY, VERSION
from alignplanner.ui.agreement.signoff_panel import SignoffPanel
from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def enrolled_pair(qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts) -> SignoffPanel:
    """Marketing and sales must sign; the user's key is enrolled for both (one laptop in
    the workshop)."""
    unsigned(window)
    panel = signoff_tab(qtbot, window)
    qtbot.mouseClick(panel.require_pair, LEFT)
    prompts.script("ask_signature", ("marketing", "Maria Chen"), ("sales", "Sam Ortiz"))
    qtbot.mouseClick(panel.enrol_button, LEFT)
    qtbot.mouseClick(panel.enrol_button, LEFT)
    return panel


def test_add_my_key_makes_it_once_says_where_and_is_undoable(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts) -> None:
    unsigned(main_window)
    panel = signoff_tab(qtbot, main_window)
    qtbot.mouseClick(panel.require_pair, LEFT)
    assert not (key_dir() / "id_ed25519").exists()
    assert "No keys in the roster" in panel.roster.text()
    prompts.script("ask_signature", ("sales", "Sam Ortiz"))
    qtbot.mouseClick(panel.enrol_button, LEFT)
    key = own_key(create=False)
    mine = fingerprint(key.public_key)
    assert [(e.role, e.name, e.public_key) for e in main_window.document.plan.signoff.roster] == [
        ("sales", "Sam Ortiz", key.public_key)]
    assert panel.key_line.text().startswith(f"Made your signing key. It is kept in {key.path}")
    assert f"Your key: {mine}" in panel.key_line.text()
    assert f"Sales: Sam Ortiz, key {mine}" in panel.roster.text()
    document = main_window.document
    assert document.undo_stack.undoText() == "Add the key of Sam Ortiz (sales) to the roster"
    document.undo_stack.undo()
    assert document.plan.signoff.roster == ()
    assert "No keys in the roster" in panel.roster.text()


def test_sign_with_my_key_shows_the_key_and_agrees(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts) -> None:
    panel = enrolled_pair(qtbot, main_window, prompts)
    prompts.script("ask_signature", ("marketing", "Maria Chen"), ("sales", "Sam Ortiz"))
    qtbot.mouseClick(panel.sign_button, LEFT)
    qtbot.mouseClick(panel.sign_button, LEFT)
    assert panel.badge.text() == "Agreed"
    signatures = main_window.document.plan.signoff.signatures
    assert all(s.keyed for s in signatures)
    mine = fingerprint(own_key(create=False).public_key)
    assert [panel.model.index(r, KEY).data() for r in range(2)] == [mine, mine]
    assert main_window.document.undo_stack.undoText() == "Sign as sales with your key"
    assert not panel.key_warning.isVisible()


def test_a_roster_changed_since_a_signature_is_named_and_the_plan_is_draft(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts) -> None:
    panel = enrolled_pair(qtbot, main_window, prompts)
    prompts.script("ask_signature", ("marketing", "Maria Chen"), ("sales", "Sam Ortiz"))
    qtbot.mouseClick(panel.sign_button, LEFT)
    qtbot.mouseClick(panel.sign_button, LEFT)
    other = public_key_text(Ed25519PrivateKey.generate())
    assert signing.enrol(main_window.document, "sales", "Sam Ortiz", other) == []
    assert panel.badge.text() == "Draft"
    assert panel.key_warning.isVisible()
    mine = fingerprint(own_key(create=False).public_key)
    assert "roster changed after signing: sales (Sam Ortiz, " in panel.key_warning.text()
    assert (f"signed with key {mine}, the roster now holds key {fingerprint(other)} for Sam "
            "Ortiz as sales") in panel.key_warning.text()
    sales_row = next(r for r in range(2) if panel.model.signature(r).role == "sales")
    assert panel.model.index(sales_row, VERSION).data() == "does not hold"
    tooltip = panel.model.index(sales_row, VERSION).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("roster changed after signing: sales (Sam Ortiz, ")


def test_signing_with_a_key_not_in_the_roster_for_the_role_is_refused(
        qtbot: QtBot, main_window: MainWindow, prompts: ScriptedPrompts) -> None:
    unsigned(main_window)
    panel = signoff_tab(qtbot, main_window)
    qtbot.mouseClick(panel.require_pair, LEFT)
    someone = public_key_text(Ed25519PrivateKey.generate())
    assert signing.enrol(main_window.document, "sales", "Sam Ortiz", someone) == []
    prompts.script("ask_signature", ("sales", "Sam Ortiz"))
    qtbot.mouseClick(panel.sign_button, LEFT)
    mine = fingerprint(own_key(create=False).public_key)
    assert main_window.document.plan.signoff.signatures == ()
    assert panel.error.isVisible()
    assert (f"your key {mine} is not in the roster for sales (the roster holds: sales: Sam "
            f"Ortiz, key {fingerprint(someone)})") in panel.error.text()


class FakeKeyPrompts:
    """Answers "Use my SSH key…" from a script, recording whether a retry was asked."""

    def __init__(self, path: Path | None, *passphrases: str | None) -> None:
        self.path = path
        self.passphrases = list(passphrases)
        self.asked_again: list[bool] = []

    def ask_key_path(self) -> Path | None:
        return self.path

    def ask_passphrase(self, path: Path, again: bool) -> str | None:
        self.asked_again.append(again)
        return self.passphrases.pop(0)


def test_use_my_ssh_key_asks_its_passphrase_again_when_wrong_and_signs_with_it(
        qtbot: QtBot, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        Encoding,
        PrivateFormat,
    )

    from alignplanner.document.document import PlanDocument
    from alignplanner.domain.edits.signoff import set_required, set_signoff
    from alignplanner.domain.plan.plan import Plan

    ssh = Ed25519PrivateKey.generate()
    path = tmp_path / "id_ed25519"
    path.write_bytes(ssh.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH,
                                       BestAvailableEncryption(b"right")))

    from alignplanner.contract.reader import load
    from alignplanner.resources import sample_plan_path

    sample = load(sample_plan_path()).plan
    plan: Plan = set_required(set_signoff(sample, required=(), approvers=(),
                                          signatures=()), ["marketing", "sales"])
    document = PlanDocument(plan)
    prompts = FakeKeyPrompts(path, "wrong", "right")
    panel = SignoffPanel(document, lambda roles, approvers: ("sales", "Sam Ortiz"),
                         key_prompts=prompts)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.mouseClick(panel.ssh_key_button, LEFT)
    assert prompts.asked_again == [False, True]
    mine = fingerprint(public_key_text(ssh))
    assert panel.key_line.text() == f"Your key: {mine} (your SSH key {path}, for this session)"
    qtbot.mouseClick(panel.enrol_button, LEFT)
    qtbot.mouseClick(panel.sign_button, LEFT)
    assert [e.public_key for e in document.plan.signoff.roster] == [public_key_text(ssh)]
    assert [panel.model.index(0, KEY).data()] == [mine]
    assert not (key_dir() / "id_ed25519").exists()  # no AlignPlanner key was made

    cancelled = FakeKeyPrompts(path, None)
    panel._key_prompts = cancelled
    qtbot.mouseClick(panel.ssh_key_button, LEFT)
    assert cancelled.asked_again == [False]
    assert mine in panel.key_line.text()  # still the key chosen before
    panel._key_prompts = FakeKeyPrompts(tmp_path / "nothing-here")
    qtbot.mouseClick(panel.ssh_key_button, LEFT)
    assert panel.error.text().startswith(f"cannot read the key {tmp_path / 'nothing-here'}")
