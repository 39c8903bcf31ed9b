"""The Actuals tab's two compact tables beside the funnel: SLA compliance (a row per SLA,
from the exports' times) and this week against last week (a row per stage, from the
kept snapshots). Thin adapters (`CellModel`) over `domain.review` values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from alignplanner.domain.review.handoffs import SlaReview
from alignplanner.domain.review.trend import StageChange
from alignplanner.ui import wording
from alignplanner.ui.cells import ROLE, CellModel


class _NamedRows(CellModel):
    """A table whose rows are named in the vertical header (`row_title`)."""

    def row_title(self, row: int) -> str:
        raise NotImplementedError

    def row_tip(self, row: int) -> str | None:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = ROLE.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < self.row_count():
                return None
            if role == ROLE.DisplayRole:
                return self.row_title(section)
            if role == ROLE.ToolTipRole:
                return self.row_tip(section)
            return None
        return super().headerData(section, orientation, role)


HANDOFFS, MEDIAN, P95, WITHIN, WITHIN_2, WITHIN_4, STALE, PLAN = range(8)


def _plan_could(r: SlaReview) -> str:
    planned = [m.planned for m in r.months if m.planned is not None]
    return wording.feasible_text(sum(1 for m in planned if m.feasible), len(planned))


class SlaModel(_NamedRows):
    """Rows: the SLAs with measured hand-offs; columns: `wording.SLA_TITLES`."""

    numeric = frozenset(range(8))

    def __init__(self) -> None:
        super().__init__()
        self.titles = wording.SLA_TITLES
        self.help = wording.SLA_HELP
        self._rows: tuple[SlaReview, ...] = ()
        self._names: tuple[str, ...] = ()
        self._targets: tuple[float, ...] = ()
        self._full: tuple[str, ...] = ()

    def set_reviews(self, rows: Sequence[SlaReview], names: Sequence[str],
                    targets: Sequence[float], full: Sequence[str] = ()) -> None:
        """The SLAs' rows, short ``names`` as titles (``full`` names as their tooltips)."""
        self.beginResetModel()
        self._rows, self._names, self._targets = tuple(rows), tuple(names), tuple(targets)
        self._full = tuple(full) or self._names
        self.endResetModel()

    def row_tip(self, row: int) -> str | None:
        return self._full[row]

    def row_count(self) -> int:
        return len(self._rows)

    def row_title(self, row: int) -> str:
        return self._names[row]

    def display(self, row: int, column: int) -> Any:
        r = self._rows[row]
        c = r.compliance
        bands = dict(c.bands)
        cells: tuple[Callable[[], str], ...] = (
            lambda: f"{c.due:,}",
            lambda: wording.wait_text(c.median_hours),
            lambda: wording.wait_text(c.p95_hours),
            lambda: wording.within_text(c.within, self._targets[row]),
            lambda: wording.share_text(bands.get(c.window_hours * 2)),
            lambda: wording.share_text(bands.get(c.window_hours * 4)),
            lambda: f"{len(c.stale):,}",
            lambda: _plan_could(r),
        )
        return cells[column]()

    def tooltip(self, row: int, column: int) -> Any:
        c = self._rows[row].compliance
        if column == STALE and c.stale:
            return wording.stale_tip(c.stale)
        if column == PLAN:
            months = [f"{m.month:%b %Y}: {wording.share_text(m.within)} within, "
                      + (m.planned.message if m.planned is not None else "outside the plan")
                      for m in self._rows[row].months]
            return "\n".join(months) or self.help[column]
        return self.help[column]


NOW, VS, NEW, RATE, RATE_VS = range(5)


class WeekModel(_NamedRows):
    """Rows: the stages last week's snapshot has; columns: `wording.WEEK_TITLES`."""

    numeric = frozenset(range(5))

    def __init__(self) -> None:
        super().__init__()
        self.titles = wording.WEEK_TITLES
        self.help = wording.WEEK_HELP
        self._rows: tuple[StageChange, ...] = ()
        self._names: tuple[str, ...] = ()

    def set_changes(self, rows: Sequence[StageChange], names: Sequence[str]) -> None:
        self.beginResetModel()
        self._rows, self._names = tuple(rows), tuple(names)
        self.endResetModel()

    def row_count(self) -> int:
        return len(self._rows)

    def row_title(self, row: int) -> str:
        return self._names[row]

    def display(self, row: int, column: int) -> Any:
        s = self._rows[row]
        cells: tuple[Callable[[], str], ...] = (
            lambda: f"{s.entered:,}",
            lambda: wording.signed_count(s.entered - s.entered_last),
            lambda: wording.signed_count(s.new_entries),
            lambda: wording.share_text(s.estimated),
            lambda: wording.points_text(s.rate_change),
        )
        return cells[column]()


__all__ = ["SlaModel", "WeekModel"]
