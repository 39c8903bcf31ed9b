"""The questions of "Use my SSH key…" in the Sign-off tab: which private key file, and its
passphrase when it has one (a password field: the text is never shown, stored or logged).
Tests hand the panel a fake with scripted answers instead."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from alignplanner.ui.wording import KEY_FILE_TITLE, passphrase_question

__all__ = ["DialogKeyPrompts", "KeyPrompts"]


class KeyPrompts(Protocol):
    def ask_key_path(self) -> Path | None:
        """The user's OpenSSH private key file; None cancels."""
        ...

    def ask_passphrase(self, path: Path, again: bool) -> str | None:
        """The passphrase of ``path`` (``again``: the last one was wrong); None cancels."""
        ...


class DialogKeyPrompts:
    """`KeyPrompts` as a file dialog (starting in ~/.ssh) and a password field."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def ask_key_path(self) -> Path | None:
        start = Path.home() / ".ssh"
        path, _ = QFileDialog.getOpenFileName(
            self.parent, KEY_FILE_TITLE, str(start if start.is_dir() else Path.home()))
        return Path(path) if path else None

    def ask_passphrase(self, path: Path, again: bool) -> str | None:
        text, ok = QInputDialog.getText(self.parent, KEY_FILE_TITLE,
                                        passphrase_question(path.name, again),
                                        QLineEdit.EchoMode.Password)
        return text if ok else None
