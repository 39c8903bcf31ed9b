"""Fixtures of the document-layer tests. No test here touches the user's real settings or
recovery folder: every test gets its own configuration folder (ALIGNPLANNER_CONFIG_DIR)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import RecordingPrompts
from pytestqt.qtbot import QtBot

from alignplanner.document.settings import AUTOSAVE_MS_ENV, CONFIG_DIR_ENV, Settings
from alignplanner.document.workflow import FileWorkflow

FAST_AUTOSAVE_MS = 20


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    monkeypatch.delenv(AUTOSAVE_MS_ENV, raising=False)
    return folder


@pytest.fixture
def recovery(config_dir: Path) -> Path:
    from alignplanner.document.settings import recovery_dir

    return recovery_dir()


@pytest.fixture
def prompts() -> Iterator[RecordingPrompts]:
    fake = RecordingPrompts()
    yield fake
    assert fake.unused_answers() == {}, "scripted answers that were never asked for"


@pytest.fixture
def settings(config_dir: Path) -> Settings:
    return Settings()


@pytest.fixture
def workflow(qtbot: QtBot, prompts: RecordingPrompts, settings: Settings,
             recovery: Path) -> Iterator[FileWorkflow]:
    flow = FileWorkflow(prompts, settings, autosave_ms=FAST_AUTOSAVE_MS)
    yield flow
    if flow.document is not None and flow.document.is_modified:
        prompts.script("ask_unsaved_changes", "discard")
    assert flow.close()
