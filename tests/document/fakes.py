"""A `Prompts` that answers from a script and records every question and message.

Tests script the answers they expect to be asked for (``prompts.script("ask_unsaved_changes",
"cancel")``); a question with no scripted answer fails the test, so a test also proves what
was *not* asked. An answer may be a callable, called with the question's arguments (for
example ``lambda recoveries: recoveries[0]``).
"""

from __future__ import annotations

from collections import defaultdict, deque
from pathlib import Path
from typing import Any

from alignplanner.document.prompts import Prompts, Signer, UnsavedAnswer
from alignplanner.document.recovery import Recovery

QUESTIONS = frozenset({
    "ask_unsaved_changes", "ask_save_path", "ask_open_path", "ask_export_path", "ask_recover",
    "ask_reload_changed", "ask_open_locked", "ask_signature",
})


class RecordingPrompts:
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self._answers: dict[str, deque[Any]] = defaultdict(deque)

    # -- the test's side ---------------------------------------------------------------

    def script(self, question: str, *answers: Any) -> None:
        """Queue ``answers`` for ``question``, used in order."""
        if question not in QUESTIONS:
            raise ValueError(f"no such question: {question}")
        self._answers[question].extend(answers)

    def asked(self, name: str) -> list[tuple[Any, ...]]:
        """The arguments of every call of ``name`` (a question or a show_ method)."""
        return [args for called, args in self.calls if called == name]

    def unused_answers(self) -> dict[str, list[Any]]:
        return {name: list(queue) for name, queue in self._answers.items() if queue}

    def _ask(self, question: str, *args: Any) -> Any:
        self.calls.append((question, args))
        queue = self._answers[question]
        if not queue:
            raise AssertionError(f"unexpected question {question}{args!r}")
        answer = queue.popleft()
        return answer(*args) if callable(answer) else answer

    # -- the Prompts interface ----------------------------------------------------------

    def ask_unsaved_changes(self, name: str) -> UnsavedAnswer:
        return self._ask("ask_unsaved_changes", name)

    def ask_save_path(self, suggested: Path | None) -> Path | None:
        return self._ask("ask_save_path", suggested)

    def ask_open_path(self, start_dir: Path | None) -> Path | None:
        return self._ask("ask_open_path", start_dir)

    def ask_export_path(self, file_filter: str, suffix: str) -> Path | None:
        return self._ask("ask_export_path", file_filter, suffix)

    def ask_recover(self, recoveries: list[Recovery]) -> Recovery | None:
        return self._ask("ask_recover", recoveries)

    def ask_reload_changed(self, name: str) -> bool:
        return self._ask("ask_reload_changed", name)

    def ask_open_locked(self, name: str, owner_description: str) -> bool:
        return self._ask("ask_open_locked", name, owner_description)

    def ask_signature(self, roles: list[str], approvers: dict[str, list[str]]) -> Signer | None:
        return self._ask("ask_signature", roles, approvers)

    def show_problems(self, title: str, problems: list[str]) -> None:
        self.calls.append(("show_problems", (title, list(problems))))

    def show_error(self, title: str, message: str) -> None:
        self.calls.append(("show_error", (title, message)))

    def show_notice(self, title: str, lines: list[str]) -> None:
        self.calls.append(("show_notice", (title, list(lines))))


def _conforms(prompts: RecordingPrompts) -> Prompts:
    return prompts  # a type checker proves the fake has the whole interface


def first(recoveries: list[Recovery]) -> Recovery:
    """An answer to `ask_recover`: the newest."""
    return recoveries[0]
