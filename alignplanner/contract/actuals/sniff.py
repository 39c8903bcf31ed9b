"""What kind of file an export is: its encoding, its delimiter, its first rows.

CRM exports come as UTF-8 (with or without a byte order mark), UTF-16 (Excel's "Unicode
text"), or cp1252 (Salesforce's Data Loader on Windows), delimited by commas, semicolons
(European Excel), tabs or bars, or as XLSX workbooks. Everything here looks at the bytes
only; nothing is guessed about what the columns mean (that is `guess`).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from alignplanner.contract.actuals.result import ActualsError
from alignplanner.contract.errors import FileProblem

DELIMITERS = (",", ";", "\t", "|")
HEAD_BYTES = 1 << 20  # a preview reads this much of a delimited file
XLSX_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 22


@dataclass(frozen=True)
class Preview:
    """The first rows of an export, as text, and how it was read."""

    path: str
    kind: str  # "csv" or "xlsx"
    encoding: str  # as detected (or given); "xlsx" for a workbook
    delimiter: str | None  # None for a workbook
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sheets: tuple[str, ...] = ()  # a workbook's sheets, the one read first


def is_xlsx(path: str, head: bytes) -> bool:
    return head.startswith(XLSX_MAGIC) or path.lower().endswith((".xlsx", ".xlsm"))


def detect_encoding(data: bytes) -> str:
    """The encoding of ``data``: a byte order mark decides; else UTF-16 without one if
    every other byte of the start is NUL; else UTF-8 if all of it decodes as UTF-8
    (checked in chunks, without making one large string); else cp1252, or latin-1 when a
    byte cp1252 leaves undefined is present."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    unmarked = _utf16_without_mark(data[:4096])
    if unmarked:
        return unmarked
    if _decodes(data, "utf-8"):
        return "utf-8"
    if _decodes(data, "cp1252"):
        return "cp1252"
    return "latin-1"


def _utf16_without_mark(head: bytes) -> str | None:
    """UTF-16 without a byte order mark: ASCII text has a NUL in every other byte."""
    half = len(head) // 2
    if half < 2:
        return None
    if head[1::2].count(0) > 0.9 * half and head[::2].count(0) == 0:
        return "utf-16-le"
    if head[::2].count(0) > 0.9 * half and head[1::2].count(0) == 0:
        return "utf-16-be"
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for at in range(0, len(data), _CHUNK):
            decoder.decode(view[at:at + _CHUNK], final=at + _CHUNK >= len(data))
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def to_utf8(data: bytes, encoding: str) -> bytes:
    """``data`` as UTF-8 without a byte order mark (itself when it already is)."""
    if encoding == "utf-8":
        return data
    if encoding == "utf-8-sig":
        return data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    return data.decode(encoding).encode("utf-8")


def sniff_delimiter(sample: str) -> str:
    """The delimiter of the delimited text ``sample`` (its first lines are enough): of
    `DELIMITERS`, the one that splits the most lines into the same number (over one) of
    fields; more fields break a tie. A comma when none splits anything."""
    lines = sample.splitlines()[:50]
    if len(lines) > 1 and len(sample) >= HEAD_BYTES // 2:
        lines = lines[:-1]  # the last line of a cut sample may be cut itself
    best: tuple[int, int, str] = (0, 0, ",")
    for delimiter in DELIMITERS:
        counts = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        if not counts:
            continue
        fields, agreeing = max(counts.items(), key=lambda item: (item[1], item[0]))
        if fields > 1 and (agreeing, fields) > best[:2]:
            best = (agreeing, fields, delimiter)
    return best[2]


def preview(path: str, rows: int = 20, *, encoding: str = "auto",
            delimiter: str | None = None, sheet: str | None = None) -> Preview:
    """The header and first ``rows`` rows of the export at ``path``. Raises
    `ActualsError` naming the file when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise _error(path, f"cannot be read: {exc.strerror or exc}") from None
    if is_xlsx(path, head):
        return _preview_xlsx(path, rows, sheet)
    try:
        used = detect_encoding(head) if encoding == "auto" else encoding
        text = head.decode(used, errors="replace" if len(head) == HEAD_BYTES else "strict")
    except (LookupError, UnicodeDecodeError) as exc:
        raise _error(path, f"cannot be decoded as {encoding}: {exc}") from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ActualsError([FileProblem(path, line, "", "holds a NUL byte: is it a text export?")])
    used_delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=used_delimiter)
    try:
        table = [tuple(row) for _, row in zip(range(rows + 1), reader, strict=False)]
    except csv.Error as exc:
        raise _error(path, f"cannot be read as delimited text: {exc}") from None
    if not table:
        raise _error(path, "is empty: it has no header row")
    return Preview(path, "csv", used, used_delimiter, table[0], tuple(table[1:]))


def _preview_xlsx(path: str, rows: int, sheet: str | None) -> Preview:
    sheets, table = xlsx_rows(path, sheet, limit=rows + 1)
    if not table:
        raise _error(path, "has no rows in its first sheet")
    return Preview(path, "xlsx", "xlsx", None, table[0], tuple(table[1:]), sheets)


def xlsx_rows(path: str, sheet: str | None = None,
              limit: int | None = None) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The sheet names of the workbook at ``path`` and the rows of ``sheet`` (the first
    when None) as text: dates and times in ISO form, whole numbers without '.0'.

    A workbook is a zip of XML parts that openpyxl parses; a broken or hostile one can
    fail inside it with almost any exception (a bad zip, a missing part, malformed XML,
    a wrong type in a cell record). Each is this file's problem, said as such."""
    from openpyxl import load_workbook

    try:
        with open(path, "rb") as handle:  # a file object: openpyxl judges no file name
            book = load_workbook(handle, read_only=True, data_only=True)
            try:
                names = tuple(book.sheetnames)
                if sheet is not None and sheet not in names:
                    raise ActualsError([FileProblem(path, None, "sheet",
                                                    f"no sheet {sheet!r}; the workbook has "
                                                    + ", ".join(repr(n) for n in names))])
                cells = book[sheet or names[0]].iter_rows(values_only=True)
                table = [tuple(_cell_text(v) for v in row)
                         for row in (itertools.islice(cells, limit) if limit else cells)]
            finally:
                book.close()
    except ActualsError:
        raise
    except OSError as exc:
        raise _error(path, f"cannot be read: {exc.strerror or exc}") from None
    except Exception as exc:  # any failure inside openpyxl: see the docstring
        raise _error(path, f"is not a readable XLSX workbook: {exc}") from None
    while table and not any(table[-1]):
        table.pop()
    return names, table


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _error(path: str, message: str) -> ActualsError:
    return ActualsError.one(os.fspath(path), message)


__all__ = ["DELIMITERS", "Preview", "detect_encoding", "is_xlsx", "preview", "sniff_delimiter",
           "to_utf8", "xlsx_rows"]
