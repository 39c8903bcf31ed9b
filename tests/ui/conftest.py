"""Fixtures of the UI tests that need the whole main window (the agreement tabs): settings
in a temporary folder and the app tests' scripted prompts (tests/app/scripted_prompts.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "app"))  # scripted_prompts

from scripted_prompts import ScriptedPrompts, shown_main_window

from alignplanner.ui.main_window import MainWindow


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def main_window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                prompts: ScriptedPrompts) -> Iterator[MainWindow]:
    monkeypatch.setenv("ALIGNPLANNER_CONFIG_DIR", str(tmp_path / "config"))
    yield from shown_main_window(qtbot, prompts)
