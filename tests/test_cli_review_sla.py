"""``alignplanner review`` with an SLA: hand-off times and owners from an export's own
columns, measured on New York business hours across New Year's Day and two weekends,
shown in the Markdown and the JSON (resources/review.schema.json), every figure by hand.

The plan's SLA ``mql-first-touch``: a first touch within 4 business hours of an MQL's
assignment; Monday to Friday 09:00 to 17:00 New York, New Year's Day 2027 (a Friday) a
holiday. The export (leads.csv, times on the calendar's clock) as of Monday 11 January,
known to its end:

    a1 ana   Thu 31 Dec 16:00 -> Mon 4 Jan 10:00   1 h Thu + 1 h Mon = 2 h     within
    a2 ben   Mon 4 Jan 09:00  -> 09:30              0.5 h                       within
    a3 ana   Fri 8 Jan 16:30  -> Mon 11 Jan 09:30   0.5 h + 0.5 h = 1 h         within
    a4 ben   Tue 5 Jan 10:00  -> 16:00              6 h                         late
    a5 cleo  Wed 6 Jan 09:00, no touch: Wed, Thu, Fri, Mon 8 h each = 32 h    stale
    a6 ana   Mon 11 Jan 14:00, no touch: 3 h by the day's end                 pending

Answered 0.5, 1, 2, 6: median 1.5; p95 at 0.95 * 3 = 2.85 of the sorted hours, 2 + 0.85 *
(6 - 2) = 5.4. Due: the four answered and a5 (a6 is still inside its window): 5, of which
3 within 4 h (60.0%); within 8 h and 16 h a4 too: 4 of 5. Stale: a5, cleo's, 32 h.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from float_tolerance import assert_close
from jsonschema import Draft202012Validator

from alignplanner.cli import main
from alignplanner.resources import resource_path

PLAN = """\
format = "alignplanner.plan"
version = 1

[plan]
name = "SLA review"
start = 2027-01-01
months = 3

[target]
revenue = 300000
average_deal_size = 10000

[[stages]]
id = "mql"
name = "MQL"
conversion = 0.5
days = 3

[[stages]]
id = "sal"
name = "SAL"
conversion = 0.3
days = 20

[[stages]]
id = "won"
name = "Won"

[calendar]
timezone = "America/New_York"
workdays = ["mon", "tue", "wed", "thu", "fri"]
hours = ["09:00", "17:00"]
holidays = [2027-01-01]

[[roles]]
id = "sdr"
works = "mql"
per_rep_per_month = 180
handle_minutes = 30
headcount = 4

[[slas]]
id = "mql-first-touch"
from = "mql"
to = "sal"
role = "sdr"
respond_within_hours = 4
target = 0.9
"""

MAPPING = """\
as_of = "2027-01-11"

[[file]]
path = "leads.csv"
id = "Id"
owner = "Owner"
[file.enters]
MQL = "MQL Date"
SAL = "SAL Date"
[file.handoffs.mql-first-touch]
start = "Assigned"
answered = "First Touch"
"""

LEADS = """\
Id,Owner,MQL Date,SAL Date,Assigned,First Touch
a1,ana,2026-12-31,2027-01-04,2026-12-31 16:00,2027-01-04 10:00
a2,ben,2027-01-04,2027-01-04,2027-01-04 09:00,2027-01-04 09:30
a3,ana,2027-01-08,2027-01-11,2027-01-08 16:30,2027-01-11 09:30
a4,ben,2027-01-05,2027-01-05,2027-01-05 10:00,2027-01-05 16:00
a5,cleo,2027-01-06,,2027-01-06 09:00,
a6,ana,2027-01-11,,2027-01-11 14:00,
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    (tmp_path / "leads.csv").write_text(LEADS, encoding="utf-8")
    (tmp_path / "sla.actuals.toml").write_text(MAPPING, encoding="utf-8")  # as the app
    path = tmp_path / "sla.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_the_json_has_the_slas_hand_worked_compliance(plan: Path, capsys) -> None:
    assert main(["review", str(plan), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    Draft202012Validator(json.loads(resource_path("review.schema.json").read_text("utf-8"))
                         ).validate(out)
    assert (out["as_of"], out["records"]) == ("2027-01-11", 6)
    (sla,) = out["slas"]
    assert (sla["sla"], sla["window_hours"], sla["answered"], sla["due"]) == (
        "mql-first-touch", 4, 4, 5)
    assert_close((sla["median_hours"], sla["p95_hours"], sla["within"]), (1.5, 5.4, 0.6))
    assert [b["hours"] for b in sla["bands"]] == [4, 8, 16]
    assert_close([b["within"] for b in sla["bands"]], [0.6, 0.8, 0.8])
    (stale,) = sla["stale"]
    assert (stale["id"], stale["owner"]) == ("a5", "cleo")
    assert_close(stale["hours"], 32.0)


def test_the_markdown_has_the_slas_row(plan: Path, capsys) -> None:
    assert main(["review", str(plan)]) == 0
    text = capsys.readouterr().out
    assert "## SLA compliance\n" in text
    # SLA, due, within, median, p95, stale; then the stale hand-offs by id and owner.
    assert "| mql-first-touch | 5 | 60.0% | 1.5 | 5.4 | 1 |" in text
    assert "## Stale hand-offs, oldest first\n" in text
    assert "| mql-first-touch | a5 | cleo | 32.0 |" in text


def test_without_hand_off_times_there_is_no_sla_row(plan: Path, capsys) -> None:
    """A date is not a time: with the hand-off columns left out, the stage dates cannot
    measure a window of hours, and the review says nothing of the SLA."""
    mapping = plan.parent / "sla.actuals.toml"
    mapping.write_text(MAPPING.partition("[file.handoffs")[0], encoding="utf-8")
    assert main(["review", str(plan), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["slas"] == []
