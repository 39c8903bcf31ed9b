"""One SLA as the agreement two leaders sign: who passes what to whom, what the receiving
team promises (first response, accept or reject, attempts, recycling, escalation), what the
passing team promises in return, and whether the planned team can keep it.

Every value is edited in place. Each edit goes through the panel's ``send`` (one undo step
with a readable name; edits of one field in a row merge); a refused value is put back and
the reason shows in red at the bottom of the card.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from alignplanner.domain.checks import MAX_DAYS
from alignplanner.domain.edits import slas as sla_edits
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import Problem
from alignplanner.domain.results import Result
from alignplanner.domain.sla.sla import MAX_ATTEMPTS, MAX_WINDOW_HOURS, Sla
from alignplanner.domain.wording import plural
from alignplanner.ui import wording
from alignplanner.ui.editors.common import ErrorLabel, scaled_font
from alignplanner.ui.sla.fields import NOT_SET, ChoiceField, NumberField, TextField
from alignplanner.ui.sla.ladder import EscalationRows, ObligationRows
from alignplanner.ui.sla.sentence import sentence
from alignplanner.ui.theme import TARGET_COLOR, WARNING_COLOR
from alignplanner.ui.wording import LAPSE_CHOICES, WINDOW_UNITS, parse_codes

Transform = Callable[[Plan], Plan]
Edit = Callable[[str, Transform, Hashable], list[Problem]]
OK_DARK = "#81C784"  # the team colours lightened for a dark background
BAD_DARK = "#FF7070"


class SlaCard(QFrame):
    """The card of SLA ``index``; `show_sla` refreshes it from a plan and its result."""

    def __init__(self, edit: Edit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slaCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._edit = edit
        self.index = 0
        self.sla_id = ""
        self._plan: Plan | None = None
        self._result: Result | None = None
        self._dark = False
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.handoff = QLabel(self)  # under a named SLA's title: the hand-off it is on
        self.handoff.setWordWrap(True)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("Remove SLA")
        self.remove_button.setToolTip("Remove this agreement (undo brings it back)")
        self.remove_button.clicked.connect(self._remove)
        self.marker = QLabel(self)
        self.marker.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Feasibility")
        self.error = ErrorLabel(self)
        self._make_fields()
        self.escalation = EscalationRows(self, self._send)
        self.obligations = ObligationRows(self, self._send)
        self._lay_out()

    # -- building ---------------------------------------------------------------------

    def _field(
        self, name: str, what: str, make: Callable[[Any], Transform]
    ) -> Callable[[Any], None]:
        """The commit of one field: the undo text names it, its key merges its edits."""
        return lambda value: self._send(
            f"Change {what} of {self._label()}", make(value), ("slas", self.sla_id, name)
        )

    def _set(self, name: str, what: str, **convert: Callable[[Any], Any]) -> Callable[[Any], None]:
        conv = convert.get("value", lambda v: v)
        return self._field(
            name, what, lambda v: lambda p: sla_edits.set_sla(p, self.index, **{name: conv(v)})
        )

    def _make_fields(self) -> None:
        self.from_stage = ChoiceField(
            self,
            self._field(
                "from_stage",
                "the passing stage",
                lambda v: lambda p: sla_edits.move_sla(p, self.index, v),
            ),
        )
        self.to_stage = ChoiceField(self, self._set("to_stage", "the receiving stage"))
        self.role = ChoiceField(self, self._set("role", "the team keeping it"))
        self.respond = NumberField(
            self,
            self._field(
                "window",
                "the first-response window",
                lambda v: lambda p: sla_edits.set_window(p, self.index, v, self._unit()),
            ),
            high=MAX_WINDOW_HOURS * 60,
            decimals=1,
            widest=999,
        )
        self.unit = ChoiceField(
            self,
            self._field(
                "window",
                "the first-response window",
                lambda u: lambda p: sla_edits.set_window(p, self.index, self.respond.value(), u),
            ),
        )
        self.target = NumberField(
            self,
            self._set("target", "the promised share", value=lambda v: v / 100),
            high=100.0,
            decimals=1,
            suffix=" %",
            widest=99.9,
        )
        self.accept = NumberField(
            self,
            self._set("accept_within_hours", "the accept window"),
            high=MAX_WINDOW_HOURS,
            decimals=1,
            none_text="no limit",
            widest=999,
        )
        self.lapse = ChoiceField(self, self._set("on_lapse", "what a lapse means"))
        self.codes = TextField(
            self,
            self._set("reason_codes", "the reason codes", value=parse_codes),
            placeholder="reason codes, separated by commas",
            chars=30,
        )
        self.attempts = NumberField(
            self,
            self._set("attempts", "the attempts", value=lambda v: None if v is None else round(v)),
            high=MAX_ATTEMPTS,
            decimals=0,
            none_text=NOT_SET,
            widest=99,
        )
        self.attempt_days = NumberField(
            self,
            self._set("attempts_within_days", "the attempt period"),
            high=MAX_DAYS,
            decimals=0,
            none_text=NOT_SET,
            widest=999,
        )
        self.recycle = ChoiceField(self, self._set("recycle_to", "the recycle stage"))
        self.nurture = NumberField(
            self,
            self._set("nurture_days", "the nurture time"),
            high=MAX_DAYS,
            decimals=0,
            none_text=NOT_SET,
            widest=999,
        )
        self.stale = NumberField(
            self,
            self._field("stale", "the stagnation flag", self._stale_transform),
            high=MAX_DAYS,
            decimals=0,
            none_text=NOT_SET,
            widest=999,
        )
        self.stale.setToolTip(
            "Days in the stage after which a unit is flagged as stagnant "
            f"(a setting of the stage; {NOT_SET}: never)"
        )
        self.name_field = TextField(
            self, self._set("name", "the name"), placeholder="a name for the card's title",
            chars=44,
        )
        self.id_field = TextField(self, self._set("id", "the id", value=str.strip), chars=20)
        self.id_field.setToolTip("The key other systems read this SLA by in the plan file "
                                 "(a-z, 0-9, '_', '-')")
        names = {
            self.stale: "Stagnant after days",
            self.name_field: "SLA name",
            self.id_field: "SLA id",
            self.from_stage: "Passing stage",
            self.to_stage: "Receiving stage",
            self.role: "Team keeping it",
            self.respond: "First-response window",
            self.unit: "Window unit",
            self.target: "Promised share",
            self.accept: "Accept or reject within",
            self.lapse: "When the decision lapses",
            self.codes: "Reason codes",
            self.attempts: "Attempts",
            self.attempt_days: "Attempt period in days",
            self.recycle: "Rejected go back to",
            self.nurture: "Nurture days",
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
            if isinstance(widget, NumberField):
                self.error.follow(widget, name)

    def _lay_out(self) -> None:
        self._units_label = QLabel(self)
        self._reps_label = QLabel(self)
        self._rejected_label = QLabel(self)
        self._stale_label = QLabel(self)
        self._side_labels = [QLabel(self), QLabel(self), QLabel(self)]
        for heading in self._side_labels:  # "If a <long stage name> gets no response"
            heading.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        verdict = QHBoxLayout()
        verdict.setSpacing(10)
        verdict.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignTop)
        verdict.addWidget(self.verdict, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.handoff)
        layout.addLayout(verdict)
        layout.addLayout(
            sentence(
                self, "Hand-off from", self.from_stage, "to", self.to_stage, ", kept by", self.role
            )
        )
        layout.addWidget(self._side_labels[0])
        layout.addLayout(
            sentence(
                self,
                self._reps_label,
                "respond to every",
                self._units_label,
                "within",
                self.respond,
                self.unit,
                indent=24,
            )
        )
        layout.addLayout(
            sentence(self, "and keep that promise", self.target, "of the time", indent=24)
        )
        layout.addLayout(
            sentence(
                self, "accept or reject each within", self.accept, "business hours;", indent=24
            )
        )
        layout.addLayout(sentence(self, "undecided ones are", self.lapse, indent=24))
        layout.addLayout(sentence(self, "a rejection gives one of", self.codes, indent=24))
        layout.addLayout(
            sentence(
                self, "make", self.attempts, "attempts within", self.attempt_days, "days", indent=24
            )
        )
        layout.addLayout(
            sentence(
                self,
                self._rejected_label,
                "go back to",
                self.recycle,
                "for",
                self.nurture,
                "days of nurture",
                indent=24,
            )
        )
        layout.addLayout(
            sentence(
                self,
                "flag",
                self._stale_label,
                "as stagnant after",
                self.stale,
                "days in the stage",
                indent=24,
            )
        )
        layout.addWidget(self._side_labels[1])
        layout.addWidget(self.escalation)
        layout.addWidget(self._side_labels[2])
        layout.addWidget(self.obligations)
        layout.addLayout(sentence(self, "Called", self.name_field))
        layout.addLayout(sentence(self, "Key in the plan file", self.id_field))
        layout.addWidget(self.error)

    # -- showing ----------------------------------------------------------------------

    def show_sla(self, plan: Plan, result: Result, index: int) -> None:
        self._plan, self._result = plan, result
        self.index = index
        sla = plan.slas[index]
        self.sla_id = sla.id
        self.title.setText(wording.sla_titles(plan)[index])
        self.handoff.setText(wording.sla_handoff(plan, sla))
        self.handoff.setVisible(bool(sla.name.strip()))
        self._show_verdict(plan, result, index)
        reps = wording.reps(plan, sla.role)
        unit = wording.stage_name(plan, sla.from_stage)
        team = wording.passing_team(plan, sla)
        self._reps_label.setText(reps)
        self._units_label.setText(unit)
        self._rejected_label.setText(f"rejected {plural(unit)}")
        self._stale_label.setText(plural(unit))
        for label, text in zip(
            self._side_labels,
            (
                f"What {reps} promise",
                f"If {wording.article(unit)} {unit} gets no response",
                f"What {team} promises in return",
            ),
            strict=True,
        ):
            label.setText(text)
        self._show_fields(plan, sla)
        self.escalation.show_steps(index, sla.id, sla.escalation)
        self.obligations.show_obligations(index, sla.id, team, sla.obligations)

    def _show_fields(self, plan: Plan, sla: Sla) -> None:
        stages = [(s.name, s.id) for s in plan.stages]
        self.from_stage.show_choices(stages[:-1], sla.from_stage)
        self.to_stage.show_choices(stages[1:], sla.to_stage)
        self.role.show_choices([(wording.role_label(r), r.id) for r in plan.roles], sla.role)
        minutes = sla.respond_within_minutes is not None
        self.unit.show_choices(WINDOW_UNITS, "minutes" if minutes else "hours")
        self.respond.show_value(sla.respond_within_minutes if minutes else sla.respond_within_hours)
        self.target.show_value(round(sla.target * 100, 6))
        self.accept.show_value(sla.accept_within_hours)
        self.lapse.show_choices(LAPSE_CHOICES, sla.on_lapse)
        self.codes.show_text(", ".join(sla.reason_codes))
        self.attempts.show_value(sla.attempts)
        self.attempt_days.show_value(sla.attempts_within_days)
        upto = plan.stage_ids.index(sla.from_stage) + 1 if sla.from_stage in plan.stage_ids else 0
        self.recycle.show_choices([("nowhere", None), *stages[:upto]], sla.recycle_to)
        self.nurture.show_value(sla.nurture_days)
        stage = plan.stages[upto - 1] if upto else None
        self.stale.show_value(stage.stale_after_days if stage is not None else None)
        self.name_field.show_text(sla.name)
        self.id_field.show_text(sla.id)

    def _show_verdict(self, plan: Plan, result: Result, index: int) -> None:
        verdict = wording.sla_verdict(plan, result, index)
        if verdict is None:
            self.marker.setText("")
            self.verdict.setText("Not computed yet.")
            return
        bad = BAD_DARK if self._dark else WARNING_COLOR
        color = (OK_DARK if self._dark else TARGET_COLOR) if verdict.ok else bad
        self.marker.setText("✓" if verdict.ok else "✗")
        self.marker.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.marker.setAccessibleName("Kept" if verdict.ok else "Not kept")
        self.verdict.setText(verdict.text)
        self.verdict.setStyleSheet(f"color: {color};")
        self.setProperty("ok", verdict.ok)

    @property
    def kept(self) -> bool:
        return bool(self.property("ok"))

    def set_fonts(self, dark: bool, base: QFont) -> None:
        """Sizes from the panel's font ``base`` (presentation mode is bigger); colours for
        the background."""
        self._dark = dark
        self.setFont(scaled_font(base, 1.15))
        self.title.setFont(scaled_font(base, 1.5, bold=True))
        self.handoff.setFont(scaled_font(base, 1.2))
        self.marker.setFont(scaled_font(base, 2.2, bold=True))
        self.verdict.setFont(scaled_font(base, 1.25, bold=True))
        for label in self._side_labels:
            label.setFont(scaled_font(base, 1.2, bold=True))
        if self._plan is not None and self._result is not None:
            self._show_verdict(self._plan, self._result, self.index)

    # -- editing ----------------------------------------------------------------------

    def _label(self) -> str:
        if self._plan is None:
            return "the SLA"
        sla = self._plan.slas[self.index]
        return sla.name or f"the {wording.stage_name(self._plan, sla.from_stage)} hand-off"

    def _stale_transform(self, days: float | None) -> Transform:
        def transform(plan: Plan) -> Plan:
            at = plan.stage_index(plan.slas[self.index].from_stage)
            return stage_edits.set_stage(plan, at, stale_after_days=days)

        return transform

    def _unit(self) -> str:
        return str(self.unit.currentData() or "hours")

    def _send(self, text: str, transform: Transform, key: Hashable) -> None:
        problems = self._edit(text, transform, key)
        if problems:
            self.error.show_problems(problems)
            if self._plan is not None and self._result is not None:
                self.show_sla(self._plan, self._result, self.index)  # put the values back
        else:
            self.error.clear_message()

    def _remove(self) -> None:
        self._send(f"Remove {self._label()} SLA",
                   lambda p: sla_edits.remove_sla(p, self.index), None)

    def window_field_focus(self) -> None:
        self.respond.setFocus()
