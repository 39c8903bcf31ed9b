"""Guessing what an export's columns mean, from generated headers (no files, no Qt).

The headers are those the CRMs write (Salesforce API names and report labels, HubSpot's
labels and internal names) and those of public datasets (Maven's CRM Sales
Opportunities, Olist's marketing funnel), typed here from their documentation.
"""

from __future__ import annotations

import pytest

from alignplanner.contract.actuals.guess import Guess, guess_file, guess_stages, stage_columns
from alignplanner.contract.actuals.sniff import Preview
from alignplanner.contract.actuals.stage_match import key, match_stage

PLAN = ("inquiry", "mql", "sal", "sql", "opportunity", "won")
NAMES = ("Inquiry", "Marketing qualified lead", "Sales accepted lead", "Sales qualified lead",
         "Opportunity", "Closed won")


def preview(header: str, *rows: str) -> Preview:
    split = tuple(header.split(","))
    return Preview("export.csv", "csv", "utf-8", ",", split,
                   tuple(tuple(r.split(",")) for r in rows))


def guess(header: str, *rows: str, plan: tuple[str, ...] = PLAN,
          names: tuple[str, ...] = NAMES) -> Guess:
    return guess_file(preview(header, *rows), plan, names)


# -- keys and stage values ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["Opportunity ID", "opportunity_id", "OpportunityId",
                                  " Opportunity-Id "])
def test_key_forgets_case_spaces_and_punctuation(text: str) -> None:
    assert key(text) == "opportunityid"


@pytest.mark.parametrize(("value", "meant"), [
    ("Closed Won", "won"), ("Won", "won"), ("closedwon", "won"), ("Cerrada ganada", "won"),
    ("Customer", "won"), ("customer", "won"),
    ("Closed Lost", "lost"), ("Lost", "lost"), ("closedlost", "lost"),
    ("Disqualified", "lost"), ("Unqualified", "lost"), ("Cerrada perdida", "lost"),
    ("Closed - Not Converted", "lost"),
    ("MQL", "mql"), ("Marketing Qualified Lead", "mql"), ("marketingqualifiedlead", "mql"),
    ("SQL", "sql"), ("salesqualifiedlead", "sql"), ("Sales Qualified Lead", "sql"),
    ("SAL", "sal"), ("Sales Accepted", "sal"), ("Opportunity", "opportunity"),
    ("opportunity", "opportunity"), ("Lead", "inquiry"), ("lead", "inquiry"),
    ("Inquiry", "inquiry"), ("Needs Analysis", ""), ("Appointment scheduled", ""),
    ("Other", "ignore"),
])
def test_stage_values_mean_plan_stages(value: str, meant: str) -> None:
    assert match_stage(value, PLAN, NAMES) == meant


def test_abbreviations_in_a_stage_name_count() -> None:
    plan = ("engaged", "mqa", "meeting", "sql", "proposal", "won")
    names = ("Engaged account", "Marketing qualified account", "First meeting held (SAL)",
             "Sales qualified lead", "Proposal and negotiation", "Closed won")
    got = guess_stages(["SAL", "Proposal/Price Quote", "Negotiation/Review", "Engaging",
                        "Marketing Qualified Account", "Closed Won"], plan, names)
    assert got == {"SAL": "meeting", "Proposal/Price Quote": "proposal",
                   "Negotiation/Review": "proposal", "Engaging": "engaged",
                   "Marketing Qualified Account": "mqa", "Closed Won": "won"}


def test_ids_alone_are_enough_and_unknown_values_are_left_blank() -> None:
    got = guess_stages(["mql", "MQL", "Prospecting", "Qualification"], PLAN)
    assert got == {"mql": "mql", "MQL": "mql", "Prospecting": "", "Qualification": ""}


def test_values_the_plan_names_win() -> None:
    got = guess_stages(["Qualification"], PLAN, NAMES, known={"Qualification": "sql"})
    assert got == {"Qualification": "sql"}


def test_no_plan_knows_nothing() -> None:
    assert guess_stages(["Won", "x"], ()) == {"Won": "", "x": ""}


def test_each_value_once_in_first_seen_order() -> None:
    assert list(guess_stages(["b", "a", "b", "a"], PLAN)) == ["b", "a"]


# -- Salesforce ------------------------------------------------------------------------------


def test_salesforce_opportunity_history() -> None:
    g = guess("Id,OpportunityId,CreatedById,CreatedDate,StageName,Amount,ExpectedRevenue,"
              "CloseDate,Probability,ForecastCategory",
              "008a,006a,005x,2024-01-02T10:00:00.000Z,Prospecting,1000,100,2024-03-01,10,Pipeline",
              "008b,006a,005x,2024-02-02T10:00:00.000Z,Closed Won,1000,1000,2024-03-01,100,Closed")
    assert g.kind == "salesforce-opportunity-history"
    assert g.shape == "long"
    f = g.file
    assert (f.id, f.stage, f.date, f.amount) == ("OpportunityId", "StageName", "CreatedDate",
                                                 "Amount")
    assert dict(f.enters) == {}
    assert dict(f.where) == {}
    assert dict(g.stages) == {"Prospecting": "", "Closed Won": "won"}


def test_salesforce_opportunity_snapshot() -> None:
    g = guess("Id,Name,StageName,Amount,CloseDate,CreatedDate,LeadSource",
              "006a,Acme,Closed Lost,500,2024-03-01,2024-01-01,Web")
    assert g.kind == "salesforce-opportunity"
    f = g.file
    assert (f.id, f.stage, f.date, f.source, f.amount) == ("Id", "StageName", "CloseDate",
                                                           "LeadSource", "Amount")
    assert dict(f.enters) == {"inquiry": "CreatedDate"}
    assert dict(g.stages) == {"Closed Lost": "lost"}


def test_salesforce_lead() -> None:
    g = guess("Id,FirstName,LastName,Company,Status,LeadSource,CreatedDate",
              "00Qa,Ann,Lee,Acme,Marketing Qualified,Web,2024-01-01")
    assert g.kind == "salesforce-lead"
    f = g.file
    assert (f.id, f.stage, f.date, f.source) == ("Id", "Status", "CreatedDate", "LeadSource")
    assert dict(g.stages) == {"Marketing Qualified": "mql"}


def test_salesforce_lead_history_keeps_the_status_rows() -> None:
    g = guess("Id,IsDeleted,LeadId,CreatedById,CreatedDate,Field,DataType,OldValue,NewValue",
              "017a,false,00Qa,005x,2024-01-03,Status,Text,Open,MQL",
              "017b,false,00Qa,005x,2024-01-04,Owner,Text,Ann,Bob",
              "017c,false,00Qa,005x,2024-01-05,Status,Text,MQL,Unqualified")
    assert g.kind == "salesforce-lead-history"
    f = g.file
    assert (f.id, f.stage, f.date) == ("LeadId", "NewValue", "CreatedDate")
    assert dict(f.where) == {"Field": "Status"}
    assert dict(g.stages) == {"MQL": "mql", "Unqualified": "lost"}  # not the owners' names


def test_salesforce_report_labels() -> None:
    g = guess("Opportunity Name,Opportunity ID,Stage,Amount,Created Date,Close Date,Lead Source",
              "Acme,006a,Closed Won,10,1/2/2024,3/1/2024,Partner")
    assert g.kind == "salesforce-opportunity"
    f = g.file
    assert (f.id, f.stage, f.date, f.source, f.amount) == (
        "Opportunity ID", "Stage", "Close Date", "Lead Source", "Amount")
    assert dict(f.enters) == {"inquiry": "Created Date"}


def test_salesforce_history_report_labels() -> None:
    g = guess("Opportunity ID,Stage,Amount,Created Date", "006a,Won,10,1/2/2024")
    assert g.kind == "salesforce-opportunity-history"
    assert (g.file.id, g.file.stage, g.file.date) == ("Opportunity ID", "Stage", "Created Date")


# -- HubSpot ---------------------------------------------------------------------------------


def test_hubspot_contacts_are_wide_by_meaning() -> None:
    g = guess("Record ID,First Name,Last Name,Email,Lifecycle Stage,Original Source,"
              "Became a Lead Date,Became a Marketing Qualified Lead Date,"
              "Became a Sales Qualified Lead Date,Became an Opportunity Date,"
              "Became a Customer Date,Create Date",
              "101,Ann,Lee,a@x.com,customer,Organic Search,2024-01-01,2024-01-05,,,,2024-01-01")
    assert g.kind == "hubspot-contacts"
    assert g.shape == "wide"
    f = g.file
    assert (f.id, f.source, f.stage) == ("Record ID", "Original Source", None)
    assert dict(f.enters) == {
        "inquiry": "Became a Lead Date", "mql": "Became a Marketing Qualified Lead Date",
        "sql": "Became a Sales Qualified Lead Date", "opportunity": "Became an Opportunity Date",
        "won": "Became a Customer Date"}


def test_hubspot_contacts_with_a_contact_id_and_plan_ids_only() -> None:
    g = guess("Contact ID,Original Source,Became a Marketing Qualified Lead Date,"
              "Became a Customer Date", plan=("mql", "sql", "won"), names=())
    assert g.file.id == "Contact ID"
    assert dict(g.file.enters) == {"mql": "Became a Marketing Qualified Lead Date",
                                   "won": "Became a Customer Date"}


def test_hubspot_deals_with_internal_stage_values() -> None:
    g = guess("Record ID,Deal Name,Deal Stage,Pipeline,Amount,Create Date,Close Date,"
              "Original Source",
              "9001,Acme,closedwon,default,1200,2024-01-01,2024-02-01,Paid Search",
              "9002,Beta,closedlost,default,800,2024-01-03,2024-02-11,Paid Search",
              "9003,Gamma,appointmentscheduled,default,500,2024-01-05,,Direct")
    assert g.kind == "hubspot-deals"
    f = g.file
    assert (f.id, f.stage, f.date, f.amount, f.source) == (
        "Record ID", "Deal Stage", "Close Date", "Amount", "Original Source")
    assert dict(f.enters) == {"inquiry": "Create Date"}
    assert dict(g.stages) == {"closedwon": "won", "closedlost": "lost",
                              "appointmentscheduled": ""}


def test_hubspot_deals_date_entered_columns() -> None:
    plan = ("appointment", "qualified", "contract", "won")
    names = ("Appointment scheduled", "Qualified to buy", "Contract sent", "Closed won")
    g = guess("Deal ID,Deal Name,Date entered \"Appointment Scheduled (Sales Pipeline)\","
              "Date entered Qualified To Buy (Sales Pipeline),Date entered Contract Sent,"
              "Date entered Closed Won (Sales Pipeline)", plan=plan, names=names)
    assert g.kind == "hubspot-deals"
    assert g.shape == "wide"
    assert g.file.id == "Deal ID"
    assert dict(g.file.enters) == {
        "appointment": 'Date entered "Appointment Scheduled (Sales Pipeline)"',
        "qualified": "Date entered Qualified To Buy (Sales Pipeline)",
        "contract": "Date entered Contract Sent",
        "won": "Date entered Closed Won (Sales Pipeline)"}


# -- public datasets and generic files -------------------------------------------------------


def test_maven_sales_pipeline() -> None:
    g = guess("opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,"
              "close_value", "1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,"
              "2017-03-01,1054", "Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Engaging,2016-10-25,,")
    assert g.kind == "maven-pipeline"
    f = g.file
    assert (f.id, f.stage, f.date, f.amount) == ("opportunity_id", "deal_stage", "close_date",
                                                 "close_value")
    assert dict(f.enters) == {"inquiry": "engage_date"}
    assert dict(g.stages) == {"Won": "won", "Engaging": ""}


def test_olist_leads_and_deals() -> None:
    leads = guess("mql_id,first_contact_date,landing_page_id,origin",
                  "dac3,2018-02-01,8874,social")
    assert leads.kind == "olist-leads"
    assert (leads.file.id, leads.file.source) == ("mql_id", "origin")
    assert dict(leads.file.enters) == {"mql": "first_contact_date"}
    deals = guess("mql_id,seller_id,sdr_id,sr_id,won_date,business_segment,lead_type")
    assert deals.kind == "olist-deals"
    assert dict(deals.file.enters) == {"won": "won_date"}
    assert deals.file.stage is None


def test_olist_leads_without_an_mql_stage_go_to_the_first() -> None:
    g = guess("mql_id,first_contact_date,origin", plan=("signup", "won"), names=())
    assert dict(g.file.enters) == {"signup": "first_contact_date"}


def test_a_generic_long_file() -> None:
    g = guess("deal,pipeline stage,changed at,owner", "d1,Won,2024-01-01,ann")
    assert g.kind == "generic-long"
    assert (g.file.stage, g.file.date) == ("pipeline stage", "changed at")
    assert g.file.id == ""  # nothing says which column is the id: the person chooses


def test_a_generic_wide_file() -> None:
    g = guess("lead_id,mql_date,sql_date,won_date,created_date")
    assert g.kind == "generic-wide"
    assert g.file.id == "lead_id"
    assert dict(g.file.enters) == {"mql": "mql_date", "sql": "sql_date", "won": "won_date"}


def test_nothing_recognisable() -> None:
    g = guess("a,b,c", "1,2,3")
    assert g.kind == "unknown"
    assert g.file.id == ""
    assert g.file.stage is None
    assert not g.file.enters


def test_stage_columns_first_column_wins_a_stage() -> None:
    got = stage_columns(["Became a Customer Date", "won_date"], PLAN, NAMES)
    assert got == {"won": "Became a Customer Date"}


def test_an_empty_plan_guesses_columns_but_no_stages() -> None:
    g = guess("OpportunityId,StageName,CreatedDate", "006a,Won,2024-01-01", plan=(), names=())
    assert g.file.stage == "StageName"
    assert dict(g.stages) == {"Won": ""}


@pytest.mark.parametrize(("header", "owner"), [
    ("Id,LeadSource,Status,OwnerId,CreatedDate", "OwnerId"),  # Salesforce Lead
    ("opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date",
     "sales_agent"),  # Maven
    ("mql_id,seller_id,sdr_id,sr_id,won_date", "sdr_id"),  # Olist: the SDR answers
    ("Record ID,Deal Stage,Deal owner,Close Date", "Deal owner"),  # HubSpot deals
    ("OpportunityId,CreatedById,CreatedDate,StageName", None),  # who edited is no owner
])
def test_the_owner_column(header: str, owner: str | None) -> None:
    assert guess(header).file.owner == owner
