"""The funnel as it really converted: one row per transition (stage -> next stage), from
the last import's estimates. A thin adapter over `report.Transition` (`CellModel`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from alignplanner.domain.actuals.beta import beta_interval
from alignplanner.domain.actuals.report import Transition
from alignplanner.ui import wording
from alignplanner.ui.cells import ROLE, CellModel

ENTERED, CONVERTED, LOST, OPEN, NAIVE, WITHIN, ESTIMATED, MEDIAN, P90, INTERVAL = range(10)
"""The rows: one measure each. The columns are the transitions, in funnel order."""


def _estimated(t: Transition) -> str:
    return f"{wording.percent(round(t.estimated, 3))} by day {t.window_days}"


def _interval(t: Transition) -> str:
    return wording.interval_text(*beta_interval(t.beta_alpha, t.beta_beta))


_CELLS: tuple[Callable[[Transition], str], ...] = (
    lambda t: f"{t.entered:,}",
    lambda t: f"{t.converted:,}",
    lambda t: f"{t.lost:,}",
    lambda t: f"{t.open:,}",
    lambda t: wording.rate_with_n(t.naive_rate, t.entered),
    lambda t: wording.rate_with_n(t.within_window, t.matured),
    _estimated,
    lambda t: wording.days_text(t.days.median if t.days else None),
    lambda t: wording.days_text(t.days.p90 if t.days else None),
    _interval,
)
MEASURES = wording.TRANSITION_TITLES[2:]
MEASURE_HELP = wording.TRANSITION_HELP[2:]


def short_name(stage: str, name: str) -> str:
    """A stage's name short enough for a column title: the name, else its id in capitals
    ("MQL"), else the name's first word."""
    if len(name) <= 14:
        return name
    return stage.upper() if len(stage) <= 4 else name.split(maxsplit=1)[0]


class TransitionModel(CellModel):
    """Rows: the measures; columns: the transitions ("Inquiry -> MQL")."""

    numeric = frozenset(range(64))

    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[Transition, ...] = ()
        self._name: Callable[[str], str] = str
        self.titles = ()
        self.help = ()

    def set_transitions(self, rows: Sequence[Transition], name: Callable[[str], str]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._name = name
        self.titles = tuple(f"{short_name(t.from_stage, name(t.from_stage))}\n\u2192 "
                            f"{short_name(t.to_stage, name(t.to_stage))}" for t in rows)
        self.help = tuple(f"{name(t.from_stage)} \u2192 {name(t.to_stage)}" for t in rows)
        self.endResetModel()

    def row_count(self) -> int:
        return len(MEASURES) if self._rows else 0

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = ROLE.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(MEASURES):
            if role == ROLE.DisplayRole:
                return MEASURES[section]
            if role == ROLE.ToolTipRole:
                return MEASURE_HELP[section]
            return None
        return super().headerData(section, orientation, role)

    def display(self, row: int, column: int) -> Any:
        return _CELLS[row](self._rows[column])

    def tooltip(self, row: int, column: int) -> Any:
        t = self._rows[column]
        text = f"{self.help[column]}: {MEASURE_HELP[row]}"
        if row == ESTIMATED and t.competing:
            return text + ". Losses competed here (Aalen-Johansen)."
        if row == ESTIMATED and t.truncated_from is not None:
            return text + f". Records are counted from {t.truncated_from:%d %b %Y}."
        if row == INTERVAL:
            return text + f": Beta({t.beta_alpha:g}, {t.beta_beta:g})"
        return text


__all__ = ["MEASURES", "TransitionModel", "short_name"]
