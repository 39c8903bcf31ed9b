"""The stage table's columns: titles, help, the value each shows for editing, and the
plan edit that a new value makes (percent columns are converted to shares here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.plan.funnel import Stage
from alignplanner.domain.plan.plan import Plan


@dataclass(frozen=True)
class Column:
    title: str
    key: str  # the stage field (merge keys and refusal messages use it)
    help: str
    numeric: bool = False
    undo_name: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("Stage", "name", "The stage's name as everyone in the room will say it", False,
           "name"),
    Column("Id", "id", "The stage's id in the plan file and the CRM (a-z, 0-9, '_', '-')",
           False, "id"),
    Column("Owner", "owner", "The team that works this stage", False, "owner"),
    Column("Conversion %", "conversion",
           "Share of the units entering this stage that go on to the next stage", True,
           "conversion"),
    Column("Days", "days", "Average days from entering this stage to entering the next one",
           True, "days"),
    Column("Recycle to", "recycle.to",
           "Where units that do not convert go back to (this stage or one above it)", False,
           "recycling"),
    Column("Recycle %", "recycle.share", "Share of the units that do not convert that come back",
           True, "recycle share"),
    Column("Recycle after days", "recycle.after_days",
           "Days after entering this stage that recycled units re-enter", True,
           "recycle delay"),
    Column("Definition", "definition", "What this stage means, in words both teams sign",
           False, "definition"),
    Column("Entry criteria", "entry_criteria", "What must be true for a unit to enter this stage",
           False, "entry criteria"),
    Column("Exit criteria", "exit_criteria", "What makes a unit leave this stage, either way",
           False, "exit criteria"),
)
(NAME, ID, OWNER, CONVERSION, DAYS, RECYCLE_TO, RECYCLE_SHARE, RECYCLE_DAYS,
 DEFINITION, ENTRY, EXIT) = range(len(COLUMNS))
NOT_ON_WON = frozenset({CONVERSION, DAYS, RECYCLE_TO, RECYCLE_SHARE, RECYCLE_DAYS})
RECYCLE_DETAILS = frozenset({RECYCLE_SHARE, RECYCLE_DAYS})
TEXT = frozenset({DEFINITION, ENTRY, EXIT})
_TEXT_FIELDS = {DEFINITION: "definition", ENTRY: "entry_criteria", EXIT: "exit_criteria"}


def to_percent(share: float) -> float:
    """0.385 -> 38.5 without the float noise of 0.385 * 100."""
    return round(share * 100, 9)


def edit_value(stage: Stage, column: int) -> str | float:
    """The value an editor starts from (percent for shares, "" for no recycle target)."""
    recycle = stage.recycle
    values: dict[int, str | float | None] = {
        NAME: stage.name, ID: stage.id, OWNER: stage.owner,
        CONVERSION: None if stage.conversion is None else to_percent(stage.conversion),
        DAYS: stage.days,
        RECYCLE_TO: recycle.to if recycle else "",
        RECYCLE_SHARE: to_percent(recycle.share) if recycle else None,
        RECYCLE_DAYS: recycle.after_days if recycle else None,
    }
    if column in _TEXT_FIELDS:
        return str(getattr(stage, _TEXT_FIELDS[column]))
    value = values[column]
    return "" if value is None else value


def transform(stage: Stage, row: int, column: int, value: object) -> Callable[[Plan], Plan]:
    """The plan edit that sets ``column`` of the stage at ``row`` to ``value``.
    Raises ValueError or TypeError when a number column gets something else."""
    if column in (CONVERSION, DAYS, RECYCLE_TO, RECYCLE_SHARE, RECYCLE_DAYS):
        return _rate_transform(stage, row, column, value)
    text = str(value).strip() if column in (NAME, ID) else str(value)
    if column == NAME:  # an id made of the name follows it
        return lambda p: stage_edits.rename_stage(p, row, text)
    field = {NAME: "name", ID: "id", OWNER: "owner", **_TEXT_FIELDS}[column]
    return lambda p: stage_edits.set_stage(p, row, **{field: text})


def _rate_transform(stage: Stage, row: int, column: int,
                    value: object) -> Callable[[Plan], Plan]:
    if column == RECYCLE_TO:
        to = str(value or "") or None
        share, after = (stage.recycle.share, stage.recycle.after_days) if stage.recycle else (
            0.0, 0.0)
        return lambda p: stage_edits.set_recycle(p, row, to, share, after)
    number = float(value)  # type: ignore[arg-type]
    if column == CONVERSION:
        return lambda p: stage_edits.set_stage(p, row, conversion=number / 100)
    if column == DAYS:
        return lambda p: stage_edits.set_stage(p, row, days=number)
    recycle = stage.recycle
    if recycle is None:
        raise ValueError("no recycle target")
    share = number / 100 if column == RECYCLE_SHARE else recycle.share
    after = number if column == RECYCLE_DAYS else recycle.after_days
    return lambda p: stage_edits.set_recycle(p, row, recycle.to, share, after)
