"""Reading and writing what a plan file holds beside the plan (`domain.extras.Extras`).

Each section is one line of `SECTIONS`: the field of `Extras`, the function that reads
it from the file's raw tables (naming any problem at its key), and the one that gives
its tables to write (nothing when it is the default, so a file without the section
writes back the same bytes). The writer puts them after the plan's own tables and
before ``[requirements]``, in this order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from alignplanner.contract.read.calibration import calibration_of
from alignplanner.contract.read.checks import Checker
from alignplanner.contract.read.history import history_of
from alignplanner.contract.read.scenarios import scenarios_of
from alignplanner.contract.read.snapshots import snapshots_of
from alignplanner.contract.read.uncertainty import uncertainty_of
from alignplanner.contract.write.calibration import calibration_values
from alignplanner.contract.write.history import history_values
from alignplanner.contract.write.scenarios import scenarios_values
from alignplanner.contract.write.snapshots import snapshots_values
from alignplanner.contract.write.uncertainty import settings_values
from alignplanner.domain.extras import Extras

__all__ = ["SECTIONS", "extras_of", "extras_values"]

Reader = Callable[[Any, Checker], Any]
Writer = Callable[[Any], Mapping[str, Any]]

SECTIONS: tuple[tuple[str, Reader, Writer], ...] = (
    ("uncertainty", uncertainty_of, settings_values),
    ("scenarios", scenarios_of, scenarios_values),
    ("calibration", calibration_of, calibration_values),
    ("snapshots", snapshots_of, snapshots_values),
    ("history", history_of, history_values),
)


def extras_of(raw: dict[str, Any], checker: Checker) -> Extras:
    """The file's sections beside the plan, read from its raw tables."""
    return Extras(**{name: read(raw, checker) for name, read, _ in SECTIONS})


def extras_values(extras: Extras) -> dict[str, Any]:
    """The tables to write for ``extras``, in file order (none for defaults)."""
    out: dict[str, Any] = {}
    for name, _, write in SECTIONS:
        out.update(write(getattr(extras, name)))
    return out
