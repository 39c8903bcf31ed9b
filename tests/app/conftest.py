"""Fixtures for tests of the assembled app: settings in a temporary folder, prompts that
record what they were asked and answer from a script."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts, shown_main_window

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
    yield from shown_main_window(qtbot, prompts)
