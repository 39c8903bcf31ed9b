"""SignaturesModel: who signed what and when, read-only (signing is an action, not a cell)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from alignplanner.document import signing
from alignplanner.document.signing import Standing
from alignplanner.domain.agreement.signoff import Signature
from alignplanner.ui.cells import CellModel, Index
from alignplanner.ui.theme import AGREED_COLOR, DRAFT_COLOR
from alignplanner.ui.wording import signer_label

__all__ = ["SignaturesModel"]

ROLE_COL, NAME, SIGNED_AT, DIGEST, VERSION = range(5)
TITLES = ("Role", "Name", "Signed (UTC)", "Digest", "Covers")
HELP = (
    "The role the person signed for",
    "Who signed",
    "When, in UTC (the same clock for everyone, wherever they sign)",
    "The first digits of the digest of the plan's inputs they signed",
    "Whether the signature covers the plan as it is now",
)


class SignaturesModel(CellModel):
    titles = TITLES
    help = HELP

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

    def row_count(self) -> int:
        return len(self._signatures)

    def display(self, row: int, column: int) -> str:
        sig = self._signatures[row]
        current = sig.digest == self._current
        values = (signer_label(sig.role), sig.name, f"{sig.signed_at:%Y-%m-%d %H:%M:%S}",
                  signing.short_digest(sig.digest),
                  "this version" if current else "an earlier version")
        return values[column]

    def tooltip(self, row: int, column: int) -> str:
        return self._signatures[row].digest if column == DIGEST else HELP[column]

    def foreground(self, row: int, column: int) -> Any:
        if column != VERSION:
            return None
        current = self._signatures[row].digest == self._current
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
        if dark:  # the badge colours, lighter, so that they read on a dark table
            return QColor(AGREED_COLOR if current else DRAFT_COLOR).lighter(170)
        return QColor(AGREED_COLOR if current else DRAFT_COLOR)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
