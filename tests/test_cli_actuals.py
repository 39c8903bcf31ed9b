"""``alignplanner actuals``: a Salesforce-style history in cp1252, read as a mapping says,
with every figure worked out by hand below; the JSON follows resources/actuals.schema.json;
bad input is a message naming the file, the line and the column, with exit status 1.

The records (stages Lead -> MQL -> Won; the org calls MQL "Calificación"):

    o1  Lead 2024-01-01, MQL 2024-01-11, won 2024-02-10
    o2  Lead 2024-01-01, MQL 2024-01-21, lost 2024-03-01
    o3  Lead 2024-02-01, lost 2024-02-15 (at Lead)
    o4  Lead 2024-03-01, open on as_of 2024-04-30 (60 days later)

Lead -> MQL: converted o1 (10 days), o2 (20 days); lost o3 (14 days); o4 censored at 60.
Aalen-Johansen: day 10, 4 at risk: CIF 1/4, S 3/4; day 14 a loss, 3 at risk: S 1/2;
day 20, 2 at risk: CIF += 1/2 * 1/2 -> 1/2. MQL -> Won: o1 won after 30 days, o2 lost
after 40: day 30, 2 at risk: CIF 1/2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from float_tolerance import assert_close
from jsonschema import Draft202012Validator

from alignplanner.cli import main
from alignplanner.resources import resource_path

ROWS = [
    ("o1", "Lead", "2024-01-01T09:00:00.000+0000"),
    ("o1", "Calificación", "2024-01-11T23:59:00.000+0000"),
    ("o1", "Closed Won", "2024-02-10T08:00:00.000+0000"),
    ("o2", "Lead", "2024-01-01T10:00:00.000+0000"),
    ("o2", "Calificación", "2024-01-21T10:00:00.000+0000"),
    ("o2", "Closed Lost", "2024-03-01T10:00:00.000+0000"),
    ("o3", "Lead", "2024-02-01T10:00:00.000+0000"),
    ("o3", "Closed Lost", "2024-02-15T10:00:00.000+0000"),
    ("o4", "Lead", "2024-03-01T10:00:00.000+0000"),
]

MAPPING = """\
as_of = "2024-04-30"
[[file]]
path = "OpportunityHistory.csv"
id = "OpportunityId"
stage = "StageName"
date = "CreatedDate"

[stages]
Lead = "Lead"
"Calificación" = "MQL"
"Closed Won" = "Won"
"Closed Lost" = "lost"
"""


def _export(folder: Path, rows=ROWS, header=("OpportunityId", "StageName", "CreatedDate")) -> None:
    lines = [",".join(f'"{h}"' for h in header)]
    lines += [",".join(f'"{v}"' for v in row) for row in rows]
    (folder / "OpportunityHistory.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    _export(tmp_path)
    path = tmp_path / "actuals.toml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["actuals", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_figures_are_the_hand_worked_ones(mapping: Path, capsys) -> None:
    out = _json(capsys, str(mapping))
    Draft202012Validator(json.loads(resource_path("actuals.schema.json").read_text("utf-8"))
                         ).validate(out)
    assert (out["as_of"], out["records"]) == ("2024-04-30", 4)
    (file,) = out["files"]
    assert (file["rows"], file["encoding"], file["date_order"]) == (9, "cp1252", None)
    assert {name: s["entered"] for name, s in out["stages"].items()} == {
        "Lead": 4, "MQL": 2, "Won": 1}
    assert out["stages"]["Lead"]["by_month"] == {"2024-01": 2, "2024-02": 1, "2024-03": 1}
    lead, mql = out["transitions"]
    assert (lead["from"], lead["to"], lead["entered"], lead["converted"], lead["lost"],
            lead["open"]) == ("Lead", "MQL", 4, 2, 1, 1)
    assert_close(lead["naive_rate"], 0.5)
    assert_close([lead["cumulative"][d] for d in ("7", "14", "30", "365")],
                 [0.0, 0.25, 0.5, 0.5])
    assert lead["estimated"]["method"] == "aalen-johansen"
    assert_close([lead["days"][k] for k in ("median", "mean", "p90")], [15.0, 15.0, 19.0])
    assert (mql["entered"], mql["converted"], mql["lost"], mql["open"]) == (2, 1, 1, 0)
    assert_close([mql["cumulative"][d] for d in ("14", "30")], [0.0, 0.5])
    # Nobody entered a year before as_of: nothing has matured, the prior is flat.
    assert lead["beta"] == {"alpha": 1.0, "beta": 1.0}
    assert lead["within_window"] == {"rate": None, "n": 0}


def test_a_later_as_of_matures_every_record(mapping: Path, capsys) -> None:
    lead = _json(capsys, str(mapping), "--as-of", "2025-06-01")["transitions"][0]
    assert lead["beta"] == {"alpha": 3.0, "beta": 3.0}
    assert lead["within_window"]["n"] == 4
    assert_close(lead["within_window"]["rate"], 0.5)


def test_the_summary_reads_as_tables(mapping: Path, capsys) -> None:
    assert main(["actuals", str(mapping)]) == 0
    text = capsys.readouterr().out
    assert "Actuals as of 2024-04-30: 4 records" in text
    assert "Lead -> MQL" in text
    assert "50.0% (4)" in text  # the naive rate and its n
    assert "cp1252" in text


def test_a_missing_column_names_it_and_the_columns_there_are(tmp_path: Path, capsys) -> None:
    _export(tmp_path, header=("OpportunityId", "Stage", "CreatedDate"))
    (tmp_path / "actuals.toml").write_text(MAPPING, encoding="utf-8")
    assert main(["actuals", str(tmp_path / "actuals.toml")]) == 1
    err = capsys.readouterr().err
    assert "OpportunityHistory.csv" in err
    assert ":1: StageName: no column 'StageName'" in err
    assert "'OpportunityId', 'Stage', 'CreatedDate'" in err
    assert "Traceback" not in err


def test_unmapped_stage_values_are_all_listed_with_counts(tmp_path: Path, capsys) -> None:
    rows = [*ROWS, ("o5", "Negociación", "2024-03-02T10:00:00.000+0000"),
            ("o6", "Negociación", "2024-03-03T10:00:00.000+0000"),
            ("o7", "Propuesta", "2024-03-03T10:00:00.000+0000")]
    _export(tmp_path, rows)
    (tmp_path / "actuals.toml").write_text(MAPPING, encoding="utf-8")
    assert main(["actuals", str(tmp_path / "actuals.toml")]) == 1
    err = capsys.readouterr().err
    assert "StageName: 2 values not in the mapping's [stages]" in err
    assert "'Negociación' (2 rows)" in err
    assert "'Propuesta' (1 row)" in err


@pytest.mark.parametrize(("args", "code"), [(["--as-of", "30/04/2024"], 2), ([], 1)])
def test_wrong_usage_and_a_missing_mapping(tmp_path: Path, capsys, args, code) -> None:
    assert main(["actuals", str(tmp_path / "nowhere.toml"), *args]) == code
    assert "Traceback" not in capsys.readouterr().err


def test_the_console_entry_runs_the_verb_without_qt(mapping: Path) -> None:
    import subprocess
    import sys

    code = ("import sys, runpy; sys.argv = ['alignplanner', 'actuals', sys.argv[1], '--json'];"
            "\ntry:\n    runpy.run_module('alignplanner', run_name='__main__')\n"
            "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
            "assert 'PySide6' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code, str(mapping)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["records"] == 4


PLAN_MAPPING = (MAPPING.replace('= "Lead"', '= "inquiry"')
                .replace('= "MQL"', '= "Marketing qualified lead"')
                .replace('= "Won"', '= "won"'))


def test_with_a_plan_stages_are_its_ids_in_its_order_with_its_windows(
        tmp_path: Path, capsys) -> None:
    """The sample plan: inquiry -> mql -> sal -> sql -> opportunity -> won; the mapping
    names one stage by name, the others by id; mql's stale_after_days (14) is the window
    of mql -> sal, inquiry has none (365 days). o1 and o2 skip sal, sql and opportunity:
    they passed through them on the day they reached the stage beyond."""
    from alignplanner.resources import sample_plan_path

    _export(tmp_path)
    mapping = tmp_path / "actuals.toml"
    mapping.write_text(PLAN_MAPPING, encoding="utf-8")
    out = _json(capsys, str(mapping), "--plan", str(sample_plan_path()))
    assert list(out["stages"]) == ["inquiry", "mql", "sal", "sql", "opportunity", "won"]
    assert [(t["from"], t["window_days"]) for t in out["transitions"]] == [
        ("inquiry", 365), ("mql", 14), ("sal", 14), ("sql", 21), ("opportunity", 90)]
    assert [out["stages"][s]["entered"] for s in out["stages"]] == [4, 2, 1, 1, 1, 1]
    # mql -> sal: o1 reached won (so sal) 30 days after mql; o2 was lost at mql after 40.
    mql = out["transitions"][1]
    assert (mql["entered"], mql["converted"], mql["lost"], mql["open"]) == (2, 1, 1, 0)
    # Both entered mql over 14 days before as_of: both matured, one converted.
    assert mql["beta"] == {"alpha": 2.0, "beta": 2.0}


def test_a_plan_that_lacks_a_mapped_stage_is_refused_naming_it(tmp_path: Path,
                                                               capsys) -> None:
    from alignplanner.resources import sample_plan_path

    _export(tmp_path)
    mapping = tmp_path / "actuals.toml"
    mapping.write_text(MAPPING, encoding="utf-8")  # "Lead", "MQL", "Won": not the plan's
    assert main(["actuals", str(mapping), "--plan", str(sample_plan_path())]) == 1
    err = capsys.readouterr().err
    assert "actuals.toml" in err
    assert "Lead" in err
