"""Telling an export's encoding, delimiter and first rows from its bytes."""

from __future__ import annotations

import codecs

import pytest
from openpyxl import Workbook

from alignplanner.contract.actuals.result import ActualsError
from alignplanner.contract.actuals.sniff import (
    detect_encoding,
    preview,
    sniff_delimiter,
    to_utf8,
)

TEXT = 'Id;Stage;Date\n1;"Negociación";2024-03-01\n2;Cerrada ganada;2024-03-02\n'


@pytest.mark.parametrize(("data", "expected"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("cp1252"), "cp1252"),
    ("Größe\x81".encode("latin-1"), "latin-1"),
    (b"", "utf-8"),
])
def test_the_encoding_is_told_from_the_bytes(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected
    assert to_utf8(data, expected).decode("utf-8").removeprefix("\ufeff") == data.decode(
        expected).removeprefix("\ufeff")


def test_utf8_split_across_the_check_chunks_is_still_utf8() -> None:
    data = ("a" * ((1 << 22) - 1) + "é").encode("utf-8")
    assert detect_encoding(data) == "utf-8"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_the_one_that_splits_every_line_alike(delimiter: str) -> None:
    rows = [["Id", "Stage, as named", "Date"], ["1", "Closed Won", "2024-01-01"],
            ["2", "Negotiation", "2024-01-02"]]
    text = "\n".join(delimiter.join(f'"{f}"' if "," in f else f for f in r) for r in rows)
    assert sniff_delimiter(text) == delimiter


def test_a_single_column_file_is_read_with_commas() -> None:
    assert sniff_delimiter("Id\n1\n2\n") == ","


def test_preview_of_a_cp1252_semicolon_file(tmp_path) -> None:
    path = tmp_path / "history.csv"
    path.write_bytes(TEXT.encode("cp1252"))
    got = preview(str(path), rows=1)
    assert (got.kind, got.encoding, got.delimiter) == ("csv", "cp1252", ";")
    assert got.header == ("Id", "Stage", "Date")
    assert got.rows == (("1", "Negociación", "2024-03-01"),)


def test_preview_of_a_workbook(tmp_path) -> None:
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.title = "Deals"
    sheet.append(["Deal ID", "Amount", "Create Date"])
    sheet.append(["d1", 1200.0, datetime(2024, 2, 3, 14, 5)])
    path = tmp_path / "deals.xlsx"
    book.save(path)
    got = preview(str(path))
    assert (got.kind, got.sheets, got.header) == ("xlsx", ("Deals",), ("Deal ID", "Amount",
                                                                       "Create Date"))
    assert got.rows == (("d1", "1200", "2024-02-03 14:05:00"),)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"Id,Stage\n1,\x00Won\n", "NUL byte"),
])
def test_unusable_files_are_refused_naming_the_file(tmp_path, content: bytes,
                                                     message: str) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(ActualsError) as caught:
        preview(str(path))
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert message in problem.message


def test_nul_byte_problem_names_its_line(tmp_path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"Id,Stage\n1,Won\n2,\x00Lost\n")
    with pytest.raises(ActualsError) as caught:
        preview(str(path))
    assert caught.value.problems[0].line == 3


def test_a_missing_file_and_a_broken_workbook(tmp_path) -> None:
    with pytest.raises(ActualsError, match="cannot be read"):
        preview(str(tmp_path / "nowhere.csv"))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ActualsError, match="not a readable XLSX"):
        preview(str(bad))
