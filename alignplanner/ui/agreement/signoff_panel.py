"""SignoffPanel: is the plan agreed, who signed what and when with which key, what changed
since, and who must sign. "Sign as…" asks for the role and name (the injectable prompts)
and records the signature as one undoable edit; so does withdrawing one. With a roster,
signing uses the user's own key (made on first use, the panel says where it is kept) and
"Add my key to the roster…" puts its public half in the plan (one undoable edit). A
signature that does not hold (the roster changed since, another key) is named in red.
Required roles and approvers are edited here too; a refused change shows its reason in red
and never reaches the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alignplanner.contract.keys import EncryptedKey, KeyProblem, UserKey, load_key, own_key
from alignplanner.document import signing
from alignplanner.document.document import PlanDocument
from alignplanner.document.prompts import Signer
from alignplanner.domain.agreement.signoff import SIGNOFF_ROLES
from alignplanner.domain.edits import signoff as signoff_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.agreement.badge import StatusBadge
from alignplanner.ui.agreement.signatures_model import SignaturesModel
from alignplanner.ui.editors.common import ErrorLabel, blocked, scaled_font
from alignplanner.ui.views import DocumentPanel
from alignplanner.ui.wording import (
    ENROL_BUTTON,
    ENROL_TIP,
    NO_ROSTER,
    ROSTER_CAPTION,
    ROSTER_WARNING,
    SIGN_WITH_KEY_TIP,
    SSH_KEY_BUTTON,
    SSH_KEY_TIP,
    key_made,
    own_key_words,
    roster_line,
    signer_label,
    ssh_key_words,
)

if TYPE_CHECKING:
    from alignplanner.ui.agreement.key_prompts import KeyPrompts

__all__ = ["AskSigner", "SignoffPanel"]

AskSigner = Callable[[list[str], dict[str, list[str]]], Signer | None]
UserKeyFinder = Callable[[bool], UserKey]
"""The user's own key (``create``: make it when missing); KeyProblem (contract.keys)."""


class SignoffPanel(DocumentPanel):
    def __init__(self, document: PlanDocument, ask_signer: AskSigner,
                 parent: QWidget | None = None, user_key: UserKeyFinder = own_key,
                 key_prompts: KeyPrompts | None = None) -> None:
        super().__init__(document, parent)
        self._ask_signer = ask_signer
        self._user_key = user_key
        if key_prompts is None:
            from alignplanner.ui.agreement.key_prompts import DialogKeyPrompts

            key_prompts = DialogKeyPrompts(self)
        self._key_prompts = key_prompts
        self._ssh_key: UserKey | None = None
        """An SSH key chosen for this session: in memory only, never written."""
        self._make_key_widgets()
        self.badge = StatusBadge(2.6, self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_button = QPushButton("Sign as…", self)
        self.sign_button.setToolTip("Sign the plan as it is now, for your role")
        self.sign_button.clicked.connect(self.sign)
        self.withdraw_button = QPushButton("Withdraw signature", self)
        self.withdraw_button.setToolTip("Remove the selected signature (undo brings it back)")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.error = ErrorLabel(self)
        self.model = SignaturesModel(self)
        self.table = self._make_table()
        self.changes = QListWidget(self)
        self.changes.setAccessibleName("Changed since it was signed")
        self.changes.setWordWrap(True)
        self.effects = QListWidget(self)
        self.effects.setAccessibleName("What the changes do")
        self.effects.setWordWrap(True)
        self.effects_caption = QLabel(self)
        self.changes_box = QGroupBox("Changed since it was signed", self)
        changes = QVBoxLayout(self.changes_box)
        changes.addWidget(self.changes, 1)
        changes.addWidget(self.effects_caption)
        changes.addWidget(self.effects, 1)
        self.required: dict[str, QCheckBox] = {}
        self.require_pair = QPushButton("Require marketing and sales to sign", self)
        self.require_pair.clicked.connect(
            lambda: self._edit_roles(["marketing", "sales"]))
        self.approvers: dict[str, QLineEdit] = {}
        self._approver_form = QFormLayout()
        self._lay_out()
        self._fit_to_font()
        self._bind()

    def _make_key_widgets(self) -> None:
        self.ssh_key_button = QPushButton(SSH_KEY_BUTTON, self)
        self.ssh_key_button.setToolTip(SSH_KEY_TIP)
        self.ssh_key_button.clicked.connect(self.use_ssh_key)
        self.enrol_button = QPushButton(ENROL_BUTTON, self)
        self.enrol_button.setToolTip(ENROL_TIP)
        self.enrol_button.clicked.connect(self.enrol_mine)
        self.key_line = QLabel(self)
        self.key_line.setWordWrap(True)
        self.key_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_line.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.key_warning = ErrorLabel(self)
        self.key_warning.setAccessibleName("Signatures that do not hold")
        self.roster = QLabel(self)
        self.roster.setWordWrap(True)
        self.roster.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.roster.setAccessibleName("Keys in the roster")

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setAccessibleName("Signatures")
        return table

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.enrol_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        signed_box = QGroupBox("Signatures", self)
        signed_layout = QVBoxLayout(signed_box)
        signed_layout.addLayout(buttons)
        signed_layout.addWidget(self.key_warning)
        signed_layout.addWidget(self.table)
        signed_layout.addWidget(self.roster)
        mine = QHBoxLayout()
        mine.addWidget(self.key_line, 1)
        mine.addWidget(self.ssh_key_button, 0, Qt.AlignmentFlag.AlignTop)
        signed_layout.addLayout(mine)
        who_box = QGroupBox("Who must sign", self)
        who = QVBoxLayout(who_box)
        grid = QGridLayout()
        for i, role in enumerate(SIGNOFF_ROLES):
            box = QCheckBox(signer_label(role), who_box)
            box.toggled.connect(lambda _on: self._roles_toggled())
            grid.addWidget(box, i // 4, i % 4)
            self.required[role] = box
        who.addWidget(self.require_pair, 0, Qt.AlignmentFlag.AlignLeft)
        who.addLayout(grid)
        hint = QLabel("Approvers by role, names separated by commas (none named: anyone "
                      "may sign for the role)", who_box)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        who.addWidget(hint)
        who.addLayout(self._approver_form)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.error)
        layout.addWidget(self.changes_box)
        layout.addWidget(signed_box)
        layout.addWidget(who_box)
        layout.addStretch(1)

    def _fit_to_font(self) -> None:
        self.badge.fit_to(self.font())
        self.summary.setFont(scaled_font(self.font(), 1.25))
        self.changes.setFont(scaled_font(self.font(), 1.25, bold=True))
        self.effects.setFont(scaled_font(self.font(), 1.1))
        self.table.setMaximumHeight(self.table.fontMetrics().lineSpacing() * 9)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode: bigger type
            self._fit_to_font()

    # -- document --------------------------------------------------------------------

    def refresh(self, plan: Plan) -> None:
        standing = signing.standing(self.document)
        self.badge.show_state(standing.agreed)
        self.summary.setText(standing.sentence())
        self.model.set_standing(plan.signoff.signatures, standing)
        self.withdraw_button.setEnabled(bool(plan.signoff.signatures))
        self.sign_button.setEnabled(bool(plan.signoff.roles))
        self.enrol_button.setEnabled(bool(plan.signoff.roles))
        tip = (SIGN_WITH_KEY_TIP if plan.signoff.roster
               else "Sign the plan as it is now, for your role")
        self.sign_button.setToolTip(tip if plan.signoff.roles else "Say first who must sign")
        self._refresh_keys(plan, standing)
        for items, lines in ((self.changes, standing.inputs),
                             (self.effects, standing.consequences)):
            items.clear()
            items.addItems(list(lines))
            rows = max(1, min(len(lines), 8))  # as tall as its lines, up to eight
            items.setMaximumHeight(rows * items.sizeHintForRow(0) + 2 * items.frameWidth() + 4
                                   if lines else 16777215)
        months = (f", and {standing.monthly} monthly requirement"
                  f"{'s' if standing.monthly != 1 else ''} (By month chart)"
                  if standing.monthly else "")
        self.effects_caption.setText(f"<b>What it does</b> to the requirements{months}:")
        self.effects_caption.setVisible(bool(standing.consequences or standing.monthly))
        self.effects.setVisible(bool(standing.consequences))
        self.changes_box.setVisible(bool(standing.changes))
        with blocked(*self.required.values()):
            for role, box in self.required.items():
                box.setChecked(role in plan.signoff.required)
        self.require_pair.setVisible(not plan.signoff.required)
        self._refresh_approvers(plan)

    def _refresh_keys(self, plan: Plan, standing: signing.Standing) -> None:
        problems = list(standing.problems.values())
        self.key_warning.show_message(
            "\n".join([ROSTER_WARNING, *problems]) if problems else "")
        if plan.signoff.roster:
            lines = [roster_line(signer_label(e.role), e.name, e.fingerprint)
                     for e in plan.signoff.roster]
            self.roster.setText(f"<b>{ROSTER_CAPTION}</b><br>" + "<br>".join(
                line.replace("&", "&amp;").replace("<", "&lt;") for line in lines))
        else:
            self.roster.setText(NO_ROSTER)
        if not self.key_line.text() and self._ssh_key is None:  # once it exists (not made here)
            try:
                key = self._user_key(False)
            except KeyProblem:
                return
            self._show_key(key)

    def _show_key(self, key: UserKey) -> None:
        from alignplanner.domain.agreement.roster import fingerprint

        if key is self._ssh_key:
            self.key_line.setText(ssh_key_words(fingerprint(key.public_key), str(key.path)))
            return
        words = own_key_words(fingerprint(key.public_key), str(key.path))
        self.key_line.setText(f"{key_made(str(key.path))} {words}" if key.created else words)

    def use_ssh_key(self) -> None:
        """Ask for an OpenSSH Ed25519 private key (and its passphrase, if it has one) and
        sign and enrol with it for the rest of this session."""
        path = self._key_prompts.ask_key_path()
        if path is None:
            return
        passphrase: str | None = None
        while True:
            try:
                key = load_key(path, passphrase)
                break
            except EncryptedKey:
                passphrase = self._key_prompts.ask_passphrase(path, passphrase is not None)
                if passphrase is None:
                    return
            except KeyProblem as exc:
                self.error.show_message(str(exc))
                return
        self.error.clear_message()
        self._ssh_key = key
        self._show_key(key)

    def _key(self) -> UserKey | None:
        """The key to sign with: the SSH key chosen for this session, else the user's own
        key, made now if missing (the panel says where); None on a problem."""
        if self._ssh_key is not None:
            return self._ssh_key
        try:
            key = self._user_key(True)
        except KeyProblem as exc:
            self.error.show_message(str(exc))
            return None
        self._show_key(key)
        return key

    def _refresh_approvers(self, plan: Plan) -> None:
        roles = list(plan.signoff.roles)
        if roles != list(self.approvers):
            while self._approver_form.rowCount():
                self._approver_form.removeRow(0)
            self.approvers = {}
            for role in roles:
                line = QLineEdit(self)
                line.setPlaceholderText("anyone")
                line.setAccessibleName(f"{signer_label(role)} approvers")
                line.editingFinished.connect(self._approvers_edited)
                self._approver_form.addRow(signer_label(role), line)
                self.approvers[role] = line
        for role, line in self.approvers.items():
            text = ", ".join(plan.signoff.approvers_for(role))
            if line.text() != text and not line.hasFocus():
                line.setText(text)

    # -- actions ---------------------------------------------------------------------

    def sign(self) -> None:
        signoff = self.document.plan.signoff
        roles = list(signoff.roles)
        if not roles:
            self.error.show_message("Say first which roles must sign the plan")
            return
        answer = self._ask_signer(roles, {r: list(signoff.approvers_for(r)) for r in roles})
        if answer is None:
            return
        role, name = answer
        self.error.clear_message()
        if not signoff.roster:  # a plan before keys: the signature names a role, no more
            self.error.show_problems(signing.sign(self.document, role, name), "Sign")
            return
        key = self._key()
        if key is None:
            return
        entry = signoff.roster_for_key(role, key.public_key)
        if entry is not None and entry.name != name.strip():
            self.error.show_message(f"Sign: your key is in the roster for {role} as "
                                    f"{entry.name}, not as {name.strip()}")
            return
        self.error.show_problems(signing.sign_with_key(self.document, role, key.private),
                                 "Sign")

    def enrol_mine(self) -> None:
        """Ask for the role and name, and put the user's public key in the roster for them
        (the key is made first if the user has none)."""
        signoff = self.document.plan.signoff
        roles = list(signoff.roles)
        if not roles:
            self.error.show_message("Say first which roles must sign the plan")
            return
        answer = self._ask_signer(roles, {r: list(signoff.approvers_for(r)) for r in roles})
        if answer is None:
            return
        key = self._key()
        if key is None:
            return
        self.error.clear_message()
        self.error.show_problems(
            signing.enrol(self.document, answer[0], answer[1], key.public_key), "Roster")

    def withdraw_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.error.show_message("Select the signature to withdraw")
            return
        sig = self.model.signature(rows[0].row())
        self.error.show_problems(signing.withdraw(self.document, sig.role, sig.name))

    def _roles_toggled(self) -> None:
        current = self.document.plan.signoff.required
        ticked = [role for role, box in self.required.items() if box.isChecked()]
        kept = [r for r in current if r in ticked]
        self._edit_roles(kept + [r for r in ticked if r not in kept])

    def _edit_roles(self, roles: list[str]) -> None:
        self.error.clear_message()
        problems = self.document.edit("Change who must sign",
                                      lambda p: signoff_edits.set_required(p, roles))
        if self.error.show_problems(problems, "Who must sign"):
            self.refresh(self.document.plan)  # the boxes show the plan again

    def _approvers_edited(self) -> None:
        pairs = [(role, name) for role, line in self.approvers.items()
                 for name in line.text().split(",")]
        self.error.clear_message()
        problems = self.document.edit("Change approvers",
                                      lambda p: signoff_edits.set_approvers(p, pairs))
        self.error.show_problems(problems, "Approvers")
