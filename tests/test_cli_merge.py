"""``alignplanner merge``: with BASE given, found from the copies' history and the version
store, or named when it is not on this machine; conflicts listed (exit 1, nothing
written) and settled with --take or --pick."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from plan_copies import SAMPLE, plan_file, store  # noqa: F401 (store: autouse)

from alignplanner.cli import main
from alignplanner.contract import versions
from alignplanner.contract.reader import load
from alignplanner.domain.edits.stages import set_stage
from alignplanner.domain.history import History
from alignplanner.domain.plan.plan import Plan

A, B, C = "a" * 16, "b" * 16, "c" * 16
NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
BASE_HISTORY = History(A, saved=NOON)


def _copies(tmp_path: Path, ours: Plan, theirs: Plan) -> tuple[Path, Path, Path]:
    base = plan_file(tmp_path / "base.toml", SAMPLE.plan, BASE_HISTORY)
    return (base, plan_file(tmp_path / "ours.toml", ours, BASE_HISTORY.saved_again(B, NOON)),
            plan_file(tmp_path / "theirs.toml", theirs, BASE_HISTORY.saved_again(C, NOON)))


def _conversion(value: float) -> Plan:
    return set_stage(SAMPLE.plan, 1, conversion=value)


def _revenue(value: float) -> Plan:
    return SAMPLE.plan.with_changes(target=dataclasses.replace(SAMPLE.plan.target,
                                                               revenue=value))


def test_merge_with_base_applies_both_sides(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = _copies(tmp_path, _conversion(0.6), _revenue(9_500_000))
    out = tmp_path / "merged.toml"
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "ours: Marketing qualified lead conversion 55% -> 60%" in shown
    assert "theirs: Revenue target 9,000,000 USD -> 9,500,000 USD" in shown
    merged = load(out)
    assert merged.plan.stages[1].conversion == 0.6
    assert merged.plan.target.revenue == 9_500_000
    history = merged.extras.history
    assert history.parent == B
    assert C in history.ancestors
    assert versions.find(history.version) is not None


def test_conflicts_are_listed_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = _copies(tmp_path, _conversion(0.6), _conversion(0.5))
    out = tmp_path / "merged.toml"
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert ("conflict stages.mql.conversion: Marketing qualified lead conversion 55% -> 60% "
            "in ours, but -> 50% in theirs") in captured.out
    assert "1 conflict(s) left: nothing written" in captured.err
    assert not out.exists()
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out),
                 "--take", "theirs"]) == 0
    assert load(out).plan.stages[1].conversion == 0.5
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out), "--take",
                 "theirs", "--pick", "stages.mql.conversion=ours"]) == 0
    assert load(out).plan.stages[1].conversion == 0.6


def test_a_pick_of_no_conflict_is_refused(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = _copies(tmp_path, _conversion(0.6), _conversion(0.5))
    out = tmp_path / "merged.toml"
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out),
                 "--pick", "stages.sql.conversion=ours"]) == 2
    assert ("--pick stages.sql.conversion: no such conflict (the conflicts: "
            "stages.mql.conversion)") in capsys.readouterr().err
    assert main(["merge", str(base), str(ours), str(theirs), "-o", str(out),
                 "--pick", "stages.mql.conversion=mine"]) == 2


def test_without_base_the_common_version_is_found_in_the_store(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = _copies(tmp_path, _conversion(0.6), _revenue(9_500_000))
    out = tmp_path / "merged.toml"
    assert main(["merge", str(ours), str(theirs), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert ("The version both copies come from, aaaaaaaaaaaaaaaa (saved 2026-12-07 12:00 UTC), "
            "is not on this machine: give it as BASE") in err
    versions.keep(A, base.read_text(encoding="utf-8"))
    assert main(["merge", str(ours), str(theirs), "-o", str(out)]) == 0
    assert "Base: version aaaaaaaaaaaaaaaa (saved 2026-12-07 12:00 UTC)" in capsys.readouterr().err
    assert load(out).plan.target.revenue == 9_500_000


def test_without_base_and_without_history_says_so(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    ours = plan_file(tmp_path / "ours.toml", _conversion(0.6), History())
    theirs = plan_file(tmp_path / "theirs.toml", _revenue(1e7), History())
    assert main(["merge", str(ours), str(theirs), "-o", str(tmp_path / "m.toml")]) == 1
    assert "share no version in their history" in capsys.readouterr().err
    assert main(["merge", str(ours), "-o", str(tmp_path / "m.toml")]) == 2
