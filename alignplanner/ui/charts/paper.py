"""The look of the app's printed pages, drawn with a QPainter on any paint device (a PDF
page, an image): ink, rules, shade, type in points, the margins, and the compact table
that the plan summary (`summary_page`) and the review page (`review_page`) share.

A table is measured before it is drawn (`table_height`); what does not fit in its box is
cut with "... and N more" rather than spilling past it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from alignplanner.ui.theme import team_color

INK = QColor("#1B1F24")
MUTED = QColor("#5B626B")
RULE = QColor("#C9CED6")
SHADE = QColor("#F2F4F7")
LEFT, CENTRE, RIGHT = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter,
                       Qt.AlignmentFlag.AlignRight)
Column = tuple[str, float, Qt.AlignmentFlag]  # header, share of the table width, alignment
TABLE_POINTS = 7.5  # the cells' type
TITLE_POINTS = 9.5  # a table's or a section's title


class Paper:
    """One page ``width`` by ``height`` device units at ``dpi``; sizes are in points."""

    def __init__(self, painter: QPainter, width: float, height: float, dpi: float) -> None:
        self.p = painter
        self.u = dpi / 72.0  # device units per typographic point
        self.width, self.height = width, height
        self.margin = 28 * self.u

    def font(self, points: float, *, bold: bool = False) -> QFont:
        f = QFont()
        f.setPointSizeF(points)
        f.setBold(bold)
        return f

    def metrics(self, points: float, *, bold: bool = False) -> QFontMetricsF:
        return QFontMetricsF(self.font(points, bold=bold), self.p.device())

    def measure(self, rect: QRectF, text: str, points: float, *, bold: bool = False,
                align: Qt.AlignmentFlag = LEFT) -> float:
        """The height ``text`` takes wrapped in ``rect``, without drawing it."""
        self.p.setFont(self.font(points, bold=bold))
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        return self.p.boundingRect(rect, flags, text).height()

    def text(self, rect: QRectF, text: str, points: float, *, bold: bool = False,
             color: QColor = INK, align: Qt.AlignmentFlag = LEFT) -> float:
        """Draw wrapped text in ``rect``; returns the height it took."""
        self.p.setFont(self.font(points, bold=bold))
        self.p.setPen(color)
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        used = self.p.boundingRect(rect, flags, text)
        self.p.drawText(rect, flags, text)
        return used.height()

    def one_line(self, rect: QRectF, text: str, points: float, *, bold: bool = False,
                 color: QColor = INK, align: Qt.AlignmentFlag = LEFT) -> None:
        """Draw ``text`` on one line in ``rect``, cut with "..." where it is too wide."""
        self.p.setFont(self.font(points, bold=bold))
        self.p.setPen(color)
        elided = self.p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                                 int(rect.width()))
        self.p.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop), elided)

    def line(self) -> float:
        """The height of one table row."""
        return self.metrics(TABLE_POINTS).height() * 1.35

    def title_height(self, width: float, title: str) -> float:
        """A table's title and the gap under it."""
        return self.measure(QRectF(0, 0, width, 14 * self.u), title, TITLE_POINTS,
                            bold=True) + 3 * self.u

    def table_height(self, width: float, title: str, rows: int, note: str = "") -> float:
        """The height `table` takes when all ``rows`` fit."""
        return self.title_height(width, title) + self.line() * (1 + rows + bool(note))

    def table(self, box: QRectF, title: str, columns: Sequence[Column],
              rows: Sequence[Sequence[str]], owners: Sequence[str] = (), *,
              more: str = "see the plan file", note: str = "") -> float:
        """A compact table; rows that do not fit are summarised ("... and N more (``more``)"),
        ``note`` under it. Returns the height used."""
        u = self.u
        y = box.top() + self.text(QRectF(box.left(), box.top(), box.width(), 14 * u), title,
                                  TITLE_POINTS, bold=True) + 3 * u
        line = self.line()
        room = int((box.bottom() - y) // line) - 1 - bool(note)
        shown = rows if len(rows) <= room else rows[: max(0, room - 1)]
        for r, cells in enumerate([[c[0] for c in columns], *shown]):
            if r % 2 == 0 and r:
                self.p.fillRect(QRectF(box.left(), y, box.width(), line), SHADE)
            x = box.left()
            for k, (cell, (_, share, align)) in enumerate(zip(cells, columns, strict=True)):
                w = box.width() * share
                cell_box = QRectF(x + 3 * u, y + 2 * u, w - 6 * u, line)
                if k == 1 and owners and r:
                    self.p.fillRect(QRectF(x + 3 * u, y + line * 0.3, 6 * u, 6 * u),
                                    team_color(owners[r - 1]))
                    cell_box.setLeft(cell_box.left() + 9 * u)
                self.one_line(cell_box, cell, TABLE_POINTS, bold=r == 0,
                              color=MUTED if r == 0 else INK, align=align)
                x += w
            y += line
            if r == 0:
                self.p.setPen(RULE)
                self.p.drawLine(int(box.left()), int(y), int(box.right()), int(y))
        if len(shown) < len(rows):  # 2 points down, as the cells: clear of the last row
            self.one_line(QRectF(box.left(), y + 2 * u, box.width(), line),
                          f"... and {len(rows) - len(shown)} more ({more})", 8, color=MUTED)
            y += line
        if note:
            self.one_line(QRectF(box.left(), y + 2 * u, box.width(), line), note, TABLE_POINTS,
                          color=MUTED)
            y += line
        return y - box.top()

    def footer(self, note: str) -> float:
        """The rule and the small print at the foot of the page; returns the rule's y."""
        m, u = self.margin, self.u
        top = self.height - m - 10 * u
        self.p.setPen(RULE)
        self.p.drawLine(int(m), int(top), int(self.width - m), int(top))
        self.text(QRectF(m, top + 3 * u, self.width - 2 * m, 12 * u), note, 7, color=MUTED)
        return top


__all__ = ["CENTRE", "INK", "LEFT", "MUTED", "RIGHT", "RULE", "SHADE", "Column", "Paper"]
