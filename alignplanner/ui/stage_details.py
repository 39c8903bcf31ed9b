"""The shared definition of the selected stage: what makes a lead an MQL, and when it
stops being one. Shown large under the funnel table, edited in place, undoable.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QFocusEvent, QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.agreement.crm_fields import CrmFields
from alignplanner.ui.editors.number_box import spin_box
from alignplanner.ui.theme import WARNING_COLOR, color_text, team_color
from alignplanner.ui.views import DocumentPanel
from alignplanner.ui.wording import team_label
from alignplanner.ui.wording.uncertainty import SURE_LABEL, SURE_SUFFIX, SURE_TIP

FIELDS = (
    ("definition", "Definition", "What this stage means, in words both teams sign up to"),
    ("entry_criteria", "Entry criteria", "What must be true for a lead to enter this stage"),
    ("exit_criteria", "Exit criteria", "What moves it on, or out (and where it goes then)"),
)


class _TextField(QPlainTextEdit):
    """Multi-line text that commits when it loses focus (one undo step per visit)."""

    committed = Signal(str)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit(self.toPlainText())


class StageDetails(DocumentPanel):
    """The selected stage's definition, entry and exit criteria and CRM values."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self._stage_id = ""
        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.error = QLabel()
        color_text(self.error, WARNING_COLOR)
        self.error.setWordWrap(True)
        self.fields: dict[str, _TextField] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(9, 6, 9, 6)
        heading = self._sure_row()  # the title, and how sure its conversion is at the right
        heading.insertWidget(0, self.title, 1)
        layout.addLayout(heading, 0, 0, 1, len(FIELDS))
        for column, (key, label, hint) in enumerate(FIELDS):
            caption = QLabel(f"<b>{label}</b>")
            field = _TextField()
            field.setPlaceholderText(hint)
            field.setToolTip(hint)
            field.setTabChangesFocus(True)
            text_font = QFont(field.font())
            text_font.setPointSizeF(text_font.pointSizeF() * 1.15)
            field.setFont(text_font)
            field.committed.connect(lambda text, key=key: self._commit(key, text))
            caption.setBuddy(field)
            layout.addWidget(caption, 1, column)
            layout.addWidget(field, 2, column)
            self.fields[key] = field
        layout.addWidget(self.error, 3, 0, 1, len(FIELDS))
        self.crm = CrmFields(document)  # the stage's value in each CRM field
        layout.addWidget(self.crm, 4, 0, 1, len(FIELDS))
        layout.setRowStretch(2, 1)
        for column in range(len(FIELDS)):  # three equal columns, whatever is above them
            layout.setColumnStretch(column, 1)
        document.loaded.connect(lambda: self.set_stage(self.document.plan.stages[0].id))
        self._stage_id = document.plan.stages[0].id
        self._bind()

    def _sure_row(self) -> QHBoxLayout:
        """How sure the conversion is (the Monte Carlo's Beta weight), beside the title."""
        self.sure = spin_box(self, 1, 1_000_000, 0, widest=999_999)
        self.sure.setSuffix(SURE_SUFFIX)
        self.sure.setToolTip(SURE_TIP)
        self.sure.setAccessibleName(SURE_LABEL)
        self.sure.valueChanged.connect(self._sure_changed)
        self.sure_label = QLabel(SURE_LABEL)
        self.sure_label.setToolTip(SURE_TIP)
        self.sure_label.setBuddy(self.sure)
        row = QHBoxLayout()
        row.addWidget(self.sure_label)
        row.addWidget(self.sure)
        return row

    def _sure_changed(self, value: float) -> None:
        from dataclasses import replace

        document = self.document
        stage_id = self._stage_id
        settings = document.uncertainty
        if stage_id not in document.plan.stage_ids or value == settings.observations_for(
                stage_id):
            return
        name = document.plan.stages[document.plan.stage_index(stage_id)].name
        observations = {**settings.observations, stage_id: value}
        problems = document.edit_with_extras(
            f"{name} conversion as sure as {value:,.0f} observations", lambda p: p,
            lambda e: e.with_changes(uncertainty=replace(settings, observations=observations)))
        self.error.setText("; ".join(p.message for p in problems))

    def set_stage(self, stage_id: str) -> None:
        """Show ``stage_id`` (the first stage when it no longer exists)."""
        self._stage_id = stage_id
        self._refresh()

    @property
    def stage_id(self) -> str:
        return self._stage_id

    def _on_plan_changed(self, change: tuple[Plan, Plan]) -> None:
        old, new = change
        if self._stage_id not in new.stage_ids and self._stage_id in old.stage_ids:
            index = old.stage_index(self._stage_id)  # renamed or removed: follow the row
            self._stage_id = new.stages[min(index, len(new.stages) - 1)].id
        self._refresh()

    def refresh(self, plan: Plan) -> None:
        self._refresh()

    def _refresh(self) -> None:
        plan = self.document.plan
        if self._stage_id not in plan.stage_ids:
            self._stage_id = plan.stages[0].id
        stage = plan.stages[plan.stage_index(self._stage_id)]
        self.crm.show_stage(plan.stage_index(self._stage_id), stage)
        last = stage is plan.stages[-1]  # the won stage converts to nothing
        self.sure.setVisible(not last)
        self.sure_label.setVisible(not last)
        with QSignalBlocker(self.sure):
            self.sure.setValue(self.document.uncertainty.observations_for(stage.id))
        colour = team_color(stage.owner).name()
        self.title.setText(f"{stage.name} <span style='color:{colour}'>■</span> "
                           f"<span style='font-weight:normal'>owned by "
                           f"{team_label(stage.owner)}</span>")
        for key, field in self.fields.items():
            text = getattr(stage, key)
            if field.toPlainText() != text:
                with QSignalBlocker(field):
                    field.setPlainText(text)

    def _commit(self, key: str, text: str) -> None:
        plan = self.document.plan
        if self._stage_id not in plan.stage_ids:
            return
        index = plan.stage_index(self._stage_id)
        stage = plan.stages[index]
        if getattr(stage, key) == text:
            return
        label = next(lab for k, lab, _ in FIELDS if k == key)
        problems = self.document.edit(
            f"Change {stage.name} {label.lower()}",
            lambda p: stage_edits.set_stage(p, index, **{key: text}),
            merge_key=("stages", stage.id, key))
        self.error.setText("; ".join(p.message for p in problems))
