"""Start-up: time to the first painted main window on the largest sample plan, against a
bare PySide6 window with one pyqtgraph plot, both started the same way in the same run.

Each run is a fresh interpreter (what a user pays on a double-click); it prints the time
from just before its own imports to the first paint event of its window, and the parent
also measures process start to that line. Medians over the runs, and their ratio (the
product's bar: at most 1.25).

Both start from compiled bytecode, as an installed app and its libraries do: the runs
use a bytecode cache of their own (PYTHONPYCACHEPREFIX, in a temporary folder) filled by
one unmeasured start of each. Without it, a PYTHONDONTWRITEBYTECODE in the environment
would make the app compile its own modules from source on every start while the bare
window's libraries load the bytecode pip wrote; ``--inherit-bytecode-setting`` measures
that way all the same.

Run: python bench/startup.py [--runs N] [--inherit-bytecode-setting]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAINT_HOOK = """
import sys, time
from PySide6.QtCore import QObject, QEvent, QTimer
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"painted {time.perf_counter() - T0:.6f}", flush=True)
            QTimer.singleShot(0, lambda: __import__("os")._exit(0))
        return False
"""

BARE = """
import time
T0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
""" + PAINT_HOOK + """
app = QApplication([])
window = QMainWindow()
plot = pg.PlotWidget()
plot.plot([1, 3, 2, 4])
window.setCentralWidget(plot)
window.resize(1600, 960)
hook = FirstPaint()
window.installEventFilter(hook)
plot.viewport().installEventFilter(hook)
window.show()
app.exec()
"""

APP = """
import time
T0 = time.perf_counter()
import sys
from pathlib import Path
from alignplanner.app import build_window
from alignplanner.ui.application import create_application
""" + PAINT_HOOK + """
app = create_application()
hook = FirstPaint()
app.installEventFilter(hook)
window = build_window(Path(sys.argv[1]))
app.exec()
"""


def run_once(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("painted"):
            wall = time.perf_counter() - start
            inner = float(line.split()[1])
            proc.wait(timeout=30)
            return wall, inner
    _, err = proc.communicate(timeout=30)
    raise RuntimeError(f"no paint reported: {err[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--plan", default=str(ROOT / "scenarios" / "stress.toml"))
    parser.add_argument("--inherit-bytecode-setting", action="store_true",
                        help="run with this environment's bytecode settings as they are")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as config:
        plan = Path(config) / Path(args.plan).name  # a copy: the app locks the file it opens
        plan.write_bytes(Path(args.plan).read_bytes())
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "ALIGNPLANNER_CONFIG_DIR": config, "PYTHONPATH": str(ROOT)}
        if not args.inherit_bytecode_setting:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(config) / "bytecode")
            run_once(BARE, [], env)  # unmeasured: fills the bytecode cache for both
            run_once(APP, [str(plan)], env)
        bare, app = [], []
        for _ in range(args.runs):  # interleaved, so drift hits both alike
            bare.append(run_once(BARE, [], env))
            app.append(run_once(APP, [str(plan)], env))
    for label, index in (("process start to first paint", 0), ("imports to first paint", 1)):
        b = statistics.median(r[index] for r in bare)
        a = statistics.median(r[index] for r in app)
        print(f"{label:30s} bare {b * 1e3:7.1f} ms   app {a * 1e3:7.1f} ms   "
              f"ratio {a / b:5.2f}   (goal <= 1.25)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
