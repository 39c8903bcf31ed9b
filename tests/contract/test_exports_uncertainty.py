"""The exported contract's ``[uncertainty]``: with the plan file's settings given, a toml
or json export carries the settings that reproduce the Monte Carlo and its ``results``,
drawn by the domain with the file's seed (the same file gives the same numbers); without
them the export is byte for byte what it was. Readers skip the results."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from alignplanner.cli import main
from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.exports import render
from alignplanner.contract.reader import load, loads
from alignplanner.contract.write.uncertainty import results_dict
from alignplanner.contract.writer import dumps
from alignplanner.domain.extras import Extras
from alignplanner.domain.uncertainty.montecarlo import simulate
from alignplanner.domain.uncertainty.settings import Uncertainty
from alignplanner.resources import resource_path, scenario_path

SETTINGS = Uncertainty(seed=5, draws=1_500, observations={"sql": 400})


def _sample():  # type: ignore[no-untyped-def]
    return load(scenario_path("midmarket-saas"))


def test_the_toml_export_carries_the_settings_and_the_domains_results() -> None:
    loaded = _sample()
    text = render("toml", loaded.plan, loaded.result, Extras(uncertainty=SETTINGS), simulated=True)
    table = tomllib.loads(text)["uncertainty"]
    assert (table["seed"], table["draws"], table["observations"]) == (5, 1_500, {"sql": 400})
    expected = results_dict(simulate(loaded.plan, SETTINGS, result=loaded.result))
    assert table["results"] == expected
    assert table["results"]["seed"] == 5
    assert 0.0 <= table["results"]["p_hit"] <= 1.0
    assert list(tomllib.loads(text))[-1] == "requirements"


def test_the_same_exported_file_gives_the_same_numbers() -> None:
    loaded = _sample()
    text = render("toml", loaded.plan, loaded.result, Extras(uncertainty=SETTINGS), simulated=True)
    again = loads(text)
    assert again.plan == loaded.plan
    assert again.uncertainty == SETTINGS
    assert render("toml", again.plan, again.result, again.extras, simulated=True) == text


def test_the_json_export_carries_them_too_and_validates_against_the_schema() -> None:
    loaded = _sample()
    doc = json.loads(render("json", loaded.plan, loaded.result, Extras(uncertainty=SETTINGS),
                            simulated=True))
    results = doc["uncertainty"]["results"]
    expected = results_dict(simulate(loaded.plan, SETTINGS, result=loaded.result))
    assert results == expected
    schema = json.loads(Path(resource_path("plan.schema.json")).read_text("utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(doc)) == []


def test_without_settings_the_export_is_what_it_was() -> None:
    loaded = _sample()
    assert render("toml", loaded.plan, loaded.result) == dumps(loaded.plan, loaded.result)
    assert "uncertainty" not in json.loads(render("json", loaded.plan, loaded.result))


def test_default_settings_give_the_results_alone() -> None:
    loaded = _sample()
    table = tomllib.loads(render("toml", loaded.plan, loaded.result, Extras(), simulated=True))
    assert list(table["uncertainty"]) == ["results"]
    assert (table["uncertainty"]["results"]["seed"],
            table["uncertainty"]["results"]["draws"]) == (0, 10_000)


def test_a_results_entry_that_is_not_a_table_is_named() -> None:
    text = Path(scenario_path("midmarket-saas")).read_text("utf-8")
    with pytest.raises(PlanFileError) as caught:
        loads(text + "\n[uncertainty]\nresults = 3\n")
    assert "uncertainty.results" in str(caught.value)


def test_the_command_line_exports_them_on_request(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "contract.toml"
    assert main(["export", str(scenario_path("midmarket-saas")), "-o", str(out),
                 "--uncertainty"]) == 0
    loaded = _sample()
    expected = results_dict(simulate(loaded.plan, loaded.uncertainty, result=loaded.result))
    assert tomllib.loads(out.read_text("utf-8"))["uncertainty"]["results"] == expected
    plain = tmp_path / "plain.toml"
    assert main(["export", str(scenario_path("midmarket-saas")), "-o", str(plain)]) == 0
    assert "uncertainty" not in tomllib.loads(plain.read_text("utf-8"))
    assert main(["export", str(scenario_path("midmarket-saas")), "-o", "-", "--format", "csv",
                 "--uncertainty"]) == 2
    assert "csv" in capsys.readouterr().err
