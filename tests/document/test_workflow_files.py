"""FileWorkflow: new, open, save, save as and close, with every question answered by the
recording fake."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from document_helpers import copy_sample, sample_plan, set_revenue, with_revenue
from fakes import RecordingPrompts
from float_tolerance import assert_close
from pytestqt.qtbot import QtBot

from alignplanner.contract import reader
from alignplanner.contract.writer import dumps
from alignplanner.document.lock import PlanLock
from alignplanner.document.settings import Settings
from alignplanner.document.workflow import FileWorkflow
from alignplanner.domain.engine.compute import compute
from alignplanner.resources import sample_plan_path

PROBLEM_LINE = re.compile(r"^.*broken\.toml:\d+: \S+: .+$")


def _doc(workflow: FileWorkflow):  # the current document, which the test expects
    assert workflow.document is not None
    return workflow.document


# -- new and open ----------------------------------------------------------------------


def test_new_from_sample_is_an_untitled_clean_copy(workflow: FileWorkflow, qtbot: QtBot) -> None:
    assert workflow.new_from_sample()
    document = _doc(workflow)
    assert document.path is None
    assert document.display_name == "Untitled"
    assert not document.is_modified
    assert document.plan == sample_plan()


def test_open_reads_the_file_and_remembers_it(workflow: FileWorkflow, tmp_path: Path,
                                              settings: Settings) -> None:
    path = copy_sample(tmp_path / "plans")
    assert workflow.open(path)
    document = _doc(workflow)
    assert document.path == path.resolve()
    assert document.plan == sample_plan()
    assert not document.is_modified
    assert settings.recent_files() == [path.resolve()]
    assert settings.last_folder() == path.parent.resolve()


def test_opening_another_plan_keeps_the_document_and_starts_its_history_afresh(
    workflow: FileWorkflow, tmp_path: Path, qtbot: QtBot
) -> None:
    first = copy_sample(tmp_path / "plans", "first.toml")
    second = copy_sample(tmp_path / "plans", "second.toml")
    assert workflow.open(first)
    document = _doc(workflow)
    set_revenue(document, 13_000_000)
    document.undo_stack.setClean()  # as if saved: nothing asks before the next open
    with qtbot.waitSignals([document.pathChanged, document.planChanged, document.resultChanged]):
        assert workflow.open(second)
    assert workflow.document is document
    assert document.path == second.resolve()
    assert document.plan == sample_plan()
    assert document.undo_stack.count() == 0
    assert not document.is_modified


def test_open_without_a_path_asks_for_one_starting_in_the_last_folder(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    first = copy_sample(tmp_path / "plans", "first.toml")
    second = copy_sample(tmp_path / "plans", "second.toml")
    assert workflow.open(first)
    prompts.script("ask_open_path", second, None)
    assert workflow.open()
    assert _doc(workflow).path == second.resolve()
    assert prompts.asked("ask_open_path") == [(first.parent.resolve(),)]
    document = workflow.document
    assert not workflow.open()  # cancelled: nothing changes
    assert workflow.document is document


# -- save ------------------------------------------------------------------------------


def test_save_and_open_round_trip(workflow: FileWorkflow, tmp_path: Path, qtbot: QtBot) -> None:
    path = copy_sample(tmp_path)
    assert workflow.open(path)
    set_revenue(_doc(workflow), 12_345_000)
    assert _doc(workflow).is_modified
    assert workflow.save()
    assert not _doc(workflow).is_modified
    on_disk = reader.load(path)
    assert on_disk.plan == _doc(workflow).plan
    assert on_disk.plan.target.revenue == 12_345_000
    assert on_disk.stale_requirements == ()
    assert path.read_text(encoding="utf-8") == dumps(on_disk.plan, on_disk.result,
                                                     on_disk.extras)
    assert workflow.open(path)  # and back
    assert _doc(workflow).plan == on_disk.plan


def test_saving_an_untitled_plan_asks_for_a_name(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path, settings: Settings
) -> None:
    workflow.new_from_sample()
    set_revenue(_doc(workflow), 10_000_000)
    prompts.script("ask_save_path", tmp_path / "workshop plan")
    assert workflow.save()
    saved = (tmp_path / "workshop plan.toml").resolve()
    (suggested,) = prompts.asked("ask_save_path")[0]
    assert suggested.suffix == ".toml"
    assert _doc(workflow).path == saved
    assert _doc(workflow).display_name == "workshop plan.toml"
    assert not _doc(workflow).is_modified
    assert reader.load(saved).plan == _doc(workflow).plan
    assert settings.recent_files() == [saved]


def test_save_as_cancelled_changes_nothing(workflow: FileWorkflow, prompts: RecordingPrompts,
                                           tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    workflow.open(path)
    set_revenue(_doc(workflow), 10_000_000)
    prompts.script("ask_save_path", None)
    assert not workflow.save_as()
    assert _doc(workflow).is_modified
    assert _doc(workflow).path == path.resolve()


def test_save_as_moves_the_lock_to_the_new_file(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    old = copy_sample(tmp_path).resolve()
    new = (tmp_path / "copy.toml").resolve()
    workflow.open(old)
    prompts.script("ask_save_path", new)
    assert workflow.save_as()
    assert PlanLock(old).acquire()
    other = PlanLock(new)
    assert not other.acquire()


def test_save_as_refuses_a_file_open_elsewhere(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    workflow.new_from_sample()
    taken = copy_sample(tmp_path, "taken.toml")
    before = taken.read_bytes()
    elsewhere = PlanLock(taken.resolve())
    assert elsewhere.acquire()
    prompts.script("ask_save_path", taken)
    assert not workflow.save_as()
    ((_title, message),) = prompts.asked("show_error")
    assert "taken.toml is open in" in message
    assert taken.read_bytes() == before
    assert _doc(workflow).path is None
    elsewhere.release()


def test_a_failed_save_reports_it_and_keeps_the_plan_safe(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    path = copy_sample(tmp_path / "usb-stick")
    workflow.open(path)
    set_revenue(_doc(workflow), 11_000_000)
    shutil.rmtree(tmp_path / "usb-stick")  # the stick was pulled out
    assert not workflow.save()
    ((title, message),) = prompts.asked("show_error")
    assert "not saved" in title
    assert "Nothing is lost" in message
    assert "does not exist" in message
    assert "Errno" not in message  # in words, not the operating system's code
    assert _doc(workflow).is_modified
    autosaver = workflow.autosaver
    assert autosaver is not None
    assert reader.load(autosaver.recovery_path).plan == _doc(workflow).plan


# -- unsaved changes -------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "closed", "saved"), [
    ("save", True, True),
    ("discard", True, False),
    ("cancel", False, False),
])
def test_close_asks_about_unsaved_changes(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path,
    answer: str, closed: bool, saved: bool,
) -> None:
    path = copy_sample(tmp_path)
    workflow.open(path)
    set_revenue(_doc(workflow), 13_000_000)
    prompts.script("ask_unsaved_changes", answer)
    assert workflow.close() is closed
    assert prompts.asked("ask_unsaved_changes") == [("plan.toml",)]
    assert (workflow.document is None) is closed
    assert (reader.load(path).plan.target.revenue == 13_000_000) is saved
    if not closed:
        assert _doc(workflow).is_modified
        assert _doc(workflow).plan.target.revenue == 13_000_000


def test_close_of_an_unmodified_plan_asks_nothing(workflow: FileWorkflow, tmp_path: Path,
                                                  qtbot: QtBot) -> None:
    workflow.open(copy_sample(tmp_path))
    assert workflow.close()
    assert workflow.document is None


def test_close_of_an_untitled_plan_with_save_asks_where(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    workflow.new_from_sample()
    set_revenue(_doc(workflow), 9_500_000)
    prompts.script("ask_unsaved_changes", "save")
    prompts.script("ask_save_path", None)  # then cancels the file dialog
    assert not workflow.close()
    assert _doc(workflow).is_modified


@pytest.mark.parametrize(("answer", "opened"), [
    ("save", True), ("discard", True), ("cancel", False),
])
def test_open_asks_about_unsaved_changes_first(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path, answer: str,
    opened: bool,
) -> None:
    first = copy_sample(tmp_path, "first.toml")
    second = copy_sample(tmp_path, "second.toml")
    workflow.open(first)
    set_revenue(_doc(workflow), 14_000_000)
    prompts.script("ask_unsaved_changes", answer)
    assert workflow.open(second) is opened
    assert _doc(workflow).path == (second if opened else first).resolve()
    assert (reader.load(first).plan.target.revenue == 14_000_000) is (answer == "save")


# -- files that cannot be opened -------------------------------------------------------


def _broken_copy(folder: Path) -> Path:
    """The sample plan with three mistakes on three lines."""
    text = sample_plan_path().read_text(encoding="utf-8")
    text = re.sub(r"(?m)^revenue = .*$", 'revenue = "nine million"', text, count=1)
    text = re.sub(r"(?m)^conversion = .*$", "conversion = 1.7", text, count=1)
    text = re.sub(r"(?m)^currency = .*$", 'currency = "dollars"\ncolour = "blue"', text, count=1)
    path = folder / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_file_keeps_the_current_plan_and_reports_every_problem(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    workflow.open(copy_sample(tmp_path))
    set_revenue(_doc(workflow), 15_000_000)
    before = workflow.document
    prompts.script("ask_unsaved_changes", "discard")
    assert not workflow.open(_broken_copy(tmp_path))
    assert workflow.document is before  # the app stays up with the plan it had
    assert _doc(workflow).is_modified
    ((title, lines),) = prompts.asked("show_problems")
    assert "broken.toml" in title
    assert len(lines) >= 4
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    text = "\n".join(lines)
    for key in ("target.revenue", "conversion", "plan.currency", "plan.colour"):
        assert key in text


def test_a_file_that_is_not_toml_is_reported_with_its_line(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    workflow.new_from_sample()
    path = tmp_path / "broken.toml"
    path.write_text('format = "alignplanner.plan"\nversion = 1\n[plan\nname = "x"\n', "utf-8")
    assert not workflow.open(path)
    ((_title, lines),) = prompts.asked("show_problems")
    assert len(lines) == 1
    assert ":3: " in lines[0]
    assert _doc(workflow).path is None


def test_a_missing_file_is_reported(workflow: FileWorkflow, prompts: RecordingPrompts,
                                    tmp_path: Path) -> None:
    assert not workflow.open(tmp_path / "gone.toml")
    ((_title, lines),) = prompts.asked("show_problems")
    assert "no such file" in lines[0]
    assert workflow.document is None


def test_stale_requirements_open_recomputed_with_a_notice(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path, qtbot: QtBot
) -> None:
    plan = sample_plan()
    stale = dumps(with_revenue(plan, 20_000_000), compute(with_revenue(plan, 20_000_000)))
    fresh_inputs = dumps(plan, compute(plan)).split("[requirements]")[0]
    path = tmp_path / "stale.toml"
    path.write_text(fresh_inputs + "[requirements]" + stale.split("[requirements]")[1], "utf-8")
    with qtbot.waitSignal(workflow.notice) as notice:
        assert workflow.open(path)
    title, lines = notice.args
    assert "recomputed" in title
    assert any("stale.toml:" in line and "requirements" in line for line in lines)
    assert prompts.calls == [("show_notice", (title, lines))]  # a notice, not a dialog
    document = _doc(workflow)
    assert document.plan == plan
    # the inputs' requirements, not the stale ones; compute(plan) here is another
    # computation of them, equal up to the order of its sums
    assert_close(document.result, compute(plan))
    assert document.is_modified  # the file on disk still holds the old numbers
    assert workflow.save()
    assert reader.load(path).stale_requirements == ()


# -- locks -----------------------------------------------------------------------------


@pytest.mark.parametrize("anyway", [True, False])
def test_a_file_open_elsewhere_asks_before_opening(
    workflow: FileWorkflow, prompts: RecordingPrompts, tmp_path: Path, anyway: bool
) -> None:
    path = copy_sample(tmp_path).resolve()
    elsewhere = PlanLock(path)
    assert elsewhere.acquire()
    prompts.script("ask_open_locked", anyway)
    assert workflow.open(path) is anyway
    ((name, owner),) = prompts.asked("ask_open_locked")
    assert name == "plan.toml"
    assert "this computer" in owner
    elsewhere.release()


def test_reopening_the_open_file_is_not_locked_out(workflow: FileWorkflow,
                                                   tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    assert workflow.open(path)
    assert workflow.open(path)  # its own lock does not count
    assert not PlanLock(path.resolve()).acquire()


def test_a_failing_autosave_is_told_once(workflow: FileWorkflow, recovery: Path,
                                         qtbot: QtBot) -> None:
    workflow.new_from_sample()
    shutil.rmtree(recovery)
    recovery.write_text("a file where the recovery folder was", encoding="utf-8")
    with qtbot.waitSignal(workflow.notice) as notice:
        set_revenue(_doc(workflow), 10_500_000)
    assert notice.args[0] == "Autosave failed"
    autosaver = workflow.autosaver
    assert autosaver is not None
    with qtbot.assertNotEmitted(workflow.notice):
        set_revenue(_doc(workflow), 10_600_000)
        autosaver.flush()  # fails again, silently
    recovery.unlink()
    with qtbot.waitSignal(autosaver.saved):
        autosaver.flush()  # works again: a later failure would be told again
