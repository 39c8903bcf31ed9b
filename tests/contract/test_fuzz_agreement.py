"""The hostile-input fuzzing of test_fuzz, on a signed sample plan with every table of the
agreement (stage crm, [scoring], [signoff] with signatures): each of their values replaced
by hostile ones, and hostile lines inserted anywhere. The reader reads a plan or names
every problem; nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st
from plan_edits import ROOT
from test_fuzz import FUZZ, HOSTILE_LINES, check, values

from alignplanner.contract.agreement import signed
from alignplanner.contract.reader import loads
from alignplanner.contract.writer import dumps

AGREEMENT_LINES = [
    "[signoff]\n",
    "[[signoff.signatures]]\n",
    "[[signoff.approvers]]\n",
    "[scoring]\n",
    "[[scoring.fit]]\n",
    "[[scoring.engagement]]\n",
    'role = "cfo"\n',
    "signed_at = 1\n",
    "signed_at = 2026-11-23T14:05:00+05:00\n",
    'digest = "sha256:"\n',
    "parts = { a = 1 }\n",
    'crm = { "" = "x" }\n',
    "crm = { x_a = { b = 1 } }\n",
    'decay = { mode = "halve" }\n',
    'high_intent = ["demo_request", "demo_request"]\n',
    "required = [[]]\n",
]


def _signed_sample() -> str:
    loaded = loads((ROOT / "scenarios" / "midmarket-saas.toml").read_text("utf-8"))
    at = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
    plan = signed(loaded, "marketing", "Dana Whitfield", at)
    return dumps(plan, loaded.result)


TEXT = _signed_sample()
CUT = TEXT.index("\n[requirements]\n")  # the inputs and the sign-off: where the new keys are
LINES = TEXT[:CUT].splitlines(keepends=True)
SCORING = next(i for i, line in enumerate(LINES) if line == "[scoring]\n")
# the agreement's values (test_fuzz covers the core's): stage crm, [scoring], [signoff]
VALUE_LINES = [
    i
    for i, line in enumerate(LINES)
    if " = " in line and (i >= SCORING or line.startswith("crm = "))
]
REST = TEXT[CUT:]


@FUZZ
@given(st.sampled_from(VALUE_LINES), values)
def test_every_agreement_value_replaced_by_a_hostile_one(index: int, value: str) -> None:
    lines = list(LINES)
    key = lines[index].split(" = ", 1)[0]
    lines[index] = f"{key} = {value}\n"
    check("".join(lines) + REST)


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(LINES)), st.sampled_from(AGREEMENT_LINES + HOSTILE_LINES)),
        max_size=4,
    )
)
def test_hostile_lines_inserted(inserts: list[tuple[int, str]]) -> None:
    lines = list(LINES)
    for at, line in inserts:
        lines.insert(min(at, len(lines)), line)
    check("".join(lines) + REST)
