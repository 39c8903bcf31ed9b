"""The File menu: a blank plan or the sample, both in plain sight; the plan and its
numbers exported as JSON or CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from alignplanner.contract.reader import load
from alignplanner.resources import sample_plan_path
from alignplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_both_new_plans_are_in_the_file_menu(window: MainWindow) -> None:
    texts = [a.text().replace("&", "") for a in window.menu_actions.file_menu.actions()]
    assert texts[:3] == ["New blank plan", "New from sample plan", "Open…"]
    assert "Export plan and results as JSON…" in texts
    assert "Export monthly volumes as CSV…" in texts


def test_ctrl_n_starts_a_blank_plan(qtbot: QtBot, window: MainWindow) -> None:
    sample = load(sample_plan_path()).plan
    assert sample.slas  # what a blank plan drops
    assert sample.roles
    assert sample.signoff.approvers
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    plan = window.document.plan
    assert window.document.path is None
    assert plan.name == "Untitled plan"
    assert plan.stage_ids == sample.stage_ids
    assert (plan.sources, plan.roles, plan.slas) == ((), (), ())
    assert plan.scoring is None
    assert plan.signoff.approvers == ()
    assert plan.signoff.required == ()
    assert plan.calendar.holidays == ()
    assert not plan.pipeline.existing
    assert window.document.result.wins > 0
    assert not window.isWindowModified()


def test_new_from_sample_keeps_the_sample(window: MainWindow) -> None:
    window.menu_actions.new.trigger()
    window.menu_actions.new_from_sample.trigger()
    assert window.document.plan == load(sample_plan_path()).plan


def test_export_json_and_csv(window: MainWindow, prompts: ScriptedPrompts,
                             tmp_path: Path) -> None:
    data, sheet = tmp_path / "plan.json", tmp_path / "volumes.csv"
    prompts.script("ask_export_path", data, sheet)
    window.menu_actions.export_json.trigger()
    window.menu_actions.export_csv.trigger()
    exported = json.loads(data.read_text(encoding="utf-8"))
    assert exported["plan"]["name"] == window.document.plan.name
    rows = list(csv.reader(sheet.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["kind", "id", "month", "exact", "rounded"]
    assert len(rows) > 1


def test_the_export_is_the_agreed_scenario_whichever_is_shown(
        window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path) -> None:
    from alignplanner.domain.scenarios import edits

    document = window.document
    revenue = document.base.target.revenue
    assert document.edit_scenarios("Add", lambda s: edits.agree(edits.add(edits.override(
        edits.add(s, "Double"), "Double", "target.revenue", 2 * revenue), "Other"),
        "Double")) == []
    document.show_scenario("Other")
    data, sheet = tmp_path / "plan.json", tmp_path / "volumes.csv"
    prompts.script("ask_export_path", data, sheet)
    window.menu_actions.export_json.trigger()
    window.menu_actions.export_csv.trigger()
    from alignplanner.contract.scenarios import plan_of
    from alignplanner.domain.engine.compute import compute

    agreed = compute(plan_of(document.base, document.scenarios, "Double"))
    assert agreed.wins > document.base_result.wins
    exported = json.loads(data.read_text(encoding="utf-8"))
    assert exported["target"]["revenue"] == 2 * revenue
    assert exported["requirements"]["scenario"] == "Double"
    assert exported["requirements"]["wins"] == agreed.wins
    rows = list(csv.reader(sheet.read_text(encoding="utf-8").splitlines()))
    first = agreed.stages[0]
    jan = next(r for r in rows[1:] if r[:2] == ["stage", first.id])
    assert float(jan[3]) == first.monthly[0]  # the agreed scenario's volumes, not the shown
