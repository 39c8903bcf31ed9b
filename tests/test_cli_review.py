"""``alignplanner review``: the weekly review of a small plan against a small export, as
Markdown, JSON (resources/review.schema.json) and a one-page PDF, every figure by hand.

The plan: 120,000 over 2024 at 1,000 a deal, 10 wins (10,000) a month; half the leads win,
at once (no lags): 20 leads a month; a lead is stale after 20 days. The export (as_of
2024-01-31): 8 leads on 5 January, 4 of them won on 20 January, 2 more leads on 25
January; no amounts (so 1,000 each).

- Revenue to date: 10,000 planned, 4,000 won. Leads 20 planned, 10; wins 10 planned, 4.
- Stale: the 4 leads of 5 January still open, 26 days at Lead: they win nothing.
- Landing: 4,000 won + the 2 fresh leads * 0.5 * 1,000 = 1,000 + February to December
  planned, 11 * 10,000: 115,000 against 120,000.
- Coverage: January needs 10,000 - 4,000 = 6,000 and has the 2 fresh leads (2,000), 1,000
  expected; February to December need 10,000 each and have none: 2,000 / 116,000.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from float_tolerance import assert_close
from jsonschema import Draft202012Validator

from alignplanner.cli import main
from alignplanner.resources import resource_path

PLAN = """\
format = "alignplanner.plan"
version = 1

[plan]
name = "Weekly test"
start = 2024-01-01
months = 12

[target]
revenue = 120000
average_deal_size = 1000

[[stages]]
id = "lead"
name = "Lead"
conversion = 0.5
days = 0
stale_after_days = 20

[[stages]]
id = "won"
name = "Won"
"""

MAPPING = """\
as_of = "2024-01-31"
[[file]]
path = "history.csv"
id = "Id"
stage = "Stage"
date = "Date"

[stages]
Lead = "Lead"
Won = "Won"
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    rows = ["Id,Stage,Date"]
    rows += [f"r{i},Lead,2024-01-05" for i in range(8)]
    rows += [f"r{i},Won,2024-01-20" for i in range(4)]
    rows += [f"n{i},Lead,2024-01-25" for i in range(2)]
    (tmp_path / "history.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    path = tmp_path / "weekly.toml"
    path.write_text(PLAN, encoding="utf-8")
    (tmp_path / "weekly.actuals.toml").write_text(MAPPING, encoding="utf-8")  # as the app
    return path


def test_the_json_is_the_hand_worked_review(plan: Path, capsys) -> None:
    assert main(["review", str(plan), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    Draft202012Validator(json.loads(resource_path("review.schema.json").read_text("utf-8"))
                         ).validate(out)
    assert (out["plan"], out["as_of"], out["records"], out["rates"]) == (
        "Weekly test", "2024-01-31", 10, "plan")
    kpis = {k["key"]: (k["planned"], k["actual"]) for k in out["kpis"]}
    assert_close(kpis["revenue"], (10_000.0, 4_000.0))
    assert_close(kpis["entries:lead"], (20.0, 10))
    assert_close(kpis["wins"], (10.0, 4))
    assert_close(kpis["landing"], (120_000.0, 115_000.0))
    assert_close(out["landing"]["from_open"][0], 1_000.0)
    assert_close(sum(out["landing"]["from_planned"]), 110_000.0)
    assert out["landing"]["months"][:2] == ["2024-01", "2024-02"]
    jan, feb, *_ = out["coverage"]["months"]
    assert_close((jan["needed"], jan["pipeline"], jan["weighted"]), (6_000.0, 2_000.0, 1_000.0))
    assert_close(jan["coverage"], 2_000 / 6_000)
    assert_close((feb["needed"], feb["pipeline"]), (10_000.0, 0.0))
    assert_close(out["coverage"]["total"], 2_000 / 116_000)
    # The 4 open leads of 5 January: 26 days at Lead, past its 20, stale.
    (stale,) = out["stale"]
    assert (stale["stage"], stale["records"]) == ("lead", 4)
    assert [r["days"] for r in stale["oldest"]] == [26] * 4
    assert out["gap"] == ["Won is 60% behind plan since January 2024.",  # 6 of 10 short
                          "Lead is 50% behind plan since January 2024."]  # 10 of 20


def test_the_markdown_report_and_the_estimated_rates(plan: Path, capsys) -> None:
    assert main(["review", str(plan), "--rates", "estimated"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Weekly review: Weekly test\n")
    assert "| Revenue won to date | 4,000 USD | 10,000 USD | -60.0% |" in text
    assert "## Landing (on the rates and lags estimated from the history)" in text
    assert "- Lead is 50% behind plan since January 2024." in text


def test_the_pdf_is_one_page(plan: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "review.pdf"
    assert main(["review", str(plan), "--format", "pdf", "--output", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page>") + data.count(
        b"/Type /Page/") <= 1
    assert b"/Count 1" in data
    assert capsys.readouterr().err == ""


def test_a_pdf_needs_a_file(plan: Path, capsys) -> None:
    assert main(["review", str(plan), "--format", "pdf"]) == 2
    assert "--format pdf needs --output FILE" in capsys.readouterr().err


def test_without_a_mapping_beside_the_plan_it_says_what_to_do(plan: Path, capsys) -> None:
    (plan.parent / "weekly.actuals.toml").rename(plan.parent / "elsewhere.toml")
    assert main(["review", str(plan)]) == 1
    err = capsys.readouterr().err
    assert "weekly.actuals.toml" in err
    assert "give --mapping" in err
    assert main(["review", str(plan), "--mapping", str(plan.parent / "elsewhere.toml")]) == 0


def test_a_bad_export_names_the_file_and_column(plan: Path, capsys) -> None:
    (plan.parent / "history.csv").write_text("Id,Step,Date\nr1,Lead,2024-01-05\n", "utf-8")
    assert main(["review", str(plan)]) == 1
    err = capsys.readouterr().err
    assert "history.csv" in err
    assert "no column 'Stage'" in err
    assert "Traceback" not in err


LAST_WEEK = """
[[actuals.snapshots]]
as_of = 2024-01-21
records = 8
won = 4000.0

[[actuals.snapshots.stages]]
stage = "lead"
entered = 8
months = { "2024-01" = 8 }

[[actuals.snapshots.stages]]
stage = "won"
entered = 4
months = { "2024-01" = 4 }
"""


def test_beside_last_weeks_snapshot(plan: Path, capsys) -> None:
    """The plan file keeps the snapshot of Sunday 21 January (week 3; as_of is Wednesday 31
    January, week 5): 8 leads, 4 of them won (4,000). The plan to 21 January: 21/31 of
    January's 10,000 (6,774.19), 20 leads (13.548) and 10 wins (6.774)."""
    plan.write_text(PLAN + LAST_WEEK, encoding="utf-8")
    assert main(["review", str(plan), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    Draft202012Validator(json.loads(resource_path("review.schema.json").read_text("utf-8"))
                         ).validate(out)
    assert out["last_week_as_of"] == "2024-01-21"
    kpis = {k["key"]: k["last_week"] for k in out["kpis"]}
    assert_close((kpis["revenue"]["actual"], kpis["revenue"]["planned"]),
                 (4_000.0, 10_000 * 21 / 31))
    assert_close(kpis["revenue"]["percent"], 4_000 / (10_000 * 21 / 31) - 1)
    assert_close((kpis["entries:lead"]["actual"], kpis["entries:lead"]["planned"]),
                 (8.0, 20 * 21 / 31))
    assert_close((kpis["wins"]["actual"], kpis["wins"]["planned"]), (4.0, 10 * 21 / 31))
    assert kpis["landing"] is None
    assert kpis["coverage"] is None
    lead_row = next(r for r in out["table"] if r["stage"] == "lead" and r["source"] is None)
    assert_close(lead_row["last_week"]["actual"], 8.0)
    trend = {t["stage"]: [(p["as_of"], p["in_plan"]) for p in t["points"]]
             for t in out["trend"]}
    assert trend == {"lead": [("2024-01-21", 8), ("2024-01-31", 10)],
                     "won": [("2024-01-21", 4), ("2024-01-31", 4)]}
    # The Markdown says the same: -60% now, -41% (4,000 of 6,774) a week and a half ago.
    assert main(["review", str(plan)]) == 0
    text = capsys.readouterr().out
    assert "last week: the snapshot of 2024-01-21" in text
    assert "| Revenue won to date | 4,000 USD | 10,000 USD | -60.0% (was -41.0%) |" in text
    assert "| Stage | Source | Planned | Actual | Variance | % | Actual 21 Jan | Was % |" in text
    assert "| Lead | 8 | 10 | +2 |" in text  # week by week: 8 then 10
    # The command reads the snapshots and keeps none: the plan file is as it was.
    assert plan.read_text(encoding="utf-8") == PLAN + LAST_WEEK
