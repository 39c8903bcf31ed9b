"""The scenario switcher in the headline strip: a badge "Scenario: Hire 2 SDRs" (amber
while a variant is shown, so nobody mistakes it for the base) over a compact list to pick
the scenario the editors, charts and figures show. Picking one is not an edit: the
document shows that scenario (`PlanDocument.show_scenario`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.scenarios.scenario import BASE
from alignplanner.ui import wording
from alignplanner.ui.theme import DRAFT_COLOR

__all__ = ["ScenarioSwitcher"]


class ScenarioSwitcher(QFrame):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiFigure")
        self._document = document
        self.badge = QLabel(self)
        self.badge.setObjectName("scenarioBadge")
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(wording.SCENARIO_LABEL)
        self.combo.setToolTip(wording.SCENARIO_TIP)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.caption = QLabel(self)
        self.caption.setObjectName("kpiCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(2)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.combo.currentIndexChanged.connect(self._picked)
        document.scenariosChanged.connect(self.refresh)
        document.currentScenarioChanged.connect(self.refresh)
        self.refresh()

    def _picked(self, index: int) -> None:
        name = self.combo.itemData(index)
        if isinstance(name, str) and name != self._document.current_scenario:
            self._document.show_scenario(name)

    def refresh(self, *_: object) -> None:
        document = self._document
        scenarios = document.scenarios
        agreed = scenarios.agreed or BASE
        shown = document.current_scenario
        self.combo.blockSignals(True)
        self.combo.clear()
        for name in (BASE, *scenarios.names):
            self.combo.addItem(wording.scenario_entry(name, name == agreed), name)
        self.combo.setCurrentIndex(max(0, self.combo.findData(shown)))
        self.combo.blockSignals(False)
        self.badge.setText(wording.scenario_badge(shown))
        pad = max(3, self.fontMetrics().height() // 5)
        colour = "palette(highlight)" if shown == BASE else DRAFT_COLOR
        text = "palette(highlighted-text)" if shown == BASE else "white"
        self.badge.setStyleSheet(
            f"QLabel#scenarioBadge {{ background: {colour}; color: {text}; font-weight: bold; "
            f"border-radius: {pad}px; padding: {pad // 2}px {pad * 2}px; }}")
        self.caption.setText(wording.scenario_caption(shown, agreed, BASE))
        # with no variants there is nothing to pick: the figure says nothing then
        self.setVisible(bool(scenarios.variants))
