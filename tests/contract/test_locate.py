"""The line scanner that gives problems found after parsing their line in the file."""

from __future__ import annotations

import pytest
from plan_texts import VALID, line_no

from alignplanner.contract.locate import LineIndex, line_of


def test_keys_of_a_plan() -> None:
    index = LineIndex(VALID)
    assert index.line(("format",)) == 1
    assert index.line(("plan",)) == line_no(VALID, "[plan]")
    assert index.line(("plan", "start")) == line_no(VALID, "start =")
    assert index.line(("target", "monthly_weights")) == line_no(VALID, "monthly_weights")


def test_arrays_of_tables_count() -> None:
    index = LineIndex(VALID)
    assert index.line(("stages",)) == line_no(VALID, "[[stages]]", 1)
    assert index.line(("stages", 0)) == line_no(VALID, "[[stages]]", 1)
    assert index.line(("stages", 2)) == line_no(VALID, "[[stages]]", 3)
    assert index.line(("stages", 2, "conversion")) == line_no(VALID, "conversion = 0.5")
    assert index.line(("sources", 1, "share")) == line_no(VALID, "share = 0.4")


def test_inline_tables() -> None:
    index = LineIndex(VALID)
    recycle = line_no(VALID, "recycle =")
    assert index.line(("stages", 1, "recycle")) == recycle
    assert index.line(("stages", 1, "recycle", "share")) == recycle
    assert index.line(("pipeline", "existing", "sql")) == line_no(VALID, "existing =")
    assert index.line(("sources", 1, "conversion_overrides", "mql")) == line_no(
        VALID, "conversion_overrides"
    )


def test_missing_key_falls_back_to_its_table() -> None:
    index = LineIndex(VALID)
    # The last stage has no conversion: its [[stages]] header is the place to look.
    assert index.exact(("stages", 3, "conversion")) is None
    assert index.line(("stages", 3, "conversion")) == line_no(VALID, "[[stages]]", 4)
    assert index.line(("target", "growth")) == line_no(VALID, "[target]")
    assert index.line(("pipeline", "existing", "mql")) == line_no(VALID, "existing =")


def test_unknown_top_level_path_has_no_line() -> None:
    assert LineIndex(VALID).line(("requirements", "wins")) is None
    assert LineIndex(VALID).line(()) is None


def test_multiline_array_elements_have_their_own_lines() -> None:
    text = "[target]\nmonthly_weights = [\n  1,  # January\n  2,\n\n  3,\n]\ngrowth = 0.1\n"
    index = LineIndex(text)
    assert index.line(("target", "monthly_weights")) == 2
    assert index.line(("target", "monthly_weights", 0)) == 3
    assert index.line(("target", "monthly_weights", 1)) == 4
    assert index.line(("target", "monthly_weights", 2)) == 6
    assert index.line(("target", "growth")) == 8


def test_multiline_strings_are_skipped() -> None:
    text = (
        '[plan]\ndescription = """\nname = "not a key"\n[not.a.table]\n"""\n'
        "rates_source = '''\nx = 1\n'''\nname = \"Real\"\n"
    )
    index = LineIndex(text)
    assert index.line(("plan", "name")) == 9
    assert index.exact(("not",)) is None
    assert index.exact(("plan", "x")) is None


def test_quotes_inside_multiline_strings() -> None:
    text = 'a = """one ""quoted"" \\""" still"""\nb = """x""""\nc = 1\n'
    index = LineIndex(text)
    assert index.line(("b",)) == 2
    assert index.line(("c",)) == 3


def test_strings_with_brackets_and_hashes() -> None:
    text = 'a = "[[x]] # not a comment"\nb = \'{ y = 1 }\'\n[t] # comment\nc = 2\n'
    index = LineIndex(text)
    assert index.line(("t", "c")) == 4
    assert index.exact(("x",)) is None
    assert index.exact(("y",)) is None


def test_dotted_and_quoted_keys() -> None:
    text = '[plan]\ntarget.revenue = 5\n"quoted key" = 1\nsite . "a.b" = 2\n\'lit\' = 3\n'
    index = LineIndex(text)
    assert index.line(("plan", "target", "revenue")) == 2
    assert index.line(("plan", "target")) == 2
    assert index.line(("plan", "quoted key")) == 3
    assert index.line(("plan", "site", "a.b")) == 4
    assert index.line(("plan", "lit")) == 5


def test_escapes_in_quoted_keys() -> None:
    text = '"a\\u00e9b" = 1\n"tab\\tkey" = 2\n'
    index = LineIndex(text)
    assert index.line(("aéb",)) == 1
    assert index.line(("tab\tkey",)) == 2


def test_dotted_table_headers_and_nested_arrays_of_tables() -> None:
    text = (
        "[[a]]\nx = 1\n[[a.b]]\ny = 1\n[[a.b]]\ny = 2\n"
        "[[a]]\nx = 2\n[[a.b]]\ny = 3\n[a.c]\nz = 1\n"
    )
    index = LineIndex(text)
    assert index.line(("a", 0, "b", 0, "y")) == 4
    assert index.line(("a", 0, "b", 1, "y")) == 6
    assert index.line(("a", 1, "x")) == 8
    assert index.line(("a", 1, "b", 0, "y")) == 10
    assert index.line(("a", 1, "c", "z")) == 12


def test_sub_table_of_an_array_entry() -> None:
    text = '[[stages]]\nid = "a"\n[[stages]]\nid = "b"\n[stages.recycle]\nto = "a"\nshare = 0.5\n'
    index = LineIndex(text)
    assert index.line(("stages", 1, "recycle")) == 5
    assert index.line(("stages", 1, "recycle", "share")) == 7


def test_arrays_of_inline_tables() -> None:
    text = 'stages = [\n  { id = "a", name = "A" },\n  { id = "b", conversion = 0.5 },\n]\n'
    index = LineIndex(text)
    assert index.line(("stages", 0, "id")) == 2
    assert index.line(("stages", 1, "conversion")) == 3


def test_nested_inline_values() -> None:
    text = "x = { a = [1, [2, { b = 3 }]], c = { d = { e = 4 } } }\ny = 1\n"
    index = LineIndex(text)
    assert index.line(("x", "a", 1, 1, "b")) == 1
    assert index.line(("x", "c", "d", "e")) == 1
    assert index.line(("y",)) == 2


def test_crlf_line_endings() -> None:
    text = VALID.replace("\n", "\r\n")
    assert LineIndex(text).line(("stages", 2, "conversion")) == line_no(VALID, "conversion = 0.5")


def test_dates_with_spaces_and_other_scalars() -> None:
    text = "a = 1979-05-27 07:32:00Z\nb = +inf\nc = 0x_ff\nd = true\ne = 1\n"
    assert LineIndex(text).line(("e",)) == 5


def test_line_of_helper() -> None:
    assert line_of(VALID, ["stages", 1, "recycle", "to"]) == line_no(VALID, "recycle =")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[",
        "[[",
        "a = ",
        'a = "unterminated',
        'a = """never closed',
        "a = [1, 2",
        "a = { b = ",
        "= 1",
        "[a\nb = 1",
        "x = [" * 5000,
        "x = {a = " * 5000,
        "\x00\x01",
        '"\\uZZZZ" = 1',
        "a = 1 2 3\n",
    ],
)
def test_never_raises_on_malformed_text(text: str) -> None:
    index = LineIndex(text)
    index.line(("a", "b"))


def test_keeps_what_it_saw_before_malformed_text() -> None:
    index = LineIndex("a = 1\nb = [\n")
    assert index.line(("a",)) == 1
    assert index.line(("b",)) == 2
