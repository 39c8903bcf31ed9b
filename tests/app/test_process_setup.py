"""How the app sets up its process: numpy's BLAS kept to one thread before numpy loads
(`alignplanner.ui.application.create_application`), reference cycles collected from the event loop,
not in the middle of an edit (`alignplanner.ui.application.collect_between_edits`). Run in a
separate process: both change the interpreter for good, which the test process must not
inherit."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

CHILD = textwrap.dedent("""
    import gc, os, sys, time, weakref
    from alignplanner.app import build_window
    from alignplanner.ui.application import create_application

    create_application()
    print("numpy_loaded", "numpy" in sys.modules)
    print("blas_threads", os.environ.get("OPENBLAS_NUM_THREADS"))
    from PySide6.QtWidgets import QApplication
    from alignplanner.domain.edits import plan as plan_edits

    window = build_window(None)
    print("enabled", gc.isenabled())
    print("frozen", gc.get_freeze_count() > 0)

    class Node:
        pass

    def cycles(n):  # garbage only the cycle collector can free
        last = None
        for _ in range(n):
            a, b = Node(), Node()
            a.other, b.other = b, a
            last = weakref.ref(a)
        return last

    probe = cycles(5000)
    window.document.edit("Change revenue", lambda p: plan_edits.set_target(
        p, revenue=p.target.revenue * 1.01))
    alive_after_edit = probe() is not None
    deadline = time.monotonic() + 20
    while probe() is not None and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    print("alive_after_edit", alive_after_edit)
    print("collected", probe() is None)
    window.document.undo_stack.setClean()
    window.close()
""")


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What the child printed, a line each: name, then value."""
    env = {name: value for name, value in os.environ.items() if name != "OPENBLAS_NUM_THREADS"}
    env.update(ALIGNPLANNER_CONFIG_DIR=str(tmp_path_factory.mktemp("config")),
               QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    return dict(line.split(" ", 1) for line in run.stdout.splitlines() if " " in line)


def test_blas_is_kept_to_one_thread_before_numpy_loads(started: dict[str, str]) -> None:
    assert started["numpy_loaded"] == "False"  # so the setting below still takes effect
    assert started["blas_threads"] == "1"


def test_cycles_are_collected_by_the_event_loop(started: dict[str, str]) -> None:
    out = started
    assert out["enabled"] == "False"  # no collection triggered by allocations
    assert out["frozen"] == "True"  # what start-up made is out of the collector's walk
    assert out["alive_after_edit"] == "True"  # the edit itself did not stop to collect
    assert out["collected"] == "True"  # the event loop's timer did
