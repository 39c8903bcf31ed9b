"""CalendarEditor: the business calendar SLA windows are counted in: time zone, workdays,
working hours and holidays. A refused value is put back and the reason shows in red."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from functools import cache
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import calendar as calendar_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.calendar import DAY_NAMES
from alignplanner.ui.editors.common import ErrorLabel, blocked
from alignplanner.ui.sla.card import Transform
from alignplanner.ui.sla.fields import TextField
from alignplanner.ui.sla.sentence import sentence
from alignplanner.ui.views import DocumentPanel

DAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@cache
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


class CalendarEditor(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.timezone = QComboBox(self)
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.setAccessibleName("Time zone")
        self.timezone.setToolTip(
            "Where the team that keeps the SLAs works (IANA name, such as America/New_York)"
        )
        completer = QCompleter(self.timezone.model(), self.timezone)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.timezone.setCompleter(completer)
        line = self.timezone.lineEdit()
        assert line is not None  # the combo box is editable
        line.editingFinished.connect(self._zone_typed)
        self.timezone.activated.connect(lambda _i: self._zone_typed())
        self.days = [QCheckBox(label, self) for label in DAY_LABELS]
        for day, box in zip(DAY_NAMES, self.days, strict=True):
            box.toggled.connect(
                lambda on, d=day: self._send(
                    f"{'Work' if on else 'Do not work'} on {d.title()}",
                    lambda p: calendar_edits.set_workday(p, d, on),
                    None,
                )
            )
        self.opens = TextField(self, lambda v: self._hours(0, v), placeholder="09:00", chars=9)
        self.closes = TextField(self, lambda v: self._hours(1, v), placeholder="17:00", chars=9)
        self.opens.setAccessibleName("Opens at")
        self.closes.setAccessibleName("Closes at")
        self.holidays = QListWidget(self)
        self.holidays.setAccessibleName("Holidays")
        self.holidays.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.new_holiday = QDateEdit(self)
        self.new_holiday.setCalendarPopup(True)
        self.new_holiday.setDisplayFormat("ddd d MMM yyyy")
        self.add_holiday = QPushButton("Add holiday", self)
        self.add_holiday.clicked.connect(self._add_holiday)
        self.remove_holiday = QPushButton("Remove", self)
        self.remove_holiday.clicked.connect(self._remove_holiday)
        self.error = ErrorLabel(self)
        self._lay_out()
        self._bind()

    def _lay_out(self) -> None:
        week = QHBoxLayout()
        for box in self.days:
            week.addWidget(box)
        week.addStretch(1)
        holidays = QVBoxLayout()
        holidays.addWidget(self.holidays)
        holidays.addLayout(sentence(self, self.new_holiday, self.add_holiday, self.remove_holiday))
        form = QFormLayout()
        form.addRow("Time zone", self.timezone)
        form.addRow("Workdays", week)
        form.addRow(
            "Working hours",
            sentence(self, "from", self.opens, "to", self.closes, "(24:00 is midnight)"),
        )
        form.addRow("Holidays", holidays)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error)

    def refresh(self, plan: Plan) -> None:
        cal = plan.calendar
        with blocked(self.timezone, *self.days):
            if self.timezone.count() == 0:
                self.timezone.addItems(zone_names())
            at = self.timezone.findText(cal.timezone)
            if at >= 0:
                self.timezone.setCurrentIndex(at)
            else:
                self.timezone.setEditText(cal.timezone)
            for day, box in zip(DAY_NAMES, self.days, strict=True):
                box.setChecked(day in cal.workdays)
        self.opens.show_text(cal.hours[0])
        self.closes.show_text(cal.hours[1])
        shown = [
            self.holidays.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.holidays.count())
        ]
        if shown != list(cal.holidays):
            self.holidays.clear()
            for holiday in cal.holidays:
                item = QListWidgetItem(f"{holiday:%a %d %b %Y}")
                item.setData(Qt.ItemDataRole.UserRole, holiday)
                self.holidays.addItem(item)
        if self.new_holiday.date() == QDate(2000, 1, 1):
            start = plan.start
            self.new_holiday.setDate(QDate(start.year, start.month, start.day))

    # -- edits ------------------------------------------------------------------------

    def _send(self, text: str, transform: Transform, key: Hashable) -> None:
        problems = self.document.edit(text, transform, key)
        if problems:
            self.error.show_problems(problems)
            self.refresh(self.document.plan)
        else:
            self.error.clear_message()

    def _zone_typed(self) -> None:
        zone = self.timezone.currentText().strip()
        if zone != self.document.plan.calendar.timezone:
            self._send(
                f"Change time zone to {zone}",
                lambda p: calendar_edits.set_calendar(p, timezone=zone),
                ("calendar", "timezone"),
            )

    def _hours(self, end: int, value: str) -> None:
        hours = list(self.document.plan.calendar.hours)
        hours[end] = value.strip()
        self._send(
            "Change working hours",
            lambda p: calendar_edits.set_calendar(p, hours=tuple(hours)),
            ("calendar", "hours", end),
        )

    def _add_holiday(self) -> None:
        q = self.new_holiday.date()
        day = date(q.year(), q.month(), q.day())
        self._send(f"Add holiday {day:%d %b %Y}",
                   lambda p: calendar_edits.add_holiday(p, day), None)

    def _remove_holiday(self) -> None:
        item = self.holidays.currentItem()
        if item is not None:
            day = item.data(Qt.ItemDataRole.UserRole)
            self._send(f"Remove holiday {day:%d %b %Y}",
                       lambda p: calendar_edits.remove_holiday(p, day), None)
