"""`[calendar]`, `[[roles]]`, `[[slas]]` and their `[requirements]` in the plan file: read,
written byte-identically, stale requirements refused, and every broken key named with its
line."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from plan_texts import OPS, VALID, line_no, problem_at

from alignplanner.contract.errors import FileProblem, PlanFileError
from alignplanner.contract.reader import loads
from alignplanner.contract.writer import dumps
from alignplanner.domain.sla.calendar import BusinessCalendar


def problems(text: str) -> list[FileProblem]:
    with pytest.raises(PlanFileError) as caught:
        loads(text, "plan.toml")
    return list(caught.value.problems)


def _written(text: str) -> str:
    loaded = loads(text)
    return dumps(loaded.plan, loaded.result)


def test_every_key_is_read() -> None:
    plan = loads(OPS).plan
    assert plan.calendar == BusinessCalendar(
        timezone="America/New_York", workdays=("mon", "tue", "wed", "thu", "fri"),
        hours=("09:00", "17:00"), holidays=(date(2027, 1, 1), date(2027, 12, 24)))
    sdr, ae = plan.roles
    assert (sdr.works, sdr.per_rep_per_month, sdr.handle_minutes, sdr.headcount) == \
        ("mql", 180, 12, 4)
    assert sdr.ramp == (0.25, 0.5, 0.75)
    assert sdr.hires == (0, 0, 2)
    assert sdr.attrition == 0.02
    assert (ae.name, ae.quota_per_month, ae.attainment) == ("Account executives", 90000, 0.8)
    first, hot = plan.slas
    assert (first.from_stage, first.to_stage, first.role) == ("mql", "sql", "sdr")
    assert first.window_hours == 4
    assert first.reason_codes == ("not-icp", "duplicate", "no-budget")
    assert (first.on_lapse, first.attempts, first.attempts_within_days) == ("return", 6, 10)
    assert (first.recycle_to, first.nurture_days, first.accept_within_hours) == \
        ("inquiry", 90, 8)
    assert [(e.after_hours, e.action, e.to) for e in first.escalation] == [
        (2, "notify", "SDR manager"), (4, "reassign", "sdr")]
    assert first.obligations[0].amount == 150
    assert first.response == "a first call"
    assert hot.window_hours == 0.25


def test_the_issue_keys_are_enough() -> None:
    text = VALID + """
[[roles]]
id = "sdr"
works = "mql"
per_rep_per_month = 180
handle_minutes = 12
headcount = 4

[[slas]]
id = "mql-first-touch"
from = "mql"
to = "sal"
role = "sdr"
respond_within_hours = 4
target = 0.95
""".replace('to = "sal"', 'to = "sql"')
    loaded = loads(text)
    assert loaded.plan.calendar == BusinessCalendar()
    assert loaded.result.sla("mql-first-touch").target == 0.95


def test_round_trip_is_byte_identical_and_in_file_order() -> None:
    once = _written(OPS)
    assert _written(once) == once
    raw = tomllib.loads(once)
    assert list(raw) == ["format", "version", "plan", "target", "stages", "sources", "pipeline",
                         "calendar", "roles", "slas", "requirements"]
    assert list(raw["slas"][0])[:6] == ["id", "name", "from", "to", "role",
                                        "respond_within_hours"]
    assert "[[slas.escalation]]\nafter_hours = 2\naction = \"notify\"\nto = \"SDR manager\"\n" \
        in once
    assert loads(once).plan == loads(OPS).plan


def test_defaults_are_left_out() -> None:
    text = OPS.replace('timezone = "America/New_York"', 'timezone = "UTC"').replace(
        "holidays = [2027-01-01, 2027-12-24]\n", "")
    written = _written(text)
    assert "[calendar]" not in written  # the default calendar
    assert "on_lapse" in written  # "return" is not the default
    assert 'on_lapse = "accept"' not in _written(text.replace('"return"', '"accept"'))


def test_stale_after_days_is_read_and_written() -> None:
    text = VALID.replace("days = 5\n", "days = 5\nstale_after_days = 14\n", 1)
    assert loads(text).plan.stages[1].stale_after_days == 14
    assert "stale_after_days = 14\n" in _written(text)


def test_requirements_hold_capacity_and_sla_feasibility() -> None:
    raw = tomllib.loads(_written(OPS))["requirements"]
    sdr, ae = raw["capacity"]
    assert list(sdr)[:6] == ["role", "required", "effective_reps", "capacity", "reps_needed",
                             "gap"]
    assert sdr["role"] == "sdr"
    assert len(sdr["required"]) == 12
    assert sdr["effective_reps"][0] == pytest.approx(4 * 1.0)
    assert sdr["capacity"][0] == pytest.approx(720.0)
    assert ae["short_months"][0] == date(2027, 1, 1)
    assert len(ae["hire_by"]) == len(ae["short_months"])
    first, hot = raw["slas"]
    assert list(first)[:4] == ["id", "service_level", "reps_needed", "feasible"]
    assert isinstance(first["feasible"], bool)
    assert all(isinstance(n, int) for n in first["reps_needed"])
    assert hot["window_hours"] == 0.25


def test_stale_capacity_requirements_are_reported() -> None:
    written = _written(OPS)
    raw = tomllib.loads(written)
    old = f"per_rep = {raw['requirements']['capacity'][0]['per_rep']}"
    assert old in written
    stale = loads(written.replace(old, "per_rep = 1.0")).stale_requirements
    assert [p.path for p in stale] == ["requirements.capacity[0].per_rep"]
    assert stale[0].line == line_no(written, old)
    changed = written.replace("headcount = 4\n", "headcount = 5\n", 1)
    paths = {p.path for p in loads(changed).stale_requirements}
    assert "requirements.capacity[0].effective_reps" in paths
    assert "requirements.slas[0].servers" in paths


def test_stored_requirements_without_the_new_sections_are_stale() -> None:
    plain = _written(VALID)
    text = plain.replace("\n[requirements]", OPS[len(VALID):] + "\n[requirements]", 1)
    paths = {p.path for p in loads(text).stale_requirements}
    assert paths == {"requirements.capacity", "requirements.slas", "requirements.warnings"}


CATALOGUE = [
    ("unknown key with a hint", "respond_within_hours = 4", "respond_within_hour = 4",
     "slas[0].respond_within_hour", "did you mean 'respond_within_hours'"),
    ("unknown calendar key", 'hours = ["09:00", "17:00"]', 'hour = ["09:00", "17:00"]',
     "calendar.hour", "did you mean 'hours'"),
    ("unknown role key", "headcount = 4", "heads = 4", "roles[0].heads", "unknown key"),
    ("from names no stage", 'from = "mql"', 'from = "lead"', "slas[0].from", "does not exist"),
    ("to before from", 'to = "sql"\nrole = "sdr"', 'to = "inquiry"\nrole = "sdr"',
     "slas[0].to", "not after"),
    ("role works another stage", 'role = "sdr"', 'role = "ae"', "slas[0].role", "works 'sql'"),
    ("role missing", 'role = "sdr"', 'role = "bdr"', "slas[0].role", "does not exist"),
    ("role works no stage", 'works = "mql"', 'works = "lead"', "roles[0].works",
     "does not exist"),
    ("duplicate role", 'id = "ae"', 'id = "sdr"', "roles[1].id", "already used"),
    ("duplicate sla", 'id = "sql-hot"', 'id = "mql-first-touch"', "slas[1].id", "already used"),
    ("target of 100%", "target = 0.95", "target = 1", "slas[0].target", "below 1"),
    ("both windows", "respond_within_minutes = 15",
     "respond_within_minutes = 15\nrespond_within_hours = 1", "slas[1].respond_within_hours",
     "exactly one"),
    ("bad time zone", 'timezone = "America/New_York"', 'timezone = "Mars/Olympus"',
     "calendar.timezone", "IANA"),
    ("bad workday", '["mon", "tue", "wed", "thu", "fri"]', '["mon", "funday"]',
     "calendar.workdays[1]", "workday must be one of"),
    ("holiday as text", "holidays = [2027-01-01, 2027-12-24]", 'holidays = ["2027-01-01"]',
     "calendar.holidays[0]", "must be a date"),
    ("hours not HH:MM", '["09:00", "17:00"]', '["9:00", "17:00"]', "calendar.hours[0]",
     "HH:MM"),
    ("hours as a number", 'hours = ["09:00", "17:00"]', "hours = 9", "calendar.hours",
     "must be an array"),
    ("attempts not whole", "attempts = 6", "attempts = 6.5", "slas[0].attempts",
     "whole number"),
    ("bad escalation action", 'action = "reassign"', 'action = "fire"',
     "slas[0].escalation[1].action", "notify, reassign"),
    ("escalation out of order", "after_hours = 4", "after_hours = 1",
     "slas[0].escalation[1].after_hours", "later and later"),
    ("negative obligation", "amount = 150", "amount = -150", "slas[0].obligations[0].amount",
     "amount"),
    ("unknown escalation key", 'to = "SDR manager"', 'whom = "SDR manager"',
     "slas[0].escalation[0].whom", "unknown key"),
    ("recycle below from", 'recycle_to = "inquiry"', 'recycle_to = "won"',
     "slas[0].recycle_to", "above"),
    ("lapse default unknown", 'on_lapse = "return"', 'on_lapse = "reject"', "slas[0].on_lapse",
     "return"),
    ("attainment on a unit role", "attrition = 0.02", "attrition = 0.02\nattainment = 0.8",
     "roles[0].attainment", "quota roles only"),
    ("ramp above one", "ramp = [0.25, 0.5, 0.75]", "ramp = [0.25, 1.5]", "roles[0].ramp[1]",
     "ramp factor"),
    ("headcount as text", "headcount = 10", 'headcount = "ten"', "roles[1].headcount",
     "must be a number"),
    ("no handle minutes for an SLA", "handle_minutes = 30\n", "",
     "roles[1].handle_minutes", "minutes"),
]


@pytest.mark.parametrize(("old", "new", "path", "message"), [c[1:] for c in CATALOGUE],
                         ids=[c[0] for c in CATALOGUE])
def test_broken_keys_are_named_with_their_line(old: str, new: str, path: str,
                                               message: str) -> None:
    assert old in OPS
    text = OPS.replace(old, new, 1)
    problem = problem_at(problems(text), path)
    assert message in problem.message
    assert problem.line is not None
    key = path.rsplit(".", 1)[-1].split("[", maxsplit=1)[0]
    line = text.splitlines()[problem.line - 1]
    assert line.startswith((key, "[[")), (problem, line)


def test_the_stage_flag_is_checked_in_the_file() -> None:
    text = VALID.replace("days = 5\n", "days = 5\nstale_after_days = 0\n", 1)
    (problem,) = problems(text)
    assert problem.path == "stages[1].stale_after_days"
    assert problem.line == line_no(text, "stale_after_days")


@pytest.mark.parametrize("old", ["conversion = 0.4\n", "conversion_overrides = { mql = 0.3 }"])
def test_a_conversion_that_underflows_is_named(old: str) -> None:
    # Found by the fuzz tests: chances of winning that underflow to 0 used to give a
    # problem without a key or a line ("float division by zero").
    new = old.replace("0.4", "5e-324").replace("0.3", "5e-324")
    text = VALID.replace(old, new, 1)
    (problem,) = problems(text)
    assert problem.path in {"stages[1].conversion", "sources[1].conversion_overrides.mql"}
    assert problem.line == line_no(text, "5e-324")
    assert "lowest conversion" in problem.message
