"""WrappedText: a plain-text QLabel wrapping between words, which measures its text once
per width and prefers a width it has measured already.

A wrapping QLabel measures its text anew (a text layout each time) whenever it is asked
anything. After an edit changes a warning's numbers, the layouts above ask each changed
label its size hints (three to five measurements: at 80 average characters, on one line,
a line per word), then its height at the width of its widest line at 80 characters (the
row's layout, for its own size hint), at the widest of those among the rows (the list's,
likewise) and at the width it is shown at: six to eight measurements per label.

Here a measurement is QLabel's own (QFontMetrics.boundingRect with QLabel's flags) and is
remembered per text and width until the font changes. The size hint differs from QLabel's
in one thing: for a text that wraps it gives the width QLabel tried (80 average
characters, or half or a quarter of that for a text of few lines) rather than the width
of the widest line that came out, which is at most a word less; the height is the height
at that width. The layouts above then ask heights at widths measured already. The height
of one line of printable ASCII is measured once per font. A changed label then costs
three measurements: at the width tried, a line per word (its widest word) and the width
it is shown at. Heights at a width, the minimum size hint and the painting are QLabel's,
exactly; a text on one line has QLabel's size hint too.

Only preferred sizes follow from a size hint: in the main window, the first sizes of its
splitters, through the scroll area's size hint (capped at 36 by 24 line heights). What is
shown after an edit follows the heights at the shown width and the minimum width.

This label has no margin, indent, frame or minimum size (QLabel would count them in its
sizes; nothing here sets them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget

TEXTS_KEPT = 8  # texts whose measurements a label remembers before it starts over
WIDTHS_KEPT = 32  # widths remembered per text (a window being resized asks many)
ONE_LINE = 16_777_215  # QWIDGETSIZE_MAX: the width at which QLabel measures one line
# QLabel's alignment when it wraps, without the vertical centring (as QLabel measures)
MEASURE = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextExpandTabs
FONT_CHANGES = (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange)
PRINTABLE_ASCII = "".join(map(chr, range(32, 127)))


@dataclass
class Measured:
    """What is known of one text in the label's font."""

    sizes: dict[int, QSize] = field(default_factory=dict)  # width -> widest line, height
    hints: tuple[QSize, QSize] | None = None  # size hint, minimum size hint


class WrappedText(QLabel):
    """Plain text wrapping between words, measured once per text and width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._texts: dict[str, Measured] = {}
        self._ascii_line: int | None = None  # one line of ASCII in the font (0: not all in it)

    def measured(self, width: int) -> QSize:
        """The current text wrapped ``width`` wide: its widest line and its height, as
        QLabel measures them."""
        text = self.text()
        known = self._known(text)
        size = known.sizes.get(width)
        if size is None:
            if len(known.sizes) >= WIDTHS_KEPT:
                known.sizes.clear()
            rect = self.fontMetrics().boundingRect(0, 0, width, 2000, MEASURE, text)
            size = known.sizes[width] = rect.size()
        return size

    def heightForWidth(self, width: int) -> int:
        if width < 0:  # QLabel: no width given, the height at the width it would choose
            return self.sizeHint().height()
        return self.measured(width).height()

    def sizeHint(self) -> QSize:
        return QSize(self._hints()[0])

    def minimumSizeHint(self) -> QSize:
        return QSize(self._hints()[1])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in FONT_CHANGES:
            self._texts.clear()  # before QLabel's own update asks the new sizes
            self._ascii_line = None
        super().changeEvent(event)

    def _known(self, text: str) -> Measured:
        known = self._texts.get(text)
        if known is None:
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()
            known = self._texts[text] = Measured()
        return known

    def _hints(self) -> tuple[QSize, QSize]:
        known = self._known(self.text())
        if known.hints is None:
            known.hints = self._compute_hints()
        return known.hints

    def _compute_hints(self) -> tuple[QSize, QSize]:
        """QLabel's choice of width: 80 average characters, half of that for a text of
        fewer than four lines there, a quarter for one of fewer than two; at least as
        wide as its widest word and as tall as one line (or the text, if less)."""
        metrics = self.fontMetrics()
        line = metrics.lineSpacing()
        tried = min(metrics.averageCharWidth() * 80, self.maximumWidth())
        width = tried
        size = self.measured(width)
        if size.height() < 4 * line and size.width() > tried // 2:
            width = tried // 2
            size = self.measured(width)
        if size.height() < 2 * line and size.width() > tried // 4:
            width = tried // 4
            size = self.measured(width)
        one_line = self._one_line()
        wraps = size.height() > one_line
        hint = QSize(width, size.height()) if wraps else size
        return hint, QSize(self.measured(0).width(), min(one_line, size.height()))

    def _one_line(self) -> int:
        """The height of the text on one line (QLabel's minimum height). A line's height
        is that of the fonts its characters come from: for printable ASCII, all in the
        label's own font, it is the same for every such text, measured once per font."""
        text = self.text()
        if not (text and text.isascii() and text.isprintable()):
            return self.measured(ONE_LINE).height()
        if self._ascii_line is None:
            metrics = self.fontMetrics()
            own = all(metrics.inFontUcs4(ord(char)) for char in PRINTABLE_ASCII)
            self._ascii_line = (metrics.boundingRect(
                0, 0, ONE_LINE, 2000, MEASURE, PRINTABLE_ASCII).height() if own else 0)
        return self._ascii_line or self.measured(ONE_LINE).height()
