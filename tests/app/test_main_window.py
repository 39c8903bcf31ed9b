"""The assembled main window, driven through its real widgets and shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from scripted_prompts import ScriptedPrompts

from alignplanner.contract.reader import load
from alignplanner.resources import sample_plan_path
from alignplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def conversion_column(window: MainWindow) -> int:
    model = window.stages.model
    return next(c for c in range(model.columnCount())
                if "onversion" in str(model.headerData(c, Qt.Orientation.Horizontal)))


def test_opens_untitled_on_the_sample_plan(window: MainWindow) -> None:
    sample = load(sample_plan_path())
    assert window.document.path is None
    assert window.document.plan == sample.plan
    assert window.windowTitle().startswith("Untitled[*]")
    assert not window.isWindowModified()
    assert window.waterfall.bar_heights() == pytest.approx([s.volume for s in sample.result.stages])


def test_an_edit_updates_the_charts_and_ctrl_z_takes_it_back(
        qtbot: QtBot, window: MainWindow) -> None:
    model = window.stages.model
    before = window.document.plan
    bars_before = window.waterfall.bar_heights()
    assert model.setData(model.index(1, conversion_column(window)), 60.0, Qt.ItemDataRole.EditRole)
    assert window.document.plan.stages[1].conversion == pytest.approx(0.60)
    assert window.isWindowModified()
    assert window.waterfall.bar_heights() != pytest.approx(bars_before)
    assert window.waterfall.bar_heights() == pytest.approx(
        [s.volume for s in window.document.result.stages])
    assert "conversion" in window.document.undo_stack.undoText().lower()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.plan == before
    assert not window.isWindowModified()
    assert window.waterfall.bar_heights() == pytest.approx(bars_before)


def test_save_as_then_title_and_clean_state(window: MainWindow, prompts: ScriptedPrompts,
                                            tmp_path: Path) -> None:
    model = window.stages.model
    model.setData(model.index(0, conversion_column(window)), 20.0, Qt.ItemDataRole.EditRole)
    target = tmp_path / "fy27.toml"
    prompts.script("ask_save_path", target)
    window.menu_actions.save.trigger()
    assert target.exists()
    assert load(target).plan == window.document.plan
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("fy27.toml[*]")


def test_close_with_unsaved_changes_can_be_cancelled(window: MainWindow,
                                                     prompts: ScriptedPrompts) -> None:
    model = window.stages.model
    model.setData(model.index(0, conversion_column(window)), 20.0, Qt.ItemDataRole.EditRole)
    prompts.script("ask_unsaved_changes", "cancel")
    assert not window.close()
    assert window.isVisible()
    assert "ask_unsaved_changes" in prompts.questions()


def test_a_broken_file_reports_every_problem_and_keeps_the_plan(
        window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    text = sample_plan_path().read_text(encoding="utf-8")
    text = text.replace("conversion = 0.12", "conversion = 0", 1).replace(
        "revenue = 9000000", "revenue = -5", 1)
    broken.write_text(text, encoding="utf-8")
    before = window.document
    window.file_open(broken)
    assert window.workflow.document is before
    title, lines = next(args for q, args in prompts.asked if q == "show_problems")
    assert "broken.toml" in title
    assert any("target.revenue" in line and "broken.toml:" in line for line in lines)
    assert any("conversion" in line for line in lines)


def test_dropping_a_plan_file_opens_it(window: MainWindow, tmp_path: Path) -> None:
    plan = tmp_path / "dropped.toml"
    plan.write_bytes(sample_plan_path().read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(plan))])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.document.path == plan.resolve()
    assert window.windowTitle().startswith("dropped.toml[*]")


def test_presentation_mode_enlarges_type_and_escape_leaves(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    size = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation.active
    assert QApplication.font().pointSizeF() > size * 1.4
    assert not window.editor_tabs.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert QApplication.font().pointSizeF() == pytest.approx(size)
    assert window.editor_tabs.isVisible()


def test_dark_theme_changes_the_palette(window: MainWindow) -> None:
    window.set_theme_mode("dark")
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    window.set_theme_mode("light")
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_export_png_and_pdf(window: MainWindow, prompts: ScriptedPrompts,
                            tmp_path: Path) -> None:
    png, pdf = tmp_path / "view.png", tmp_path / "summary.pdf"
    prompts.script("ask_export_path", png, pdf)
    window.menu_actions.export_png.trigger()
    window.menu_actions.export_pdf.trigger()
    assert png.read_bytes().startswith(b"\x89PNG")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_warning_click_shows_its_stage(window: MainWindow) -> None:
    stage = window.document.plan.stages[2].id
    window.editor_tabs.setCurrentIndex(1)
    window.warnings.subjectActivated.emit(stage)
    assert window.editor_tabs.currentWidget() is window.funnel_split
    assert window.stage_details.stage_id == stage


def test_the_split_between_editors_and_charts_is_remembered(
        qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts) -> None:
    window.resize(780, 560)  # within the offscreen screen, which a restored window fits
    qtbot.waitUntil(lambda: window.width() == 780)
    window.main_split.setSizes([300, 480])
    sizes = window.main_split.sizes()
    window.document.undo_stack.setClean()
    assert window.close()
    from alignplanner.document.settings import Settings
    from alignplanner.document.workflow import FileWorkflow

    workflow = FileWorkflow(prompts, Settings(), autosave_ms=60_000)  # type: ignore[arg-type]
    workflow.start(None)
    again = MainWindow(workflow)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.main_split.sizes()[0] == sizes[0]  # the editors keep their width
    window.show()  # the fixture closes it again


def test_presentation_mode_enlarges_the_warnings_too(window: MainWindow) -> None:
    normal = window.warnings.theme.base_point_size
    window.presentation.set_active(True)
    assert window.warnings.theme.base_point_size > normal
    window.presentation.set_active(False)
    assert window.warnings.theme.base_point_size == normal


def test_the_selected_stage_definition_is_edited_in_place_and_undoable(
        qtbot: QtBot, window: MainWindow) -> None:
    table = window.stages.table
    table.setCurrentIndex(window.stages.model.index(1, 0))
    details = window.stage_details
    stage = window.document.plan.stages[1]
    assert details.stage_id == stage.id
    field = details.fields["definition"]
    assert field.toPlainText() == stage.definition
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Fit >= 40 and engagement >= 50, or a demo request")
    table.setFocus()  # leaving the field commits it
    assert window.document.plan.stages[1].definition == (
        "Fit >= 40 and engagement >= 50, or a demo request")
    assert "definition" in window.document.undo_stack.undoText().lower()
    window.document.undo_stack.undo()
    assert window.document.plan.stages[1].definition == stage.definition
    assert field.toPlainText() == stage.definition
