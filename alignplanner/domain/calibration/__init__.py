"""Calibrating the plan from history: each figure of the plan (conversions, lags, deal
sizes) against what the CRM history says (`history.calibrate`, `figures`), small
sources shrunk towards the pooled rate (`shrink`), and where an accepted number came
from (`provenance`, the plan file's ``[[calibration]]``). docs/calibration.md says what
each number means."""
