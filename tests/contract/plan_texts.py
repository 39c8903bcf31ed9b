"""Plan file texts for the contract tests, written out here (tests read no outside files)."""

from __future__ import annotations

from typing import Any

from alignplanner.contract.errors import FileProblem

VALID = """\
format = "alignplanner.plan"
version = 1

[plan]
name = "FY2027 North America"
currency = "USD"
start = 2027-01-01
months = 12
rounding = "ceil"

[target]
revenue = 12000000
average_deal_size = 48000
monthly_weights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5]

[[stages]]
id = "inquiry"
name = "Inquiry"
owner = "marketing"
conversion = 0.12
days = 10

[[stages]]
id = "mql"
name = "MQL"
owner = "marketing"
conversion = 0.4
days = 5
recycle = { to = "inquiry", share = 0.3, after_days = 90 }

[[stages]]
id = "sql"
name = "SQL"
owner = "sales"
conversion = 0.5
days = 20

[[stages]]
id = "won"
name = "Won"
owner = "sales"

[[sources]]
id = "inbound"
enters = "inquiry"
share = 0.6

[[sources]]
id = "outbound"
enters = "mql"
share = 0.4
average_deal_size = 50000
conversion_overrides = { mql = 0.3 }

[pipeline]
existing = { sql = 40 }
"""
"""A small valid plan: every line number in the tests below refers to this text."""

OPS = VALID + """
[calendar]
timezone = "America/New_York"
workdays = ["mon", "tue", "wed", "thu", "fri"]
hours = ["09:00", "17:00"]
holidays = [2027-01-01, 2027-12-24]

[[roles]]
id = "sdr"
works = "mql"
per_rep_per_month = 180
handle_minutes = 12
headcount = 4
ramp = [0.25, 0.5, 0.75]
hires = [0, 0, 2]
attrition = 0.02

[[roles]]
id = "ae"
name = "Account executives"
works = "sql"
quota_per_month = 90000
attainment = 0.8
handle_minutes = 30
headcount = 10

[[slas]]
id = "mql-first-touch"
name = "MQL follow-up"
response = "a first call"
from = "mql"
to = "sql"
role = "sdr"
respond_within_hours = 4
target = 0.95
accept_within_hours = 8
reason_codes = ["not-icp", "duplicate", "no-budget"]
on_lapse = "return"
attempts = 6
attempts_within_days = 10
recycle_to = "inquiry"
nurture_days = 90

[[slas.escalation]]
after_hours = 2
to = "SDR manager"

[[slas.escalation]]
after_hours = 4
action = "reassign"
to = "sdr"

[[slas.obligations]]
text = "Marketing delivers qualified leads per SDR per month"
amount = 150

[[slas]]
id = "sql-hot"
from = "sql"
to = "won"
role = "ae"
respond_within_minutes = 15
target = 0.9
"""
"""VALID with a calendar, two roles and two SLAs (every key of those tables at least once)."""


def line_no(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``fragment``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{fragment!r} not found {occurrence} times")


def reversed_keys(value: Any) -> Any:
    """A raw plan (as tomllib reads it) with the keys of every table in reverse order: the
    same plan written in another order."""
    if isinstance(value, dict):
        return {k: reversed_keys(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_keys(v) for v in value]
    return value


def problem_at(found: list[FileProblem], path: str) -> FileProblem:
    """The first of ``found`` at the dotted ``path``; fails naming all found if none is."""
    matching = [p for p in found if p.path == path]
    assert matching, "no problem at " + path + ":\n" + "\n".join(str(p) for p in found)
    return matching[0]
