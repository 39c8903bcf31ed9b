"""``alignplanner simulate``: the seed and draws from the file's [uncertainty] or the
command line, the same answer for the same seed, the [uncertainty] export as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alignplanner.__main__ import CLI_VERBS
from alignplanner.cli import main
from alignplanner.resources import scenario_path

UNCERTAINTY = """
[uncertainty]
seed = 5
draws = 3000
default_observations = 80
observations = { sql = 400 }
deal_size_p10 = 25000
deal_size_p90 = 50000
"""


def _plan(tmp_path: Path, extra: str = "") -> Path:
    text = Path(scenario_path("midmarket-saas")).read_text(encoding="utf-8")
    path = tmp_path / "plan.toml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert main(["simulate", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_simulate_is_a_verb() -> None:
    assert "simulate" in CLI_VERBS


def test_the_files_settings_and_the_same_answer_twice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _plan(tmp_path, UNCERTAINTY)
    one = _json(capsys, str(path))
    assert (one["seed"], one["draws"]) == (5, 3000)
    assert one == _json(capsys, str(path))
    assert 0.0 < one["p_hit"] < 1.0
    assert one["revenue_p10"] < one["revenue_p50"] < one["revenue_p90"]
    assert len(one["monthly_p50"]) == len(one["p_hit_monthly"]) == 12
    assert one["variance_share"]["deal_size"] > 0.0
    assert one["top_volume_needed"]["p90"] > one["top_volume_needed"]["p50"]


def test_options_override_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _plan(tmp_path, UNCERTAINTY)
    found = _json(capsys, str(path), "--draws", "500", "--seed", "9")
    assert (found["seed"], found["draws"]) == (9, 500)
    assert found != _json(capsys, str(path), "--draws", "500", "--seed", "10")


def test_an_older_file_without_the_table_uses_the_defaults(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = _json(capsys, str(_plan(tmp_path)), "--draws", "200")
    assert (found["seed"], found["draws"]) == (0, 200)


def test_the_text_says_the_probability(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(_plan(tmp_path)), "--draws", "300"]) == 0
    assert "Probability of reaching the target of USD 9,000,000" in capsys.readouterr().out


@pytest.mark.parametrize(("extra", "where"), [
    ("\n[uncertainty]\ndraws = 0\n", "uncertainty.draws"),
    ("\n[uncertainty]\nsede = 3\n", "did you mean 'seed'"),
    ("\n[uncertainty]\nobservations = { sql = -1 }\n", "uncertainty.observations.sql"),
    ("\n[uncertainty]\ndeal_size_p10 = 5\n", "uncertainty.deal_size_p90"),
])
def test_bad_settings_name_the_key_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str, where: str) -> None:
    assert main(["simulate", str(_plan(tmp_path, extra))]) == 1
    said = capsys.readouterr()
    assert where in said.err + said.out
    assert "plan.toml:" in said.err + said.out


def test_bad_draws_on_the_command_line(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(_plan(tmp_path)), "--draws", "0"]) == 2
    assert "--draws" in capsys.readouterr().err
