"""Small plans for the editing-panel tests (tests/ui/test_editors_*.py), built in code,
and the panels shown as a person would use them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from alignplanner.domain.plan.funnel import Pipeline, Recycle, Source, Stage, Target
from alignplanner.domain.plan.plan import Plan

Panel = TypeVar("Panel", bound=QWidget)


def stages() -> tuple[Stage, ...]:
    """Inquiry -> MQL -> SAL (recycles to MQL) -> Won."""
    return (
        Stage(id="inquiry", name="Inquiry", owner="marketing", conversion=0.12, days=14),
        Stage(id="mql", name="MQL", owner="marketing", conversion=0.55, days=3),
        Stage(id="sal", name="SAL", owner="sdr", conversion=0.5, days=10,
              recycle=Recycle("mql", 0.3, 90)),
        Stage(id="won", name="Won", owner="sales"),
    )


def sources() -> tuple[Source, ...]:
    return (
        Source(id="inbound", name="Inbound", enters="inquiry", share=0.6),
        Source(id="outbound", name="Outbound", enters="mql", share=0.3,
               average_deal_size=40_000, conversion_overrides={"mql": 0.35}),
        Source(id="partners", name="Partners", enters="sal", share=0.1),
    )


def small_plan(*, with_sources: bool = False, weights: Sequence[float] | None = None,
               monthly_revenue: Sequence[float] | None = None,
               existing: dict[str, float] | None = None) -> Plan:
    target = Target(
        revenue=1_200_000, average_deal_size=30_000,
        monthly_weights=tuple(weights) if weights is not None else None,
        monthly_revenue=tuple(monthly_revenue) if monthly_revenue is not None else None,
    )
    return Plan(
        name="Workshop plan", start=date(2027, 1, 1), months=12, target=target,
        stages=stages(), sources=sources() if with_sources else (),
        pipeline=Pipeline(existing or {}),
    )


def shown(qtbot: QtBot, panel: Panel, size: tuple[int, int] | None = None) -> Panel:
    """``panel`` (of ``size``, if given) shown and active, as shortcuts and focus need;
    qtbot closes it after the test."""
    qtbot.addWidget(panel)
    if size is not None:
        panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    return panel


def open_cell_editor(table: QAbstractItemView, index: QModelIndex) -> QWidget:
    """Focus ``table``, make ``index`` current and open its editor; the editor."""
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None
    assert editor is not table
    return editor


def type_in_cell(qtbot: QtBot, table: QAbstractItemView, index: QModelIndex, text: str,
                 editor_type: type[QWidget] = QWidget) -> None:
    """Open the cell's editor (an ``editor_type``), type over what it shows and press
    Enter, as a person would."""
    editor = open_cell_editor(table, index)
    assert isinstance(editor, editor_type)
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, text)
    with qtbot.waitSignal(table.itemDelegate().closeEditor):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
