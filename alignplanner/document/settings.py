"""The app's settings: one declared list over QSettings, stored as INI in `config_dir()`.

Every setting is declared once below with its key, type, default and what it is for
(Orange's ``config.py``). Reading never fails: a value that is missing, of the wrong type
or out of range (a hand-edited INI file) reads as the default.

`config_dir()` honours ``ALIGNPLANNER_CONFIG_DIR`` so that tests and a portable install
never touch the user's real settings; otherwise it is Qt's AppConfigLocation, which
depends on the organisation and application names: app.py must set them before the
first call. QSettings writes its INI file itself, atomically (QSaveFile) and under its
own lock file, so the app's atomic-write helper is not needed for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

__all__ = [
    "AUTOSAVE_IDLE_SECONDS",
    "AUTOSAVE_MS_ENV",
    "CONFIG_DIR_ENV",
    "LAST_FOLDER",
    "MAX_RECENT_FILES",
    "RECENT_FILES",
    "SETTINGS",
    "SPLITTER_STATE",
    "THEME",
    "WINDOW_GEOMETRY",
    "WINDOW_STATE",
    "Setting",
    "Settings",
    "autosave_idle_ms",
    "config_dir",
    "recovery_dir",
]

CONFIG_DIR_ENV = "ALIGNPLANNER_CONFIG_DIR"
AUTOSAVE_MS_ENV = "ALIGNPLANNER_AUTOSAVE_MS"
MAX_RECENT_FILES = 10
_INI_NAME = "alignplanner.ini"
_MAX_IDLE_SECONDS = 3600.0

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One declared setting. ``choices`` limits a text setting to those values."""

    key: str
    type: type[T]
    default: T
    doc: str
    choices: tuple[str, ...] = ()


THEME: Setting[str] = Setting(
    "ui/theme", str, "system", "Colour theme: follow the system, or force light or dark.",
    choices=("system", "light", "dark"),
)
RECENT_FILES: Setting[list[str]] = Setting(
    "files/recent", list, [], f"Recently used plan files, most recent first (at most "
    f"{MAX_RECENT_FILES}); files that no longer exist are left out when read.",
)
WINDOW_GEOMETRY: Setting[bytes] = Setting(
    "window/geometry", bytes, b"", "Main window geometry (QWidget.saveGeometry).",
)
WINDOW_STATE: Setting[bytes] = Setting(
    "window/state", bytes, b"", "Main window docks and toolbars (QMainWindow.saveState).",
)
SPLITTER_STATE: Setting[bytes] = Setting(
    "window/splitters", bytes, b"", "How the editors and the charts share the window "
    "(QSplitter.saveState of the main split).",
)
LAST_FOLDER: Setting[str] = Setting(
    "files/last_folder", str, "", "The folder of the last plan opened or saved: file dialogs "
    "start there.",
)
AUTOSAVE_IDLE_SECONDS: Setting[float] = Setting(
    "autosave/idle_seconds", float, 3.0, "Seconds without an edit before the plan is written "
    f"to the recovery folder (overridden by {AUTOSAVE_MS_ENV}, in milliseconds).",
)

SETTINGS: tuple[Setting[Any], ...] = (
    THEME, RECENT_FILES, WINDOW_GEOMETRY, WINDOW_STATE, SPLITTER_STATE, LAST_FOLDER,
    AUTOSAVE_IDLE_SECONDS,
)


def config_dir() -> Path:
    """The folder of the settings file and the recovery folder (created if missing)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        folder = Path(override)
    else:
        location = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppConfigLocation
        )
        folder = Path(location) if location else Path.home() / ".alignplanner"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def recovery_dir() -> Path:
    """Where autosaved plans wait to be offered back after a crash."""
    folder = config_dir() / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_idle_ms(settings: Settings) -> int:
    """The autosave idle time: ``ALIGNPLANNER_AUTOSAVE_MS`` when set to a whole number of
    milliseconds (tests make it small), else the setting."""
    raw = os.environ.get(AUTOSAVE_MS_ENV, "").strip()
    if raw.isdigit():
        return int(raw)
    return round(settings.get(AUTOSAVE_IDLE_SECONDS) * 1000)


def _convert(setting: Setting[T], raw: object) -> T:
    """``raw`` as read from the INI file, as the setting's type; the default if it is not."""
    kind: type[Any] = setting.type
    value: Any = setting.default
    if kind is bytes and isinstance(raw, QByteArray | bytes):
        value = bytes(raw.data() if isinstance(raw, QByteArray) else raw)
    elif kind is list and isinstance(raw, list | str):
        items = [raw] if isinstance(raw, str) else raw  # INI reads a one-item list as text
        value = [item for item in items if isinstance(item, str)]
    elif kind is float and isinstance(raw, int | float | str) and not isinstance(raw, bool):
        try:
            number = float(raw)
        except ValueError:
            number = -1.0
        value = number if 0 <= number <= _MAX_IDLE_SECONDS else setting.default
    elif kind is str and isinstance(raw, str):
        value = raw if not setting.choices or raw in setting.choices else setting.default
    return cast(T, value)


class Settings:
    """Typed access to the declared settings, plus the recent-files rules."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else config_dir() / _INI_NAME
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        raw = self._store.value(setting.key)
        return setting.default if raw is None else _convert(setting, raw)

    def set(self, setting: Setting[T], value: T) -> None:
        if _convert(setting, value) != value:
            raise ValueError(f"{setting.key}: not a valid value: {value!r}")
        stored: object = QByteArray(value) if isinstance(value, bytes) else value
        self._store.setValue(setting.key, stored)

    def reset(self, setting: Setting[Any]) -> None:
        self._store.remove(setting.key)

    def sync(self) -> None:
        """Write pending changes now (Qt also does it on its own, and at exit)."""
        self._store.sync()

    # -- recent files -------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Recent plan files, most recent first, without those that no longer exist."""
        stored: list[str] = self.get(RECENT_FILES)
        return [Path(name) for name in stored if Path(name).is_file()]

    def add_recent_file(self, path: Path) -> None:
        """Put ``path`` first (once), keep at most `MAX_RECENT_FILES`."""
        path = path.resolve()
        kept = [p for p in self.recent_files() if p.resolve() != path]
        self.set(RECENT_FILES, [str(p) for p in [path, *kept][:MAX_RECENT_FILES]])

    def remove_recent_file(self, path: Path) -> None:
        path = path.resolve()
        self.set(RECENT_FILES, [str(p) for p in self.recent_files() if p.resolve() != path])

    # -- folders --------------------------------------------------------------------------

    def last_folder(self) -> Path | None:
        folder = self.get(LAST_FOLDER)
        return Path(folder) if folder and Path(folder).is_dir() else None

    def set_last_folder(self, folder: Path) -> None:
        self.set(LAST_FOLDER, str(folder.resolve()))
