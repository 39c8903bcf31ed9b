"""The one way AlignPlanner writes a file: all of it or none of it.

The data goes to a temporary file in the target's folder (so that the final rename stays on
one file system), is flushed and fsynced, then renamed over the target with `os.replace`,
which is atomic on POSIX and Windows. The folder is fsynced afterwards where the platform
allows it, so the rename itself survives a power cut. On any failure the temporary file is
removed and the old file is left exactly as it was.

An existing file keeps its permission bits; a new file gets the usual ``0o666 & ~umask``.
A symbolic link is written through (its target is replaced, the link stays a link).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import threading
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text"]

_umask_lock = threading.Lock()


def _current_umask() -> int:
    # os.umask can only be read by setting it; hold a lock so that two threads of this
    # process doing the same never see each other's temporary value.
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; not possible (and not needed) on every platform."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` atomically.

    Raises FileNotFoundError (with a message naming the folder) if the folder does not
    exist, IsADirectoryError if ``path`` is a folder, and any other OSError from the
    file system unchanged; in every case the old file is untouched and no temporary file
    is left behind.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, f"the folder {folder} does not exist"
        )
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder")

    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode if mode is not None else 0o666 & ~_current_umask())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(folder)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace the file at ``path`` with ``text`` encoded as UTF-8, atomically.

    The text is written as it is: no newline translation, so a file is byte-identical on
    every platform. Text that cannot be encoded (lone surrogates) raises UnicodeEncodeError
    before anything is written.
    """
    atomic_write_bytes(path, text.encode("utf-8"))
