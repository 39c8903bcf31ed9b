"""The exports an import read, as the plan's provenance names them: each file's name
(never the folder it sat in: the plan travels, and a machine's paths mean nothing
elsewhere) and the SHA-256 of its bytes, so a consumer can tell whether the file they
hold is the one a number was calibrated from."""

from __future__ import annotations

import hashlib
from pathlib import Path

from alignplanner.contract.actuals.result import Actuals
from alignplanner.domain.calibration.provenance import HistoryFile

CHUNK = 1 << 20


def file_digest(path: str | Path) -> str:
    """The SHA-256 of the file's bytes, lower-case hex. Raises OSError."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def history_files(actuals: Actuals) -> tuple[HistoryFile, ...]:
    """Every file ``actuals`` was read from, by name and digest (OSError when one can no
    longer be read)."""
    return tuple(HistoryFile(Path(f.path).name, file_digest(f.path)) for f in actuals.files)


__all__ = ["file_digest", "history_files"]
