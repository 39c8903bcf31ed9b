"""The funnel as it really converted: one row per transition (stage -> next stage), from
the last import's estimates. A thin adapter over `report.Transition` (`CellModel`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from alignplanner.domain.actuals.beta import beta_interval
from alignplanner.domain.actuals.report import Transition
from alignplanner.ui import wording
from alignplanner.ui.cells import CellModel

FROM, TO, ENTERED, CONVERTED, LOST, OPEN, NAIVE, WITHIN, ESTIMATED, MEDIAN, P90, INTERVAL = (
    range(12))


def _estimated(t: Transition) -> str:
    return f"{wording.percent(round(t.estimated, 3))} by day {t.window_days}"


def _interval(t: Transition) -> str:
    return wording.interval_text(*beta_interval(t.beta_alpha, t.beta_beta))


_CELLS: dict[int, Callable[[Transition], str]] = {
    ENTERED: lambda t: f"{t.entered:,}",
    CONVERTED: lambda t: f"{t.converted:,}",
    LOST: lambda t: f"{t.lost:,}",
    OPEN: lambda t: f"{t.open:,}",
    NAIVE: lambda t: wording.rate_with_n(t.naive_rate, t.entered),
    WITHIN: lambda t: wording.rate_with_n(t.within_window, t.matured),
    ESTIMATED: _estimated,
    MEDIAN: lambda t: wording.days_text(t.days.median if t.days else None),
    P90: lambda t: wording.days_text(t.days.p90 if t.days else None),
    INTERVAL: _interval,
}


class TransitionModel(CellModel):
    titles = wording.TRANSITION_TITLES
    help = wording.TRANSITION_HELP
    numeric = frozenset(range(ENTERED, INTERVAL + 1))

    def __init__(self, name: Callable[[str], str] = str) -> None:
        super().__init__()
        self._rows: tuple[Transition, ...] = ()
        self._name = name

    def set_transitions(self, rows: Sequence[Transition], name: Callable[[str], str]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._name = name
        self.endResetModel()

    def transition(self, row: int) -> Transition:
        return self._rows[row]

    def row_count(self) -> int:
        return len(self._rows)

    def display(self, row: int, column: int) -> Any:
        t = self._rows[row]
        if column == FROM:
            return self._name(t.from_stage)
        if column == TO:
            return self._name(t.to_stage)
        return _CELLS[column](t)

    def tooltip(self, row: int, column: int) -> Any:
        t = self._rows[row]
        if column == ESTIMATED and t.competing:
            return self.help[column] + ". Losses competed here (Aalen-Johansen)."
        if column == ESTIMATED and t.truncated_from is not None:
            return self.help[column] + f". Records are counted from {t.truncated_from:%d %b %Y}."
        if column == INTERVAL:
            return self.help[column] + f": Beta({t.beta_alpha:g}, {t.beta_beta:g})"
        return self.help[column]


__all__ = ["TransitionModel"]
