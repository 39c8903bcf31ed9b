"""Exports for the actuals UI tests, written in tmp_path in the shapes CRMs write, and a
document on a copy of the sample plan (Inquiry, MQL, SAL, SQL, Opportunity, Won)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from alignplanner.document import files
from alignplanner.document.document import PlanDocument
from alignplanner.resources import sample_plan_path

# Salesforce OpportunityHistory: one row per stage change (API names, ISO timestamps).
HEADER = "Id,OpportunityId,CreatedById,CreatedDate,StageName,Amount,CloseDate,Probability"
LADDER = ("Inquiry", "MQL", "Sales Accepted", "SQL", "Opportunity", "Closed Won")


def opportunity_history(path: Path, records: int, *, extra: str | None = None,
                        span: int = 200) -> Path:
    """``records`` opportunities climbing the ladder; record i goes i % 7 steps up (6 is
    a win), every third of those that stop early is lost ("Closed Lost"). ``extra``
    is the stage of one more row, at the end (a value the first rows never show).
    Record i opens on day i % ``span`` from 2024-01-01."""
    start = date(2024, 1, 1)
    lines = [HEADER]
    row = 0
    for i in range(records):
        opened = start + timedelta(days=i % span)
        steps = i % 7
        for k in range(min(steps, 5) + 1):
            day = opened + timedelta(days=9 * k)
            stage = LADDER[k] if steps < 6 or k < 5 else LADDER[5]
            lines.append(f"008{row:07d},006{i:07d},005x,{day}T10:00:00.000Z,{stage},"
                         f"{1000 + i},{opened + timedelta(days=90)},10")
            row += 1
        if steps in (1, 4):
            day = opened + timedelta(days=9 * steps + 5)
            lines.append(f"008{row:07d},006{i:07d},005x,{day}T10:00:00.000Z,Closed Lost,"
                         f"{1000 + i},{opened + timedelta(days=90)},0")
            row += 1
    if extra is not None:
        lines.append(f"008{row:07d},006{records:07d},005x,2024-06-01T10:00:00.000Z,{extra},"
                     "10,2024-09-01,10")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def plan_document(tmp_path: Path) -> PlanDocument:
    path = tmp_path / "q3.toml"
    shutil.copyfile(sample_plan_path(), path)
    loaded, _signature = files.load_plan(path)
    return PlanDocument(loaded.plan, path=path, result=loaded.result)


class FakePrompts:
    """`ActualsPrompts` with scripted answers, recording what was asked."""

    def __init__(self) -> None:
        self.exports: list[Path] = []
        self.mapping_path: Path | None = None
        self.asked: list[str] = []

    def ask_exports(self, start_dir: Path | None) -> list[Path]:
        self.asked.append("exports")
        return list(self.exports)

    def ask_mapping_path(self, suggested: Path | None) -> Path | None:
        self.asked.append("mapping")
        return self.mapping_path
