"""Plan files on disk for the app: load, save, know a file's content, tidy after a crash.

Loading and writing are the contract's (`reader.load`, `writer.dump`, atomic); this module
adds what the app needs around them: the `FileSignature` of what was written or read (so
the watcher can tell the app's own saves from someone else's), the problem lines of a file
that failed to load, and the removal of temporary files that a killed save left behind.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from alignplanner.contract import reader, versions
from alignplanner.contract.errors import PlanFileError
from alignplanner.domain.extras import Extras
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result

__all__ = [
    "PLAN_SUFFIX",
    "FileSignature",
    "keep_opened",
    "leftover_temp_files",
    "load_plan",
    "problem_lines",
    "remove_leftovers",
    "save_plan",
    "suggested_name",
]

PLAN_SUFFIX = ".toml"


@dataclass(frozen=True)
class FileSignature:
    """What a file held at one moment: size and mtime (cheap to compare) and a SHA-256 of
    the bytes (the real test: a touch or the app's own save leaves it unchanged)."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> FileSignature | None:
        """The signature of the file at ``path`` now; None if it cannot be read."""
        try:
            info = os.stat(path)
            data = path.read_bytes()
        except OSError:
            return None
        return cls(len(data), info.st_mtime_ns, hashlib.sha256(data).hexdigest())

    def same_stat(self, path: Path) -> bool:
        """True when size and mtime are unchanged (then the content is assumed to be)."""
        try:
            info = os.stat(path)
        except OSError:
            return False
        return (info.st_size, info.st_mtime_ns) == (self.size, self.mtime_ns)


def load_plan(path: Path) -> tuple[reader.LoadedPlan, FileSignature | None]:
    """The plan at ``path`` and the signature of the file as read; PlanFileError if broken.

    The signature is taken just before reading, so a change made while reading is seen
    as a change (reported later), never missed.
    """
    signature = FileSignature.of(path)
    return reader.load(path), signature


def save_plan(path: Path, plan: Plan, result: Result,
              extras: Extras | None = None) -> FileSignature | None:
    """Write ``plan`` to ``path`` atomically (`writer.dump`): on disk afterwards is the old
    file or the new one, whole. Returns the signature of what is now there. Raises OSError
    (or ValueError for a plan that cannot be written) with the old file untouched.
    A version in ``extras``' history is kept in the local version store too."""
    from alignplanner.contract import writer  # when saving, not at start-up
    from alignplanner.contract.atomic import atomic_write_text

    text = writer.dumps(plan, result, extras)
    atomic_write_text(path, text)
    if extras is not None and extras.history.version:
        versions.keep(extras.history.version, text)
    return FileSignature.of(path)


def keep_opened(path: Path, loaded: reader.LoadedPlan) -> None:
    """A file opened here that names its version: its content joins the version store
    (the base of a later merge may be this version)."""
    version = loaded.extras.history.version
    if not version or versions.find(version) is not None:
        return
    try:
        versions.keep(version, path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return


def suggested_name(plan_name: str) -> str:
    """A file name for a plan never saved: its name without characters file systems
    refuse ("Q3 plan / EMEA" -> "Q3 plan  EMEA.toml")."""
    stem = re.sub(r"[^\w\- ]+", "", plan_name).strip()
    return f"{stem or 'plan'}{PLAN_SUFFIX}"


def problem_lines(error: PlanFileError) -> list[str]:
    """Every problem of a file that failed to load, one ``FILE:LINE: key: message`` each."""
    return [str(problem) for problem in error.problems]


def _temp_pattern(target: Path) -> re.Pattern[str]:
    # The names `contract.atomic` gives its temporary files: tempfile.mkstemp with prefix
    # ".<name>." and suffix ".tmp" (eight random letters, digits or "_" between).
    return re.compile(re.escape(f".{target.name}.") + r"[A-Za-z0-9_]{8}\.tmp")


def leftover_temp_files(path: Path) -> list[Path]:
    """Temporary files of interrupted atomic writes of ``path`` (a save killed midway
    leaves one; it is never mistaken for the plan, which stays whole)."""
    target = Path(os.path.realpath(path))
    pattern = _temp_pattern(target)
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return sorted(target.parent / name for name in names if pattern.fullmatch(name))


def remove_leftovers(path: Path) -> list[Path]:
    """Remove `leftover_temp_files` of ``path``; returns those removed.

    Only call this while holding the file's `PlanLock`: then no other AlignPlanner is
    writing the file, so every temporary file of it is a leftover of a crash.
    """
    removed = []
    for leftover in leftover_temp_files(path):
        try:
            leftover.unlink()
        except OSError:
            continue
        removed.append(leftover)
    return removed
