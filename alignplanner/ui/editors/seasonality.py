"""SeasonalityEditor: how the revenue target spreads over the plan months.

One spin box per month, six to a row, with the month above and its revenue below. A
plan gives either relative weights (10 is twice 5) or the monthly revenue outright; a
button switches between the two without changing the split, and "Flat" makes every
month equal.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.checks import MAX_MONEY
from alignplanner.domain.edits import plan as plan_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.editors.common import ErrorLabel, blocked
from alignplanner.ui.editors.delegates import spin_box
from alignplanner.ui.views import DocumentPanel
from alignplanner.ui.wording import money, percent, short_month

PER_ROW = 6  # half a year to a row: twelve would be wider than a projector's pane


class SeasonalityEditor(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.spins: list[QDoubleSpinBox] = []
        self._months: list[QLabel] = []
        self._amounts: list[QLabel] = []
        self._amounts_mode = False
        self.mode = QLabel(self)
        self.mode.setWordWrap(True)
        self.flat_button = QPushButton("Flat", self)
        self.flat_button.setToolTip("Make every month's target the same")
        self.flat_button.clicked.connect(self._flat)
        self.switch_button = QPushButton(self)
        self.switch_button.clicked.connect(self._switch)
        self.error = ErrorLabel(self)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(6)
        top = QHBoxLayout()
        top.addWidget(self.mode, 1)
        top.addWidget(self.switch_button)
        top.addWidget(self.flat_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self._grid)
        layout.addWidget(self.error)
        self._bind()

    # -- refresh ---------------------------------------------------------------------

    def refresh(self, plan: Plan) -> None:
        self.error.clear_message()
        self._load(plan)

    def _load(self, plan: Plan) -> None:
        target = plan.target
        amounts_mode = target.monthly_revenue is not None
        values = target.monthly_revenue or target.monthly_weights or (1.0,) * plan.months
        decimals = 0 if all(float(v).is_integer() for v in values) else 2
        if len(self.spins) != plan.months or amounts_mode != self._amounts_mode:
            self._amounts_mode = amounts_mode
            self._rebuild(plan.months)
        shares = target.weights(plan.months)
        for i, (spin, value, share) in enumerate(zip(self.spins, values, shares, strict=True)):
            month = short_month(plan.month_start(i))
            with blocked(spin):
                spin.setDecimals(decimals)  # whole weights read best without ".00"
                spin.setValue(value)
            amount = money(target.revenue * share, plan.currency)
            self._months[i].setText(month)
            self._amounts[i].setText(amount if not amounts_mode else percent(share))
            spin.setToolTip(f"{month}: {percent(share)} of the target, "
                            f"{money(target.revenue * share, plan.currency)}")
        self.mode.setText(
            "Monthly revenue (adds up to the revenue target)" if amounts_mode else
            "Monthly weights: how the target spreads (a month of 10 gets twice a month of 5)")
        self.switch_button.setText("Use weights" if amounts_mode else "Enter amounts")
        self.switch_button.setToolTip(
            "Give relative weights instead of amounts (same split)" if amounts_mode else
            "Type each month's revenue instead of weights (same split)")
        self.flat_button.setEnabled(target.monthly_weights is not None or amounts_mode)

    def _rebuild(self, months: int) -> None:
        for widget in (*self.spins, *self._months, *self._amounts):
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.spins, self._months, self._amounts = [], [], []
        for i in range(months):
            row, column = divmod(i, PER_ROW)
            label, amount = QLabel(self), QLabel(self)
            amount.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            widest = 99_999_999.0 if self._amounts_mode else 9_999.0
            spin = spin_box(self, 0.0, MAX_MONEY, 2, widest)
            spin.setAccessibleName(f"Month {i + 1}")
            spin.valueChanged.connect(partial(self._set_month, i))
            self.error.follow(spin, f"Month {i + 1}")
            for line, widget in enumerate((label, spin, amount)):
                self._grid.addWidget(widget, row * 3 + line, column)
            self.spins.append(spin)
            self._months.append(label)
            self._amounts.append(amount)

    # -- slots -----------------------------------------------------------------------

    def _set_month(self, month: int, value: float) -> None:
        name = short_month(self.document.plan.month_start(month))
        if self._amounts_mode:
            problems = self.document.edit(
                f"Change {name} revenue", lambda p: plan_edits.set_month_amount(p, month, value),
                ("target", "monthly_revenue", month))
        else:
            problems = self.document.edit(
                f"Change {name} weight", lambda p: plan_edits.set_month_weight(p, month, value),
                ("target", "monthly_weights", month))
        if problems:
            self._load(self.document.plan)
            self.error.show_problems(problems, f"{name}")

    def _flat(self) -> None:
        self.error.show_problems(self.document.edit("Make every month the same",
                                                    plan_edits.flat_months))

    def _switch(self) -> None:
        change = plan_edits.to_weights if self._amounts_mode else plan_edits.to_amounts
        text = "Give months as weights" if self._amounts_mode else "Give months as amounts"
        self.error.show_problems(self.document.edit(text, change))
