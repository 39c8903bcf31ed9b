"""The Scenarios panel: the base and its variants in a list (the agreed one marked), a
name field with Add, Rename, Duplicate, Delete and Make agreed (each one undoable step of
the document), and the headline figures of every scenario side by side, each cell's
tooltip saying what the figure means and how it differs from the base."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.scenarios import edits
from alignplanner.domain.scenarios.scenario import BASE, Scenarios

FIGURE_NAME_WIDTH = 240  # pixels at most for a figure's name; longer names wrap


class ScenariosPanel(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Scenario name, e.g. Hire 2 SDRs")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # a figure's name wraps in its header rather than pushing the figures out of view
        figures = self.table.verticalHeader()
        figures.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                    | Qt.TextFlag.TextWordWrap)
        figures.setMaximumWidth(FIGURE_NAME_WIDTH)
        self.buttons: dict[str, QPushButton] = {}
        self._follow = ""  # the name to select after an edit (a renamed or new scenario)
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        for label, action in (("Add", self._add), ("Rename", self._rename),
                              ("Duplicate", self._duplicate), ("Delete", self._delete),
                              ("Make agreed", self._agree)):
            button = QPushButton(label)
            button.clicked.connect(action)
            self.buttons[label] = button
            row.addWidget(button)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.message)
        column.addWidget(self.list)
        column.addWidget(self.table, 1)
        document.scenariosChanged.connect(self.refresh)
        document.resultChanged.connect(self.refresh)
        self.refresh()

    # -- actions -----------------------------------------------------------------------

    def selected(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else BASE

    def _apply(self, text: str, transform: object) -> None:
        problems = self.document.edit_scenarios(text, transform)  # type: ignore[arg-type]
        self._follow = ""
        self.message.setText("\n".join(str(p) for p in problems))

    def _new_name(self) -> str | None:
        name = self.name.text().strip()
        if not name:
            self.message.setText("Type a name for the scenario first.")
            return None
        return name

    def _add(self) -> None:
        if (name := self._new_name()) is not None:
            self._follow = name
            self._apply(f"Add scenario {name}", lambda s: edits.add(s, name))

    def _rename(self) -> None:
        old = self.selected()
        if old == BASE:
            self.message.setText("The base plan keeps its name; select a variant to rename.")
        elif (name := self._new_name()) is not None:
            self._follow = name
            self._apply(f"Rename scenario {old}", lambda s: edits.rename(s, old, name))

    def _duplicate(self) -> None:
        source = self.selected()
        if (name := self._new_name()) is not None:
            self._apply(f"Duplicate {source}", lambda s: edits.duplicate(s, source, name))

    def _delete(self) -> None:
        name = self.selected()
        if name == BASE:
            self.message.setText("The base plan cannot be deleted; select a variant.")
        else:
            self._apply(f"Delete scenario {name}", lambda s: edits.delete(s, name))

    def _agree(self) -> None:
        name = self.selected()
        self._apply(f"Agree on {name}", lambda s: edits.agree(s, name))

    # -- views -------------------------------------------------------------------------

    def refresh(self, *_: object) -> None:
        scenarios: Scenarios = self.document.scenarios
        current = self._follow or self.selected()
        names = (BASE, *scenarios.names)
        agreed = scenarios.agreed or BASE
        self.list.clear()
        for name in names:
            self.list.addItem(f"{name}  (agreed)" if name == agreed else name)
            item = self.list.item(self.list.count() - 1)
            item.setData(Qt.ItemDataRole.UserRole, name)
            if name == current:
                self.list.setCurrentItem(item)
        self._fill_table(names, scenarios)

    def _fill_table(self, names: tuple[str, ...], scenarios: Scenarios) -> None:
        from alignplanner.contract.scenarios import plan_of
        from alignplanner.domain.engine.compute import compute
        from alignplanner.domain.scenarios.headline import side_by_side

        base = self.document.plan
        computed = []
        for name in names:
            plan = plan_of(base, scenarios, name)
            computed.append((plan, self.document.result if plan is base else compute(plan)))
        rows = side_by_side(computed)
        self.table.setColumnCount(len(names))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(list(names))
        self.table.setVerticalHeaderLabels([r.label for r in rows])
        for i, row in enumerate(rows):
            self.table.verticalHeaderItem(i).setToolTip(row.meaning)
            for j, (value, diff) in enumerate(zip(row.values, row.differences, strict=True)):
                text = "-" if value is None else f"{value:,.0f}"
                if j and diff:
                    text += f"  ({diff:+,.0f})"
                cell = QTableWidgetItem(text)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                against = "" if j == 0 or diff is None else (
                    f"; {diff:+,.0f} against {BASE}" if diff else f"; the same as {BASE}")
                cell.setToolTip(f"{row.meaning} in {names[j]}: {text.split('  ')[0]}{against}")
                self.table.setItem(i, j, cell)
        self.table.resizeColumnsToContents()
        self._fit_rows([r.label for r in rows])

    def _fit_rows(self, labels: list[str]) -> None:
        """Each row as tall as its figure's name, wrapped in the header's width, needs."""
        header = self.table.verticalHeader()
        metrics = header.fontMetrics()
        width = min(FIGURE_NAME_WIDTH, header.sizeHint().width()) - 12
        for i, label in enumerate(labels):
            box = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, label)
            self.table.setRowHeight(i, max(header.defaultSectionSize(), box.height() + 8))


__all__ = ["ScenariosPanel"]
