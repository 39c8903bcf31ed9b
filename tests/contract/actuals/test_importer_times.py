"""Times of day, owners and hand-off columns read from exports (fixtures made here)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import polars as pl
import pytest

from alignplanner.contract.actuals.importer import read_actuals
from alignplanner.contract.actuals.mapping_file import read_mapping, write_mapping
from alignplanner.contract.actuals.pipeline import import_actuals
from alignplanner.contract.actuals.result import ActualsError
from alignplanner.contract.actuals.times import parse_times
from alignplanner.domain.actuals.events import NO_TIME

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "domain" / "review"))
from review_sla_plan import SLA_ID, sla_plan

NY = ZoneInfo("America/New_York")

# A Salesforce-style history: one row per stage change, times on the report's clock.
HISTORY = (
    "OpportunityId,CreatedDate,StageName,OwnerId\n"
    "A,12/31/26 04:00 PM,MQL,005ana\n"
    "A,01/04/27 10:00 AM,SAL,005ben\n"
    "B,01/05/27 10:00 AM,MQL,005cleo\n")
LEADS = (
    "Id,Assigned,First Touch,Created\n"
    "B,2027-01-05T15:00:00Z,2027-01-05T16:30:00Z,2027-01-05\n")
MAPPING = f'''[[file]]
path = "h.csv"
id = "OpportunityId"
stage = "StageName"
date = "CreatedDate"
owner = "OwnerId"

[[file]]
path = "l.csv"
id = "Id"
[file.enters]
MQL = "Created"
[file.handoffs.{SLA_ID}]
start = "Assigned"
answered = "First Touch"

[stages]
MQL = "MQL"
SAL = "SAL"
'''


def _setup(tmp_path: Path, mapping: str = MAPPING, leads: str = LEADS) -> Path:
    (tmp_path / "h.csv").write_text(HISTORY, encoding="utf-8")
    (tmp_path / "l.csv").write_text(leads, encoding="utf-8")
    path = tmp_path / "m.toml"
    path.write_text(mapping, encoding="utf-8")
    return path


def ts(when: datetime) -> int:
    return int(when.timestamp())


def test_times_owners_and_hand_off_columns(tmp_path: Path) -> None:
    actuals, _ = import_actuals(read_mapping(str(_setup(tmp_path))), sla_plan())
    ev = actuals.events
    assert ev.record_ids == ("A", "B")
    # The history's times have no offset: the plan calendar's clock (New York).
    assert list(ev.instant[:3]) == [ts(datetime(2026, 12, 31, 16, tzinfo=NY)),
                                    ts(datetime(2027, 1, 4, 10, tzinfo=NY)),
                                    ts(datetime(2027, 1, 5, 10, tzinfo=NY))]
    assert ev.instant[3] == NO_TIME  # "Created" is a date only
    # The owner is the record's last row's: A was passed to ben.
    assert [ev.owners[o] for o in ev.owner] == ["005ben", "005cleo"]
    given = ev.handoffs[SLA_ID]
    assert list(given.start) == [NO_TIME, ts(datetime(2027, 1, 5, 15, tzinfo=UTC))]
    assert list(given.answered) == [NO_TIME, ts(datetime(2027, 1, 5, 16, 30, tzinfo=UTC))]


def test_a_file_timezone_and_offsets(tmp_path: Path) -> None:
    mapping = MAPPING.replace('owner = "OwnerId"', 'owner = "OwnerId"\ntimezone = "UTC"')
    path = _setup(tmp_path, mapping)
    actuals = read_actuals(read_mapping(str(path)), zone="Asia/Tokyo", times=True)
    assert actuals.events.instant[0] == ts(datetime(2026, 12, 31, 16, tzinfo=UTC))
    # Without a plan's SLAs nothing measures a stage's time: it is not read (faster),
    # but the hand-off columns are.
    plain = read_actuals(read_mapping(str(path)))
    assert (plain.events.instant == NO_TIME).all()
    assert plain.events.handoffs[SLA_ID].start[1] != NO_TIME
    values = pl.Series(["2027-01-05 10:00:00-05:00", "2027-01-05 10:00 pm", "2027-01-05 25:00",
                        "2027-03-14 02:30"])
    days = np.array([datetime(2027, 1, 5).toordinal()] * 3
                    + [datetime(2027, 3, 14).toordinal()], np.int32)
    got = parse_times(values, days, "America/New_York")
    assert got[0] == ts(datetime(2027, 1, 5, 15, tzinfo=UTC))
    assert got[1] == ts(datetime(2027, 1, 5, 22, tzinfo=NY))
    assert got[2] == NO_TIME  # not a time of day
    assert got[3] == ts(datetime(2027, 3, 14, 7, 30, tzinfo=UTC))  # skipped: 03:30 EDT


def test_a_hand_off_column_of_dates_only_is_refused(tmp_path: Path) -> None:
    leads = "Id,Assigned,First Touch,Created\nB,2027-01-05,2027-01-05T16:30:00Z,2027-01-05\n"
    with pytest.raises(ActualsError) as err:
        read_actuals(read_mapping(str(_setup(tmp_path, leads=leads))))
    (problem,) = err.value.problems
    assert problem.path == "Assigned"
    assert "without a time of day" in problem.message
    assert SLA_ID in problem.message


def test_an_sla_not_in_the_plan_is_named_at_its_line(tmp_path: Path) -> None:
    path = _setup(tmp_path, MAPPING.replace(f"handoffs.{SLA_ID}", "handoffs.speed"))
    with pytest.raises(ActualsError) as err:
        import_actuals(read_mapping(str(path)), sla_plan())
    (problem,) = err.value.problems
    assert problem.path == "file[1].handoffs.speed"
    assert problem.line == 13
    assert SLA_ID in problem.message


@pytest.mark.parametrize(("table", "said"), [
    ('[file.handoffs.x]\nbegin = "A"', "unknown key"),
    ("[file.handoffs.x]\n", "names no column"),
    ('[file.handoffs]\nx = "A"', "must be a table"),
])
def test_bad_hand_off_tables_are_named(tmp_path: Path, table: str, said: str) -> None:
    path = tmp_path / "m.toml"
    path.write_text(f'[[file]]\npath = "l.csv"\nid = "Id"\nenters = {{ MQL = "C" }}\n{table}\n',
                    encoding="utf-8")
    with pytest.raises(ActualsError) as err:
        read_mapping(str(path))
    assert any(said in p.message and p.path.startswith("file[0].handoffs")
               for p in err.value.problems)


def test_a_bad_timezone_is_named(tmp_path: Path) -> None:
    path = _setup(tmp_path, MAPPING.replace('owner = "OwnerId"', 'timezone = "Mars/Base"'))
    with pytest.raises(ActualsError) as err:
        read_mapping(str(path))
    assert [p.path for p in err.value.problems] == ["file[0].timezone"]


def test_the_new_keys_round_trip(tmp_path: Path) -> None:
    mapping = read_mapping(str(_setup(tmp_path, MAPPING.replace(
        'owner = "OwnerId"', 'owner = "OwnerId"\ntimezone = "Europe/Berlin"'))))
    out = tmp_path / "again.toml"
    write_mapping(mapping, str(out))
    again = read_mapping(str(out))
    assert again.files == mapping.files
