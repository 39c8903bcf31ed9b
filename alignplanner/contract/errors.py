"""Problems in a plan file, each with the file, the line (when known) and the key path;
and why the file system refused a file, in plain words (`os_reason`)."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["FileProblem", "PlanFileError", "os_reason"]

_PLAIN_REASONS = {
    errno.ENOENT: "there is no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EBUSY: "the file is in use by another program",
    errno.ETXTBSY: "the file is in use by another program",
    errno.EIO: "the disk could not be read or written (input/output error)",
}


def os_reason(exc: OSError) -> str:
    """Why the file system refused, for people: "permission denied", "the disk is full",
    never "[Errno 13] ..."; a sentence of our own (``the folder ... does not exist``) as
    it is."""
    text = exc.strerror or ""
    if text and exc.errno is not None and text != os.strerror(exc.errno):
        return text  # said by AlignPlanner itself
    if exc.errno in _PLAIN_REASONS:
        return _PLAIN_REASONS[exc.errno]
    return (text[:1].lower() + text[1:]) if text else type(exc).__name__


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong with a plan file.

    ``path`` is a dotted key path such as ``stages[2].conversion`` (empty when the problem
    concerns the file as a whole, e.g. it is not TOML); ``line`` is 1-based, or None when
    no line can be told (e.g. a required table that is missing).
    """

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def sort_key(self) -> tuple[int, bool, str, str]:
        """Problems without a line (whole-file ones) first, then by line and path; on one
        line, problems with a key path before those without."""
        return (0 if self.line is None else self.line, not self.path, self.path, self.message)


class PlanFileError(Exception):
    """A plan file cannot be used; carries every problem found, sorted by line."""

    def __init__(self, problems: Iterable[FileProblem]) -> None:
        self.problems: tuple[FileProblem, ...] = tuple(sorted(problems, key=FileProblem.sort_key))
        super().__init__("\n".join(str(p) for p in self.problems))
