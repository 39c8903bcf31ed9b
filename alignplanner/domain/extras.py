"""What a plan file holds beside the plan itself.

The plan (`domain.plan.Plan`) is what the engine computes. Beside it a file keeps its
named scenarios, its ``[uncertainty]`` settings, where its calibrated numbers came
from (``[[calibration]]``), the snapshots of its actuals' refreshes (``[actuals]``), its
``[history]`` (the version id of each save, `domain.history`), and, as features come,
more such sections. They travel together through reading, writing, the document,
autosave and recovery as one value, so that a feature adding a section adds a field here
and a line in `contract.extras`, not one more argument to every function on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from alignplanner.domain.calibration.provenance import Provenance
from alignplanner.domain.history import History
from alignplanner.domain.review.snapshots import Snapshots
from alignplanner.domain.scenarios.scenario import Scenarios
from alignplanner.domain.uncertainty.settings import Uncertainty

__all__ = ["Extras"]


@dataclass(frozen=True)
class Extras:
    """The plan file's sections beside the plan; each field's default is "absent"."""

    scenarios: Scenarios = field(default_factory=Scenarios)
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    calibration: Provenance = field(default_factory=Provenance)
    snapshots: Snapshots = field(default_factory=Snapshots)  # the actuals' refreshes
    history: History = field(default_factory=History)

    def with_changes(self, **changes: Any) -> Extras:
        return replace(self, **changes)
