"""Declared settings over QSettings, in the test's own configuration folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignplanner.document import settings as keys
from alignplanner.document.settings import (
    MAX_RECENT_FILES,
    SETTINGS,
    Settings,
    autosave_idle_ms,
    recovery_dir,
)


def _plan(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("", encoding="utf-8")
    return path.resolve()


def test_settings_live_in_the_configured_folder(config_dir: Path) -> None:
    assert keys.config_dir() == config_dir
    assert Settings().path.parent == config_dir
    assert recovery_dir() == config_dir / "recovery"
    assert recovery_dir().is_dir()


def test_every_setting_is_declared_once_with_a_doc_and_a_valid_default() -> None:
    assert len({s.key for s in SETTINGS}) == len(SETTINGS)
    for setting in SETTINGS:
        assert setting.doc
        assert isinstance(setting.default, setting.type)
        assert not setting.choices or setting.default in setting.choices


def test_defaults_before_anything_is_set(settings: Settings) -> None:
    assert settings.get(keys.THEME) == "system"
    assert settings.get(keys.AUTOSAVE_IDLE_SECONDS) == 3.0
    assert settings.get(keys.WINDOW_GEOMETRY) == b""
    assert settings.recent_files() == []
    assert settings.last_folder() is None


def test_values_survive_a_restart(settings: Settings) -> None:
    settings.set(keys.THEME, "dark")
    settings.set(keys.WINDOW_GEOMETRY, b"\x00\x01geometry\xff")
    settings.set(keys.WINDOW_STATE, b"state")
    settings.set(keys.AUTOSAVE_IDLE_SECONDS, 1.5)
    settings.sync()
    assert "dark" in settings.path.read_text(encoding="utf-8")
    again = Settings()
    assert again.get(keys.THEME) == "dark"
    assert again.get(keys.WINDOW_GEOMETRY) == b"\x00\x01geometry\xff"
    assert again.get(keys.WINDOW_STATE) == b"state"
    assert again.get(keys.AUTOSAVE_IDLE_SECONDS) == 1.5


def test_a_value_that_is_not_allowed_is_refused(settings: Settings) -> None:
    with pytest.raises(ValueError, match="ui/theme"):
        settings.set(keys.THEME, "purple")
    assert settings.get(keys.THEME) == "system"


def test_a_hand_edited_bad_value_reads_as_the_default(config_dir: Path) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "alignplanner.ini").write_text(
        "[ui]\ntheme=purple\n[autosave]\nidle_seconds=soon\n", encoding="utf-8"
    )
    settings = Settings()
    assert settings.get(keys.THEME) == "system"
    assert settings.get(keys.AUTOSAVE_IDLE_SECONDS) == 3.0


def test_recent_files_most_recent_first_without_repeats(settings: Settings,
                                                        tmp_path: Path) -> None:
    a, b = _plan(tmp_path, "a.toml"), _plan(tmp_path, "b.toml")
    settings.add_recent_file(a)
    settings.add_recent_file(b)
    settings.add_recent_file(a)
    assert settings.recent_files() == [a, b]
    settings.remove_recent_file(a)
    assert settings.recent_files() == [b]


def test_one_recent_file_reads_back_as_a_list(settings: Settings, tmp_path: Path) -> None:
    only = _plan(tmp_path, "only.toml")
    settings.add_recent_file(only)
    settings.sync()
    assert Settings().recent_files() == [only]  # INI stores a one-item list as plain text


def test_recent_files_keep_the_last_ten(settings: Settings, tmp_path: Path) -> None:
    plans = [_plan(tmp_path, f"plan{i}.toml") for i in range(MAX_RECENT_FILES + 3)]
    for path in plans:
        settings.add_recent_file(path)
    assert settings.recent_files() == plans[::-1][:MAX_RECENT_FILES]


def test_recent_files_that_no_longer_exist_are_left_out(settings: Settings,
                                                        tmp_path: Path) -> None:
    kept, gone = _plan(tmp_path, "kept.toml"), _plan(tmp_path, "gone.toml")
    settings.add_recent_file(kept)
    settings.add_recent_file(gone)
    gone.unlink()
    assert settings.recent_files() == [kept]


def test_autosave_idle_time_from_the_setting_or_the_environment(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert autosave_idle_ms(settings) == 3000
    settings.set(keys.AUTOSAVE_IDLE_SECONDS, 0.5)
    assert autosave_idle_ms(settings) == 500
    monkeypatch.setenv(keys.AUTOSAVE_MS_ENV, "25")
    assert autosave_idle_ms(settings) == 25
    monkeypatch.setenv(keys.AUTOSAVE_MS_ENV, "not a number")
    assert autosave_idle_ms(settings) == 500


def test_the_config_folder_is_never_the_users_real_one(config_dir: Path,
                                                       tmp_path: Path) -> None:
    assert keys.config_dir().is_relative_to(tmp_path)
    assert Settings().path.is_relative_to(tmp_path)
