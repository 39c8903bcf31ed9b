"""Kill the app while it saves, at random moments, many times: the plan file on disk is
always exactly the old plan or the new one, and it loads.

A child process (save_loop.py) saves two plans in turn through the app's own save path
(files.save_plan, behind FileWorkflow.save, holding the file's PlanLock) and is SIGKILLed
at a random moment. What a kill may leave besides the plan: the hidden lock file of the
dead process (taken over by the next run, which sees that process is gone) and at most one
temporary file of the write in flight (".plan.toml.XXXXXXXX.tmp"). Such a temporary file is
never read as the plan; the next run, like the app when it opens the file, removes it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from document_helpers import read_line
from fakes import RecordingPrompts
from save_loop import plans

from alignplanner.contract import reader
from alignplanner.contract.writer import dumps
from alignplanner.document import files
from alignplanner.document.lock import lock_path_for
from alignplanner.document.workflow import FileWorkflow

ROOT = Path(__file__).resolve().parents[2]
SAVE_LOOP = Path(__file__).with_name("save_loop.py")
ROUNDS = 30
MAX_ROUNDS = 120
MIN_ROUNDS = 10  # on a very slow machine, stop after the time budget but not before these
BUDGET_SECONDS = 90.0
SAVES_SPANNED = 3  # kills land anywhere in the first three saves after the loop starts

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and select() on a pipe"),
]


def _kill_while_saving(target: Path, delay: float) -> None:
    """Start the save loop and SIGKILL it ``delay`` (0 to 1) of the way through its next
    SAVES_SPANNED saves."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get(
        "PYTHONPATH", "")])}
    child = subprocess.Popen([sys.executable, str(SAVE_LOOP), str(target)],
                             stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert child.stdout is not None
        line = read_line(child.stdout, timeout=60).strip()
        word, _, seconds = line.partition(" ")
        assert word == "saving", f"the save loop did not start: {line!r}"
        # a random moment within the next few saves, however long one takes right now
        time.sleep(delay * SAVES_SPANNED * float(seconds))
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()


def test_a_save_killed_at_any_moment_leaves_the_old_file_or_the_new(
    tmp_path: Path, workflow: FileWorkflow, prompts: RecordingPrompts
) -> None:
    target = tmp_path / "plan.toml"
    expected = {dumps(plan, result).encode("utf-8"): plan for plan, result in plans()}
    assert len(expected) == 2
    rng = random.Random(20250101)  # reproducible moments
    seen: set[bytes] = set()
    interrupted = 0
    started = time.monotonic()
    rounds = 0
    def more() -> bool:
        """The planned rounds, and then, within a hard cap, until a kill has landed inside
        a write and both plans have been seen: chance alone must not fail the test."""
        if rounds >= MAX_ROUNDS:
            return False
        if rounds < MIN_ROUNDS:
            return True
        planned = rounds < ROUNDS and time.monotonic() - started < BUDGET_SECONDS
        return planned or len(seen) < 2 or interrupted == 0

    while more():
        rounds += 1
        _kill_while_saving(target, rng.random())
        data = target.read_bytes()
        assert data in expected, f"round {rounds}: the file is neither plan ({len(data)} bytes)"
        loaded = reader.load(target)
        assert loaded.plan == expected[data]
        assert loaded.stale_requirements == ()
        seen.add(data)
        leftovers = files.leftover_temp_files(target)
        assert len(leftovers) <= 1, f"round {rounds}: temporary files pile up: {leftovers}"
        interrupted += len(leftovers)
        allowed = {target.name, lock_path_for(target).name, *(p.name for p in leftovers)}
        assert {p.name for p in tmp_path.iterdir()} - {"config"} <= allowed

    assert len(seen) == 2, "the kills always hit the same plan: the loop did not alternate"
    assert interrupted > 0, "no kill landed inside a write: the test proved nothing"
    # The app opening the file afterwards takes over the dead process's lock and tidies up.
    assert workflow.open(target)
    assert files.leftover_temp_files(target) == []
    assert workflow.document is not None
    assert workflow.document.plan in expected.values()
    assert prompts.calls == []
