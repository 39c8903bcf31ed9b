"""A line of an agreement: words and in-place editors side by side, read left to right,
wrapping onto the next line like text when the column is too narrow for all of it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from alignplanner.ui.flow_layout import FlowLayout


def sentence(parent: QWidget, *parts: str | QWidget, indent: int = 0) -> FlowLayout:
    """A line of ``parts`` (text becomes labels) that wraps when the column is narrow."""
    row = FlowLayout(spacing=6)
    row.setContentsMargins(indent, 0, 0, 0)
    for part in parts:
        if isinstance(part, str):  # a label a word, so that the line breaks between words
            for word in part.split():
                row.addWidget(QLabel(word, parent))
        else:
            row.addWidget(part)
    return row
