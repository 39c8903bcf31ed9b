"""Actuals in the app: File > Import actuals..., the mapping dialog, and what was read."""
