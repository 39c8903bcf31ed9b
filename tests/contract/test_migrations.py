"""Versions and migrations, with a fake older format: version 1 renamed a key in version 2."""

from __future__ import annotations

from typing import Any

import pytest
from plan_texts import VALID, line_no

from alignplanner.contract import migrations
from alignplanner.contract.errors import PlanFileError
from alignplanner.contract.migrations import migrate
from alignplanner.contract.reader import loads
from alignplanner.contract.writer import dumps
from alignplanner.domain.problems import PlanInvalid


def _rename_deal_size(raw: dict[str, Any]) -> dict[str, Any]:
    """The fake change of version 2: ``target.deal_size`` became ``average_deal_size``."""
    target = raw.get("target")
    if isinstance(target, dict) and "deal_size" in target:
        target = dict(target)
        target["average_deal_size"] = target.pop("deal_size")
        raw["target"] = target
    return raw


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: _rename_deal_size})


OLD_FILE = VALID.replace("average_deal_size = 48000", "deal_size = 48000")
NEW_FILE = VALID.replace("version = 1", "version = 2")


@pytest.mark.usefixtures("version_2")
def test_an_old_file_is_migrated_and_read() -> None:
    old = loads(OLD_FILE)
    assert old.source_version == 1
    assert old.plan.target.average_deal_size == 48000
    new = loads(NEW_FILE)
    assert new.source_version == 2
    assert old.plan == new.plan


@pytest.mark.usefixtures("version_2")
def test_saving_a_migrated_file_writes_the_current_version() -> None:
    loaded = loads(OLD_FILE)
    text = dumps(loaded.plan, loaded.result)
    assert "version = 2\n" in text
    assert "deal_size = 48000" not in text.replace("average_deal_size", "")
    assert loads(text).plan == loaded.plan


@pytest.mark.usefixtures("version_2")
def test_the_current_version_is_not_migrated_again() -> None:
    # A version-2 file that happens to use the old key name is simply wrong.
    text = NEW_FILE.replace("average_deal_size = 48000", "deal_size = 48000")
    with pytest.raises(PlanFileError) as caught:
        loads(text)
    paths = {p.path for p in caught.value.problems}
    assert "target.deal_size" in paths
    assert "target.average_deal_size" in paths


def test_migrate_chains_every_step(monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[int] = []

    def step(n: int) -> migrations.Migration:
        def run(raw: dict[str, Any]) -> dict[str, Any]:
            steps.append(n)
            raw[f"step{n}"] = True
            return raw

        return run

    monkeypatch.setattr(migrations, "CURRENT_VERSION", 4)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: step(1), 2: step(2), 3: step(3)})
    raw = migrate({"version": 2})
    assert steps == [2, 3]
    assert raw == {"version": 4, "step2": True, "step3": True}


def test_migrate_does_not_change_the_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: _rename_deal_size})
    raw = {"version": 1, "target": {"deal_size": 5}}
    migrate(raw)
    assert raw == {"version": 1, "target": {"deal_size": 5}}


def test_a_missing_migration_is_a_problem_on_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: _rename_deal_size})
    with pytest.raises(PlanInvalid, match="cannot convert plan format version 2 to 3"):
        migrate({"version": 1})


def test_a_crashing_migration_is_a_problem_on_version(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(raw: dict[str, Any]) -> dict[str, Any]:
        raise KeyError("stages")

    monkeypatch.setattr(migrations, "CURRENT_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: crash})
    with pytest.raises(PlanFileError) as caught:
        loads(VALID)
    (problem,) = caught.value.problems
    assert problem.path == "version"
    assert "could not convert this file from plan format version 1 to 2" in problem.message


def test_future_version_is_refused_with_advice() -> None:
    with pytest.raises(PlanFileError) as caught:
        loads(VALID.replace("version = 1", "version = 3"), "plan.toml")
    assert [str(p) for p in caught.value.problems] == [
        "plan.toml:2: version: this file was written by a newer AlignPlanner (plan format "
        "version 3); this version reads up to 1. Update AlignPlanner to open it."
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("version = 0", "there is no plan format version 0; versions start at 1"),
        ("version = -1", "there is no plan format version -1; versions start at 1"),
        ('version = "1"', "must be a whole number such as 1, got '1'"),
        ("version = 1.0", "must be a whole number such as 1, got 1.0"),
        ("version = true", "must be a whole number such as 1, got True"),
        ("", "missing: a plan file says which format it uses, e.g. version = 1"),
    ],
)
def test_bad_versions(line: str, expected: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        loads(VALID.replace("version = 1", line))
    (problem,) = caught.value.problems
    assert problem.path == "version"
    assert problem.message == expected
    if line:
        assert problem.line == line_no(VALID, "version = 1")
