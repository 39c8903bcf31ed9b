"""The local version store: the text of each plan version saved or opened on this machine.

A three-way merge needs the version both copies started from (BASE). The copies' own
``[history]`` names it (`domain.history.History.common_ancestor`); this store keeps the
content, one file per version id (``<id>.toml``), in the app's data folder
(`store_dir`: ``ALIGNPLANNER_VERSIONS_DIR`` when set, which tests use). It is small:
at most `MAX_VERSIONS` files, the oldest removed first. No Qt: the command line uses it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from alignplanner.contract.atomic import atomic_write_text
from alignplanner.domain import wording
from alignplanner.domain.history import VERSION_PATTERN, History

__all__ = ["MAX_VERSIONS", "VERSIONS_DIR_ENV", "Base", "find", "find_base", "keep", "store_dir"]

VERSIONS_DIR_ENV = "ALIGNPLANNER_VERSIONS_DIR"
MAX_VERSIONS = 300


def store_dir() -> Path:
    """Where versions are kept: ``$ALIGNPLANNER_VERSIONS_DIR``, else ``versions`` in the
    user's data folder (XDG_DATA_HOME on Linux, Application Support on macOS,
    LOCALAPPDATA on Windows)."""
    override = os.environ.get(VERSIONS_DIR_ENV)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "AlignPlanner" / "versions"


def _path(version: str, folder: Path | None) -> Path | None:
    if not VERSION_PATTERN.fullmatch(version):
        return None
    return (folder or store_dir()) / f"{version}.toml"


def keep(version: str, text: str, folder: Path | None = None) -> bool:
    """Keep ``text`` as the content of ``version`` (once: a version never changes). False
    when it could not be kept (the store is a help, never a reason for a save to fail)."""
    path = _path(version, folder)
    if path is None:
        return False
    if path.exists():
        return True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
    except OSError:
        return False
    _prune(path.parent)
    return True


def find(version: str, folder: Path | None = None) -> Path | None:
    """The kept content of ``version``, None when this machine has not seen it."""
    path = _path(version, folder)
    return path if path is not None and path.is_file() else None


def _prune(folder: Path) -> None:
    try:
        kept = sorted(folder.glob("*.toml"), key=lambda p: p.stat().st_mtime_ns)
    except OSError:
        return
    for old in kept[:-MAX_VERSIONS] if len(kept) > MAX_VERSIONS else []:
        with contextlib.suppress(OSError):
            old.unlink()


@dataclass(frozen=True)
class Base:
    """The common version of two copies: its id ("" when they share none), the file
    that holds it on this machine (None when it is not here), and a sentence saying
    which version was used or which one to give."""

    version: str
    path: Path | None
    message: str


def find_base(ours: History, theirs: History, folder: Path | None = None) -> Base:
    """The newest version both histories come from, and where its content is kept."""
    version = ours.common_ancestor(theirs)
    if version is None:
        return Base("", None, wording.base_unknown())
    when = ours.saved_at(version) or theirs.saved_at(version)
    saved = f"{when:%Y-%m-%d %H:%M} UTC" if when else "at a time not recorded"
    path = find(version, folder)
    if path is None:
        return Base(version, None, wording.base_missing(version, saved))
    return Base(version, path, wording.base_found(version, saved, str(path.parent)))
