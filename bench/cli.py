"""The command line's speed: `alignplanner compute` on the stress plan in a fresh process,
against `python -c "import numpy, tomllib"` started the same way in the same run (the
goal: at most 1.5 times as long).

Both run with this interpreter and a bytecode cache of their own (PYTHONPYCACHEPREFIX in a
temporary folder, filled by one unmeasured run of each), as an installed app and its
libraries do; ``--inherit-bytecode-setting`` runs them with this environment's bytecode
settings as they are. The app runs as the console script does (``--entry module``: as
``python -m alignplanner``). Runs alternate, so drift hits both alike; the figures are
medians of the wall clock (the goal's) and of each child's CPU time (user + system). The
bare baseline starts numpy's BLAS threads, which the app keeps to one: on a busy machine
that slows the baseline more than the app, so judge the goal on a quiet one, and read
the CPU ratio beside it.

Run: python bench/cli.py [--runs N] [--plan FILE] [--entry script|module]
                         [--inherit-bytecode-setting]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = "import numpy, tomllib"
GOAL = 1.5


def app_command(entry: str, plan: str) -> list[str]:
    if entry == "script":
        script = Path(sys.executable).with_name("alignplanner")
        found = script if script.is_file() else Path(shutil.which("alignplanner") or script)
        if found.is_file():
            return [sys.executable, str(found), "compute", plan]
    return [sys.executable, "-m", "alignplanner", "compute", plan]


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    """(wall seconds, CPU seconds of the child, what it printed)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, env=env, cwd=ROOT)
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)  # reaps it, with its resource usage
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if code != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(command)} exited {code}: {err.read()[-2000:]!r}")
    return wall, usage.ru_utime + usage.ru_stime, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--plan", default=str(ROOT / "scenarios" / "stress.toml"))
    parser.add_argument("--entry", choices=("script", "module"), default="script")
    parser.add_argument("--inherit-bytecode-setting", action="store_true")
    args = parser.parse_args()
    bare_command, app = [sys.executable, "-c", BARE], app_command(args.entry, args.plan)
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if not args.inherit_bytecode_setting:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "bytecode")
        run_once(bare_command, env)  # unmeasured: fills the bytecode cache for both
        if not run_once(app, env)[2].strip():
            raise RuntimeError("alignplanner compute printed nothing")
        bare, ours = [], []
        for _ in range(args.runs):
            bare.append(run_once(bare_command, env))
            ours.append(run_once(app, env))
    for label, index in (("wall clock", 0), ("CPU (user+sys)", 1)):
        b = statistics.median(r[index] for r in bare)
        a = statistics.median(r[index] for r in ours)
        print(f"{label:15s} bare {b * 1e3:7.1f} ms   app {a * 1e3:7.1f} ms   "
              f"ratio {a / b:5.2f}   (goal <= {GOAL})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
