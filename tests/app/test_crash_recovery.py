"""Kill the real app with SIGKILL in the middle of editing: the next start offers the
plan back with the edit in it (product bar: at most the last few seconds are lost)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from alignplanner.resources import sample_plan_path

CHILD = Path(__file__).with_name("app_child.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]


def _env(config: Path) -> dict[str, str]:
    return {**os.environ, "ALIGNPLANNER_CONFIG_DIR": str(config),
            "ALIGNPLANNER_AUTOSAVE_MS": "100", "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT)}


def test_killed_while_editing_the_next_start_offers_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "workshop.toml"
    shutil.copy(sample_plan_path(), plan)
    config = tmp_path / "config"
    with subprocess.Popen([sys.executable, str(CHILD), "edit", str(plan)], env=_env(config),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None
            line = child.stdout.readline()
            assert line.strip() == "autosaved", child.stderr.read() if child.stderr else ""
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    again = subprocess.run([sys.executable, str(CHILD), "start"], env=_env(config),
                           capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 0, again.stderr
    out = dict(line.split("=", 1) for line in again.stdout.splitlines() if "=" in line)
    assert out["offered"] != "[]"
    assert float(out["conversion"]) == pytest.approx(0.425)
    assert out["modified"] == "True"
    assert out["path"] == "workshop.toml"
    assert plan.read_bytes() == sample_plan_path().read_bytes()  # the file was never touched
