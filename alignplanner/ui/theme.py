"""Colours, fonts and light/dark palettes, readable on a projector.

Team colours are the same everywhere (stage table, waterfall, sources) so that the room
learns them once: marketing is blue, SDR teal, sales orange, partner purple.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

TEAM_COLORS: dict[str, str] = {
    "marketing": "#2F6FDB",
    "sdr": "#12A39A",
    "sales": "#E0731A",
    "partner": "#8E5BD0",
    "custom": "#7A8491",
}
WARNING_COLOR = "#C62828"
PRE_PLAN_COLOR = "#9E9E9E"
TARGET_COLOR = "#2E7D32"
AGREED_COLOR = "#2E7D32"  # green, the target's colour: done
DRAFT_COLOR = "#B26A00"  # amber: not yet (red stays for refused values)


def team_color(owner: str) -> QColor:
    return QColor(TEAM_COLORS.get(owner, TEAM_COLORS["custom"]))


@dataclass(frozen=True)
class Theme:
    """What charts need to know about the current look."""

    dark: bool
    background: str
    foreground: str
    grid: str
    base_point_size: int

    @property
    def chart_font(self) -> QFont:
        font = QFont()
        font.setPointSize(self.base_point_size)
        return font


LIGHT = Theme(dark=False, background="#FFFFFF", foreground="#1B1F24", grid="#D0D4DA",
              base_point_size=11)
DARK = Theme(dark=True, background="#1E2127", foreground="#E8EAED", grid="#3A3F47",
             base_point_size=11)


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return False


def theme_for(mode: str, *, presentation: bool = False) -> Theme:
    """``mode`` is "system", "light" or "dark"; presentation mode enlarges the type."""
    dark = system_prefers_dark() if mode == "system" else mode == "dark"
    base = DARK if dark else LIGHT
    if presentation:
        return Theme(base.dark, base.background, base.foreground, base.grid,
                     base.base_point_size + 7)
    return base


def palette_for(theme: Theme) -> QPalette:
    """A complete application palette for the theme (Fusion style draws it faithfully)."""
    p = QPalette()
    bg, fg = QColor(theme.background), QColor(theme.foreground)
    window = QColor("#F3F4F6") if not theme.dark else QColor("#24272E")
    alt = QColor("#F7F8FA") if not theme.dark else QColor("#2A2E36")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, fg)
    p.setColor(QPalette.ColorRole.Base, bg)
    p.setColor(QPalette.ColorRole.AlternateBase, alt)
    p.setColor(QPalette.ColorRole.Text, fg)
    p.setColor(QPalette.ColorRole.Button, window)
    p.setColor(QPalette.ColorRole.ButtonText, fg)
    p.setColor(QPalette.ColorRole.ToolTipBase, bg)
    p.setColor(QPalette.ColorRole.ToolTipText, fg)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8A9099"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2F6FDB"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    p.setColor(QPalette.ColorRole.Link, QColor("#4C8DF6" if theme.dark else "#1A56C4"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8A9099"))
    return p


def color_text(widget: QWidget, color: QColor | str, *, bold: bool = False) -> None:
    """Draw ``widget``'s text in ``color`` (bold if asked), through its palette and font.

    Not with a style sheet: a widget with one is styled by Qt's style-sheet style, which
    re-styles it and everything under it whenever it is added to a layout or moved to
    another parent, a good part of the main window's start-up.
    """
    palette = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, QColor(color))
    widget.setPalette(palette)
    if widget.font().bold() != bold:
        font = widget.font()
        font.setBold(bold)
        widget.setFont(font)
