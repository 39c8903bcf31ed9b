"""The funnel designer's editing panels: stages, target, sources and existing pipeline.

Every panel is a QWidget built as ``Panel(document, parent=None)``. It refreshes itself from
``document.planChanged`` and sends every user change through ``document.edit(...)`` with a
readable undo text and a merge key, so consecutive edits of one field are one undo step.
``set_document(document)`` swaps the document (open / new).
"""

from alignplanner.ui.editors.pipeline_panel import PipelinePanel
from alignplanner.ui.editors.source_model import SourceTableModel
from alignplanner.ui.editors.sources_panel import SourcesPanel
from alignplanner.ui.editors.stage_model import StageTableModel
from alignplanner.ui.editors.stage_table import StagePanel
from alignplanner.ui.editors.target_panel import TargetPanel

__all__ = [
    "PipelinePanel",
    "SourceTableModel",
    "SourcesPanel",
    "StagePanel",
    "StageTableModel",
    "TargetPanel",
]
