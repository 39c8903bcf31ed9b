"""What each column of one export means: a chooser per role, per plan stage the column
holding the date a record entered it, and per SLA of the plan the columns of its
hand-off's times ("handed over", "answered"; by default from the stages' entries).

`ColumnForm.show_file` fills the choosers from a `FileMapping` (the guess or the saved
mapping); `file_mapping` reads them back into one. The shape decides which choosers
count: a long file has a stage and a date column, a wide one only the stage dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import MappingProxyType

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QWidget

from alignplanner.contract.actuals.mapping import FileMapping, HandOffColumns
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui import wording

ROLES = ("id", "stage", "date", "source", "amount", "owner")
LONG_ONLY = frozenset({"stage", "date"})


class ColumnForm(QWidget):
    """The choosers of one export's columns; ``changed`` when the person picks one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.shape = QComboBox(self)
        for label, code in wording.SHAPE_LABELS:
            self.shape.addItem(label, code)
        self.shape.setAccessibleName(wording.ACTUALS_LABELS["shape"])
        self._layout.addRow(wording.ACTUALS_LABELS["shape"], self.shape)
        self.roles: dict[str, QComboBox] = {}
        for role in ROLES:
            box = QComboBox(self)
            box.setToolTip(wording.ROLE_TIPS[role])
            box.setAccessibleName(wording.ROLE_LABELS[role])
            self.roles[role] = box
            self._layout.addRow(wording.ROLE_LABELS[role], box)
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.date_order = QComboBox(self)
        for label, code in wording.DATE_ORDER_LABELS:
            self.date_order.addItem(label, code)
        self.date_order.setAccessibleName(wording.ROLE_LABELS["date_order"])
        self._layout.addRow(wording.ROLE_LABELS["date_order"], self.date_order)
        self.date_order.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.enters_caption = QLabel(self)
        self._layout.addRow(self.enters_caption)
        self.enters: dict[str, QComboBox] = {}
        self.handoff_box = QGroupBox(wording.HANDOFF_LABELS["caption"], self)
        self._handoff_grid = QGridLayout(self.handoff_box)
        self._layout.addRow(self.handoff_box)
        self.handoff_box.hide()
        self.handoffs: dict[str, tuple[QComboBox, QComboBox]] = {}  # SLA -> start, answered
        self.sla_names: dict[str, str] = {}
        self._header: tuple[str, ...] = ()
        self._base: FileMapping | None = None
        self.shape.currentIndexChanged.connect(lambda _i: self._shape_changed())

    def set_stages(self, ids: Sequence[str], names: Sequence[str]) -> None:
        """One "entered" chooser per plan stage (above the SLAs' hand-offs)."""
        for box in self.enters.values():
            self._layout.removeRow(box)
        self.enters = {}
        for stage, name in zip(ids, names, strict=True):
            box = QComboBox(self)
            box.setAccessibleName(f"{name} entered")
            box.setToolTip(f"The column holding the date a record entered {name}")
            self.enters[stage] = box
            self._layout.insertRow(self._layout.rowCount() - 1, name, box)  # the box last
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_slas(self, plan: Plan) -> None:
        """Per SLA of ``plan`` a "handed over" and an "answered" chooser, in a compact
        grid; a plan without SLAs shows none of it."""
        while (item := self._handoff_grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.handoffs, self.sla_names = {}, {}
        grid = self._handoff_grid
        for column, role in enumerate(("start", "answered"), start=1):
            grid.addWidget(QLabel(wording.HANDOFF_LABELS[role], self.handoff_box), 0, column)
            grid.setColumnStretch(column, 1)
        names = dict(zip(plan.stage_ids, (s.name for s in plan.stages), strict=True))
        titles = wording.sla_titles(plan)
        for row, (sla, title) in enumerate(zip(plan.slas, titles, strict=True), start=1):
            short = wording.sla_short_name(title)
            self.sla_names[sla.id] = short
            label = QLabel(short, self.handoff_box)
            label.setToolTip(title)
            grid.addWidget(label, row, 0)
            pair = []
            for column, role in enumerate(("start", "answered"), start=1):
                box = QComboBox(self.handoff_box)
                box.setAccessibleName(f"{short}: {wording.HANDOFF_LABELS[role].lower()}")
                box.setToolTip(wording.handoff_tip(role, title,
                                                   names.get(sla.from_stage, sla.from_stage),
                                                   names.get(sla.to_stage, sla.to_stage)))
                box.addItem(wording.FROM_STAGES, "")
                box.currentIndexChanged.connect(lambda _i: self.changed.emit())
                grid.addWidget(box, row, column)
                pair.append(box)
            self.handoffs[sla.id] = (pair[0], pair[1])
        self.handoff_box.setVisible(bool(self.handoffs))

    def set_caption_for(self, file: FileMapping) -> None:
        self.enters_caption.setText(f"<b>{wording.enters_caption(bool(file.stage))}</b>")

    def _boxes(self) -> list[QComboBox]:
        return [self.shape, self.date_order, *self.roles.values(), *self.enters.values(),
                *(box for pair in self.handoffs.values() for box in pair)]

    def show_file(self, header: Sequence[str], file: FileMapping) -> None:
        """Fill the choosers with ``header``'s columns, choosing what ``file`` says."""
        self._header = tuple(header)
        self._base = file
        blockers = [QSignalBlocker(box) for box in self._boxes()]
        chosen = {"id": file.id, "stage": file.stage, "date": file.date,
                  "source": file.source, "amount": file.amount, "owner": file.owner}
        for role, box in self.roles.items():
            self._fill(box, chosen[role], blank=role != "id" or not file.id)
        for stage, box in self.enters.items():
            self._fill(box, file.enters.get(stage), blank=True)
        for sla, (start, answered) in self.handoffs.items():
            given = file.handoffs.get(sla, HandOffColumns())
            self._fill(start, given.start, blank=True, default=wording.FROM_STAGES)
            self._fill(answered, given.answered, blank=True, default=wording.FROM_STAGES)
        self.shape.setCurrentIndex(self.shape.findData("long" if file.stage else "wide"))
        self.date_order.setCurrentIndex(max(self.date_order.findData(file.date_order or ""), 0))
        del blockers
        self._enable()

    def _fill(self, box: QComboBox, current: str | None, *, blank: bool,
              default: str = wording.NO_COLUMN) -> None:
        box.clear()
        if blank:
            box.addItem(default, "")
        for column in self._header:
            box.addItem(column, column)
        at = box.findData(current) if current else 0
        box.setCurrentIndex(max(at, 0))

    def _shape_changed(self) -> None:
        if self.shape.currentData() == "long" and not self.roles["stage"].currentData():
            from alignplanner.contract.actuals.guess import guess_stage_column

            guess = guess_stage_column(self._header) or ""
            self.roles["stage"].setCurrentIndex(max(self.roles["stage"].findData(guess), 0))
        self._enable()
        self.changed.emit()

    def _enable(self) -> None:
        long = self.shape.currentData() == "long"
        for role in LONG_ONLY:
            self.roles[role].setEnabled(long)

    def file_mapping(self) -> FileMapping | None:
        """The shown file's mapping as the choosers say it; None before `show_file`."""
        if self._base is None:
            return None
        long = self.shape.currentData() == "long"

        def column(role: str) -> str | None:
            if role in LONG_ONLY and not long:
                return None
            return self.roles[role].currentData() or None

        enters = {s: box.currentData() for s, box in self.enters.items() if box.currentData()}
        return replace(self._base, id=self.roles["id"].currentData() or "",
                       stage=column("stage"), date=column("date"), source=column("source"),
                       amount=column("amount"), owner=column("owner"),
                       enters=MappingProxyType(enters),
                       date_order=self.date_order.currentData() or None,
                       where=self._base.where if long else MappingProxyType({}),
                       handoffs=MappingProxyType(self._handoffs()))


    def _handoffs(self) -> dict[str, HandOffColumns]:
        """The SLAs whose hand-off names a column (both left "from the stages": absent).
        An SLA the plan no longer has is left out: the importer would refuse it."""
        out = {}
        for sla, (start, answered) in self.handoffs.items():
            columns = HandOffColumns(start.currentData() or None, answered.currentData() or None)
            if columns != HandOffColumns():
                out[sla] = columns
        return out


__all__ = ["ROLES", "ColumnForm"]
