"""Widgets, item models, charts and dialogs of the desktop app."""
