"""The plan file in the other shapes other systems want: JSON, and CSV for spreadsheets and
BI tools.

- ``toml``: the plan file itself (`writer.dumps`).
- ``json``: exactly the structure of the TOML file (inputs and ``requirements``), dates as
  ISO ``YYYY-MM-DD`` strings (JSON has no date type), the sign-off's date-times as RFC 3339
  strings (``2026-11-23T14:05:00Z``), floats at full precision.
- ``csv``: the monthly requirements in long ("tidy") form, one row per subject and month,
  because BI tools (Power BI, Tableau, Looker, a spreadsheet pivot) filter and pivot long
  tables without reshaping, and a plan with more stages or months keeps the same columns.
  Columns ``kind,id,month,exact,rounded``: ``kind`` is ``stage`` (entries needed at the
  stage, re-entries included; ``rounded`` is ``monthly_rounded``) or ``source`` (net-new
  units the source must bring in at its entry stage; ``rounded`` is empty because the
  engine rounds per stage, not per source); ``month`` is the first day of the month in ISO
  form; ``exact`` is the float at full precision. Comma-separated, ``\\n`` line ends, UTF-8.

Asked to (``simulated``), ``toml`` and ``json`` carry the plan's seeded Monte Carlo too:
``[uncertainty]`` with the settings that reproduce it and its ``results``
(docs/contract.md); the same file and settings give the same numbers.

They carry the file's ``[[calibration]]`` entries (where calibrated numbers came from);
the agreed scenario's export names it (``scenario``).

Every file is written with `atomic_write_text`, so a reader never sees half an export.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, datetime
from typing import Any, Literal

from alignplanner.contract.atomic import atomic_write_text
from alignplanner.contract.extras import extras_values
from alignplanner.contract.write import toml
from alignplanner.contract.write.requirements import requirements_dict
from alignplanner.contract.write.uncertainty import with_results
from alignplanner.contract.write.values import check_finite, rfc3339
from alignplanner.contract.writer import plan_dict
from alignplanner.domain.extras import Extras
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result

__all__ = ["CSV_COLUMNS", "FORMATS", "Format", "contract_dict", "render", "to_csv", "to_json",
           "write"]

Format = Literal["toml", "json", "csv"]
FORMATS: tuple[Format, ...] = ("toml", "json", "csv")
CSV_COLUMNS = ("kind", "id", "month", "exact", "rounded")


def _provenance(extras: Extras | None) -> Extras:
    """What of a file's extras an export carries: where calibrated numbers came from."""
    return Extras() if extras is None else Extras(calibration=extras.calibration)


def contract_dict(plan: Plan, result: Result, extras: Extras | None = None, *,
                  scenario: str = "", simulated: bool = False) -> dict[str, Any]:
    """The exported contract: the plan file's inputs, the calibration entries of
    ``extras``, with ``simulated`` its ``[uncertainty]`` settings and the Monte Carlo's
    results (drawn here with the file's seed), and ``[requirements]`` (naming ``scenario``
    when it is an agreed variant)."""
    if tuple(s.id for s in result.stages) != plan.stage_ids:
        raise ValueError("the result does not belong to this plan (its stages differ)")
    doc = plan_dict(plan)
    doc.update(extras_values(_provenance(extras)))
    if simulated:
        from alignplanner.domain.uncertainty.montecarlo import simulate

        settings = (extras or Extras()).uncertainty
        doc.update(with_results(settings, simulate(plan, settings, result=result)))
    doc["requirements"] = requirements_dict(result)
    if scenario:  # the schema's requirements are open: derived, and may gain keys
        doc["requirements"] = {"scenario": scenario, **doc["requirements"]}
    check_finite(doc, ())
    return doc


def to_json(plan: Plan, result: Result, extras: Extras | None = None, *,
            scenario: str = "", simulated: bool = False) -> str:
    """The plan file's structure as JSON (dates as ISO strings)."""
    doc = contract_dict(plan, result, extras, scenario=scenario, simulated=simulated)
    return json.dumps(_iso_dates(doc), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_csv(plan: Plan, result: Result) -> str:
    """Monthly requirements per stage and per source, long form (see the module docstring)."""
    del plan  # the result carries every id and month; kept for a uniform signature
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    months = [date(m.year, m.month, m.day).isoformat() for m in result.months]
    for stage in result.stages:
        for month, exact, rounded in zip(months, stage.monthly, stage.monthly_rounded,
                                         strict=True):
            writer.writerow(("stage", stage.id, month, repr(float(exact)), int(rounded)))
    for source in result.sources:
        for month, exact in zip(months, source.monthly_new, strict=True):
            writer.writerow(("source", source.id, month, repr(float(exact)), ""))
    return out.getvalue()


def render(fmt: Format, plan: Plan, result: Result, extras: Extras | None = None, *,
           scenario: str = "", simulated: bool = False) -> str:
    """The export of ``plan`` and ``result`` in ``fmt`` as text (see the module docstring);
    ``scenario``: the name of the agreed variant they are ("" for the base)."""
    if fmt == "toml":
        said = f"# Scenario: {scenario} (the agreed scenario)\n" if scenario else ""
        return said + toml.emit(contract_dict(plan, result, extras, simulated=simulated))
    if fmt == "json":
        return to_json(plan, result, extras, scenario=scenario, simulated=simulated)
    if fmt == "csv":
        return to_csv(plan, result)
    raise ValueError(f"unknown export format {fmt!r}; the formats are: {', '.join(FORMATS)}")


def write(path: str | os.PathLike[str], fmt: Format, plan: Plan, result: Result,
          extras: Extras | None = None, *, scenario: str = "", simulated: bool = False) -> None:
    """Write the export atomically to ``path``."""
    atomic_write_text(path, render(fmt, plan, result, extras, scenario=scenario,
                                   simulated=simulated))


def _iso_dates(value: Any) -> Any:
    if isinstance(value, datetime):  # signed_at: RFC 3339 in UTC, 2026-11-23T14:05:00Z
        return rfc3339(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso_dates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_iso_dates(v) for v in value]
    return value
