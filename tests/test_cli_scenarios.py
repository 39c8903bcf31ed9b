"""``compute --scenario NAME`` and ``compute --all-scenarios`` on a small plan whose numbers
are checked by hand: 1,200,000 / 10,000 = 120 wins; inbound owns 75% (90 wins) and enters
at lead, which converts 0.2 and then 0.25."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import PLAN

from alignplanner.cli import main

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
    path.write_text(PLAN + SCENARIOS, encoding="utf-8")
    return path


def _lead_total(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("Lead ")).split()[2]


def test_one_scenario(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(plan_file), "--scenario", "Double target"]) == 0
    out = capsys.readouterr().out
    assert "Wins the target needs: 240" in out
    assert _lead_total(out) == "3,600"  # 180 inbound wins / (0.2 * 0.25)
    assert main(["compute", str(plan_file), "--scenario", "better leads"]) == 0
    assert _lead_total(capsys.readouterr().out) == "1,440"  # 90 / (0.25 * 0.25)
    assert main(["compute", str(plan_file)]) == 0
    assert _lead_total(capsys.readouterr().out) == "1,800"  # the base


def test_all_scenarios_side_by_side(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(plan_file), "--all-scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    head = next(line for line in lines if line.startswith("Figure"))
    assert head.split("  ")[0] == "Figure"
    assert [h.strip() for h in head.split("  ") if h] == [
        "Figure", "Base", "Double target", "Better leads (agreed)"]
    wins = next(line for line in lines if line.startswith("Wins needed"))
    assert wins.split()[2:] == ["120", "240", "(+120)", "120"]
    lead = next(line for line in lines if line.startswith("Lead needed"))
    assert lead.split()[2:] == ["1,800", "3,600", "(+1,800)", "1,440", "(-360)"]


def test_an_unknown_scenario_names_the_ones_there_are(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compute", str(plan_file), "--scenario", "Nope"]) == 2
    err = capsys.readouterr().err
    assert "no scenario 'Nope' in this plan; its scenarios are: 'Base', 'Double target', " \
           "'Better leads'" in err


def test_scenario_and_all_scenarios_exclude_each_other(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compute", str(plan_file), "--scenario", "Base", "--all-scenarios"]) == 2
    assert "--all-scenarios: not allowed with argument --scenario" in capsys.readouterr().err
