"""The two questions the import dialog asks, behind an interface: which exports to add,
and where to save the mapping of a plan that has no file yet. Tests answer them with a
fake; the app asks with file dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QWidget

from alignplanner.ui import wording


class ActualsPrompts(Protocol):
    def ask_exports(self, start_dir: Path | None) -> list[Path]:
        """The exports to add (none when cancelled)."""
        ...

    def ask_mapping_path(self, suggested: Path | None) -> Path | None:
        """Where to save the mapping; None when cancelled."""
        ...


class DialogActualsPrompts:
    """`ActualsPrompts` with the platform's file dialogs."""

    def __init__(self, parent: QWidget | None) -> None:
        self._parent = parent

    def ask_exports(self, start_dir: Path | None) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self._parent, "Add CRM exports",
                                                str(start_dir or ""), wording.ACTUALS_FILTER)
        return [Path(n) for n in names]

    def ask_mapping_path(self, suggested: Path | None) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._parent, "Save the actuals mapping",
                                              str(suggested or ""), wording.MAPPING_FILTER)
        return Path(name) if name else None


__all__ = ["ActualsPrompts", "DialogActualsPrompts"]
