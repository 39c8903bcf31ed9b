"""The variable parts of an SLA card: the escalation ladder and the passing side's
obligations, one editable row each, with a button to add one and a cross to remove it."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from alignplanner.domain.edits import slas as sla_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.sla import MAX_WINDOW_HOURS, EscalationStep, Obligation
from alignplanner.ui.sla.fields import NOT_SET, ChoiceField, NumberField, TextField
from alignplanner.ui.sla.sentence import sentence

Transform = Callable[[Plan], Plan]
Send = Callable[[str, Transform, Hashable], None]
ACTIONS = (("notify", "notify"), ("reassign to", "reassign"))


def _remove_button(parent: QWidget, tip: str, clicked: Callable[[], None]) -> QToolButton:
    button = QToolButton(parent)
    button.setText("✕")
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.clicked.connect(clicked)
    return button


class _StepRow(QWidget):
    hours: NumberField
    action: ChoiceField
    to: TextField


class _ObligationRow(QWidget):
    who: QLabel
    amount: NumberField
    text: TextField


class _Rows(QWidget):
    """Rows rebuilt only when their number changes; values refreshed in place."""

    def __init__(self, parent: QWidget, send: Send, add_text: str) -> None:
        super().__init__(parent)
        self._send = send
        self.index = 0  # the SLA these rows belong to
        self.sla_id = ""
        self.rows: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.add_button = QToolButton(self)
        self.add_button.setText(add_text)
        self.add_button.clicked.connect(self._add)
        self._layout.addLayout(sentence(self, self.add_button, indent=24))

    def _resize(self, n: int) -> None:
        while len(self.rows) > n:
            self.rows.pop().deleteLater()
        while len(self.rows) < n:
            row = self._make_row(len(self.rows))
            self._layout.insertWidget(len(self.rows), row)
            self.rows.append(row)

    def _make_row(self, k: int) -> QWidget:
        raise NotImplementedError

    def _add(self) -> None:
        raise NotImplementedError


class EscalationRows(_Rows):
    """'after [4] business hours, [notify] [SDR manager] ✕' per step."""

    def __init__(self, parent: QWidget, send: Send) -> None:
        super().__init__(parent, send, "+ Add escalation step")
        self.add_button.setToolTip(
            "A later step of the ladder: after more hours, notify or reassign"
        )

    def show_steps(self, index: int, sla_id: str, steps: tuple[EscalationStep, ...]) -> None:
        self.index, self.sla_id = index, sla_id
        self._resize(len(steps))
        for row, step in zip(self.rows, steps, strict=True):
            assert isinstance(row, _StepRow)
            row.hours.show_value(step.after_hours)
            row.action.show_choices(ACTIONS, step.action)
            row.to.show_text(step.to)

    def _make_row(self, k: int) -> QWidget:
        row = _StepRow(self)

        def change(what: str, **fields: object) -> None:
            self._send(
                f"Change escalation step {k + 1} ({what})",
                lambda p: sla_edits.set_escalation_step(p, self.index, k, **fields),
                ("slas", self.sla_id, "escalation", k, what),
            )

        hours = NumberField(
            row,
            lambda v: change("hours", after_hours=v),
            high=MAX_WINDOW_HOURS,
            decimals=1,
            widest=999,
        )
        hours.setAccessibleName(f"Escalation step {k + 1}: after business hours")
        action = ChoiceField(row, lambda v: change("action", action=v))
        action.setAccessibleName(f"Escalation step {k + 1}: action")
        to = TextField(row, lambda v: change("whom", to=v.strip()), placeholder="whom", chars=18)
        to.setAccessibleName(f"Escalation step {k + 1}: whom")
        remove = _remove_button(
            row,
            f"Remove escalation step {k + 1}",
            lambda: self._send(
                f"Remove escalation step {k + 1}",
                lambda p: sla_edits.remove_escalation_step(p, self.index, k),
                None,
            ),
        )
        row.hours, row.action, row.to = hours, action, to
        row.setLayout(
            sentence(row, "after", hours, "business hours,", action, to, remove, indent=24)
        )
        return row

    def _add(self) -> None:
        self._send("Add escalation step",
                   lambda p: sla_edits.add_escalation_step(p, self.index), None)


class ObligationRows(_Rows):
    """'[180] [qualified leads per SDR per month] ✕' per obligation of the passing side."""

    def __init__(self, parent: QWidget, send: Send) -> None:
        super().__init__(parent, send, "+ Add obligation")
        self.add_button.setToolTip(
            "What the passing side promises in return (a number and what it counts, or words alone)"
        )
        self.team = ""

    def show_obligations(
        self, index: int, sla_id: str, team: str, obligations: tuple[Obligation, ...]
    ) -> None:
        self.index, self.sla_id, self.team = index, sla_id, team
        self._resize(len(obligations))
        for row, ob in zip(self.rows, obligations, strict=True):
            assert isinstance(row, _ObligationRow)
            row.who.setText(f"{team} delivers")
            row.amount.show_value(ob.amount)
            row.text.show_text(ob.text)

    def _make_row(self, k: int) -> QWidget:
        row = _ObligationRow(self)

        def change(what: str, **fields: object) -> None:
            self._send(
                f"Change obligation {k + 1} ({what})",
                lambda p: sla_edits.set_obligation(p, self.index, k, **fields),
                ("slas", self.sla_id, "obligations", k, what),
            )

        amount = NumberField(
            row,
            lambda v: change("amount", amount=v),
            low=0.0,
            high=1e12,
            decimals=0,
            none_text=NOT_SET,
            widest=99_999,
        )
        amount.setToolTip(f"The number promised; {NOT_SET} for a promise in words only")
        amount.setAccessibleName(f"Obligation {k + 1}: amount")
        text = TextField(
            row, lambda v: change("words", text=v.strip()), placeholder="what is promised", chars=36
        )
        text.setAccessibleName(f"Obligation {k + 1}: what")
        remove = _remove_button(
            row,
            f"Remove obligation {k + 1}",
            lambda: self._send(
                f"Remove obligation {k + 1}",
                lambda p: sla_edits.remove_obligation(p, self.index, k),
                None,
            ),
        )
        row.who, row.amount, row.text = QLabel(f"{self.team} delivers", row), amount, text
        row.setLayout(sentence(row, row.who, amount, text, remove, indent=24))
        return row

    def _add(self) -> None:
        self._send("Add obligation", lambda p: sla_edits.add_obligation(p, self.index), None)
