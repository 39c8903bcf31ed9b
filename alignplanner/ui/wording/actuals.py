"""The captions, buttons and sentences of the actuals dialog and tab."""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from datetime import date

from alignplanner.contract.actuals.mapping import FileMapping

# The warnings' words and the app's numbers must read alike: one definition of each.
from alignplanner.ui.wording.basics import (
    percent,
)

# -- actuals --------------------------------------------------------------------------------

IMPORT_ACTUALS = "&Import actuals…"  # (&a is Save &as)
IMPORT_ACTUALS_TIP = "Read CRM exports and see how the funnel really converts"
ACTUALS_TAB = "Act&uals"
ACTUALS_TITLE = "Import actuals"
ACTUALS_FILTER = "CRM exports (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)"
MAPPING_FILTER = "Actuals mapping (*.actuals.toml *.toml)"
NO_ACTUALS = ("No actuals yet. Choose File > Import actuals… to read exports from the CRM "
              "(Salesforce, HubSpot or any CSV or Excel file).")
ALL_SOURCES = "All sources"
CHOOSE = "(choose)"
NO_COLUMN = "(none)"
LOST_LABEL = "Lost"
IGNORE_LABEL = "Ignore"
SHAPE_LABELS = (("One row per stage change", "long"),
                ("One row per record, a date per stage", "wide"))
ROLE_LABELS = {"id": "Record id", "stage": "Stage", "date": "Date reached", "source": "Source",
               "amount": "Amount", "owner": "Owner", "date_order": "Dates written as"}
DATE_ORDER_LABELS = (("Detect from the file", ""), ("Year-month-day", "ymd"),
                     ("Month/day/year (US)", "mdy"), ("Day/month/year", "dmy"))
ACTUALS_LABELS = {  # the captions, buttons and short messages of the dialog and the tab
    "shape": "Shape", "meaning": "What the columns mean", "columns": "Columns",
    "values": "Stage values", "files": "Files read", "warnings": "Worth knowing",
    "cancel": "Cancel", "none": "(none)", "source": "&Source", "sheet": "S&heet",
    "no_file": "Add at least one export first.",
    "saved": "Mapping saved as {name}, beside the plan: the next import starts from it.",
    "not_saved": "{name} could not be saved: {reason}",
}
ROLE_TIPS = {"id": "The column that names the record (opportunity, lead, contact)",
             "stage": "The column holding the stage a row reports",
             "date": "The column holding the date the row's stage was reached",
             "source": "The column holding the lead source (inbound, outbound, partner, ...)",
             "amount": "The column holding the deal amount",
             "owner": "The column naming who owns the record (named when an SLA hand-off "
                      "is stale)"}
FROM_STAGES = "(from the stages)"
HANDOFF_LABELS = {"caption": "SLA hand-offs", "start": "Handed over", "answered": "Answered"}
KIND_WORDS = {  # what each kind of export (`contract.actuals.guess.KINDS`) is
    "salesforce-lead-history": "A Salesforce LeadHistory export: a row per field change.",
    "salesforce-field-history": "A Salesforce field history export: a row per field change.",
    "salesforce-opportunity-history": "A Salesforce OpportunityHistory export: a row per "
                                      "stage change.",
    "salesforce-opportunity": "A Salesforce Opportunity export: a row per opportunity.",
    "salesforce-lead": "A Salesforce Lead export: a row per lead, with its status today.",
    "hubspot-contacts": "A HubSpot contacts export: a row per contact, a date per stage.",
    "hubspot-deals": "A HubSpot deals export: a row per deal.",
    "maven-pipeline": "A sales pipeline file: a row per opportunity, with its stage today.",
    "olist-leads": "A file of marketing qualified leads: a row per lead.",
    "olist-deals": "A file of closed deals: a row per won deal.",
    "generic-long": "A file with a stage column: each row is a stage a record reached.",
    "generic-wide": "A file with a date column per stage: a row per record.",
    "unknown": "Not a file we recognise: choose what its columns mean below.",
}
STAGE_TABLE_TITLES = ("Value in the CRM", "Stage in the plan")
IMPORT_BUTTON = "&Import"
SAVE_MAPPING_BUTTON = "&Save mapping"
ADD_FILE_BUTTON = "&Add file…"
REMOVE_FILE_BUTTON = "&Remove"
AS_OF_LABEL = "As of"
AS_OF_TIP = "Count what had happened by this date (unchecked: the latest date in the files)"
READING = "Reading the exports…"
CANCELLED = "Import cancelled: nothing changed."
UNMAPPED = "Some stage values are not mapped yet: choose a stage for each, then Import again."
NOT_IMPORTED = "Nothing was imported; the plan is unchanged."
TRANSITION_TITLES = ("From", "To", "Entered", "Converted", "Lost", "Open", "Naive rate",
                     "Within window", "Estimated", "Median days", "90% within", "80% interval")
TRANSITION_HELP = (
    "The stage records entered", "The next stage",
    "Records that reached the first stage", "Of those, records that reached the next stage",
    "Records lost at the first stage", "Records still open today",
    "Converted / entered, over every record (young records pull it down)",
    "Of the records old enough to have had the whole window, the share converted within it "
    "(n: how many were old enough)",
    "The chance to convert within the window, counting open records for the time they have "
    "had (Kaplan-Meier; Aalen-Johansen where losses compete)",
    "Half of the conversions took at most this many days",
    "Nine in ten conversions took at most this many days",
    "The conversion rate is in this range with 80% probability (Beta over the old-enough "
    "records)",
)


def handoff_tip(role: str, sla: str, from_name: str, to_name: str) -> str:
    """The tooltip of an SLA's "handed over" (``role`` "start") or "answered" chooser."""
    if role == "start":
        what = (f"The column holding when a record was handed over for \u201c{sla}\u201d "
                f"(assigned, routed). {FROM_STAGES}: when it entered {from_name}.")
    else:
        what = (f"The column holding a record's first response for \u201c{sla}\u201d (first "
                f"touch, accepted). {FROM_STAGES}: when it entered {to_name} or a later "
                "stage, or was lost.")
    return (what + " The column needs times of day (2027-01-05 10:00): a date alone cannot "
            "measure a window of business hours.")


def explain_mapping(kind: str, file: FileMapping, stage_names: MappingABC[str, str],
                    sla_names: MappingABC[str, str] | None = None) -> list[str]:
    """What a file's mapping means, one plain sentence each (``stage_names``: plan stage
    id -> name; ``sla_names``: SLA id -> title)."""
    id_, stage, date_col, source, amount = file.id, file.stage, file.date, file.source, file.amount
    enters = [(stage_names.get(s, s), c) for s, c in file.enters.items()]
    lines = [KIND_WORDS.get(kind, KIND_WORDS["unknown"])]
    lines.append(f"Each record is named by its \u201c{id_}\u201d column." if id_
                 else "Choose the column that names a record.")
    if stage:
        lines.append(f"A row says the record reached the stage in \u201c{stage or '?'}\u201d "
                     f"on the date in \u201c{date_col or '?'}\u201d.")
    for column, value in file.where.items():
        lines.append(f"Only rows whose \u201c{column}\u201d is \u201c{value}\u201d are "
                     "read; the other rows change other fields.")
    for name, column in enters:
        lines.append(f"A record entered {name} on the date in \u201c{column}\u201d.")
    if not stage and not enters:
        lines.append("Choose, for each stage, the column holding the date a record entered it.")
    lines.append(f"The source is \u201c{source}\u201d." if source
                 else "No source column: every record counts as unattributed.")
    if amount:
        lines.append(f"Amounts come from \u201c{amount}\u201d.")
    for sla, columns in file.handoffs.items():
        said = [f"{what} at \u201c{column}\u201d" for what, column in (
            ("handed over", columns.start), ("answered", columns.answered)) if column]
        if said:
            title = (sla_names or {}).get(sla, sla)
            lines.append(f"For \u201c{title}\u201d, a record is {' and '.join(said)}.")
    return lines


def enters_caption(long: bool) -> str:
    return "Also, the date a stage was entered (optional)" if long else "Date each stage entered"


def rate_with_n(rate: float | None, n: int) -> str:
    """0.4 of 25 -> '40% (n 25)'; no rate -> '-'."""
    return "\u2013" if rate is None else f"{percent(round(rate, 3))} (n {n:,})"


def days_text(days: float | None) -> str:
    return "\u2013" if days is None else f"{days:,.0f}"


def interval_text(low: float, high: float) -> str:
    return f"{percent(round(low, 3))} \u2013 {percent(round(high, 3))}"


def file_line(name: str, rows: int, encoding: str, date_order: str | None,
              skipped: Sequence[tuple[str, int]]) -> str:
    """One file as read: 'leads.csv: 8,000 rows, utf-8, dates Y-M-D; skipped 60 blank date'."""
    orders = {"ymd": "Y-M-D", "mdy": "M/D/Y", "dmy": "D/M/Y"}
    text = f"{name}: {rows:,} rows, {encoding}, dates {orders.get(date_order or '', 'ISO')}"
    said = [f"{n:,} {why}" for why, n in skipped if n]
    return text + ("; skipped " + ", ".join(said) if said else "")


def actuals_heading(as_of: date, records: int, files: int) -> str:
    return (f"As of {as_of:%d %B %Y}: {records:,} record{'s' if records != 1 else ''} "
            f"from {files} file{'s' if files != 1 else ''}")

