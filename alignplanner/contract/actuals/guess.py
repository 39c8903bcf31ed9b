"""What an export's columns most likely mean, from its header and first rows.

Salesforce (OpportunityHistory, Opportunity, Lead, LeadHistory, report exports with
labels), HubSpot (contacts with "Became a ... Date" columns, deals with "Date entered ..."
columns, internal names or labels) and generic files (Maven's sales pipeline, Olist's
leads and deals) are recognised without help. The result is a `FileMapping` the person
can correct, and a `kind` code the app words (`alignplanner.ui.wording`).

Shapes: *long* (a row is one stage event: ``stage`` and ``date``), *wide* (a row is one
record with one date column per stage: ``enters``), or a *snapshot* (a row is one record
with its current stage: ``stage`` at a closing ``date``, and ``enters`` the first plan
stage on its creation date).

The SLAs' hand-off columns ("Assigned Date", "First Touch") are proposed when the guess is
told the plan's SLAs (``slas``: id -> from-stage): see `guess_handoffs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np
import polars as pl

from alignplanner.contract.actuals.dates import parse_dates
from alignplanner.contract.actuals.mapping import (
    IGNORE_VALUE,
    LOST_VALUE,
    FileMapping,
    HandOffColumns,
)
from alignplanner.contract.actuals.sniff import Preview
from alignplanner.contract.actuals.stage_match import guess_stages, key, match_stage
from alignplanner.contract.actuals.times import NO_TIME, parse_times

KINDS = ("salesforce-lead-history", "salesforce-field-history", "salesforce-opportunity-history",
         "salesforce-opportunity", "salesforce-lead", "hubspot-contacts", "hubspot-deals",
         "maven-pipeline", "olist-leads", "olist-deals", "generic-long", "generic-wide",
         "unknown")

# Columns by role, best first, as `key` writes them.
ID_KEYS = ("opportunityid", "leadid", "contactid", "dealid", "recordid", "mqlid",
           "opportunity", "id", "leadidentifier", "recordidentifier")
STAGE_KEYS = ("stagename", "stage", "dealstage", "opportunitystage", "leadstatus", "status",
              "lifecyclestage", "pipelinestage")
CREATED_KEYS = ("createddate", "createdate", "engagedate", "firstcontactdate", "datecreated",
                "createdon", "createdat", "becamealeaddate")
CLOSED_KEYS = ("closedate", "closeddate", "wondate", "convertdate", "converteddate")
SOURCE_KEYS = ("leadsource", "originalsource", "source", "origin", "originalsourcetype",
               "channel", "sourcechannel")
AMOUNT_KEYS = ("amount", "closevalue", "dealamount", "amountincompanycurrency", "value",
               "expectedrevenue", "revenue")
OWNER_KEYS = ("ownerid", "owner", "salesagent", "sdrid", "contactowner", "dealowner",
              "leadowner", "opportunityowner", "hubspotowner", "assignedto", "rep")
HISTORY_DATE_KEYS = ("createddate", "editdate", "lastmodified", "lastmodifieddate", "date",
                     "changedate")

# Hand-off columns, as `key` writes them: the words, then an optional "date"/"at" part.
_TIME_PART = r"(?:date|datetime|time|timestamp|at|on)?"
_START = re.compile(rf"^(?:date)?(?:assigned|assignment|handedover|handover|routed){_TIME_PART}$")
_ANSWERED = re.compile(rf"^(?:date)?(?:firstresponse|firstresponded|firsttouch|firsttouched|"
                       rf"firstcontacted|firstactivity|accepted|acceptance){_TIME_PART}$")
_SAMPLE = 50  # a hand-off column's first non-blank values looked at for times of day

_BECAME = re.compile(r"^became an? (.+?) date$", re.IGNORECASE)
_ENTERED = re.compile(r"^date entered ['\"]?(.+?)['\"]?(?: \(.*\))?$", re.IGNORECASE)
_DATE_WORDS = re.compile(r"(^|_| )(date|time|timestamp|at|on)($|_| )", re.IGNORECASE)


def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Guess:
    """What the columns of one export most likely mean: the mapping and the kind of
    export it looked like (one of `KINDS`); ``stages`` the stage values of its first rows
    and what each most likely means."""

    file: FileMapping
    kind: str
    stages: Mapping[str, str] = field(default_factory=_empty)

    @property
    def shape(self) -> str:
        return shape_of(self.file)


def shape_of(file: FileMapping) -> str:
    """"long" when the rows hold a stage column, else "wide"."""
    return "long" if file.stage else "wide"


def guess_stage_column(header: Sequence[str]) -> str | None:
    """The column of a long export most likely to hold each row's stage."""
    return _Columns(header).find(STAGE_KEYS)


class _Columns:
    """The header of an export, looked up by `key`."""

    def __init__(self, header: Sequence[str]) -> None:
        self.header = tuple(header)
        self.by_key: dict[str, str] = {}
        for name in self.header:
            self.by_key.setdefault(key(name), name)

    def find(self, keys: Iterable[str]) -> str | None:
        return next((self.by_key[k] for k in keys if k in self.by_key), None)

    def has(self, *keys: str) -> bool:
        return all(k in self.by_key for k in keys)


def stage_values(preview: Preview, file: FileMapping) -> list[str]:
    """The distinct values of the stage column in ``preview``'s rows (the rows ``where``
    keeps), in first-seen order."""
    if not file.stage or file.stage not in preview.header:
        return []
    at = preview.header.index(file.stage)
    tests = [(preview.header.index(c), v) for c, v in file.where.items() if c in preview.header]
    seen: dict[str, None] = {}
    for row in preview.rows:
        if at < len(row) and all(i < len(row) and row[i] == v for i, v in tests):
            seen.setdefault(row[at].strip(), None)
    seen.pop("", None)
    return list(seen)


def stage_columns(header: Sequence[str], plan_stages: Sequence[str],
                  names: Sequence[str] = ()) -> dict[str, str]:
    """Plan stage -> the column of ``header`` that holds the date a record entered it,
    from the columns' stage words ("Became a Marketing Qualified Lead Date", "Date
    entered Closed Won (Sales Pipeline)", "won_date"); the first column wins a stage."""
    enters: dict[str, str] = {}
    for column in header:
        match = _BECAME.match(column.strip()) or _ENTERED.match(column.strip())
        words = match.group(1) if match else _stage_words(column)
        if not words:
            continue
        stage = match_stage(words, plan_stages, names)
        if stage not in ("", LOST_VALUE, IGNORE_VALUE):
            enters.setdefault(stage, column)
    return enters


def _stage_words(column: str) -> str:
    """The stage words of a generic date column ("won_date" -> "won"), or ""."""
    if not _DATE_WORDS.search(column):
        return ""
    words = _DATE_WORDS.sub(" ", column.replace("_", " ")).strip()
    return "" if key(words) in ("", "first", "last", "create", "created", "close", "closed",
                                "engage", "firstcontact", "modified", "lastmodified") else words


def guess_file(preview: Preview, plan_stages: Sequence[str], names: Sequence[str] = (), *,
               known: Mapping[str, str] | None = None,
               slas: Mapping[str, tuple[str, str]] | None = None) -> Guess:
    """The most likely meaning of the export ``preview`` shows, for a plan with the stage
    ids ``plan_stages`` (names in ``names``; ``known``: CRM values the plan's stages name,
    see `match_stage`); with ``slas`` (the plan's SLAs: id -> (from-stage, to-stage)),
    their hand-off columns too (`guess_handoffs`)."""
    columns = _Columns(preview.header)
    kind, file = _recognise(columns, preview.path, plan_stages, names)
    values = stage_values(preview, file)
    stages = guess_stages(values, plan_stages, names, known=known)
    if slas:
        found = guess_handoffs(preview, file, slas, plan_stages, stages.values())
        file = replace(file, handoffs=MappingProxyType(found))
    return Guess(file, kind, MappingProxyType(stages))


def handoff_columns(preview: Preview, date_order: str | None = None) -> HandOffColumns:
    """The columns of ``preview`` named like a hand-off's start ("Assigned Date",
    "Handed over", "Routed") and its answer ("First Response", "First Touch", "Date
    Accepted"), the first of each in the header, among those whose first non-blank values
    are dates with a time of day (the importer refuses a column of days for a window of
    hours); None for each not found. It knows nothing of the plan."""
    def first(pattern: re.Pattern[str]) -> str | None:
        return next((name for at, name in enumerate(preview.header)
                     if pattern.match(key(name)) and _timed(preview, at, date_order)), None)

    return HandOffColumns(first(_START), first(_ANSWERED))


def guess_handoffs(preview: Preview, file: FileMapping, slas: Mapping[str, tuple[str, str]],
                   plan_stages: Sequence[str],
                   reached: Iterable[str] = ()) -> dict[str, HandOffColumns]:
    """SLA id -> the hand-off columns `handoff_columns` finds, for the SLAs whose
    from-stage the file covers (an ``enters`` column, or a stage value of its first rows
    meaning it: ``reached``, plan stage ids). A file's one "assigned" column names one
    hand-off: the earliest such stage in ``plan_stages`` wins, with every SLA leaving
    it (a first touch and an accept-or-reject share one). A column the stage entries
    already give (the default) is left out."""
    found = handoff_columns(preview, file.date_order)
    if found.start is None and found.answered is None:
        return {}
    covered = set(file.enters) | (set(reached) if file.stage else set())
    starts = [s for s in plan_stages if s in covered and any(
        f == s for f, _t in slas.values())]
    if not starts:
        return {}
    out: dict[str, HandOffColumns] = {}
    for sla, (from_stage, to_stage) in slas.items():
        if from_stage != starts[0]:
            continue
        start = None if found.start == file.enters.get(from_stage) else found.start
        answered = None if found.answered == file.enters.get(to_stage) else found.answered
        if start or answered:
            out[sla] = HandOffColumns(start, answered)
    return out


def _timed(preview: Preview, at: int, date_order: str | None) -> bool:
    """True when column ``at``'s first non-blank values (up to `_SAMPLE`) all read as
    dates (in ``date_order``, else either order) with a time of day (`times`)."""
    texts = [row[at].strip() for row in preview.rows if at < len(row) and row[at].strip()]
    if not texts:
        return False
    values = pl.Series("v", texts[:_SAMPLE], dtype=pl.String)
    for order in (date_order,) if date_order else ("mdy", "dmy"):
        parsed = parse_dates([("v", values)], file=preview.path, date_order=order,
                             line_of=lambda row: row + 2)
        if not parsed.problems:
            instants = parse_times(values, parsed.days[0], "UTC")
            return bool(np.all(instants != NO_TIME))
    return False


@dataclass(frozen=True)
class _Export:
    """One export being recognised: its columns and the plan's stages."""

    c: _Columns
    path: str
    plan: Sequence[str]
    names: Sequence[str]

    @property
    def first(self) -> tuple[str, ...]:
        return tuple(self.plan[:1])

    def created(self) -> str | None:
        return self.c.find(CREATED_KEYS)

    def closed(self) -> str | None:
        return self.c.find(CLOSED_KEYS)

    def wide(self) -> dict[str, str]:
        return stage_columns(self.c.header, self.plan, self.names)

    def made(self, kind: str, id_: str | None, *, stage: str | None = None,
             date: str | None = None, enters: Mapping[str, str | None] | None = None,
             where: Mapping[str, str] | None = None) -> tuple[str, FileMapping]:
        kept = {s: col for s, col in (enters or {}).items() if col}
        return kind, FileMapping(
            path=self.path, id=id_ or "", stage=stage, date=date,
            enters=MappingProxyType(kept), source=self.c.find(SOURCE_KEYS),
            amount=self.c.find(AMOUNT_KEYS), where=MappingProxyType(dict(where or {})),
            owner=self.c.find(OWNER_KEYS))


_Found = tuple[str, FileMapping] | None


def _history(e: _Export) -> _Found:
    """Salesforce field histories (LeadHistory, OpportunityFieldHistory), then
    OpportunityHistory, by API names or report labels."""
    c = e.c
    if c.has("field", "newvalue"):
        lead = c.has("leadid")
        return e.made("salesforce-lead-history" if lead else "salesforce-field-history",
                      c.find(("leadid", "opportunityid", "contactid", "parentid", "id")),
                      stage=c.by_key["newvalue"], date=c.find(HISTORY_DATE_KEYS),
                      where={c.by_key["field"]: "Status" if lead else "StageName"})
    if c.has("opportunityid", "stagename") or (c.has("opportunityid", "stage")
                                                and not e.closed()):
        return e.made("salesforce-opportunity-history", c.by_key["opportunityid"],
                      stage=c.find(("stagename", "stage")), date=c.find(HISTORY_DATE_KEYS))
    return None


def _hubspot(e: _Export) -> _Found:
    c = e.c
    if any(_BECAME.match(h.strip()) for h in c.header):
        return e.made("hubspot-contacts", c.find(("recordid", "contactid", "id")),
                      enters=e.wide())
    deal_stage = c.find(("dealstage",))
    if deal_stage or any(_ENTERED.match(h.strip()) for h in c.header):
        id_ = c.find(("recordid", "dealid", "id"))
        if not deal_stage:
            return e.made("hubspot-deals", id_, enters=e.wide())
        return e.made("hubspot-deals", id_, stage=deal_stage, date=e.closed(),
                      enters={**dict.fromkeys(e.first, e.created()), **e.wide()})
    return None


def _datasets(e: _Export) -> _Found:
    """Maven's sales pipeline; Olist's marketing qualified leads and closed deals."""
    c, plan = e.c, e.plan
    if c.has("opportunityid", "dealstage") or c.has("opportunityid", "engagedate"):
        return e.made("maven-pipeline", c.by_key["opportunityid"], stage=c.find(STAGE_KEYS),
                      date=e.closed(), enters=dict.fromkeys(e.first, e.created()))
    if not c.has("mqlid"):
        return None
    if c.has("wondate"):
        return e.made("olist-deals", c.by_key["mqlid"],
                      enters={plan[-1]: c.by_key["wondate"]} if plan else {})
    target = match_stage("MQL", plan, e.names) if plan else ""
    stage = target if target in plan else (plan[0] if plan else "")
    return e.made("olist-leads", c.by_key["mqlid"],
                  enters={stage: e.created()} if stage else {})


def _records(e: _Export) -> _Found:
    """Salesforce Opportunity and Lead exports (a record's current stage), then any file
    with a stage column, then any with stage date columns."""
    c = e.c
    stage_col = c.find(STAGE_KEYS)
    id_ = c.find(ID_KEYS) or _first_id(c.header)
    created, closed = e.created(), e.closed()
    if stage_col and c.find(("stagename", "stage", "opportunitystage")) and (
            closed or c.has("id")):
        return e.made("salesforce-opportunity", id_, stage=stage_col, date=closed or created,
                      enters=dict.fromkeys(e.first, created) if closed else {})
    if stage_col and c.find(("status", "leadstatus")):
        date = c.find(("lastmodifieddate", "statuschangedate", "converteddate")) or created
        return e.made("salesforce-lead", id_, stage=stage_col, date=date,
                      enters=dict.fromkeys(e.first, created) if date != created else {})
    if stage_col:
        dates = [h for h in c.header if _DATE_WORDS.search(h) or "date" in h.lower()]
        return e.made("generic-long", id_, stage=stage_col, date=dates[0] if dates else None)
    wide = e.wide()
    return e.made("generic-wide" if wide else "unknown", id_, enters=wide)


_RULES = (_history, _datasets, _hubspot, _records)


def _recognise(c: _Columns, path: str, plan: Sequence[str],
               names: Sequence[str]) -> tuple[str, FileMapping]:
    export = _Export(c, path, plan, names)
    for rule in _RULES:
        found = rule(export)
        if found is not None:
            return found
    raise AssertionError("the last rule always answers")


def _first_id(header: Sequence[str]) -> str | None:
    return next((h for h in header if key(h).endswith("id")), None)


__all__ = ["KINDS", "Guess", "guess_file", "guess_handoffs", "guess_stage_column",
           "guess_stages", "handoff_columns", "shape_of", "stage_columns", "stage_values"]
