"""The questions the file logic asks the user, as an interface with no widgets.

The file workflow (`alignplanner.document.workflow`) decides *when* to ask; an
implementation decides *how*. The app uses `alignplanner.ui.prompts.DialogPrompts`
(message boxes and file dialogs); tests use a recording fake with scripted answers, so no
test ever shows a dialog (git-cola's `Interaction`, Mu's mocked view).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from alignplanner.document.recovery import Recovery

__all__ = ["Prompts", "Signer", "UnsavedAnswer"]

UnsavedAnswer = Literal["save", "discard", "cancel"]
Signer = tuple[str, str]
"""(role, name) of a person signing the plan."""


class Prompts(Protocol):
    """Every question the file workflow (and the sign-off panel) may put to the user, and
    three kinds of message."""

    def ask_unsaved_changes(self, name: str) -> UnsavedAnswer:
        """The plan ``name`` has unsaved changes: save them, discard them, or cancel?"""
        ...

    def ask_save_path(self, suggested: Path | None) -> Path | None:
        """Where to save (``suggested`` pre-filled); None when the user cancels."""
        ...

    def ask_open_path(self, start_dir: Path | None) -> Path | None:
        """Which plan file to open, starting in ``start_dir``; None when cancelled."""
        ...

    def ask_export_path(self, file_filter: str, suffix: str) -> Path | None:
        """Where to export (a picture, a PDF); ``file_filter`` like ``"PDF document
        (*.pdf)"``; the answer ends in ``suffix``. None when the user cancels."""
        ...

    def ask_recover(self, recoveries: list[Recovery]) -> Recovery | None:
        """Offered at start after a crash: which unsaved plan to bring back, or None for
        "not now" (they are kept and offered again). An implementation may call
        `Recovery.discard` on the ones the user throws away."""
        ...

    def ask_reload_changed(self, name: str) -> bool:
        """The file ``name`` was changed on disk by someone else: load that version?
        (False keeps the plan on screen, which then counts as unsaved.)"""
        ...

    def ask_open_locked(self, name: str, owner_description: str) -> bool:
        """``name`` is open elsewhere (``owner_description`` says where): open anyway?"""
        ...

    def ask_signature(self, roles: list[str], approvers: dict[str, list[str]]) -> Signer | None:
        """Who signs the plan: a (role, name) with role one of ``roles``; ``approvers``
        names the people who may sign for a role (none named: anyone). None cancels."""
        ...

    def show_problems(self, title: str, problems: list[str]) -> None:
        """Show every problem line (``FILE:LINE: key.path: message``), all of them."""
        ...

    def show_error(self, title: str, message: str) -> None:
        """Show one error that the user must know about (a save that failed)."""
        ...

    def show_notice(self, title: str, lines: list[str]) -> None:
        """Tell something worth knowing that needs no answer (an opened file's stale
        requirements were recomputed) without interrupting the room: never a modal
        dialog. ``lines`` are the details (``FILE:LINE: ...``)."""
        ...
