"""Prompts that answer from a script and record every question (no dialogs in tests), and
the main window on them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from alignplanner.document.settings import Settings
from alignplanner.document.workflow import FileWorkflow
from alignplanner.ui.main_window import MainWindow


class ScriptedPrompts:
    """Answers each question from a queue; a question without an answer fails the test."""

    def __init__(self) -> None:
        self.answers: dict[str, list[Any]] = {}
        self.asked: list[tuple[str, tuple[Any, ...]]] = []

    def script(self, question: str, *answers: Any) -> None:
        self.answers.setdefault(question, []).extend(answers)

    def _answer(self, question: str, *args: Any) -> Any:
        self.asked.append((question, args))
        queue = self.answers.get(question)
        if not queue:
            raise AssertionError(f"unexpected question {question}{args}")
        return queue.pop(0)

    def questions(self) -> list[str]:
        return [q for q, _ in self.asked]

    def ask_unsaved_changes(self, name: str) -> Any:
        return self._answer("ask_unsaved_changes", name)

    def ask_save_path(self, suggested: Path | None) -> Any:
        return self._answer("ask_save_path", suggested)

    def ask_open_path(self, start_dir: Path | None) -> Any:
        return self._answer("ask_open_path", start_dir)

    def ask_export_path(self, file_filter: str, suffix: str) -> Any:
        return self._answer("ask_export_path", file_filter, suffix)

    def ask_recover(self, recoveries: list[Any]) -> Any:
        return self._answer("ask_recover", recoveries)

    def ask_reload_changed(self, name: str) -> Any:
        return self._answer("ask_reload_changed", name)

    def ask_open_locked(self, name: str, owner: str) -> Any:
        return self._answer("ask_open_locked", name, owner)

    def ask_signature(self, roles: list[str], approvers: dict[str, list[str]]) -> Any:
        return self._answer("ask_signature", roles, approvers)

    def show_problems(self, title: str, problems: list[str]) -> None:
        self.asked.append(("show_problems", (title, problems)))

    def show_error(self, title: str, message: str) -> None:
        self.asked.append(("show_error", (title, message)))

    def show_notice(self, title: str, lines: list[str]) -> None:
        self.asked.append(("show_notice", (title, list(lines))))


def shown_main_window(qtbot: QtBot, prompts: ScriptedPrompts) -> Iterator[MainWindow]:
    """The body of a main-window fixture (``yield from`` it): the app's window on
    ``prompts`` with a new plan, shown, then closed."""
    workflow = FileWorkflow(prompts, Settings(), autosave_ms=60_000)  # type: ignore[arg-type]
    workflow.start(None)
    main = MainWindow(workflow)
    main.show()
    qtbot.waitExposed(main)
    yield main
    # Closed here, not by qtbot (which closes before fixtures end): a test may leave the
    # plan modified, and closing must not ask.
    if main.workflow.document is not None:
        main.workflow.document.undo_stack.setClean()
    assert main.close()
    main.deleteLater()
