"""Plan format versions and the chain of migrations that brings an old file up to date.

`CURRENT_VERSION` is the format this AlignPlanner writes. `MIGRATIONS[n]` turns the raw
dict (as tomllib parsed it) of a version-``n`` file into the raw dict of version ``n + 1``;
`migrate` applies the chain. A breaking change to the file format bumps `CURRENT_VERSION`
and registers the migration from the version before, so every older file stays readable.

Migrations work on plain dicts, before any checking: they must not assume the file is
well formed (a key they rename may be missing or of the wrong type); the reader checks the
result as a file of the current version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alignplanner.domain.problems import PlanInvalid, Problem

__all__ = ["CURRENT_VERSION", "MIGRATIONS", "Migration", "migrate", "source_version"]

CURRENT_VERSION = 1

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, Migration] = {}
"""``MIGRATIONS[n]`` makes the raw dict of version ``n + 1`` from one of version ``n``."""


def source_version(raw: dict[str, Any]) -> int:
    """The ``version`` of a raw plan dict; PlanInvalid on ``version`` if it is missing,
    not a whole number, or one this AlignPlanner cannot read."""
    current = CURRENT_VERSION  # read at call time: tests patch it
    if "version" not in raw:
        raise _invalid(
            f"missing: a plan file says which format it uses, e.g. version = {current}"
        )
    version = raw["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise _invalid(f"must be a whole number such as {current}, got {version!r}")
    if version > current:
        raise _invalid(
            f"this file was written by a newer AlignPlanner (plan format version {version}); "
            f"this version reads up to {current}. Update AlignPlanner to open it."
        )
    if version < 1:
        raise _invalid(f"there is no plan format version {version}; versions start at 1")
    return version


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """``raw`` brought up to `CURRENT_VERSION` (a new dict when any migration ran).

    Raises PlanInvalid with a problem on ``version`` if the version cannot be read or a
    migration step fails.
    """
    version = source_version(raw)
    current = CURRENT_VERSION
    while version < current:
        step = MIGRATIONS.get(version)
        if step is None:
            raise _invalid(
                f"this AlignPlanner cannot convert plan format version {version} to "
                f"{version + 1} (no migration is registered)"
            )
        try:
            raw = step(dict(raw))
        except PlanInvalid:
            raise
        except Exception as exc:  # a migration must not crash the reader on odd input
            raise _invalid(
                f"could not convert this file from plan format version {version} to "
                f"{version + 1}: {exc}"
            ) from exc
        if not isinstance(raw, dict):
            raise _invalid(f"the migration from version {version} did not give a table")
        version += 1
        raw["version"] = version
    return raw


def _invalid(message: str) -> PlanInvalid:
    return PlanInvalid([Problem(("version",), message)])
