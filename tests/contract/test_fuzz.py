"""Throw thousands of broken and hostile inputs at the reader: it either reads a plan or
raises PlanFileError whose every problem has a message and a key path or a line. Nothing
else may escape (no KeyError, TypeError, RecursionError, ...)."""

from __future__ import annotations

import copy
import tomllib
from datetime import date, datetime, time
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_texts import OPS, VALID

from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.reader import LoadedPlan, loads

FUZZ = settings(
    max_examples=600, deadline=None, suppress_health_check=list(HealthCheck), database=None
)

LINES = VALID.splitlines(keepends=True)
OPS_LINES = OPS.splitlines(keepends=True)  # with calendar, roles and SLAs
OPS_FIRST = len(LINES)  # the ops tests mutate only the lines after VALID's

HOSTILE_VALUES = [
    "nan", "-nan", "inf", "-inf", "true", "false", "0", "-0", "-0.0", "1", "-1", "1e400",
    "-1e400", "5e-324", "1e-300", "99999999999999999999999999", "9223372036854775807",
    "-9223372036854775808", "0x7fffffffffffffff", "0o777", "0b101", "1_000_000", "1e15",
    "1e16", '""', '"   "', '"x"', '"' + "x" * 20_000 + '"', '"\\u0000"', '"\\uD7FF"',
    "'literal'", '"""multi\nline"""', "'''raw\nlines'''", "[]", "{}", "[1, 2, 3]",
    '["a", 1, 2.5]', "{ to = \"inquiry\", share = 0.3 }", "{ a = { b = { c = 1 } } }",
    "[" * 50 + "]" * 50, "[" * 400 + "]" * 400, "{ a = " * 60 + "1" + " }" * 60,
    "2027-01-01", "2027-02-29", "2027-01-01T00:00:00", "2027-01-01T00:00:00Z", "12:00:00",
    '"2027-01-01"', '"inquiry"', '"won"', '"mql"', '"ceil"', '"none"', "0.97", "0.5", "120",
    "121", "40", "3650", "3651",
]

HOSTILE_LINES = [
    "[plan]\n", "[target]\n", "[[stages]]\n", "[[sources]]\n", "[pipeline]\n",
    "[requirements]\n", "[[requirements.stages]]\n", "[stages]\n", "[plan.name]\n",
    'id = "won"\n', 'name = "X"\n', "conversion = 0.5\n", "share = 1\n", "x = 1\n",
    "version = 2\n", 'format = "alignplanner.plan"\n', "months = 0\n", "= 1\n", "[\n", "]]\n",
    '"""\n', "'''\n", "#\n", "\n", "\ufeff\n", "\x00\n", "\r\n", "a.b.c.d = 1\n",
    "stages = []\n", "recycle = { to = \"won\", share = 2 }\n",
    "[calendar]\n", "[[roles]]\n", "[[slas]]\n", "[[slas.escalation]]\n", "[slas]\n",
    "[[requirements.capacity]]\n", 'from = "won"\n', 'role = "ae"\n', "target = 1\n",
    'workdays = ["sun"]\n', 'hours = ["17:00", "09:00"]\n', "respond_within_minutes = 0\n",
]

values = st.sampled_from(HOSTILE_VALUES) | st.from_regex(r"-?[0-9]{1,25}(\.[0-9]{1,20})?",
                                                          fullmatch=True)


def check(text: str) -> None:
    """The only two outcomes the reader may have."""
    loaded: LoadedPlan | None = None
    error: PlanFileError | None = None
    try:
        loaded = loads(text, "fuzz.toml")
    except PlanFileError as exc:
        error = exc
    if error is not None:
        assert error.problems, "PlanFileError without problems"
        for problem in error.problems:
            assert problem.message.strip(), problem
            assert problem.path or problem.line is not None, problem
            assert "internal error" not in problem.message, problem
    else:
        assert isinstance(loaded, LoadedPlan)
        for problem in loaded.stale_requirements:
            assert problem.message.strip()
            assert problem.path.startswith("requirements")


# -- random text -------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["replace", "surrogateescape", "ignore",
                                                  "backslashreplace"]))
def test_random_bytes(data: bytes, errors: str) -> None:
    check(data.decode("utf-8", errors=errors))


@FUZZ
@given(st.text(alphabet=st.sampled_from(list('[]{}="\'#.,=\n \t0123456789abcxyz-_:TZ')),
               max_size=400))
def test_random_toml_like_text(text: str) -> None:
    check(text)


# -- mutations of a valid plan --------------------------------------------------------------


def _value_lines(lines: list[str], first: int = 0) -> list[int]:
    return [i for i, line in enumerate(lines) if " = " in line and i >= first]


@FUZZ
@given(st.data())
def test_mutated_plan_text(data: st.DataObject) -> None:
    _mutate_text(data, LINES)


@FUZZ
@given(st.data())
def test_mutated_ops_text(data: st.DataObject) -> None:
    _mutate_text(data, OPS_LINES, OPS_FIRST)


def _mutate_text(data: st.DataObject, original: list[str], first: int = 0) -> None:
    lines = list(original)
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(st.sampled_from(["delete", "swap", "insert", "value", "duplicate",
                                        "truncate"]))
        if not lines:
            break
        i = data.draw(st.integers(min(first, len(lines) - 1), len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "swap":
            candidates = [k for k, line in enumerate(lines) if " = " in line and k >= first]
            if len(candidates) >= 2:
                a, b = data.draw(st.lists(st.sampled_from(candidates), min_size=2, max_size=2))
                key_a, value_a = lines[a].split(" = ", 1)
                key_b, value_b = lines[b].split(" = ", 1)
                lines[a], lines[b] = f"{key_a} = {value_b}", f"{key_b} = {value_a}"
        elif op == "insert":
            lines.insert(i, data.draw(st.sampled_from(HOSTILE_LINES) | st.text(max_size=40)))
        elif op == "value" and " = " in lines[i]:
            key = lines[i].split(" = ", 1)[0]
            lines[i] = f"{key} = {data.draw(values)}\n"
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "truncate":
            cut = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:cut]
    check("".join(lines))


@FUZZ
@given(st.sampled_from(_value_lines(LINES)), values)
def test_every_value_replaced_by_a_hostile_one(index: int, value: str) -> None:
    lines = list(LINES)
    key = lines[index].split(" = ", 1)[0]
    lines[index] = f"{key} = {value}\n"
    check("".join(lines))


@FUZZ
@given(st.sampled_from(_value_lines(OPS_LINES, OPS_FIRST)), values)
def test_every_ops_value_replaced_by_a_hostile_one(index: int, value: str) -> None:
    lines = list(OPS_LINES)
    key = lines[index].split(" = ", 1)[0]
    lines[index] = f"{key} = {value}\n"
    check("".join(lines))


@settings(max_examples=30, deadline=None, database=None)
@given(st.integers(1, 3000), st.sampled_from(["[", "{ a = ", "[{ a = "]))
def test_deep_nesting(depth: int, opener: str) -> None:
    closer = {"[": "]", "{ a = ": " }", "[{ a = ": " }]"}[opener]
    check(VALID + "\n[requirements]\nx = " + opener * depth + "1" + closer * depth + "\n")
    check("x = " + opener * depth + "1" + closer * depth + "\n" + VALID)


def test_huge_inputs() -> None:
    check(VALID.replace("FY2027 North America", "N" * 4_000_000))
    check(VALID + "".join(f"[[stages]]\nid = \"s{i}\"\nname = \"S\"\n" for i in range(20_000)))
    check(VALID.replace("months = 12", "months = 120").replace(
        "monthly_weights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5]", "growth = 10"))


# -- mutated structures fed past tomllib --------------------------------------------------------

toml_scalars = (
    st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
    | st.dates()
    | st.datetimes()
    | st.times()
    | st.sampled_from(["inquiry", "mql", "sql", "won", "ceil", "USD", "marketing", "", "sdr",
                       "mon", "09:00", "24:00", "America/New_York", "return", "notify"])
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*prefix, i))
    return out


def _parent(raw: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        raw = raw[part]
    return raw


BASE = tomllib.loads(VALID)
OPS_BASE = tomllib.loads(OPS)
BASE_PATHS = [p for p in _paths(BASE) if p]


@FUZZ
@given(st.data())
def test_mutated_structures(data: st.DataObject) -> None:
    _mutate_structure(data, BASE)


@FUZZ
@given(st.data())
def test_mutated_ops_structures(data: st.DataObject) -> None:
    _mutate_structure(data, OPS_BASE, ("calendar", "roles", "slas"))


def _mutate_structure(
    data: st.DataObject, base: dict[str, Any], only: tuple[str, ...] | None = None
) -> None:
    raw = copy.deepcopy(base)
    for _ in range(data.draw(st.integers(1, 4))):
        paths = [p for p in _paths(raw) if p and (only is None or p[0] in only)]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent = _parent(raw, path)
        op = data.draw(st.sampled_from(["replace", "delete", "add", "wrap"]))
        if op == "replace":
            parent[path[-1]] = data.draw(toml_values)
        elif op == "delete":
            del parent[path[-1]]
        elif op == "add" and isinstance(parent, dict):
            parent[data.draw(st.text(min_size=1, max_size=12))] = data.draw(toml_values)
        elif op == "wrap":
            parent[path[-1]] = [parent[path[-1]]]
    try:
        text = tomli_w.dumps(raw)
    except (TypeError, ValueError):  # e.g. a time with a zone: not TOML at all
        return
    check(text)


@FUZZ
@given(st.dictionaries(st.sampled_from(["format", "version", "plan", "target", "stages",
                                        "sources", "pipeline", "calendar", "roles", "slas",
                                        "requirements", "x"]),
                       toml_values, max_size=8))
def test_random_structures(raw: dict[str, Any]) -> None:
    try:
        text = tomli_w.dumps(raw)
    except (TypeError, ValueError):
        return
    check(text)


def test_fuzz_helpers_see_real_types() -> None:
    # The structure strategies must reach the dates and times a TOML file can hold.
    assert isinstance(BASE["plan"]["start"], date)
    assert not isinstance(BASE["plan"]["start"], datetime)
    assert time(12, 0).isoformat() == "12:00:00"
