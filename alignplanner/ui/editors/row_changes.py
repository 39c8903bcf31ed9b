"""How a list of row ids changed between two plans, so that item models can tell their
views exactly (one insert, one removal, one move) instead of resetting."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex


@dataclass(frozen=True)
class RowChange:
    """``kind`` is "same" (rows stay where they are, their data may change), "insert"
    (at ``row``), "remove" (``row``), "move" (``row`` to position ``to`` in the new list)
    or "reset"."""

    kind: str
    row: int = -1
    to: int = -1


def classify(old: Sequence[str], new: Sequence[str]) -> RowChange:
    old, new = tuple(old), tuple(new)
    if len(new) == len(old) + 1:
        for i in range(len(new)):
            if new[:i] + new[i + 1:] == old:
                return RowChange("insert", i)
        return RowChange("reset")
    if len(new) + 1 == len(old):
        for i in range(len(old)):
            if old[:i] + old[i + 1:] == new:
                return RowChange("remove", i)
        return RowChange("reset")
    if len(new) != len(old):
        return RowChange("reset")
    return _move(old, new) or RowChange("same")


def _move(old: tuple[str, ...], new: tuple[str, ...]) -> RowChange | None:
    differ = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if len(differ) < 2:
        return None
    first, last = differ[0], differ[-1]
    for src, dst in ((first, last), (last, first)):
        rows = list(old)
        rows.insert(dst, rows.pop(src))
        if tuple(rows) == new:
            return RowChange("move", src, dst)
    return None


def apply_change(model: QAbstractItemModel, change: RowChange,
                 install: Callable[[], None]) -> None:
    """Announce ``change`` to the model's views around ``install()`` (which swaps the
    model's rows for the new ones), then say that every remaining cell may have changed."""
    root = QModelIndex()
    if change.kind == "insert":
        model.beginInsertRows(root, change.row, change.row)
    elif change.kind == "remove":
        model.beginRemoveRows(root, change.row, change.row)
    elif change.kind == "move":
        dest = change.to + 1 if change.to > change.row else change.to
        model.beginMoveRows(root, change.row, change.row, root, dest)
    elif change.kind == "reset":
        model.beginResetModel()
    install()
    ends = {"insert": model.endInsertRows, "remove": model.endRemoveRows,
            "move": model.endMoveRows, "reset": model.endResetModel}
    if change.kind in ends:
        ends[change.kind]()
    rows, columns = model.rowCount(root), model.columnCount(root)
    if change.kind != "reset" and rows and columns:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
