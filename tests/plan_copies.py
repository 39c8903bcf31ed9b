"""Copies of the sample plan written with a [history], for the merge tests (the command
line, the document and the window): each test gets an empty version store of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignplanner.contract import versions
from alignplanner.contract.reader import load
from alignplanner.contract.writer import dumps
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.history import History
from alignplanner.domain.plan.plan import Plan
from alignplanner.resources import scenario_path

SAMPLE = load(scenario_path("midmarket-saas"))


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty version store for this test alone (imported, it applies to the module)."""
    folder = tmp_path / "versions"
    monkeypatch.setenv(versions.VERSIONS_DIR_ENV, str(folder))
    return folder


def plan_file(path: Path, plan: Plan, history: History) -> Path:
    """``plan`` written at ``path`` with the sample's extras and ``history``."""
    path.write_text(dumps(plan, compute(plan), SAMPLE.extras.with_changes(history=history)),
                    encoding="utf-8")
    return path
