"""CrmFields: the values a stage takes in the systems that act on the plan (a Salesforce lead
status or opportunity stage, a HubSpot lifecycle stage, ...), under the stage's definition.
Each value commits when its field loses focus or on Enter, as one undoable edit; an empty
field removes the mapping. A refused value stays in the field, with the reason in red.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.stages import set_crm
from alignplanner.domain.plan.crm import CRM_FIELDS, MAX_CRM_VALUE
from alignplanner.domain.plan.funnel import Stage
from alignplanner.ui.editors.common import ErrorLabel, blocked

__all__ = ["CRM_LABELS", "CrmFields"]

CRM_LABELS = {
    "salesforce_lead_status": ("Salesforce lead status", "Lead.Status, e.g. Working - Contacted"),
    "salesforce_opportunity_stage": ("Salesforce opportunity stage",
                                     "Opportunity.StageName, e.g. Qualification"),
    "hubspot_lifecycle_stage": ("HubSpot lifecycle stage",
                                "lifecyclestage internal value, e.g. marketingqualifiedlead"),
    "hubspot_lead_status": ("HubSpot lead status", "hs_lead_status internal value, e.g. OPEN"),
    "hubspot_deal_stage": ("HubSpot deal stage",
                           "dealstage internal value, e.g. appointmentscheduled"),
}


class CrmFields(QWidget):
    """One line per CRM field of `CRM_FIELDS`, two columns; other systems' ``x_`` fields are
    kept as they are (edited in the plan file)."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._index = 0
        self.fields: dict[str, QLineEdit] = {}
        self.error = ErrorLabel(self)
        self.others = QLabel(self)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>In the CRM</b>: the value each system stores for this "
                                "stage, so imports and reports map to it", self), 0, 0, 1, 4)
        for i, key in enumerate(CRM_FIELDS):
            label, hint = CRM_LABELS[key]
            line = QLineEdit(self)
            line.setMaxLength(MAX_CRM_VALUE)
            line.setPlaceholderText("not mapped")
            line.setToolTip(hint)
            line.setAccessibleName(label)
            line.editingFinished.connect(lambda key=key: self._commit(key))
            caption = QLabel(label, self)
            caption.setBuddy(line)
            row, column = divmod(i, 2)
            row += 1
            layout.addWidget(caption, row, column * 2)
            layout.addWidget(line, row, column * 2 + 1)
            self.fields[key] = line
        last = (len(CRM_FIELDS) + 1) // 2 + 1
        layout.addWidget(self.others, last, 0, 1, 4)
        layout.addWidget(self.error, last + 1, 0, 1, 4)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)

    def show_stage(self, index: int, stage: Stage) -> None:
        """Show the mapping of ``stage`` (at ``index``); a field being typed in is left alone."""
        if index != self._index:
            self.error.clear_message()
        self._index = index
        with blocked(*self.fields.values()):
            for key, line in self.fields.items():
                value = stage.crm.get(key, "")
                if line.text() != value and not (line.hasFocus() and line.isModified()):
                    line.setText(value)
                    line.setModified(False)
        others = {k: v for k, v in stage.crm.items() if k not in CRM_FIELDS}
        self.others.setText("Also: " + ", ".join(f"{k} = {v}" for k, v in others.items())
                            if others else "")
        self.others.setVisible(bool(others))

    def _commit(self, key: str) -> None:
        line = self.fields[key]
        plan = self._document.plan
        if not 0 <= self._index < len(plan.stages):
            return
        stage = plan.stages[self._index]
        value = line.text()
        if stage.crm.get(key, "") == value.strip():
            return
        label = CRM_LABELS[key][0]
        index = self._index
        problems = self._document.edit(
            f"Map {stage.name} to {label}" if value.strip() else f"Unmap {stage.name} from {label}",
            lambda p: set_crm(p, index, key, value), merge_key=("stages", stage.id, "crm", key))
        if not self.error.show_problems(problems, f"{stage.name} · {label}"):
            self.error.clear_message()
            line.setModified(False)
