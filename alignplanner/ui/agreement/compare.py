"""Compare the open plan with another file: the case of two leaders editing copies on their
laptops and e-mailing them back. The changes (`contract.diff`: inputs, then what they do to
the requirements) show in a window that stays open beside the plan (not modal), so the
room can read it while editing. A file that cannot be read shows its problems with their
lines; the plan on screen stays as it is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from alignplanner.contract.diff import Change, diff
from alignplanner.contract.errors import PlanFileError, os_reason
from alignplanner.document import files
from alignplanner.document.document import PlanDocument
from alignplanner.document.prompts import Prompts
from alignplanner.ui.editors.common import scaled_font

__all__ = ["CompareDialog", "compare_with_file"]


class CompareDialog(QDialog):
    """The changes from the plan on screen to the plan in ``path``, inputs first."""

    def __init__(self, parent: QWidget | None, path: Path, changes: list[Change]) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare with {path.name}")
        self.setModal(False)
        self.changes = changes
        inputs = [c.text for c in changes if c.kind == "input"]
        consequences = [c.text for c in changes  # totals first, then the months
                        if c.kind == "consequence" and ".monthly_rounded." not in c.path]
        consequences += [c.text for c in changes
                         if c.kind == "consequence" and ".monthly_rounded." in c.path]
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.font(), 1.3, bold=True))
        if changes:
            self.heading.setText(f"What {path.name} changes, compared with the plan on "
                                 f"screen: {len(inputs)} input{'s' if len(inputs) != 1 else ''}"
                                 f", {len(consequences)} consequence"
                                 f"{'s' if len(consequences) != 1 else ''}")
        else:
            self.heading.setText(f"{path.name} says the same as the plan on screen.")
        self.inputs = self._list("Inputs that differ", inputs)
        self.consequences = self._list("What they change in the requirements", consequences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.inputs[0])
        layout.addWidget(self.inputs[1])
        layout.addWidget(self.consequences[0])
        layout.addWidget(self.consequences[1], 1)
        layout.addWidget(buttons)
        self.resize(820, 620)

    def _list(self, caption: str, lines: list[str]) -> tuple[QLabel, QListWidget]:
        label = QLabel(f"<b>{caption}</b>", self)
        items = QListWidget(self)
        items.setAccessibleName(caption)
        items.setFont(scaled_font(self.font(), 1.15))
        items.setWordWrap(True)
        items.addItems(lines or ["(none)"])
        rows = max(1, min(len(lines), 10))  # as tall as its lines, up to ten
        items.setMaximumHeight(rows * items.sizeHintForRow(0) + 2 * items.frameWidth() + 6)
        if caption.startswith("What"):
            items.setMaximumHeight(16777215)  # the consequences take the room left
        label.setBuddy(items)
        label.setVisible(bool(lines) or caption.startswith("Inputs"))
        items.setVisible(bool(lines) or caption.startswith("Inputs"))
        return label, items

    def lines(self) -> list[str]:
        """Every change as shown, inputs first (for tests and for copying)."""
        return [c.text for c in self.changes]


def compare_with_file(parent: QWidget, document: PlanDocument, prompts: Prompts,
                      path: Path | None = None, start_dir: Path | None = None
                      ) -> CompareDialog | None:
    """Ask which file (unless ``path``), read it and show the comparison; None (after
    telling why) when cancelled or unreadable."""
    if path is None:
        path = prompts.ask_open_path(start_dir)
        if path is None:
            return None
    try:
        loaded, _signature = files.load_plan(path)
    except PlanFileError as exc:
        prompts.show_problems(f"{path.name} could not be compared", files.problem_lines(exc))
        return None
    except OSError as exc:
        prompts.show_error(f"{path.name} could not be compared",
                           f"{path.name} could not be read: {os_reason(exc)}.")
        return None
    changes = diff(document.plan, loaded.plan, document.result, loaded.result)
    dialog = CompareDialog(parent, path, changes)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
