"""The other shapes CRM exports come in, read into events: Salesforce LeadHistory (only
its Status rows), a HubSpot contacts export (one date column per lifecycle stage), a
Maven-like file of one row per opportunity (current stage and two dates), an XLSX
workbook; and what is skipped or told: events after as_of, files disagreeing about an
amount, progress and cancel."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from alignplanner.contract.actuals.importer import read_actuals
from alignplanner.contract.actuals.mapping_file import read_mapping
from alignplanner.contract.actuals.result import ActualsError, Cancelled
from alignplanner.domain.actuals.events import LOST


def _write(folder: Path, files: dict[str, str], mapping: str) -> str:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "m.toml").write_text(mapping, encoding="utf-8")
    return str(folder / "m.toml")


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def test_lead_history_reads_only_its_status_rows(tmp_path: Path) -> None:
    history = ("LeadId,Field,OldValue,NewValue,CreatedDate\n"
               "L1,Status,,Open,2024-01-02T10:00:00.000Z\n"
               "L1,Owner,Ann,Bob,2024-01-03T10:00:00.000Z\n"  # another field: not a stage
               "L1,Status,Open,Qualified,2024-01-09T10:00:00.000Z\n"
               "L2,Status,,Open,2024-01-05T10:00:00.000Z\n"
               "L2,Status,Open,Unqualified,2024-01-06T10:00:00.000Z\n")
    mapping = ('[[file]]\npath = "LeadHistory.csv"\nid = "LeadId"\nstage = "NewValue"\n'
               'date = "CreatedDate"\nwhere = { Field = "Status" }\n'
               '[stages]\nOpen = "Lead"\nQualified = "MQL"\nUnqualified = "lost"\n')
    actuals = read_actuals(read_mapping(_write(tmp_path, {"LeadHistory.csv": history},
                                               mapping)))
    ev = actuals.events
    assert ev.stages == ("Lead", "MQL")
    assert sorted(zip(ev.record.tolist(), ev.stage.tolist(), ev.day.tolist(), strict=True)) == [
        (0, 0, _day("2024-01-02")), (0, 1, _day("2024-01-09")),
        (1, LOST, _day("2024-01-06")), (1, 0, _day("2024-01-05"))]
    assert actuals.files[0].skipped.get("filtered") == 1


def test_a_hubspot_contacts_export_gives_an_event_per_filled_date_column(
        tmp_path: Path) -> None:
    contacts = ('"Record ID","Became a Lead Date","Became a Marketing Qualified Lead Date",'
                '"Became a Customer Date","Original Source"\n'
                '"101","2024-02-01 09:30","2024-02-03 14:00","","Paid Search"\n'
                '"102","2024-02-02 08:00","","","Organic Search"\n'
                '"103","2024-02-02 08:00","2024-02-10 08:00","2024-03-01 16:45",""\n')
    mapping = ('[[file]]\npath = "contacts.csv"\nid = "Record ID"\n'
               'source = "Original Source"\n[file.enters]\n'
               'Lead = "Became a Lead Date"\n'
               'MQL = "Became a Marketing Qualified Lead Date"\n'
               'Customer = "Became a Customer Date"\n'
               '[sources]\n"Paid Search" = "paid"\n')
    actuals = read_actuals(read_mapping(_write(tmp_path, {"contacts.csv": contacts},
                                               mapping)))
    ev = actuals.events
    assert ev.stages == ("Lead", "MQL", "Customer")
    assert ev.events == 6
    sources = [ev.sources[s] for s in ev.source]
    assert dict(zip(ev.record_ids, sources, strict=True)) == {
        "101": "paid", "102": "Organic Search", "103": "unattributed"}
    assert actuals.files[0].skipped.get("blank date") == 3


def test_one_row_per_opportunity_with_its_current_stage(tmp_path: Path) -> None:
    pipeline = ("opportunity_id,deal_stage,engage_date,close_date,close_value\n"
                "O1,Won,2017-01-02,2017-02-01,1054\n"
                "O2,Lost,2017-01-05,2017-01-20,0\n"
                "O3,Engaging,2017-01-09,,\n"
                "O4,Prospecting,,,\n")
    mapping = ('[[file]]\npath = "sales_pipeline.csv"\nid = "opportunity_id"\n'
               'amount = "close_value"\nstage = "deal_stage"\ndate = "close_date"\n'
               '[file.enters]\nEngaging = "engage_date"\n'
               '[stages]\nProspecting = "Prospecting"\nEngaging = "Engaging"\n'
               'Won = "Won"\nLost = "lost"\n')
    actuals = read_actuals(read_mapping(_write(tmp_path, {"sales_pipeline.csv": pipeline},
                                               mapping)))
    ev = actuals.events
    assert ev.stages == ("Prospecting", "Engaging", "Won")
    assert ev.events == 5  # 3 engage dates, 2 close dates; O3 and O4 have no close date
    assert actuals.files[0].skipped.get("blank date") == 3  # O3 close, O4 engage and close
    assert ev.amount.tolist()[:2] == [1054.0, 0.0]


def test_an_xlsx_export_reads_like_its_csv(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["OpportunityId", "StageName", "CreatedDate", "Amount"])
    sheet.append(["A", "Prospecting", datetime(2024, 5, 6, 23, 59), 1500.0])
    sheet.append(["A", "Closed Won", datetime(2024, 6, 1, 8, 0), 1500.0])
    book.save(tmp_path / "history.xlsx")
    mapping = ('[[file]]\npath = "history.xlsx"\nid = "OpportunityId"\nstage = "StageName"\n'
               'date = "CreatedDate"\namount = "Amount"\n'
               '[stages]\nProspecting = "Prospecting"\n"Closed Won" = "Won"\n')
    actuals = read_actuals(read_mapping(_write(tmp_path, {}, mapping)))
    assert actuals.events.day.tolist() == [_day("2024-05-06"), _day("2024-06-01")]
    assert actuals.files[0].encoding == "xlsx"


HISTORY = ("OpportunityId,StageName,CreatedDate,Amount\n"
           "A,Prospecting,2024-01-01,100\nA,Closed Won,2024-03-01,100\n"
           "B,Prospecting,2024-02-01,200\n")
LONG = ('[[file]]\npath = "{name}"\nid = "OpportunityId"\nstage = "StageName"\n'
        'date = "CreatedDate"\namount = "Amount"\n')
STAGES = '[stages]\nProspecting = "Prospecting"\n"Closed Won" = "Won"\n'


def test_events_after_as_of_are_skipped_and_counted(tmp_path: Path) -> None:
    path = _write(tmp_path, {"h.csv": HISTORY}, LONG.format(name="h.csv") + STAGES)
    actuals = read_actuals(read_mapping(path), as_of=date(2024, 2, 15))
    assert actuals.as_of == date(2024, 2, 15)
    assert actuals.events.events == 2
    assert actuals.files[0].skipped.get("after as_of") == 1


def test_two_files_disagreeing_about_an_amount_keep_the_first_and_say_so(
        tmp_path: Path) -> None:
    other = HISTORY.replace("A,Prospecting,2024-01-01,100", "A,Prospecting,2024-01-01,150")
    other = other.replace("A,Closed Won,2024-03-01,100", "A,Closed Won,2024-03-01,150")
    path = _write(tmp_path, {"h.csv": HISTORY, "g.csv": other},
                  LONG.format(name="h.csv") + LONG.format(name="g.csv") + STAGES)
    actuals = read_actuals(read_mapping(path))
    assert actuals.events.amount[actuals.events.record_ids.index("A")] == 100.0
    assert any("A" in w and "amount" in w.lower() for w in actuals.warnings)


def test_progress_rises_to_one_and_cancel_stops_the_read(tmp_path: Path) -> None:
    path = _write(tmp_path, {"h.csv": HISTORY}, LONG.format(name="h.csv") + STAGES)
    seen: list[float] = []
    read_actuals(read_mapping(path), progress=seen.append)
    assert seen
    assert seen == sorted(seen)
    assert seen[0] >= 0.0
    assert seen[-1] == pytest.approx(1.0)
    with pytest.raises(Cancelled):
        read_actuals(read_mapping(path), cancelled=lambda: True)


def test_a_plan_order_without_a_mapped_stage_is_refused_naming_the_key(
        tmp_path: Path) -> None:
    path = _write(tmp_path, {"h.csv": HISTORY}, LONG.format(name="h.csv") + STAGES)
    with pytest.raises(ActualsError) as caught:
        read_actuals(read_mapping(path), ("Prospecting", "Negotiation", "Closed"))
    text = str(caught.value)
    assert "m.toml" in text
    assert "Won" in text
