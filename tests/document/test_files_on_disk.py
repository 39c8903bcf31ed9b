"""files.py: signatures of what is on disk, and the leftovers of interrupted saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from document_helpers import copy_sample, sample_plan

from alignplanner.contract import atomic
from alignplanner.contract.errors import PlanFileError
from alignplanner.document import files
from alignplanner.document.files import FileSignature
from alignplanner.domain.engine.compute import compute


def test_save_returns_the_signature_of_what_is_on_disk(tmp_path: Path) -> None:
    plan = sample_plan()
    signature = files.save_plan(tmp_path / "plan.toml", plan, compute(plan))
    assert signature == FileSignature.of(tmp_path / "plan.toml")
    assert signature is not None
    assert signature.same_stat(tmp_path / "plan.toml")


def test_a_touch_changes_the_stat_but_not_the_content(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    before = FileSignature.of(path)
    assert before is not None
    os.utime(path, ns=(before.mtime_ns + 10**9, before.mtime_ns + 10**9))
    after = FileSignature.of(path)
    assert after is not None
    assert not before.same_stat(path)
    assert after.sha256 == before.sha256


def test_no_signature_for_a_missing_file(tmp_path: Path) -> None:
    assert FileSignature.of(tmp_path / "gone.toml") is None
    assert not FileSignature(0, 0, "").same_stat(tmp_path / "gone.toml")


def test_the_atomic_helpers_temporary_names_are_recognised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If contract.atomic ever names its temporary files differently, this fails (and
    leftovers of killed saves would pile up unnoticed)."""
    seen: list[Path] = []

    def refuse(source: str, target: object) -> None:
        seen.append(Path(source))
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        atomic.atomic_write_text(tmp_path / "plan.toml", "x")
    (temp,) = seen
    assert files._temp_pattern(tmp_path / "plan.toml").fullmatch(temp.name)


def test_leftovers_of_interrupted_saves_are_recognised(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    leftovers = [tmp_path / ".plan.toml.abcd1234.tmp", tmp_path / ".plan.toml.x_y_z_09.tmp"]
    others = [tmp_path / ".plan.toml.lock", tmp_path / ".other.toml.abcd1234.tmp",
              tmp_path / "plan.toml", tmp_path / ".plan.toml.abc.tmp"]
    for path in leftovers + others:
        path.write_text("", encoding="utf-8")
    assert files.leftover_temp_files(plan) == sorted(leftovers)
    assert files.remove_leftovers(plan) == sorted(leftovers)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in others)


def test_problem_lines_are_the_files_problems_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("not = [valid\n", encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        files.load_plan(path)
    assert files.problem_lines(caught.value) == [str(p) for p in caught.value.problems]
    assert files.problem_lines(caught.value)[0].startswith(f"{path}:")
