"""One table of the Calibrate dialog: the figures of one kind (conversions, lags or deal
sizes), a row each, with a tick box per row the plan can take. A thin adapter over
`domain.calibration.figures.Figure` (`CellModel`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from alignplanner.domain.calibration.figures import Estimate, Figure, Kind
from alignplanner.ui import wording
from alignplanner.ui.cells import ROLE, CellModel, Index

Cell = Callable[[Figure], str]
DASH = "\u2013"


def _rate(e: Estimate | None) -> str:
    return DASH if e is None else wording.conversion_text(e.value)


def _rate_interval(e: Estimate | None) -> str:
    return DASH if e is None else wording.interval_text(e.low, e.high)


def _days(x: float | None) -> str:
    return DASH if x is None else f"{x:,.1f} days"


def _money(x: float | None, currency: str) -> str:
    return DASH if x is None else f"{x:,.0f} {currency}"


def _n(f: Figure) -> str:
    return DASH if f.estimate is None else f"{f.estimate.n:,}"


def _shrunk(f: Figure) -> str:
    if f.shrunk is None:
        return ""
    return wording.conversion_text(f.shrunk.value) + (" (taken)" if f.small and f.acceptable
                                                      else "")


def _columns(kind: Kind, currency: str) -> list[tuple[str, str, Cell]]:
    t, h = wording.CALIBRATION_TITLES, wording.CALIBRATION_HELP
    first = [(t[0], h[0], lambda f: ""), (t[1], h[1], lambda f: f.label)]
    why = (t[8], h[8], lambda f: f.reason)
    n = (t[5], h[5], _n)
    if kind == "conversion":
        return [*first,
                (t[2], h[2], lambda f: wording.conversion_text(f.plan)),
                (t[3], h[3], lambda f: _rate(f.estimate)),
                (t[4], h[4], lambda f: _rate_interval(f.estimate)), n,
                (t[6], h[6], lambda f: DASH if f.difference is None
                 else wording.signed_percent_points(f.difference)),
                (t[7], h[7], _shrunk), why]
    if kind == "lag":
        return [*first,
                (t[2], h[2], lambda f: _days(f.plan)),
                (t[3], h[3], lambda f: _days(f.estimate.value if f.estimate else None)),
                (t[4], h[4], lambda f: DASH if f.estimate is None
                 else f"{f.estimate.low:,.1f} \u2013 {f.estimate.high:,.1f}"), n,
                (t[6], h[6], lambda f: DASH if f.difference is None
                 else f"{f.difference:+,.1f} days"),
                (wording.CALIBRATION_LAG_TITLE, wording.CALIBRATION_LAG_HELP,
                 lambda f: f"{wording.mass_text(f.plan_lag)}  \u2192  {wording.mass_text(f.lag)}"),
                why]
    return [*first,
            (t[2], h[2], lambda f: _money(f.plan, currency)),
            (t[3], h[3], lambda f: _money(f.estimate.value if f.estimate else None, currency)),
            (t[4], h[4], lambda f: DASH if f.estimate is None
             else f"{f.estimate.low:,.0f} \u2013 {f.estimate.high:,.0f}"), n,
            (t[6], h[6], lambda f: DASH if f.difference is None else f"{f.difference:+,.0f}"),
            why]


class CalibrationModel(CellModel):
    """Rows: the figures of ``kind``; column 0 ticks a row to accept."""

    def __init__(self, kind: Kind, currency: str = "USD") -> None:
        super().__init__()
        self.kind = kind
        self._columns = _columns(kind, currency)
        self.titles = tuple(c[0] for c in self._columns)
        self.help = tuple(c[1] for c in self._columns)
        self.numeric = frozenset(range(2, 7))
        self.figures: tuple[Figure, ...] = ()
        self.ticked: set[str] = set()

    def set_figures(self, figures: Sequence[Figure]) -> None:
        self.beginResetModel()
        self.figures = tuple(figures)
        keys = {f.key for f in self.figures if f.acceptable}
        self.ticked &= keys
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.figures)

    def display(self, row: int, column: int) -> Any:
        return self._columns[column][2](self.figures[row])

    def tooltip(self, row: int, column: int) -> Any:
        f = self.figures[row]
        if column == 0 and not f.acceptable:
            return f.reason or wording.CALIBRATION_HELP[0]
        if column == len(self._columns) - 1 and f.reason:
            return f.reason
        return f"{f.label}: {self.help[column]}"

    def check_state(self, row: int, column: int) -> Any:
        if column != 0 or not self.figures[row].acceptable:
            return None
        checked = self.figures[row].key in self.ticked
        return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 0 and self.figures[index.row()].acceptable:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = ROLE.EditRole) -> bool:
        if role != ROLE.CheckStateRole or index.column() != 0:
            return False
        f = self.figures[index.row()]
        if not f.acceptable:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(f.key)
        else:
            self.ticked.discard(f.key)
        self.dataChanged.emit(index, index, [ROLE.CheckStateRole])
        return True

    def chosen(self) -> list[Figure]:
        return [f for f in self.figures if f.key in self.ticked]

    def acceptable(self) -> list[Figure]:
        return [f for f in self.figures if f.acceptable]


__all__ = ["CalibrationModel"]
