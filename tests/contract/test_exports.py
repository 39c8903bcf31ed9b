"""Exports: JSON is the TOML file's structure with ISO dates; CSV is long-form monthly
requirements whose sums match the requirements."""

from __future__ import annotations

import csv
import io
import json
import math
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from plan_edits import SCENARIOS

from alignplanner.contract.exports import CSV_COLUMNS, render, to_csv, to_json, write
from alignplanner.contract.reader import load
from alignplanner.contract.writer import dumps


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_json_has_the_values_tomllib_reads_from_the_toml(path: Path) -> None:
    loaded = load(path)
    from_toml = tomllib.loads(dumps(loaded.plan, loaded.result))
    from_json = json.loads(to_json(loaded.plan, loaded.result))
    assert from_json == _iso(from_toml)
    assert list(from_json) == list(from_toml)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_csv_is_long_form_and_sums_match_the_requirements(path: Path) -> None:
    loaded = load(path)
    result = loaded.result
    rows = list(csv.DictReader(io.StringIO(to_csv(loaded.plan, result))))
    assert rows
    assert tuple(rows[0]) == CSV_COLUMNS
    months = {m.isoformat() for m in result.months}
    assert {r["month"] for r in rows} == months
    for stage in result.stages:
        mine = [r for r in rows if r["kind"] == "stage" and r["id"] == stage.id]
        assert len(mine) == len(result.months)
        assert sum(int(r["rounded"]) for r in mine) == sum(stage.monthly_rounded)
        assert math.fsum(float(r["exact"]) for r in mine) == pytest.approx(math.fsum(stage.monthly))
    for source in result.sources:
        mine = [r for r in rows if r["kind"] == "source" and r["id"] == source.id]
        # exact: the CSV writes each float so that reading it gives back the same float
        assert [float(r["exact"]) for r in mine] == list(source.monthly_new)
        assert all(r["rounded"] == "" for r in mine)


def test_toml_is_the_plan_file_and_write_is_atomic_to_a_path(tmp_path: Path) -> None:
    loaded = load(SCENARIOS[0])
    assert render("toml", loaded.plan, loaded.result) == dumps(loaded.plan, loaded.result)
    for fmt in ("toml", "json", "csv"):
        out = tmp_path / f"out.{fmt}"
        write(out, fmt, loaded.plan, loaded.result)
        assert out.read_text("utf-8") == render(fmt, loaded.plan, loaded.result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.json", "out.toml"]
    with pytest.raises(ValueError, match="unknown export format"):
        render("xml", loaded.plan, loaded.result)  # type: ignore[arg-type]
