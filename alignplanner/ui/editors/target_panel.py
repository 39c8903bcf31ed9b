"""TargetPanel: the plan's settings, the revenue target and how it spreads over months.

Number fields commit on Enter or when focus leaves them (keyboard tracking off), so typing
1-2-0 is one edit; arrow-key steps of one field merge into one undo step. A refused value
is put back and the reason shows in red under the group, naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QDate, QEvent, QRegularExpression, QSize
from PySide6.QtGui import QPalette, QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.checks import MAX_MONEY
from alignplanner.domain.edits import plan as plan_edits
from alignplanner.domain.plan.funnel import MAX_GROWTH
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.editors.common import ErrorLabel, blocked, scaled_font
from alignplanner.ui.editors.delegates import spin_box
from alignplanner.ui.editors.seasonality import SeasonalityEditor
from alignplanner.ui.views import DocumentPanel
from alignplanner.ui.wording import deals, deals_sentence, deals_total

Transform = Callable[[Plan], Plan]
ROUNDING_LABELS = {
    "ceil": "Round each stage up (ceil)",
    "nearest": "Round each stage to the nearest whole unit",
    "chained-ceil": "Whole deals first, then round each stage up (chained ceil)",
    "chained-half-up": "Round every step half up, like a spreadsheet (chained half-up)",
}
CONTINUATION_LABELS = {
    "repeat": "Repeat next year's target (with growth)",
    "none": "Stop at the end of the plan",
}
ROUNDING_WHY = "How exact volumes become whole numbers of leads and deals"
CONTINUATION_WHY = "What comes after the plan: late leads need next year's target to aim at"
MAX_TYPED_MONTHS = 9999  # the length field takes any count; the plan refuses what cannot be
BIG = 1.4  # the money fields and the wins they need, relative to the application font


def _combo(parent: QWidget, labels: dict[str, str]) -> QComboBox:
    """A choice whose long labels are cut short in the field (the list and the tool tip
    give them whole), so that it never makes the panel wider than a projector."""
    combo = QComboBox(parent)
    for value, label in labels.items():
        combo.addItem(label, value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(20)
    return combo


class TargetPanel(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.name = QLineEdit(self)
        self.currency = QLineEdit(self)
        self.currency.setValidator(QRegularExpressionValidator(
            QRegularExpression("[A-Za-z]{0,3}"), self.currency))
        self.currency.setToolTip("Three-letter ISO 4217 code, such as USD, EUR or GBP")
        self.start = QDateEdit(self)
        self.start.setDisplayFormat("MMMM yyyy")
        self.start.setKeyboardTracking(False)
        self.start.setToolTip("The first month of the plan (plans start on the 1st)")
        self.months = spin_box(self, -MAX_TYPED_MONTHS, MAX_TYPED_MONTHS, 0, widest=999)
        self.months.setGroupSeparatorShown(False)
        self.months.setSuffix(" months")
        self.rounding = _combo(self, ROUNDING_LABELS)
        self.rounding.setToolTip(ROUNDING_WHY)
        self.revenue = spin_box(self, 1.0, MAX_MONEY, 0)
        self.revenue.setToolTip("New revenue the plan must bring over its months")
        self.deal_size = spin_box(self, 1.0, MAX_MONEY, 0)
        self.deal_size.setToolTip("Average revenue of one won deal (sources may have their own)")
        self.wins = QLabel(self)
        self.deals_note = QLabel(self)  # where the deals come from: the waterfall's words
        self.deals_note.setWordWrap(True)
        self.deals_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.growth = spin_box(self, -99.99, MAX_GROWTH * 100, 2)
        self.growth.setSuffix(" %")
        self.growth.setToolTip("How much next year's monthly targets grow over this year's; "
                               "leads made late in the plan close next year")
        self.continuation = _combo(self, CONTINUATION_LABELS)
        self.continuation.setToolTip(CONTINUATION_WHY)
        self.plan_error = ErrorLabel(self)
        self.target_error = ErrorLabel(self)
        self.seasonality = SeasonalityEditor(document, self)
        self._lay_out()
        self._follow_typing()
        self._connect()
        self._apply_fonts()
        self._bind()

    def _form_box(self, title: str, rows: dict[str, QWidget], error: ErrorLabel,
                  note: QWidget | None = None) -> QGroupBox:
        """A group of labelled fields with the red line for their refusals under them."""
        box = QGroupBox(title, self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in rows.items():
            form.addRow(label, field)
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(form)
        if note is not None:
            box_layout.addWidget(note)
        box_layout.addWidget(error)
        box_layout.addStretch(1)
        return box

    def _lay_out(self) -> None:
        plan_box = self._form_box("Plan", {
            "Name": self.name, "Currency": self.currency, "Starts": self.start,
            "Length": self.months, "Rounding": self.rounding,
        }, self.plan_error)
        target_box = self._form_box("Revenue target", {
            "Revenue target": self.revenue, "Average deal size": self.deal_size,
            "Wins needed": self.wins, "After the plan": self.continuation,
            "Growth next year": self.growth,
        }, self.target_error, self.deals_note)

        months_box = QGroupBox("Seasonality", self)
        QVBoxLayout(months_box).addWidget(self.seasonality)

        self._stacking = (plan_box, target_box)  # side by side, or one above the other
        self._months_box = months_box
        self._boxes = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._boxes.addWidget(plan_box, 1)
        self._boxes.addWidget(target_box, 1)
        column = QVBoxLayout(self)
        column.addLayout(self._boxes)
        column.addWidget(months_box)
        column.addStretch(1)

    def _margins(self) -> int:
        layout = self.layout()
        m = layout.contentsMargins() if layout is not None else self.contentsMargins()
        return m.left() + m.right()

    def _side_by_side_width(self) -> int:
        """The width the two boxes need beside each other (narrower, they stack)."""
        return (sum(b.minimumSizeHint().width() for b in self._stacking)
                + self._boxes.spacing() + self._margins())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widest box alone: the boxes stack rather than widen the tab."""
        widest = max(b.minimumSizeHint().width() for b in (*self._stacking, self._months_box))
        return QSize(widest + self._margins(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        side = event.size().width() >= self._side_by_side_width()
        direction = (QBoxLayout.Direction.LeftToRight if side
                     else QBoxLayout.Direction.TopToBottom)
        if self._boxes.direction() != direction:
            self._boxes.setDirection(direction)
            self.updateGeometry()  # a scroll area around it asks the new height
        super().resizeEvent(event)

    def _follow_typing(self) -> None:
        """Text a number field cannot read is refused under its group, by name."""
        self.plan_error.follow(self.months, "Plan length")
        for box, field in ((self.revenue, "Revenue target"),
                           (self.deal_size, "Average deal size"), (self.growth, "Growth")):
            self.target_error.follow(box, field)

    def _connect(self) -> None:
        self.name.editingFinished.connect(self._name)
        self.currency.editingFinished.connect(self._currency)
        self.start.dateChanged.connect(self._start)
        self.months.valueChanged.connect(self._months)
        self.rounding.activated.connect(self._rounding)
        self.revenue.valueChanged.connect(self._revenue)
        self.deal_size.valueChanged.connect(self._deal_size)
        self.growth.valueChanged.connect(self._growth)
        self.continuation.activated.connect(self._continuation)

    def _apply_fonts(self) -> None:
        """Money and wins a size above the application font (which presentation mode sets)."""
        big = scaled_font(self.font(), BIG, bold=True)
        for widget in (self.revenue, self.deal_size, self.wins):
            widget.setFont(big)
        chars = self.fontMetrics().averageCharWidth()
        for combo in (self.rounding, self.continuation):  # the list shows them whole
            metrics = combo.view().fontMetrics()
            longest = max(metrics.horizontalAdvance(combo.itemText(i))
                          for i in range(combo.count()))
            combo.view().setMinimumWidth(longest + 4 * chars)
        self.name.setMaximumWidth(chars * 48)
        self.currency.setMaximumWidth(chars * 7)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()

    # -- document --------------------------------------------------------------------

    def refresh(self, plan: Plan) -> None:
        self.plan_error.clear_message()
        self.target_error.clear_message()
        self._load(plan)

    def _load(self, plan: Plan) -> None:
        target = plan.target
        widgets = (self.name, self.currency, self.start, self.months, self.rounding,
                   self.revenue, self.deal_size, self.growth, self.continuation)
        with blocked(*widgets):
            if self.name.text() != plan.name:
                self.name.setText(plan.name)
            self.currency.setText(plan.currency)
            self.start.setDate(QDate(plan.start.year, plan.start.month, 1))
            self.months.setValue(plan.months)
            self.rounding.setCurrentIndex(self.rounding.findData(plan.rounding))
            self.revenue.setValue(target.revenue)
            self.deal_size.setValue(target.average_deal_size)
            self.growth.setValue(target.growth * 100)
            self.continuation.setCurrentIndex(self.continuation.findData(target.continuation))
        for money_box in (self.revenue, self.deal_size):
            money_box.setSuffix(f" {plan.currency}")
        self.growth.setEnabled(target.continuation == "repeat")
        said = deals(plan, self.document.result)
        self.wins.setText(deals_total(said))
        self.deals_note.setText(deals_sentence(said))
        for combo, why in ((self.rounding, ROUNDING_WHY), (self.continuation, CONTINUATION_WHY)):
            combo.setToolTip(f"{combo.currentText()}\n{why}")  # the whole label, if cut short

    # -- slots: each calls the document --------------------------------------------------

    def _commit(self, where: ErrorLabel, field: str, transform: Transform,
                key: Hashable, text: str = "") -> None:
        problems = self.document.edit(text or f"Change {field.lower()}", transform, key)
        if problems:
            self._load(self.document.plan)  # the field shows the plan's value again
            where.show_problems(problems, field)

    def _name(self) -> None:
        name = self.name.text()
        self._commit(self.plan_error, "Plan name", lambda p: plan_edits.set_plan(p, name=name),
                     ("plan", "name"), "Rename plan")

    def _currency(self) -> None:
        code = self.currency.text().upper()
        self._commit(self.plan_error, "Currency", lambda p: plan_edits.set_plan(p, currency=code),
                     ("plan", "currency"))

    def _start(self, day: QDate) -> None:
        self._commit(self.plan_error, "Start month",
                     lambda p: plan_edits.set_start(p, day.year(), day.month()),
                     ("plan", "start"))

    def _months(self, value: float) -> None:
        months = int(value)  # the field takes whole numbers only
        self._commit(self.plan_error, "Plan length",
                     lambda p: plan_edits.set_plan(p, months=months),
                     ("plan", "months"))

    def _rounding(self, _index: int) -> None:
        rounding = self.rounding.currentData()
        self._commit(self.plan_error, "Rounding",
                     lambda p: plan_edits.set_plan(p, rounding=rounding), ("plan", "rounding"))

    def _revenue(self, value: float) -> None:
        self._commit(self.target_error, "Revenue target",
                     lambda p: plan_edits.set_target(p, revenue=value), ("target", "revenue"))

    def _deal_size(self, value: float) -> None:
        self._commit(self.target_error, "Average deal size",
                     lambda p: plan_edits.set_target(p, average_deal_size=value),
                     ("target", "average_deal_size"))

    def _growth(self, value: float) -> None:
        self._commit(self.target_error, "Growth",
                     lambda p: plan_edits.set_target(p, growth=value / 100), ("target", "growth"))

    def _continuation(self, _index: int) -> None:
        continuation = self.continuation.currentData()
        self._commit(self.target_error, "What follows the plan",
                     lambda p: plan_edits.set_target(p, continuation=continuation),
                     ("target", "continuation"))
