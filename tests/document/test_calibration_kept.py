"""Where calibrated numbers came from: the plan file's [[calibration]] entries and a
stage's lag as monthly mass, read, written and kept by the document; accepting them is
one undo step for the plan and its provenance together."""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from alignplanner.contract import exports, reader, writer
from alignplanner.contract.errors import PlanFileError
from alignplanner.document import files
from alignplanner.document.document import PlanDocument
from alignplanner.domain.calibration.provenance import Calibrated, HistoryFile, Provenance
from alignplanner.domain.edits.stages import set_stage
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.problems import PlanInvalid
from alignplanner.resources import scenario_path

DIGEST = "ab" * 32
ENTRY = Calibrated("stages.mql.conversion", 0.5123, 0.49, 0.53, 812, "matured",
                   date(2026, 11, 30), date(2026, 12, 7), (HistoryFile("leads.csv", DIGEST),))


def _text() -> str:
    return Path(scenario_path("midmarket-saas")).read_text(encoding="utf-8")


def test_a_file_without_calibration_writes_the_same_bytes() -> None:
    loaded = reader.loads(_text())
    assert loaded.extras.calibration == Provenance()
    again = writer.dumps(loaded.plan, loaded.result, loaded.extras)
    assert writer.dumps(reader.loads(again).plan, reader.loads(again).result,
                        reader.loads(again).extras) == again
    assert "calibration" not in tomllib.loads(again)
    assert "lag" not in again


def test_entries_and_a_lag_mass_round_trip() -> None:
    loaded = reader.loads(_text())
    plan = set_stage(loaded.plan, 1, lag=(0.25, 0.5, 0.25), days=30.4)
    extras = loaded.extras.with_changes(calibration=Provenance((ENTRY,)))
    text = writer.dumps(plan, compute(plan), extras)
    raw = tomllib.loads(text)
    assert raw["stages"][1]["lag"] == [0.25, 0.5, 0.25]
    assert raw["calibration"] == [{
        "key": "stages.mql.conversion", "value": 0.5123, "low": 0.49, "high": 0.53, "n": 812,
        "method": "matured", "as_of": date(2026, 11, 30), "accepted": date(2026, 12, 7),
        "files": [{"name": "leads.csv", "sha256": DIGEST}]}]
    again = reader.loads(text)
    assert again.extras.calibration == Provenance((ENTRY,))
    assert again.plan.stages[1].lag == (0.25, 0.5, 0.25)
    exported = json.loads(exports.render("json", again.plan, again.result, again.extras))
    assert exported["calibration"][0]["as_of"] == "2026-11-30"
    assert "calibration" in tomllib.loads(exports.render("toml", again.plan, again.result,
                                                         again.extras))


def test_a_bad_entry_names_its_field_and_line() -> None:
    bad = _text() + """
[[calibration]]
key = "stages.mql.conversion"
value = 0.5
low = 0.4
high = 0.6
n = 10
method = "guessed"
as_of = 2026-11-30
accepted = 2026-12-07
files = [{ name = "a.csv", sha256 = "nothex" }]
"""
    with pytest.raises(PlanFileError) as caught:
        reader.loads(bad)
    said = str(caught.value)
    assert "calibration[0].method" in said
    assert "guessed" in said
    assert "calibration[0].files[0].sha256" in said


def test_provenance_refuses_paths_and_twice_the_same_key() -> None:
    with pytest.raises(PlanInvalid, match="without folders"):
        HistoryFile("exports/leads.csv", DIGEST)
    with pytest.raises(PlanInvalid, match="calibrated twice"):
        Provenance((ENTRY, ENTRY))
    newer = replace(ENTRY, value=0.6)
    assert Provenance((ENTRY,)).with_entries([newer]).entries == (newer,)


def test_one_undo_step_puts_back_the_plan_and_its_provenance(qapp: object,
                                                             tmp_path: Path) -> None:
    loaded = reader.loads(_text())
    document = PlanDocument(loaded.plan, None, loaded.result)
    document.load(loaded.plan, None, loaded.result, loaded.extras)
    problems = document.edit_with_extras(
        "Accept calibration", lambda p: set_stage(p, 1, conversion=0.5123),
        lambda e: e.with_changes(calibration=e.calibration.with_entries([ENTRY])))
    assert problems == []
    assert document.plan.stages[1].conversion == 0.5123
    assert document.extras.calibration.entries == (ENTRY,)
    path = tmp_path / "saved.toml"
    files.save_plan(path, document.plan, document.result, document.extras)
    assert reader.load(path).extras.calibration.entries == (ENTRY,)
    document.undo_stack.undo()
    assert document.plan == loaded.plan
    assert document.extras.calibration == Provenance()
    document.undo_stack.redo()
    assert document.extras.calibration.entries == (ENTRY,)
    refused = document.edit_with_extras(
        "Accept", lambda p: set_stage(p, 1, conversion=0.0), lambda e: e)
    assert refused
    assert refused[0].path[-1] == "conversion"
    assert document.undo_stack.count() == 1


def test_the_json_export_with_entries_and_a_lag_validates_against_the_schema() -> None:
    from jsonschema import Draft202012Validator

    from alignplanner.resources import resource_path

    loaded = reader.loads(_text())
    plan = set_stage(loaded.plan, 1, lag=(0.25, 0.5, 0.25), days=30.4)
    extras = loaded.extras.with_changes(calibration=Provenance((ENTRY,)))
    exported = json.loads(exports.render("json", plan, compute(plan), extras))
    schema = json.loads(resource_path("plan.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(exported)) == []
    broken = {**exported, "calibration": [{**exported["calibration"][0], "method": "guess"}]}
    assert list(validator.iter_errors(broken))
