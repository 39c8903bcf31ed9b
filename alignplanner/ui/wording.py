"""Every word the app's widgets say beyond the domain's: labels, units, tooltips, the
sentences of the SLA cards, how numbers, money and months look on screen (no Qt).

The domain's own words (warnings, SLA months, plurals) are `alignplanner.domain.wording`;
the app uses those and adds its own here, so a copy editor has two places, one per layer.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from alignplanner.contract.actuals.mapping import FileMapping
from alignplanner.domain.advice.operations import worst_month
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import PlanWarning, Result, SlaResult
from alignplanner.domain.sla.sla import Sla

# The warnings' words and the app's numbers must read alike: one definition of each.
from alignplanner.domain.wording import count, plural, role_label
from alignplanner.domain.wording import money as money_exact

# -- numbers, money and months ---------------------------------------------------------------


def percent(x: float) -> str:
    """0.385 -> '38.5%', 0.4 -> '40%'."""
    text = f"{x * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def money(x: float, currency: str = "") -> str:
    """12000000 -> '12.0M USD' style for charts; exact with separators below 10,000."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    if x >= 1e9:
        text = f"{x / 1e9:.2f}B"
    elif x >= 1e6:
        text = f"{x / 1e6:.2f}M"
    elif x >= 1e4:
        text = f"{x / 1e3:.0f}k"
    else:
        text = f"{x:,.0f}"
    return f"{sign}{text} {currency}".strip()


def exact(x: float) -> str:
    """An exact value for a tooltip: 1234.5 -> '1,234.50'."""
    return f"{x:,.2f}"


def month_label(d: date) -> str:
    return d.strftime("%b %Y")


def short_month(d: date) -> str:
    return d.strftime("%b %y")


MONTH_STEPS = (1, 2, 3, 6, 12)


def month_ticks(months: Sequence[date], min_step: float = 1.0) -> list[tuple[float, str]]:
    """"Jan 27"-style labels, every month, or every 2, 3, 6 or 12 months: the smallest of
    these steps that is at least ``min_step`` (how many months one label needs)."""
    step = next((s for s in MONTH_STEPS if s >= min_step), MONTH_STEPS[-1])
    return [(float(i), short_month(d)) for i, d in enumerate(months) if i % step == 0]


# -- teams and the roles that sign -------------------------------------------------------------

TEAM_LABELS: dict[str, str] = {
    "marketing": "Marketing",
    "sdr": "SDR",
    "sales": "Sales",
    "partner": "Partner",
    "custom": "Other",
}


def team_label(owner: str) -> str:
    return TEAM_LABELS.get(owner, owner.title())


SIGNER_LABELS = {
    "marketing": "Marketing", "sales": "Sales", "sdr": "SDR", "partner": "Partner",
    "revops": "RevOps", "finance": "Finance", "customer_success": "Customer success",
    "executive": "Executive",
}


def signer_label(role: str) -> str:
    """A sign-off role for people: ``customer_success`` -> ``Customer success``."""
    return SIGNER_LABELS.get(role, role.replace("_", " ").capitalize())


# -- hover texts of the charts -------------------------------------------------------------


def stage_tooltip(plan: Plan, result: Result, index: int,
                  warnings: Sequence[PlanWarning] = ()) -> str:
    """Every exact number of one stage of the waterfall."""
    stage, sr = plan.stages[index], result.stages[index]
    lines = [
        f"{stage.name}  ({team_label(stage.owner)})",
        f"Volume (exact): {exact(sr.volume)}",
        f"Rounded: {sr.rounded:,}",
        f"New: {exact(sr.new)}",
        f"Recycled: {exact(sr.recycled)}",
        f"Pre-plan: {exact(sr.pre_plan)}",
    ]
    if stage.conversion is not None and index + 1 < len(plan.stages):
        lines.append(f"Converts to {plan.stages[index + 1].name}: {percent(stage.conversion)}")
    lines += [f"! {w.message}" for w in warnings]
    return "\n".join(lines)


def month_tooltip(plan: Plan, result: Result, stage_ids: Sequence[str], month: int) -> str:
    """Exact values of plan month ``month`` (-1: what must exist before the plan starts)."""
    if month < 0:
        lines = [f"Before {month_label(result.months[0])}: pipeline needed at the start"]
        for stage_id in stage_ids:
            i = plan.stage_index(stage_id)
            lines.append(f"{plan.stages[i].name}: {result.stages[i].pre_plan:,.2f}")
        return "\n".join(lines)
    currency = plan.currency
    lines = [month_label(result.months[month]),
             f"Revenue target: {money(result.target_monthly[month], currency)}"]
    if result.pipeline_monthly[month] > 0:
        lines.append("  of which existing pipeline: "
                     f"{money(result.pipeline_monthly[month], currency)}")
    for stage_id in stage_ids:
        i = plan.stage_index(stage_id)
        sr = result.stages[i]
        lines.append(f"{plan.stages[i].name}: {sr.monthly[month]:,.2f} "
                     f"(rounded {sr.monthly_rounded[month]:,})")
    return "\n".join(lines)


# -- the SLA cards and the team's capacity ------------------------------------------------------

WINDOW_UNITS = (("business hours", "hours"), ("business minutes", "minutes"))
LAPSE_CHOICES = (("counted as accepted", "accept"), ("returned to the passing team", "return"))


def parse_codes(text: str) -> tuple[str, ...]:
    """ "no-budget, wrong-fit" -> ("no-budget", "wrong-fit")."""
    return tuple(c.strip() for c in text.replace(";", ",").split(",") if c.strip())


def stage_name(plan: Plan, stage_id: str) -> str:
    ids = plan.stage_ids
    return plan.stages[ids.index(stage_id)].name if stage_id in ids else stage_id


def reps(plan: Plan, role_id: str) -> str:
    """ "SDRs" for role ``sdr`` (its name when it has one)."""
    try:
        return role_label(plan.role(role_id))
    except KeyError:
        return role_id


def passing_team(plan: Plan, sla: Sla) -> str:
    """The team that owns the stage the SLA's units arrive in ("Marketing")."""
    ids = plan.stage_ids
    owner = plan.stages[ids.index(sla.from_stage)].owner if sla.from_stage in ids else "custom"
    return team_label(owner)


def sla_title(plan: Plan, sla: Sla) -> str:
    """ "Marketing passes MQLs to SDRs"."""
    units = plural(stage_name(plan, sla.from_stage))
    return f"{passing_team(plan, sla)} passes {units} to {reps(plan, sla.role)}"


@dataclass(frozen=True)
class Feasibility:
    """The card's verdict: kept in every month or not, and the sentence to show."""

    ok: bool
    text: str


def sla_verdict(plan: Plan, result: Result, index: int) -> Feasibility | None:
    """The verdict for SLA ``index`` from the engine's result (None if not computed)."""
    if index >= len(result.slas) or index >= len(plan.slas):
        return None
    sla: SlaResult = result.slas[index]
    months = sla.months
    if not months:
        return None
    failing = sla.failing_months
    if failing:
        # the month the engine's warning quotes: one story on the card and below it
        worst = worst_month(months)
        head = (
            f"Fails in {len(failing)} of {len(months)} months. "
            f"Worst, {plan.month_start(worst):%B %Y}: "
        )
        return Feasibility(False, head + months[worst].message)
    answered = [m for m, month in enumerate(months) if month.entries > 0]
    if not answered:
        return Feasibility(True, months[0].message)
    tightest = min(answered, key=lambda m: (months[m].service_level, m))
    head = f"Kept in all {len(months)} months. Tightest, {plan.month_start(tightest):%B %Y}: "
    return Feasibility(True, head + months[tightest].message)


def article(noun: str) -> str:
    """ "a" or "an" as the noun is said: "an MQL", "a SAL", "an opportunity", "a lead"."""
    if not noun:
        return "a"
    word = noun.split(maxsplit=1)[0]
    if word.isupper() and len(word) > 1:  # an acronym, said letter by letter
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[0].lower() in "aeiou" else "a"


def hours_text(hours: float) -> str:
    return f"{hours:g} business hour{'' if hours == 1 else 's'}"


def capacity_line(plan: Plan, result: Result, index: int) -> Feasibility | None:
    """One role's capacity in a sentence: enough every month, or how short and when to
    hire (from the engine's capacity plan)."""
    if index >= len(plan.roles) or index >= len(result.capacity):
        return None
    role, cap = plan.roles[index], result.capacity[index]
    label = role_label(role)
    short = cap.short_months
    if not short:
        spare = min(range(len(cap.gap)), key=lambda m: cap.gap[m], default=0)
        return Feasibility(
            True,
            f"{label} can handle what the plan needs in every month "
            f"(tightest, {plan.month_start(spare):%B %Y}: "
            f"{cap.effective_reps[spare]:.1f} ramped {label} for "
            f"{cap.reps_needed[spare]:.1f} needed).",
        )
    worst = min(short, key=lambda m: cap.gap[m])
    hire = cap.hire_by[min(short)]
    assert hire is not None
    before = " (before the plan starts)" if hire < 0 else ""
    return Feasibility(
        False,
        f"{label} are short in {len(short)} of {len(cap.gap)} months. "
        f"Worst, {plan.month_start(worst):%B %Y}: "
        f"{cap.effective_reps[worst]:.1f} ramped {label} for "
        f"{cap.reps_needed[worst]:.1f} needed. New hires must start by "
        f"{plan.month_start(hire):%B %Y}{before}.",
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
               "amount": "Amount", "date_order": "Dates written as"}
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
             "amount": "The column holding the deal amount"}
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


def explain_mapping(kind: str, file: FileMapping,
                    stage_names: MappingABC[str, str]) -> list[str]:
    """What a file's mapping means, one plain sentence each (``stage_names``: plan stage
    id -> name)."""
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


__all__ = [
    "ACTUALS_FILTER", "ACTUALS_LABELS", "ACTUALS_TAB", "ACTUALS_TITLE", "ADD_FILE_BUTTON",
    "ALL_SOURCES", "AS_OF_LABEL", "AS_OF_TIP", "CANCELLED", "CHOOSE", "DATE_ORDER_LABELS",
    "IGNORE_LABEL", "IMPORT_ACTUALS", "IMPORT_ACTUALS_TIP", "IMPORT_BUTTON", "KIND_WORDS",
    "LAPSE_CHOICES", "LOST_LABEL", "MAPPING_FILTER", "NOT_IMPORTED", "NO_ACTUALS", "NO_COLUMN",
    "READING", "REMOVE_FILE_BUTTON", "ROLE_LABELS", "ROLE_TIPS", "SAVE_MAPPING_BUTTON",
    "SHAPE_LABELS", "SIGNER_LABELS", "STAGE_TABLE_TITLES", "TEAM_LABELS", "TRANSITION_HELP",
    "TRANSITION_TITLES", "UNMAPPED", "WINDOW_UNITS", "Feasibility", "actuals_heading", "article",
    "capacity_line", "count", "days_text", "enters_caption", "exact", "explain_mapping",
    "file_line", "hours_text", "interval_text", "money", "money_exact", "month_label",
    "month_ticks", "month_tooltip", "parse_codes", "passing_team", "percent", "plural",
    "rate_with_n", "reps", "role_label", "short_month", "signer_label", "sla_title", "sla_verdict",
    "stage_name", "stage_tooltip", "team_label"
]
