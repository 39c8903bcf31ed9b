"""Fixtures for tests of the assembled app: settings in a temporary folder, prompts that
record what they were asked and answer from a script."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from alignplanner.document.settings import Settings
from alignplanner.document.workflow import FileWorkflow
from alignplanner.ui.main_window import MainWindow


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("ALIGNPLANNER_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def window(qtbot: QtBot, config: Path, prompts: ScriptedPrompts) -> Iterator[MainWindow]:
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
