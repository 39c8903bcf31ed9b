"""Reading a plan file, said in words people read: ranges in words, plan files saved as
UTF-16 or UTF-32 by Windows editors read as they are, a file that ends early said to look
cut off at its last line, TOML syntax said without the parser's terms, the file system's
refusals without "[Errno 2]", and two stages of one name refused at the second name."""

from __future__ import annotations

import errno
import tomllib
from pathlib import Path

import pytest
from plan_texts import VALID, line_no

from alignplanner.contract.errors import FileProblem, PlanFileError, os_reason
from alignplanner.contract.reader import load, loads
from alignplanner.contract.syntax import syntax_problem


def only(text: str) -> FileProblem:
    with pytest.raises(PlanFileError) as caught:
        loads(text, "plan.toml")
    (problem,) = caught.value.problems
    return problem


def test_a_range_is_said_in_words() -> None:
    problem = only(VALID.replace("revenue = 12000000", "revenue = -5"))
    assert problem.path == "target.revenue"
    assert problem.message == (
        "revenue must be above 0 and at most 1,000,000,000,000,000, got -5")
    assert "1e+15" not in problem.message
    assert "(" not in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_plan_files_of_windows_editors_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.toml"
    text = VALID.replace('name = "FY2027 North America"', 'name = "FY2027 Amérique — Nord"')
    path.write_bytes(text.encode(encoding))
    assert load(path).plan == loads(text).plan
    assert load(path).plan.name == "FY2027 Amérique — Nord"


def test_broken_utf16_says_what_it_looks_like(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(b"\xff\xfe" + VALID.encode("utf-16-le")[:100] + b"\x00\xd8\x41\x00")
    with pytest.raises(PlanFileError) as caught:
        load(path)
    message = caught.value.problems[0].message
    assert message.startswith("looks like UTF-16 text but byte ")
    assert "binary" not in message


def test_a_real_binary_file_is_still_called_binary(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(PlanFileError) as caught:
        load(path)
    assert caught.value.problems[0].message == "is a binary file, not a plan (TOML text)"


@pytest.mark.parametrize(("cut_after", "where"), [
    ('name = "FY2027 No', "inside a text in quotes"),
    ("revenue = ", "where a value should follow"),
    ("[[stag", "inside a [section] header"),
    ("monthly_weights = [1, 1,", "where a value should follow"),
    ("monthly_weights = [1, 1, 1", "inside a list [ ... ]"),
])
def test_a_file_that_ends_early_looks_cut_off_at_its_last_line(cut_after: str,
                                                              where: str) -> None:
    text = VALID[: VALID.index(cut_after) + len(cut_after)]
    problem = only(text)
    last = text.count("\n") + 1
    assert problem.line == last
    assert problem.message == (f"the file looks cut off at line {last}: it ends {where}; "
                               "was it saved or copied completely?")


def test_a_syntax_error_inside_the_file_is_said_without_parser_terms() -> None:
    text = VALID.replace("days = 20", "days = = 20")
    problem = only(text)
    assert problem.line == line_no(text, "days = = 20")
    assert problem.message.startswith("not valid TOML: a key has no value after '='")
    assert "Invalid value" not in problem.message
    assert "cut off" not in problem.message


def test_an_open_quote_mid_file_is_not_a_cut_off_file() -> None:
    _line, message = syntax_problem(_toml_error('a = "open\nb = 1\n'), 'a = "open\nb = 1\n')
    assert message == ("not valid TOML: a text in quotes is not closed before the end of "
                       "the line (column 10)")


def _toml_error(text: str) -> tomllib.TOMLDecodeError:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    return caught.value


@pytest.mark.parametrize(("error", "words"), [
    (FileNotFoundError(errno.ENOENT, "No such file or directory"),
     "there is no such file or folder"),
    (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
    (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
    (OSError(errno.EROFS, "Read-only file system"), "the disk is read-only"),
    (FileNotFoundError(errno.ENOENT, "the folder /x does not exist"),
     "the folder /x does not exist"),
    (OSError(errno.ECONNRESET, "Connection reset by peer"), "connection reset by peer"),
])
def test_file_system_refusals_in_plain_words(error: OSError, words: str) -> None:
    assert os_reason(error) == words
    assert "Errno" not in os_reason(error)


def test_two_stages_of_one_name_are_refused_at_the_second_name() -> None:
    text = VALID.replace('name = "SQL"', 'name = "mql"')
    problem = only(text)
    assert (problem.path, problem.line) == ("stages[2].name", line_no(text, 'name = "mql"'))
    assert problem.message == ("stage name 'mql' is already used by stage 2 (mql); give each "
                               "stage its own name")
