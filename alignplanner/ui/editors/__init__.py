"""The funnel designer's editing panels: stages, target, sources and existing pipeline.

Every panel is a `DocumentPanel` built as ``Panel(document, parent=None)`` on the
window's one document. It refreshes itself from ``document.planChanged`` and sends every
user change through ``document.edit(...)`` with a readable undo text and a merge key, so
consecutive edits of one field are one undo step.
"""
