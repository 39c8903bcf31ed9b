"""Each save records a new version whose parent is the last (the autosave does not), and
keeps its content in the local version store; a file opened with a version joins the
store too, so a later merge finds its base."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_helpers import copy_sample, set_revenue
from pytestqt.qtbot import QtBot

from alignplanner.contract import reader, versions
from alignplanner.document.workflow import FileWorkflow
from alignplanner.domain.history import History


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "versions"
    monkeypatch.setenv(versions.VERSIONS_DIR_ENV, str(folder))
    return folder


def test_each_save_is_a_new_version_whose_parent_is_the_last(
        workflow: FileWorkflow, tmp_path: Path, qtbot: QtBot) -> None:
    path = copy_sample(tmp_path)
    assert workflow.open(path)
    document = workflow.document
    assert document is not None
    assert document.extras.history == History()  # the sample has none
    set_revenue(document, 12_345_000)
    assert workflow.save()
    first = reader.load(path).extras.history
    assert first.version
    assert first.parent == ""
    assert first.saved is not None
    assert document.extras.history == first
    assert not document.is_modified  # recording the version is no edit
    set_revenue(document, 12_000_000)
    assert workflow.save()
    second = reader.load(path).extras.history
    assert second.parent == first.version
    assert second.ancestors == (first.version,)
    kept = versions.find(second.version)
    assert kept is not None
    assert kept.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    document.undo_stack.undo()  # undo does not take the version back
    assert document.extras.history == second


def test_autosave_keeps_the_version(workflow: FileWorkflow, tmp_path: Path,
                                    qtbot: QtBot) -> None:
    path = copy_sample(tmp_path)
    assert workflow.open(path)
    document = workflow.document
    assert document is not None
    assert workflow.save()
    saved = document.extras.history
    set_revenue(document, 11_000_000)
    autosaver = workflow.autosaver
    assert autosaver is not None
    autosaver.flush()
    assert reader.load(autosaver.recovery_path).extras.history == saved
    assert document.extras.history == saved


def test_a_file_opened_with_a_version_joins_the_store(
        workflow: FileWorkflow, tmp_path: Path, store: Path, qtbot: QtBot) -> None:
    path = copy_sample(tmp_path)
    text = path.read_text(encoding="utf-8") + '\n[history]\nversion = "0123456789abcdef"\n'

    path.write_text(text, encoding="utf-8")
    assert workflow.open(path)
    kept = versions.find("0123456789abcdef")
    assert kept is not None
    assert kept.read_text(encoding="utf-8") == text
