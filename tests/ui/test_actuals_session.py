"""What the import dialog decides without widgets: the plan's stages, where
the mapping lives, relative paths, and what a refused import names as unmapped."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alignplanner.contract.actuals.mapping import FileMapping
from alignplanner.contract.actuals.result import ActualsError
from alignplanner.contract.errors import FileProblem
from alignplanner.domain.plan.funnel import Stage
from alignplanner.domain.sla.sla import Sla
from alignplanner.ui.actuals import session


def test_the_mapping_lives_beside_the_plan() -> None:
    assert session.mapping_path(Path("plans/q3.toml")) == Path("plans/q3.actuals.toml")
    assert session.mapping_path(None) is None


def test_saved_paths_are_relative_to_the_mapping_file(tmp_path: Path) -> None:
    export = tmp_path / "exports" / "history.csv"
    files = (FileMapping(path=str(export), id="OpportunityId", stage="StageName",
                         date="CreatedDate"),)
    mapping = session.build_mapping(files, {"Won": "won", "Prospecting": ""},
                                    date(2024, 6, 30), folder=tmp_path)
    assert mapping.files[0].path == "exports/history.csv"
    assert dict(mapping.stages) == {"Won": "won"}  # unchosen values are left out
    assert mapping.as_of == date(2024, 6, 30)
    assert session.absolute(mapping)[0].path == str(export.resolve())
    at_once = session.build_mapping(files, {})
    assert at_once.files[0].path == str(export)




def test_unmapped_values_are_read_from_the_importers_message() -> None:
    error = ActualsError([
        FileProblem("a.csv", None, "StageName", "2 values not in the mapping's [stages]: "
                    "'Negotiation' (3 rows), \"Rep's pick\" (1 row); map each to a plan "
                    "stage, \"lost\" or \"ignore\""),
        FileProblem("a.csv", 4, "CreatedDate", "'x' is not a date"),
    ])
    assert session.unmapped_values(error) == ["Negotiation", "Rep's pick"]
    lines = session.problem_lines(error)
    assert lines[1] == "a.csv, line 4, column \u201cCreatedDate\u201d: 'x' is not a date"


def test_the_plan_stages_and_the_crm_values_they_name() -> None:
    stages = (Stage(id="mql", name="MQL", conversion=0.5, days=3, stale_after_days=14.0,
                    crm={"salesforce_lead_status": "Marketing Qualified"}),
              Stage(id="won", name="Won", owner="sales"))

    class FakePlan:
        pass

    plan = FakePlan()
    plan.stages = stages  # type: ignore[attr-defined]
    plan.slas = (Sla(id="speed", from_stage="mql", to_stage="won", role="sdr",  # type: ignore[attr-defined]
                     respond_within_hours=4),)
    got = session.plan_stages(plan)  # type: ignore[arg-type]
    assert got.ids == ("mql", "won")
    assert got.names == ("MQL", "Won")
    assert dict(got.known) == {"Marketing Qualified": "mql"}
    assert got.name("won") == "Won"
    assert dict(got.slas) == {"speed": ("mql", "won")}  # for guessing hand-off columns
