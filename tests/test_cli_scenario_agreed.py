"""The agreed scenario is what is signed and exported: an agreed variant's figures are the
export's, named in it; the signatures cover the base with the agreed overrides, so an edit
of the agreed variant breaks them and an edit of another variant does not. Hand-checked
numbers: 120 wins, inbound's 90 enter at lead (0.2, then 0.25 at opp): 1,800 leads in the
base, 90 / (0.25 * 0.25) = 1,440 with the agreed lead conversion 0.25."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from test_cli import PLAN, SIGNOFF

from alignplanner.cli import main
from alignplanner.contract.reader import load
from alignplanner.contract.writer import dumps
from alignplanner.resources import resource_path

SCENARIOS = """
[[scenarios]]
name = "Double target"
set = { "target.revenue" = 2400000 }

[[scenarios]]
name = "Better leads"
agreed = true
set = { "stages.lead.conversion" = 0.25 }
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN + SIGNOFF + SCENARIOS, encoding="utf-8")
    return path


def test_the_export_is_the_agreed_scenario_and_says_so(plan_file: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "contract.toml"
    assert main(["export", str(plan_file), "-o", str(out)]) == 0
    assert "of the agreed scenario 'Better leads'" in capsys.readouterr().out
    text = out.read_text("utf-8")
    assert text.startswith("# Scenario: Better leads (the agreed scenario)\n")
    exported = load(out)
    assert exported.plan.stages[0].conversion == 0.25
    assert exported.result.stages[0].rounded == 1440
    assert exported.scenarios.variants == ()  # the contract is the agreed plan alone
    assert main(["export", str(plan_file), "-o", "-", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["requirements"]["scenario"] == "Better leads"
    assert "scenario" not in doc  # the inputs are a plan's, as in any plan file
    schema = json.loads(resource_path("plan.schema.json").read_text("utf-8"))
    Draft202012Validator(schema).validate(doc)
    assert doc["stages"][0]["conversion"] == 0.25


def test_with_the_base_agreed_the_export_is_as_before(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN + SCENARIOS.replace("agreed = true\n", ""), encoding="utf-8")
    out = tmp_path / "contract.toml"
    assert main(["export", str(path), "-o", str(out)]) == 0
    loaded = load(path)
    assert out.read_text("utf-8") == dumps(loaded.plan, loaded.result)


def _sign_both(path: Path) -> None:
    assert main(["sign", str(path), "--role", "marketing", "--name", "Dana"]) == 0
    assert main(["sign", str(path), "--role", "sales", "--name", "Sam"]) == 0


def test_signing_covers_the_agreed_scenario(plan_file: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _sign_both(plan_file)
    assert load(plan_file).scenarios.names == ("Double target", "Better leads")  # kept
    assert main(["verify", str(plan_file)]) == 0
    capsys.readouterr()
    # another variant changes: what is agreed does not
    text = plan_file.read_text("utf-8")
    plan_file.write_text(text.replace('"target.revenue" = 2400000', '"target.revenue" = 3000000'),
                         "utf-8")
    assert main(["verify", str(plan_file)]) == 0
    capsys.readouterr()
    # the agreed variant changes: the signatures no longer hold, and say what changed
    text = plan_file.read_text("utf-8")
    plan_file.write_text(text.replace('"stages.lead.conversion" = 0.25',
                                      '"stages.lead.conversion" = 0.3'), "utf-8")
    assert main(["verify", str(plan_file)]) == 1
    out = capsys.readouterr().out
    assert "digest mismatch" in out
    assert "Lead" in out


def test_the_signed_export_of_the_agreed_scenario_verifies(
        plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sign_both(plan_file)
    out = tmp_path / "contract.toml"
    assert main(["export", str(plan_file), "-o", str(out)]) == 0
    assert main(["verify", str(out)]) == 0
    assert "agreed and intact" in capsys.readouterr().out


def test_a_base_edit_a_variant_does_not_override_breaks_the_agreement(
        plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sign_both(plan_file)
    text = plan_file.read_text("utf-8")
    plan_file.write_text(text.replace("revenue = 1200000", "revenue = 1300000", 1), "utf-8")
    assert main(["verify", str(plan_file)]) == 1


# -- diff of two scenarios ------------------------------------------------------------------


def test_diff_of_a_scenario_against_the_base_in_the_plans_words(
        plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(plan_file), "--scenario", "better leads"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Lead conversion 20% -> 25%"
    assert "Lead needed over the plan 1,800 -> 1,440" in lines  # 90 / (0.25 * 0.25)
    assert not any(line.startswith("Revenue") for line in lines)


def test_diff_of_two_variants_and_of_two_files(plan_file: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(plan_file), "--against", "Better leads",
                 "--scenario", "Double target", "--json"]) == 0
    changes = {c["path"]: c for c in json.loads(capsys.readouterr().out)}
    assert changes["target.revenue"]["after"] == 2400000
    assert changes["stages.lead.conversion"]["before"] == 0.25
    assert changes["stages.lead.conversion"]["after"] == 0.2
    other = tmp_path / "other.toml"
    other.write_text(PLAN + SCENARIOS.replace("0.25 }", "0.3 }"), "utf-8")
    assert main(["diff", str(plan_file), str(other), "--against", "Better leads",
                 "--scenario", "Better leads"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Lead conversion 25% -> 30%"


def test_diff_of_one_file_without_a_scenario_says_what_it_needs(
        plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(plan_file)]) == 2
    assert "--scenario NAME" in capsys.readouterr().err
    assert main(["diff", str(plan_file), "--scenario", "Nope"]) == 2
    assert "its scenarios are: 'Base', 'Double target', 'Better leads'" in (
        capsys.readouterr().err)
