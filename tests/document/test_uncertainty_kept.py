"""A plan file's [uncertainty] settings survive everything that writes the plan again:
the writer, a save from the app's document, the autosave's text."""

from __future__ import annotations

import tomllib
from pathlib import Path

from alignplanner.contract import reader, writer
from alignplanner.document import files
from alignplanner.document.document import PlanDocument
from alignplanner.domain.uncertainty.settings import Uncertainty
from alignplanner.resources import scenario_path

STATED = """
[uncertainty]
seed = 5
draws = 3000
observations = { sql = 400 }
deal_size_p10 = 25000
deal_size_p90 = 50000
"""
WRITTEN = {"seed": 5, "draws": 3000, "observations": {"sql": 400.0},
           "deal_size_p10": 25000.0, "deal_size_p90": 50000.0}


def _loaded() -> reader.LoadedPlan:
    text = Path(scenario_path("midmarket-saas")).read_text(encoding="utf-8")
    return reader.loads(text + STATED)


def test_the_writer_writes_what_was_read() -> None:
    loaded = _loaded()
    text = writer.dumps(loaded.plan, loaded.result, loaded.extras)
    assert tomllib.loads(text)["uncertainty"] == WRITTEN
    assert reader.loads(text).uncertainty == loaded.uncertainty


def test_defaults_write_no_table() -> None:
    loaded = _loaded()
    text = writer.dumps(loaded.plan, loaded.result,
                         loaded.extras.with_changes(uncertainty=Uncertainty()))
    assert "uncertainty" not in tomllib.loads(text)


def test_a_save_from_the_document_keeps_the_settings(tmp_path: Path, qapp: object) -> None:
    loaded = _loaded()
    document = PlanDocument(loaded.plan, None, loaded.result)
    document.load(loaded.plan, None, loaded.result, loaded.extras)
    path = tmp_path / "saved.toml"
    files.save_plan(path, document.plan, document.result, document.extras)
    assert reader.load(path).uncertainty == loaded.uncertainty
    assert document.uncertainty.seed == 5
