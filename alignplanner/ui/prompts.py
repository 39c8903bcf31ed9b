"""DialogPrompts: the file workflow's questions as message boxes and file dialogs.

This is the only place where the file logic meets widgets; the logic itself
(`alignplanner.document.workflow`) only knows the `Prompts` interface. The dialogs that
are more than a message box are built by functions (`problems_dialog`, `RecoverDialog`)
so that a test can look at them without showing them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.prompts import Signer, UnsavedAnswer
from alignplanner.document.recovery import Recovery

__all__ = ["DialogPrompts", "RecoverDialog", "problems_dialog"]

PLAN_FILTER = "AlignPlanner plans (*.toml);;All files (*)"


def problems_dialog(parent: QWidget | None, title: str, problems: list[str]) -> QDialog:
    """Every problem line in a scrollable, selectable text box, with a Copy button (to
    paste into an e-mail to whoever sent the file)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    count = len(problems)
    layout.addWidget(QLabel(f"{title}: {count} problem{'s' if count != 1 else ''}.", dialog))
    text = QPlainTextEdit(dialog)
    text.setObjectName("problems")
    text.setReadOnly(True)
    text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    text.setPlainText("\n".join(problems))
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    layout.addWidget(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    copy = buttons.addButton("Copy all", QDialogButtonBox.ButtonRole.ActionRole)
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text.toPlainText()))
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(760, 360)
    return dialog


class RecoverDialog(QDialog):
    """Pick the unsaved plan to bring back; "Not now" keeps them all for next time."""

    def __init__(self, parent: QWidget | None, recoveries: list[Recovery]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved plans")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("AlignPlanner was closed without saving these plans. "
                                "Recover one?", self))
        self.items = QListWidget(self)
        for recovery in recoveries:
            item = QListWidgetItem(self._label(recovery), self.items)
            item.setData(Qt.ItemDataRole.UserRole, recovery)
        self.items.setCurrentRow(0)
        self.items.itemDoubleClicked.connect(self.accept)
        layout.addWidget(self.items)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Recover", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        discard = QPushButton("Discard…", self)
        buttons.addButton(discard, QDialogButtonBox.ButtonRole.DestructiveRole)
        discard.clicked.connect(self._discard_current)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _label(recovery: Recovery) -> str:
        when = recovery.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        where = str(recovery.original_path) if recovery.original_path else "never saved"
        return f"{recovery.name}, autosaved {when} ({where})"

    def chosen(self) -> Recovery | None:
        item = self.items.currentItem()
        chosen: Recovery | None = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return chosen

    def _discard_current(self) -> None:
        recovery = self.chosen()
        if recovery is None:
            return
        answer = QMessageBox.warning(
            self, "Discard unsaved plan",
            f"Throw away the unsaved changes to {recovery.name}? This cannot be undone.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            recovery.discard()
            self.items.takeItem(self.items.currentRow())
            if self.items.count() == 0:
                self.reject()


class DialogPrompts:
    """`Prompts` for the desktop app, parented to ``parent`` (the main window)."""

    def __init__(self, parent: QWidget | None) -> None:
        self._parent = parent
        self._notice: tuple[str, list[str]] | None = None

    def set_parent(self, parent: QWidget | None) -> None:
        """Parent later dialogs to ``parent``: questions asked at start (crash recovery)
        come before the main window exists, and so may a notice (shown now)."""
        self._parent = parent
        self._show_notice()

    def ask_unsaved_changes(self, name: str) -> UnsavedAnswer:
        box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                          f"Save the changes to {name}?", parent=self._parent)
        box.setInformativeText("If you don't save, your changes are lost.")
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        box.setEscapeButton(buttons.Cancel)
        answer = box.exec()
        if answer == buttons.Save:
            return "save"
        return "discard" if answer == buttons.Discard else "cancel"

    def ask_save_path(self, suggested: Path | None) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._parent, "Save plan",
                                              str(suggested or ""), PLAN_FILTER)
        return Path(name) if name else None

    def ask_open_path(self, start_dir: Path | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._parent, "Open plan",
                                              str(start_dir or ""), PLAN_FILTER)
        return Path(name) if name else None

    def ask_export_path(self, file_filter: str, suffix: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._parent, "Export", "", file_filter)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix.lower() else path.with_name(path.name + suffix)

    def ask_recover(self, recoveries: list[Recovery]) -> Recovery | None:
        dialog = RecoverDialog(self._parent, recoveries)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return dialog.chosen() if accepted else None

    def ask_reload_changed(self, name: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Changed on disk",
                          f"{name} was changed on disk by someone else.", parent=self._parent)
        box.setInformativeText("Load the version on disk? You can undo this. "
                               "Keep mine: the plan on screen stays, as unsaved changes.")
        load = box.addButton("Load from disk", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Keep mine", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is load

    def ask_open_locked(self, name: str, owner_description: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "Plan already open",
                          f"{name} is already open in {owner_description}.",
                          parent=self._parent)
        box.setInformativeText("Open it here too? Whoever saves last overwrites the other's "
                               "changes.")
        anyway = box.addButton("Open anyway", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is anyway

    def ask_signature(self, roles: list[str], approvers: dict[str, list[str]]) -> Signer | None:
        from alignplanner.ui.agreement.sign_dialog import SignDialog  # only when signing

        dialog = SignDialog(self._parent, roles, approvers)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return dialog.signer() if accepted else None

    def show_problems(self, title: str, problems: list[str]) -> None:
        dialog = problems_dialog(self._parent, title, problems)
        dialog.exec()
        dialog.deleteLater()

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.critical(self._parent, title, message)

    def show_notice(self, title: str, lines: list[str]) -> None:
        """In the main window's status bar, until the next notice; the details are its
        tooltip. Nothing to click away: the workshop goes on."""
        self._notice = (title, list(lines))
        self._show_notice()

    def _show_notice(self) -> None:
        if self._notice is None or not isinstance(self._parent, QMainWindow):
            return  # no window yet: shown when there is one
        (title, lines), self._notice = self._notice, None
        bar = self._parent.statusBar()
        bar.showMessage(f"{title}. {lines[0]}" if lines else title)
        bar.setToolTip("\n".join([title, *lines]))
