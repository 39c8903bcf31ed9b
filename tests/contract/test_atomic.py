"""The one atomic-write helper, and above all its failure paths: the old file survives and
no temporary file is left behind."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from alignplanner.contract import atomic
from alignplanner.contract.atomic import atomic_write_bytes, atomic_write_text

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    atomic_write_bytes(target, b"version = 1\n")
    assert target.read_bytes() == b"version = 1\n"
    assert _entries(tmp_path) == ["plan.toml"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")
    atomic_write_bytes(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert _entries(tmp_path) == ["plan.toml"]


def test_text_is_utf8_without_newline_translation(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    atomic_write_text(target, 'name = "Café"\nx = 1\n')
    assert target.read_bytes() == 'name = "Café"\nx = 1\n'.encode()


def test_unencodable_text_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "bad \ud800 surrogate")
    assert target.read_bytes() == b"old"
    assert _entries(tmp_path) == ["plan.toml"]


@posix_only
def test_keeps_the_permission_bits_of_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@posix_only
def test_a_new_file_gets_the_umask_default(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "plan.toml", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "plan.toml").stat().st_mode) == 0o640


def test_failed_replace_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")

    def refuse(src: object, dst: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="disk on fire"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert _entries(tmp_path) == ["plan.toml"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_bytes(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert _entries(tmp_path) == ["plan.toml"]


def test_interrupted_write_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")

    def interrupt(path: object, mode: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "chmod", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert _entries(tmp_path) == ["plan.toml"]


def test_failure_without_an_old_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(PermissionError):
        atomic_write_bytes(tmp_path / "plan.toml", b"new")
    assert _entries(tmp_path) == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "plan.toml"
    with pytest.raises(FileNotFoundError, match=r"the folder .* does not exist"):
        atomic_write_bytes(target, b"x")
    assert _entries(tmp_path) == []


def test_a_folder_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "plan.toml").mkdir()
    with pytest.raises(IsADirectoryError, match="it is a folder"):
        atomic_write_bytes(tmp_path / "plan.toml", b"x")
    assert _entries(tmp_path) == ["plan.toml"]


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symlinks")
def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_bytes(b"old")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_temp_file_is_hidden_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append(src)
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy)
    atomic_write_bytes(tmp_path / "plan.toml", b"x")
    (temp,) = seen
    assert Path(temp).parent == tmp_path.resolve()
    assert Path(temp).name.startswith(".plan.toml.")
