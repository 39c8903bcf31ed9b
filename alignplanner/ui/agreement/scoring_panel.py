"""ScoringPanel: the lead-scoring model that defines the MQL, edited with undo.

Fit criteria (who the lead is) and engagement criteria (what it does) in two tables of
label and points; the thresholds (fit AND engagement), the high-intent actions that
qualify a lead outright, and how engagement points decay. Below, "Try a lead" scores a
made-up lead with the model as it is now. A refused value never reaches the plan: the
reason shows in red, naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.agreement.scoring import MAX_AGE_DAYS, MAX_POINTS, MAX_THRESHOLD
from alignplanner.domain.edits import scoring as scoring_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.agreement.criteria_model import KIND_LABELS, CriteriaModel
from alignplanner.ui.agreement.try_lead import TryLead
from alignplanner.ui.editors import delegates as kinds
from alignplanner.ui.editors.common import (
    ErrorLabel,
    blocked,
    editable_table,
    resize_on_row_changes,
    scaled_font,
    size_columns,
)
from alignplanner.ui.views import DocumentPanel

__all__ = ["ScoringPanel"]

Transform = Callable[[Plan], Plan]
DECAY_LABELS = {"none": "Never decay", "halve": "Halve every", "expire": "Expire after"}


class _PointsDelegate(kinds.EditorDelegate):
    """Points may be negative (an unsubscribe counts against a lead)."""

    def __init__(self, group: str, choices: kinds.Choices | None, parent: QWidget) -> None:
        super().__init__({2: kinds.CHOICE} if group == "fit" else {}, choices, parent)
        self._points = 1

    def createEditor(self, parent: QWidget, option: object, index: kinds.Index) -> QWidget:
        if index.column() == self._points:
            box = kinds.spin_box(parent, -MAX_POINTS, MAX_POINTS, 0, widest=-1000)
            return self._number_editor(box, index)
        return super().createEditor(parent, option, index)  # type: ignore[arg-type]


def _size(table: QTableView) -> None:
    """Columns fit their contents; the label column takes the room left."""
    size_columns(table)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


class ScoringPanel(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.error = ErrorLabel(self)
        self.fit = CriteriaModel(document, "fit", self)
        self.engagement = CriteriaModel(document, "engagement", self)
        self.fit_table = self._table(self.fit, "Fit criteria")
        self.engagement_table = self._table(self.engagement, "Engagement criteria")
        self.stage = QComboBox(self)
        self.stage.setToolTip("The stage a lead enters when it qualifies (usually the MQL)")
        self.stage.activated.connect(lambda _i: self._commit(
            "Change the stage scoring qualifies for",
            lambda p: scoring_edits.set_model(p, qualifies_for=str(self.stage.currentData())),
            "Qualifies for"))
        self.fit_threshold = kinds.spin_box(self, 0, MAX_THRESHOLD, 0, widest=10_000)
        self.engagement_threshold = kinds.spin_box(self, 0, MAX_THRESHOLD, 0, widest=10_000)
        for box, what in ((self.fit_threshold, "fit"), (self.engagement_threshold, "engagement")):
            box.setSuffix(" points")
            box.valueChanged.connect(lambda v, what=what: self._threshold(what, v))
        self.decay_mode = QComboBox(self)
        for mode, label in DECAY_LABELS.items():
            self.decay_mode.addItem(label, mode)
        self.decay_mode.activated.connect(lambda _i: self._decay())
        self.decay_days = kinds.spin_box(self, 0, MAX_AGE_DAYS, 0, widest=9999)
        self.decay_days.setSuffix(" days")
        self.decay_days.valueChanged.connect(lambda _v: self._decay())
        for box, field in ((self.fit_threshold, "Fit threshold"),
                           (self.engagement_threshold, "Engagement threshold"),
                           (self.decay_days, "Decay")):
            self.error.follow(box, field)
        self.intent = QLabel(self)
        self.intent.setWordWrap(True)  # a long list of actions wraps, never widens the tab
        self.try_lead = TryLead(self)
        self.start_button = QPushButton("Create a lead-scoring model", self)
        self.start_button.clicked.connect(lambda: self._commit(
            "Create the lead-scoring model", scoring_edits.start_scoring, "Scoring"))
        self.pages = QStackedWidget(self)
        self._lay_out()
        self._fit_to_font()
        self._bind()

    def _table(self, model: CriteriaModel, name: str) -> QTableView:
        table = editable_table(self, model, name)

        def kind_choices(_index: kinds.Index) -> list[tuple[str, str]]:
            return [(KIND_LABELS[k], k) for k in ("firmographic", "demographic")]

        table.setItemDelegate(_PointsDelegate(model.group, kind_choices, table))
        model.refused.connect(lambda _r, _c, why: self.error.show_message(why))
        resize_on_row_changes(model, lambda: _size(table))
        return table

    def _group_box(self, title: str, table: QTableView, group: scoring_edits.Group) -> QGroupBox:
        box = QGroupBox(title, self)
        add = QPushButton("Add", box)
        add.setObjectName(f"{group}Add")
        add.setToolTip(f"Add a {group} criterion")
        add.clicked.connect(lambda: self._commit(
            f"Add {group} criterion", lambda p: scoring_edits.add_criterion(p, group), title))
        remove = QPushButton("Remove", box)
        remove.setObjectName(f"{group}Remove")
        remove.setToolTip("Remove the selected criterion (undo brings it back)")
        remove.clicked.connect(lambda: self._remove(table, group, title))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(table)
        return box

    def _lay_out(self) -> None:
        empty = QWidget(self)
        empty_layout = QVBoxLayout(empty)
        note = QLabel("No lead-scoring model yet. It defines when a lead becomes an MQL: "
                      "points for who it is (fit) and what it does (engagement), the scores it "
                      "needs, and the actions that qualify it at once.", empty)
        note.setWordWrap(True)
        empty_layout.addWidget(note)
        empty_layout.addWidget(self.start_button)
        empty_layout.addStretch(1)
        model = QWidget(self)
        rules = QGroupBox("When a lead qualifies", model)
        form = QFormLayout(rules)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Qualifies for", self.stage)
        form.addRow("Fit at least", self.fit_threshold)
        form.addRow("and engagement at least", self.engagement_threshold)
        decay = QHBoxLayout()
        decay.addWidget(self.decay_mode)
        decay.addWidget(self.decay_days)
        decay.addStretch(1)
        form.addRow("Engagement points", decay)
        form.addRow("or at once on", self.intent)
        tables = QVBoxLayout()
        tables.addWidget(self._group_box("Fit: who the lead is", self.fit_table, "fit"))
        tables.addWidget(self._group_box("Engagement: what the lead does",
                                         self.engagement_table, "engagement"))
        trial = QGroupBox("Try a lead", model)
        QVBoxLayout(trial).addWidget(self.try_lead)
        column = QVBoxLayout(model)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(tables, 1)
        column.addWidget(self.error)
        column.addWidget(rules)
        column.addWidget(trial)
        self.pages.addWidget(empty)
        self.pages.addWidget(model)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def _fit_to_font(self) -> None:
        for table in (self.fit_table, self.engagement_table):
            table.setMinimumHeight(table.fontMetrics().lineSpacing() * 5)  # a few rows; scrolls
            _size(table)
        self.try_lead.verdict.setFont(scaled_font(self.font(), 1.5, bold=True))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode: bigger type
            self._fit_to_font()

    # -- document --------------------------------------------------------------------

    def refresh(self, plan: Plan) -> None:
        model = plan.scoring
        self.pages.setCurrentIndex(0 if model is None else 1)
        self.try_lead.set_model(model)
        if model is None:
            return
        widgets = (self.stage, self.fit_threshold, self.engagement_threshold, self.decay_mode,
                   self.decay_days)
        with blocked(*widgets):
            self.stage.clear()
            for stage in plan.stages[:-1]:
                self.stage.addItem(stage.name, stage.id)
            self.stage.setCurrentIndex(self.stage.findData(model.qualifies_for))
            self.fit_threshold.setValue(model.fit_threshold)
            self.fit_threshold.setToolTip(f"The fit criteria add up to at most "
                                          f"{model.max_fit:g} points")
            self.engagement_threshold.setValue(model.engagement_threshold)
            self.decay_mode.setCurrentIndex(self.decay_mode.findData(model.decay.mode))
            self.decay_days.setValue(model.decay.days)
        self.decay_days.setEnabled(model.decay.mode != "none")
        labels = [c.label for c in model.engagement if c.id in model.high_intent]
        self.intent.setText(", ".join(labels) + " (ticked as high intent, while fresh)"
                            if labels else "no high-intent action (tick one in the table)")
        self.intent.setForegroundRole(QPalette.ColorRole.WindowText)

    # -- slots: each calls the document ------------------------------------------------

    def _commit(self, text: str, transform: Transform, field: str,
                key: Hashable | None = None) -> None:
        self.error.clear_message()
        problems = self.document.edit(text, transform, key)
        if self.error.show_problems(problems, field):
            self.refresh(self.document.plan)  # the fields show the plan's values again

    def _threshold(self, what: str, value: float) -> None:
        change = {f"{what}_threshold": value}
        self._commit(f"Change the {what} threshold",
                     lambda p: scoring_edits.set_model(p, **change),
                     f"{what.capitalize()} threshold", ("scoring", what))

    def _decay(self) -> None:
        mode = str(self.decay_mode.currentData())
        days = self.decay_days.value()
        if mode != "none" and days == 0:
            days = 30.0  # a rule that decays needs a period; a month is where most start
        self._commit("Change how engagement decays",
                     lambda p: scoring_edits.set_decay(p, mode, days),
                     "Decay", ("scoring", "decay"))

    def _remove(self, table: QTableView, group: scoring_edits.Group, title: str) -> None:
        row = table.currentIndex().row()
        if row < 0:
            self.error.show_message(f"{title}: select the criterion to remove")
            return
        self._commit(f"Remove {group} criterion",
                     lambda p: scoring_edits.remove_criterion(p, group, row), title)
