"""`Provenance` -> the ``[[calibration]]`` entries of the plan file (absent when nothing
was calibrated, so such a file writes the same bytes as before)."""

from __future__ import annotations

from typing import Any

from alignplanner.domain.calibration.provenance import Provenance


def calibration_values(provenance: Provenance) -> dict[str, Any]:
    if not provenance.entries:
        return {}
    return {"calibration": [{
        "key": e.key, "value": e.value, "low": e.low, "high": e.high, "n": e.n,
        "method": e.method, "as_of": e.as_of, "accepted": e.accepted,
        "files": [{"name": f.name, "sha256": f.sha256} for f in e.files],
    } for e in provenance.entries]}


__all__ = ["calibration_values"]
