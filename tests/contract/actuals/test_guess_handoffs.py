"""Guessing the SLAs' hand-off columns ("Assigned Date", "First Touch") from a header and
its first rows, for the SLAs whose from-stage the file covers (no files, no Qt).

The plan is the sample's: stages inquiry, mql, sal, sql, opportunity, won; two SLAs leave
mql (a first touch and an accept-or-reject), one leaves sql.
"""

from __future__ import annotations

import pytest

from alignplanner.contract.actuals.guess import guess_file, handoff_columns
from alignplanner.contract.actuals.mapping import HandOffColumns
from alignplanner.contract.actuals.sniff import Preview

PLAN = ("inquiry", "mql", "sal", "sql", "opportunity", "won")
NAMES = ("Inquiry", "Marketing qualified lead", "Sales accepted lead", "Sales qualified lead",
         "Opportunity", "Closed won")
SLAS = {"speed-to-lead": ("mql", "sal"), "mql-accept": ("mql", "sal"),
        "sql-discovery": ("sql", "opportunity")}
TIMED = "2027-01-04 09:00"


def preview(header: str, *rows: str) -> Preview:
    return Preview("export.csv", "csv", "utf-8", ",", tuple(header.split(",")),
                   tuple(tuple(r.split(",")) for r in rows))


def columns(name: str, value: str = TIMED) -> HandOffColumns:
    """What a one-column file named ``name`` holding ``value`` twice proposes."""
    return handoff_columns(preview(name, value, value))


@pytest.mark.parametrize("name", ["Assigned Date", "AssignedAt", "Date Assigned",
                                  "Handed over", "Routed", "assigned_on", "Routed At"])
def test_start_columns_by_name(name: str) -> None:
    assert columns(name) == HandOffColumns(name, None)


@pytest.mark.parametrize("name", ["First Response", "First Touch", "First Contacted",
                                  "Accepted Date", "Date Accepted", "First Activity",
                                  "first_response_at", "FirstTouchDate"])
def test_answered_columns_by_name(name: str) -> None:
    assert columns(name) == HandOffColumns(None, name)


@pytest.mark.parametrize("name", [
    "Assigned To",  # the owner, not a time
    "first_contact_date",  # Olist's lead creation ("first contact"), not a response
    "CreatedDate", "Response", "Touches", "Date", "Last Activity", "Reassigned Date"])
def test_other_columns_are_not_hand_offs(name: str) -> None:
    assert columns(name) == HandOffColumns(None, None)


@pytest.mark.parametrize("value", [
    "2027-01-04 09:00:00", "2027-01-04T14:00:00.000Z", "01/04/27 09:00 AM",
    "04.01.2027 17:10", "2027-01-04T09:00:00-05:00"])
def test_times_of_day_in_the_shapes_crms_write(value: str) -> None:
    assert columns("Assigned Date", value).start == "Assigned Date"


@pytest.mark.parametrize("value", [
    "2027-01-04",  # a date only: the importer refuses it for a window of hours
    "01/04/2027", "yes", "Email", "09:00"])  # no date at all
def test_a_column_without_dates_and_times_is_not_proposed(value: str) -> None:
    assert columns("Assigned Date", value) == HandOffColumns(None, None)


def test_one_date_only_value_among_the_first_rows_is_enough_to_refuse() -> None:
    found = handoff_columns(preview("First Touch", "2027-01-04 09:05", "2027-01-05"))
    assert found == HandOffColumns(None, None)


def test_blank_values_are_passed_over_and_the_first_timed_column_wins() -> None:
    found = handoff_columns(preview("Date Assigned,Assigned At,First Response",
                                    "2027-01-04,,2027-01-04 09:05",
                                    "2027-01-05,2027-01-05 10:00,"))
    # "Date Assigned" holds days only; "Assigned At" has one time and a blank.
    assert found == HandOffColumns("Assigned At", "First Response")


def test_an_all_blank_column_is_not_proposed() -> None:
    assert handoff_columns(preview("Assigned Date,Id", ",a", ",b")) == HandOffColumns()


LEADS = ("LeadId,CreatedDate,Status,Assigned Date,First Touch",
         "L1,2027-01-04 08:00,MQL,2027-01-04 09:00,2027-01-04 09:05",
         "L2,2027-01-04 08:30,MQL,2027-01-04 16:00,")


def test_the_sla_leaving_the_stage_the_file_names_gets_the_columns() -> None:
    g = guess_file(preview(*LEADS), PLAN, NAMES, slas=SLAS)
    assert g.file.stage == "Status"
    assert dict(g.stages) == {"MQL": "mql"}
    both = HandOffColumns("Assigned Date", "First Touch")
    # Both SLAs leaving mql; not sql-discovery (no row of the file reaches sql).
    assert dict(g.file.handoffs) == {"speed-to-lead": both, "mql-accept": both}


def test_without_the_slas_nothing_is_proposed() -> None:
    assert dict(guess_file(preview(*LEADS), PLAN, NAMES).file.handoffs) == {}


def test_a_file_that_does_not_reach_the_from_stage_gets_none() -> None:
    rows = [row.replace(",MQL,", ",SQL,") for row in LEADS]
    g = guess_file(preview(*rows), PLAN, NAMES, slas={"speed-to-lead": ("mql", "sal")})
    assert dict(g.stages) == {"SQL": "sql"}
    assert dict(g.file.handoffs) == {}


def test_the_earliest_stage_the_file_covers_wins() -> None:
    rows = (*LEADS, "L3,2027-01-06 08:00,SQL,2027-01-06 09:00,2027-01-06 09:30")
    g = guess_file(preview(*rows), PLAN, NAMES, slas={"sql-discovery": ("sql", "opportunity"),
                                                       "speed-to-lead": ("mql", "sal")})
    assert list(g.file.handoffs) == ["speed-to-lead"]


def test_a_wide_file_covers_the_stages_it_has_dates_for() -> None:
    header = "Record ID,Became a Marketing Qualified Lead Date,Date Assigned,First Response"
    row = "1,2027-01-04 08:00,2027-01-04 09:00,2027-01-04 10:00"
    g = guess_file(preview(header, row), PLAN, NAMES, slas=SLAS)
    assert g.kind == "hubspot-contacts"
    assert dict(g.file.enters) == {"mql": "Became a Marketing Qualified Lead Date"}
    assert set(g.file.handoffs) == {"speed-to-lead", "mql-accept"}
    assert g.file.handoffs["mql-accept"] == HandOffColumns("Date Assigned", "First Response")


def test_a_column_the_stage_entries_already_give_is_left_out() -> None:
    # "Accepted Date" reads as sal's entry column: the SLA's answer by default already.
    header = "Id,MQL Date,Accepted Date,Assigned Date"
    row = "1,2027-01-04 08:00,2027-01-04 10:00,2027-01-04 09:00"
    g = guess_file(preview(header, row), PLAN, NAMES, slas={"speed-to-lead": ("mql", "sal")})
    assert dict(g.file.enters) == {"mql": "MQL Date", "sal": "Accepted Date"}
    assert dict(g.file.handoffs) == {"speed-to-lead": HandOffColumns("Assigned Date", None)}
