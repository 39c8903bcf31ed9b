"""SignaturesModel: who signed what and when, with which key, read-only (signing is an
action, not a cell). A signature that does not hold (the roster changed since, a wrong
key, a damaged signature) says so in its Covers cell, its reason in the tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from alignplanner.document import signing
from alignplanner.document.signing import Standing
from alignplanner.domain.agreement.signoff import Signature
from alignplanner.ui.cells import CellModel, Index
from alignplanner.ui.theme import AGREED_COLOR, DRAFT_COLOR
from alignplanner.ui.wording import NO_KEY, UNVERIFIED_NOTE, signer_label

__all__ = ["SignaturesModel"]

ROLE_COL, NAME, KEY, SIGNED_AT, DIGEST, VERSION = range(6)
TITLES = ("Role", "Name", "Key", "Signed (UTC)", "Digest", "Covers")
HELP = (
    "The role the person signed for",
    "Who signed",
    "The fingerprint of the key that made the signature (none: made before keys, it "
    "proves nothing about who signed)",
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
        self._keys: dict[Signature, str] = {}
        self._problems: dict[Signature, str] = {}

    def set_standing(self, signatures: tuple[Signature, ...], standing: Standing) -> None:
        if (signatures, standing.digest, standing.problems) == (
                self._signatures, self._current, self._problems):
            return
        self.beginResetModel()
        self._signatures, self._current = signatures, standing.digest
        self._keys, self._problems = dict(standing.keys), dict(standing.problems)
        self.endResetModel()

    def _holds(self, sig: Signature) -> bool:
        return sig.digest == self._current and sig not in self._problems

    def signature(self, row: int) -> Signature:
        return self._signatures[row]

    def row_count(self) -> int:
        return len(self._signatures)

    def display(self, row: int, column: int) -> str:
        sig = self._signatures[row]
        if sig in self._problems:
            covers = "does not hold"
        else:
            covers = "this version" if sig.digest == self._current else "an earlier version"
        key = self._keys.get(sig) or (NO_KEY if not sig.keyed else "damaged")
        values = (signer_label(sig.role), sig.name, key, f"{sig.signed_at:%Y-%m-%d %H:%M:%S}",
                  signing.short_digest(sig.digest), covers)
        return values[column]

    def tooltip(self, row: int, column: int) -> str:
        sig = self._signatures[row]
        if column == DIGEST:
            return sig.digest
        if column == VERSION and sig in self._problems:
            return self._problems[sig]
        if column == KEY and not sig.keyed:
            return UNVERIFIED_NOTE
        return HELP[column]

    def foreground(self, row: int, column: int) -> Any:
        if column != VERSION:
            return None
        current = self._holds(self._signatures[row])
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
        if dark:  # the badge colours, lighter, so that they read on a dark table
            return QColor(AGREED_COLOR if current else DRAFT_COLOR).lighter(170)
        return QColor(AGREED_COLOR if current else DRAFT_COLOR)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
