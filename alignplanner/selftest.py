"""`alignplanner --self-test`: packaging and CI prove the app starts, paints and computes.

Builds the main window on the sample plan in a throwaway settings folder, paints it once
(also with QT_QPA_PLATFORM=offscreen), checks the engine's result against the plan file
and the charts' data against the result, and exits 0, or 1 with the reason.
"""

from __future__ import annotations

import math
import os
import sys


def run() -> int:
    from alignplanner.ui.application import create_application, isolated_config

    if not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # it paints into an image: no screen needed
    folder = isolated_config()
    try:
        create_application()
        failures = _checks()
    except Exception as exc:  # the self-test reports any failure as its reason
        failures = [f"{type(exc).__name__}: {exc}"]
    finally:
        folder.cleanup()
    if failures:
        for failure in failures:
            print(f"self-test FAILED: {failure}", file=sys.stderr)
        return 1
    print("self-test ok: main window painted on the sample plan, engine and charts agree")
    return 0


def _checks() -> list[str]:
    from PySide6.QtWidgets import QApplication

    from alignplanner.contract.reader import load
    from alignplanner.document.settings import Settings
    from alignplanner.document.workflow import FileWorkflow
    from alignplanner.domain.engine.compute import compute
    from alignplanner.resources import sample_plan_path
    from alignplanner.ui.main_window import MainWindow
    from alignplanner.ui.prompts import DialogPrompts

    failures: list[str] = []
    loaded = load(sample_plan_path())
    result = compute(loaded.plan)
    if result != loaded.result:
        failures.append("computing the sample plan twice gave different results")
    volumes = [s.volume for s in result.stages]
    if not all(math.isfinite(v) and v > 0 for v in volumes):
        failures.append(f"sample plan volumes are not all positive and finite: {volumes}")
    if not 0 < result.stages[-1].volume <= result.wins * (1 + 1e-9):
        failures.append("the won stage does not need between 0 and the target's wins")

    workflow = FileWorkflow(DialogPrompts(None), Settings())
    workflow.new_from_sample()
    if workflow.document is None:
        return [*failures, "the file workflow could not open the sample plan"]
    window = MainWindow(workflow)
    window.show()
    QApplication.processEvents()
    image = window.grab().toImage()
    if image.isNull() or image.width() < 400 or image.height() < 300:
        failures.append(f"the main window did not paint (image {image.width()}x{image.height()})")
    bars = window.waterfall.bar_heights()
    if [round(b, 6) for b in bars] != [round(v, 6) for v in volumes]:
        failures.append("the waterfall does not show the engine's volumes")
    window.document.undo_stack.setClean()
    window.close()
    return failures
