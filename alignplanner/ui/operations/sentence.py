"""A line of an agreement: words and in-place editors side by side, read left to right."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


def sentence(parent: QWidget, *parts: str | QWidget, indent: int = 0) -> QHBoxLayout:
    """A row of ``parts`` (text becomes a label) with the rest of the line left empty."""
    row = QHBoxLayout()
    row.setContentsMargins(indent, 0, 0, 0)
    row.setSpacing(6)
    for part in parts:
        row.addWidget(QLabel(part, parent) if isinstance(part, str) else part)
    row.addStretch(1)
    return row
