"""The funnel designer's editing panels: stages, target, sources and existing pipeline.

Every panel is a QWidget built as ``Panel(document, parent=None)``. It refreshes itself from
``document.planChanged`` and sends every user change through ``document.edit(...)`` with a
readable undo text and a merge key, so consecutive edits of one field are one undo step.
``set_document(document)`` swaps the document (open / new).

The names below are imported on first use: the panels behind hidden tabs are not needed
to paint the first window, and importing them would cost start-up time.
"""

from __future__ import annotations

import importlib
from typing import Any

_MODULES = {
    "PipelinePanel": "pipeline_panel",
    "SourceTableModel": "source_model",
    "SourcesPanel": "sources_panel",
    "StageTableModel": "stage_model",
    "StagePanel": "stage_table",
    "TargetPanel": "target_panel",
}

__all__ = ["PipelinePanel", "SourceTableModel", "SourcesPanel", "StagePanel", "StageTableModel",
           "TargetPanel"]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
