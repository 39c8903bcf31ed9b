"""SignaturesModel: who signed what and when, read-only (signing is an action, not a cell)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from alignplanner.document import signing
from alignplanner.document.signing import Standing
from alignplanner.domain.agreement.signoff import Signature
from alignplanner.ui.agreement.words import AGREED_COLOR, DRAFT_COLOR, role_label

__all__ = ["SignaturesModel"]

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
ROLE_COL, NAME, SIGNED_AT, DIGEST, VERSION = range(5)
TITLES = ("Role", "Name", "Signed (UTC)", "Digest", "Covers")
HELP = (
    "The role the person signed for",
    "Who signed",
    "When, in UTC (the same clock for everyone, wherever they sign)",
    "The first digits of the digest of the plan's inputs they signed",
    "Whether the signature covers the plan as it is now",
)


class SignaturesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._signatures: tuple[Signature, ...] = ()
        self._current = ""

    def set_standing(self, signatures: tuple[Signature, ...], standing: Standing) -> None:
        if (signatures, standing.digest) == (self._signatures, self._current):
            return
        self.beginResetModel()
        self._signatures, self._current = signatures, standing.digest
        self.endResetModel()

    def signature(self, row: int) -> Signature:
        return self._signatures[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._signatures)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = ROLE.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(TITLES):
            return None
        if role == ROLE.DisplayRole:
            return TITLES[section]
        if role == ROLE.ToolTipRole:
            return HELP[section]
        return None

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sig = self._signatures[index.row()]
        column = index.column()
        current = sig.digest == self._current
        if role == ROLE.DisplayRole:
            values = (role_label(sig.role), sig.name, f"{sig.signed_at:%Y-%m-%d %H:%M:%S}",
                      signing.short_digest(sig.digest),
                      "this version" if current else "an earlier version")
            return values[column]
        if role == ROLE.ToolTipRole:
            return sig.digest if column == DIGEST else HELP[column]
        if role == ROLE.ForegroundRole and column == VERSION:
            dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
            if dark:  # the badge colours, lighter, so that they read on a dark table
                return QColor(AGREED_COLOR if current else DRAFT_COLOR).lighter(170)
            return QColor(AGREED_COLOR if current else DRAFT_COLOR)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
