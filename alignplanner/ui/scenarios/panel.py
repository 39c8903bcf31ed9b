"""The Scenarios panel: the base and its variants in a list (the agreed one marked; the
one selected is the one the window shows and edits), a name field with Add, Rename,
Duplicate, Delete and Make agreed (each one undoable step of the document), "What
differs" for the selected variant against the base in the plan's own words
(`contract.diff`), and the headline figures of every scenario side by side, each cell's
tooltip saying what the figure means and how it differs from the base."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.domain.scenarios import edits
from alignplanner.domain.scenarios.scenario import BASE, Scenarios
from alignplanner.ui import wording

Computed = list[tuple[Plan, Result]]
FIGURE_NAME_WIDTH = 240  # pixels at most for a figure's name; longer names wrap


class ScenariosPanel(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.list.setToolTip(wording.SCENARIO_TIP)
        self.differs = QPlainTextEdit()
        self.differs.setReadOnly(True)
        self.differs.setMaximumHeight(96)
        self.differs.setAccessibleName("What differs")
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
        self._follow = ""  # the name to show after an edit (a new or copied scenario)
        self._filling = False
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
        lists = QHBoxLayout()
        lists.addWidget(self.list, 2)
        lists.addWidget(self.differs, 3)
        column.addLayout(lists)
        column.addWidget(self.table, 1)
        self.list.currentItemChanged.connect(self._picked)
        document.scenariosChanged.connect(self.refresh)
        document.resultChanged.connect(self.refresh)
        document.currentScenarioChanged.connect(self.refresh)
        self.refresh()

    # -- actions -----------------------------------------------------------------------

    def selected(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else BASE

    def _picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        """A scenario selected in the list is the one the window shows and edits."""
        if self._filling or item is None:
            return
        name = str(item.data(Qt.ItemDataRole.UserRole))
        if name != self.document.current_scenario:
            self.document.show_scenario(name)

    def _apply(self, text: str, transform: object) -> None:
        follow, self._follow = self._follow, ""
        problems = self.document.edit_scenarios(text, transform)  # type: ignore[arg-type]
        self.message.setText("\n".join(str(p) for p in problems))
        if not problems and follow and follow != self.document.current_scenario:
            self.document.show_scenario(follow)  # a new scenario is the one worked in

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
            self._apply(f"Rename scenario {old}", lambda s: edits.rename(s, old, name))

    def _duplicate(self) -> None:
        source = self.selected()
        if (name := self._new_name()) is not None:
            self._follow = name
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
        current = self.document.current_scenario
        names = (BASE, *scenarios.names)
        agreed = scenarios.agreed or BASE
        self._filling = True
        try:
            self.list.clear()
            for name in names:
                self.list.addItem(wording.scenario_entry(name, name == agreed))
                item = self.list.item(self.list.count() - 1)
                item.setData(Qt.ItemDataRole.UserRole, name)
                if name == current:
                    self.list.setCurrentItem(item)
        finally:
            self._filling = False
        computed = self._fill_table(names, scenarios)
        self._fill_differs(names.index(current) if current in names else 0, names, computed)

    def _fill_differs(self, at: int, names: tuple[str, ...], computed: Computed) -> None:
        """What the selected variant changes against the base, in the plan's words."""
        from alignplanner.contract.diff import diff

        if at == 0:
            self.differs.setPlainText(
                "Select a variant to see what differs from the base plan." if len(names) > 1
                else "Add a variant to plan a what-if beside the base plan.")
            return
        (base, base_result), (plan, result) = computed[0], computed[at]
        changes = [c for c in diff(base, plan, base_result, result)
                   if ".monthly_rounded." not in c.path]
        lines = [wording.differs_heading(names[at], BASE, len(changes)),
                 *(f"• {c.text}" for c in changes)]
        if not changes:
            lines.append(wording.SAME_AS_BASE)
        self.differs.setPlainText("\n".join(lines))

    def _fill_table(self, names: tuple[str, ...], scenarios: Scenarios) -> Computed:
        from alignplanner.contract.scenarios import plan_of
        from alignplanner.domain.engine.compute import compute
        from alignplanner.domain.scenarios.headline import side_by_side

        document = self.document
        base = document.base
        computed: Computed = []
        for name in names:
            plan = plan_of(base, scenarios, name)
            if plan is base:
                computed.append((plan, document.base_result))
            else:
                shown = plan == document.plan
                computed.append((plan, document.result if shown else compute(plan)))
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
        return computed

    def _fit_rows(self, labels: list[str]) -> None:
        """Each row as tall as its figure's name, wrapped in the header's width, needs."""
        header = self.table.verticalHeader()
        metrics = header.fontMetrics()
        width = min(FIGURE_NAME_WIDTH, header.sizeHint().width()) - 12
        for i, label in enumerate(labels):
            box = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, label)
            self.table.setRowHeight(i, max(header.defaultSectionSize(), box.height() + 8))


__all__ = ["ScenariosPanel"]
