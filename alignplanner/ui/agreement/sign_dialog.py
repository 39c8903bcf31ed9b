"""The "Sign as…" question: which role, and whose name (DialogPrompts.ask_signature)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.prompts import Signer
from alignplanner.ui.wording import signer_label

__all__ = ["SignDialog"]


class SignDialog(QDialog):
    """Pick a role; the name is one of its named approvers, or typed when none is named."""

    def __init__(self, parent: QWidget | None, roles: list[str],
                 approvers: dict[str, list[str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign the plan")
        self._approvers = approvers
        self.role = QComboBox(self)
        for role in roles:
            self.role.addItem(signer_label(role), role)
        self.name = QComboBox(self)
        self.name.setMinimumContentsLength(24)
        self.role.currentIndexChanged.connect(lambda _i: self._fill_names())
        note = QLabel("Signing records your name, your role, the time (UTC) and the digest of "
                      "the plan as it is now. Any later change puts the plan back to draft "
                      "until it is signed again.", self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Sign as", self.role)
        form.addRow("Name", self.name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton("Sign", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._fill_names()

    def _fill_names(self) -> None:
        names = self._approvers.get(str(self.role.currentData()), [])
        self.name.clear()
        self.name.addItems(names)
        self.name.setEditable(not names)  # named approvers only, when the plan names them
        line = self.name.lineEdit()
        if line is not None:
            line.setPlaceholderText("Your name")

    def signer(self) -> Signer | None:
        role, name = self.role.currentData(), self.name.currentText().strip()
        return (str(role), name) if role and name else None
