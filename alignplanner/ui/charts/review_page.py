"""The weekly review as a page of the app's PDF, in the look of the plan summary
(`paper.Paper`), drawn from the same text `Report` as the command line's PDF and Markdown
(`alignplanner.domain.review.report`), so all three say the same.

Layout, A4 landscape: the title and the as-of line; one tile per headline figure (the
actual large, the plan under it and the variance in red when behind, green when ahead);
where the gap is; then two columns: the cumulative variance chart on top of the right one,
the tables below it and in the left one. Every part is measured before it is drawn: a
table goes whole into the shorter column it fits in; one that fits in neither is cut
("... and N more") in the column with the most room; one without room for a row is named
at the foot instead. Tables are drawn from their head, rows, `left` and note alone, so a
new column needs nothing here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen

from alignplanner.domain.review.report import Report, Table
from alignplanner.ui.charts.paper import (
    CENTRE,
    INK,
    LEFT,
    MUTED,
    RIGHT,
    RULE,
    SHADE,
    TABLE_POINTS,
    TITLE_POINTS,
    Column,
    Paper,
)
from alignplanner.ui.theme import TARGET_COLOR, TEAM_COLORS, WARNING_COLOR
from alignplanner.ui.wording.review_page import (
    CHART_TITLE,
    GAP_TITLE,
    MORE_ROWS,
    NO_CHART,
    NO_GAP,
    more_sentences,
    not_shown,
    review_footer,
)

# The Review tab's line colours (ui/review/chart.py): revenue in the target's green first.
LINE_COLORS = (TARGET_COLOR, TEAM_COLORS["marketing"], TEAM_COLORS["sdr"], TEAM_COLORS["sales"],
               TEAM_COLORS["partner"], "#B0892B", TEAM_COLORS["custom"])
TILE_HEIGHT = 50  # points
GAP_ROOM = 76  # the most the sentences may take, title included
CHART_HEIGHT = 165
GUTTER = 18  # between the two columns
SPACE = 12  # between two tables


@dataclass(frozen=True)
class Placed:
    """Where a table goes: its column's box from its top down to the columns' foot."""

    table: Table
    box: QRectF


def change_color(change: str) -> QColor:
    """Red for a variance behind plan ("-12.0%", "-0.50x"), green ahead, muted for none."""
    if change.startswith("-") and change != "-":
        return QColor(WARNING_COLOR)
    if change.startswith("+"):
        return QColor(TARGET_COLOR)
    return MUTED


def nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) for about four gridlines."""
    raw = max(span, 1e-9) / 4
    power = 10 ** math.floor(math.log10(raw))
    return next(k * power for k in (1, 2, 2.5, 5, 10) if k * power >= raw)


class ReviewPage(Paper):
    """The review's page: `draw` it once."""

    def draw(self, rep: Report, generated: datetime, source: str) -> None:
        m, u = self.margin, self.u
        full = self.width - 2 * m
        y = m + self.text(QRectF(m, m, full, 30 * u), rep.title, 18, bold=True)
        y += self.text(QRectF(m, y, full, 16 * u), rep.subtitle, 10, color=MUTED) + 8 * u
        if rep.kpis:
            y = self.tiles(rep.kpis, QRectF(m, y, full, TILE_HEIGHT * u)) + 12 * u
        y += self.gap(rep.sentences, QRectF(m, y, full, GAP_ROOM * u)) + 10 * u
        bottom = self.footer(review_footer(generated, source)) - 8 * u
        half = (full - GUTTER * u) / 2
        right = m + half + GUTTER * u
        chart = QRectF(right, y, half, min(CHART_HEIGHT * u, (bottom - y) / 2))
        self.chart(rep, chart)
        self.tables(rep.tables, (QRectF(m, y, half, bottom - y),
                                 QRectF(right, chart.bottom() + SPACE * u, half,
                                        bottom - chart.bottom() - SPACE * u)))

    # -- the headline figures and the sentences -------------------------------------------

    def tiles(self, kpis: Sequence[tuple[str, str, str, str]], box: QRectF) -> float:
        u = self.u
        gap = 8 * u
        w = (box.width() - gap * (len(kpis) - 1)) / len(kpis)
        for i, (label, planned, actual, change) in enumerate(kpis):
            tile = QRectF(box.left() + i * (w + gap), box.top(), w, box.height())
            self.p.fillRect(tile, SHADE)
            inner = tile.adjusted(8 * u, 6 * u, -8 * u, -5 * u)
            self.one_line(QRectF(inner.left(), inner.top(), inner.width(), 11 * u),
                          label.upper(), 7.5, bold=True, color=MUTED)
            points = 14.0  # the summary page's key figures; smaller where a figure is long
            while points > 9 and self.metrics(points, bold=True).horizontalAdvance(
                    actual) > inner.width():
                points -= 1
            self.one_line(QRectF(inner.left(), inner.top() + 11 * u, inner.width(), 20 * u),
                          actual, points, bold=True)
            foot = QRectF(inner.left(), inner.bottom() - 11 * u, inner.width(), 11 * u)
            cw = self.metrics(8.5, bold=True).horizontalAdvance(change) + 2 * u
            self.one_line(QRectF(foot.right() - cw, foot.top(), cw, foot.height()), change,
                          8.5, bold=True, color=change_color(change), align=RIGHT)
            self.one_line(QRectF(foot.left(), foot.top(), foot.width() - cw - 6 * u,
                                 foot.height()), planned, 8.5, color=MUTED)
        return box.bottom()

    def gap(self, sentences: Sequence[str], box: QRectF) -> float:
        """Where the gap is, one sentence a line (wrapped); returns the height used."""
        u = self.u
        y = box.top() + self.text(QRectF(box.left(), box.top(), box.width(), 14 * u),
                                  GAP_TITLE, TITLE_POINTS, bold=True) + 2 * u
        said = list(sentences) or [NO_GAP]
        room = QRectF(box.left() + 12 * u, y, box.width() - 12 * u, box.bottom() - y)
        more = self.measure(room, more_sentences(9), 8.5)
        for k, sentence in enumerate(said):
            rect = QRectF(room.left(), y, room.width(), box.bottom() - y)
            need = self.measure(rect, sentence, 8.5)
            last = k == len(said) - 1
            if y + need + (0 if last else more + 2 * u) > box.bottom():
                y += self.text(QRectF(room.left(), y, room.width(), more),
                               more_sentences(len(said) - k), 8.5, color=MUTED) + 2 * u
                break
            if sentences:
                self.one_line(QRectF(box.left(), y, 10 * u, 12 * u), "\u2022", 8.5,
                              bold=True, color=MUTED, align=CENTRE)
            y += self.text(rect, sentence, 8.5, color=INK if sentences else MUTED) + 2 * u
        return y - box.top()

    # -- the chart --------------------------------------------------------------------------

    def chart(self, rep: Report, box: QRectF) -> None:
        """The cumulative variance lines (% of plan to date) over the months begun."""
        u = self.u
        y = box.top() + self.text(QRectF(box.left(), box.top(), box.width(), 14 * u),
                                  CHART_TITLE, TITLE_POINTS, bold=True) + 3 * u
        values = [v * 100 for _, line in rep.lines for v in line if v is not None]
        if not rep.months or not values:
            self.text(QRectF(box.left(), y, box.width(), 12 * u), NO_CHART, 8.5, color=MUTED)
            return
        y = self.legend(rep, QRectF(box.left(), y, box.width(), 30 * u)) + 6 * u
        axis_w = 32 * u
        plot = QRectF(box.left() + axis_w, y, box.width() - axis_w - 4 * u,
                      box.bottom() - y - 12 * u)
        step = nice_step(max(0.0, *values) - min(0.0, *values))
        low = math.floor(min(0.0, *values) / step) * step
        high = math.ceil(max(0.0, *values) / step) * step
        if high == low:
            high = low + step

        def py(v: float) -> float:
            return plot.bottom() - (v - low) / (high - low) * plot.height()

        ticks = [low + k * step for k in range(round((high - low) / step) + 1)]
        label_h = self.metrics(7).height()
        for t in ticks:
            self.p.setPen(QPen(INK if t == 0 else RULE, (0.9 if t == 0 else 0.5) * u))
            self.p.drawLine(QPointF(plot.left(), py(t)), QPointF(plot.right(), py(t)))
            self.one_line(QRectF(box.left(), py(t) - label_h / 2, axis_w - 5 * u, label_h),
                          "0%" if t == 0 else f"{t:+.0f}%", 7, color=MUTED, align=RIGHT)
        slot = plot.width() / len(rep.months)
        every = math.ceil(self.metrics(7).horizontalAdvance("Mmm ") / slot)
        for i, month in enumerate(rep.months):
            if i % every == 0:
                self.one_line(QRectF(plot.left() + i * slot, plot.bottom() + 3 * u, slot * every,
                                     label_h), month, 7, color=MUTED, align=LEFT
                              if every > 1 else CENTRE)
        for k, (_, line) in reversed(list(enumerate(rep.lines))):  # revenue on top
            color = QColor(LINE_COLORS[k % len(LINE_COLORS)])
            self.p.setPen(QPen(color, (2.0 if k == 0 else 1.2) * u))
            points = [QPointF(plot.left() + (i + 0.5) * slot, py(v * 100)) if v is not None
                      else None for i, v in enumerate(line)]
            for a, b in pairwise(points):
                if a is not None and b is not None:
                    self.p.drawLine(a, b)
            self.p.setBrush(color)
            for point in points:
                if point is not None:
                    self.p.drawEllipse(point, 1.6 * u, 1.6 * u)
            self.p.setBrush(Qt.BrushStyle.NoBrush)

    def legend(self, rep: Report, box: QRectF) -> float:
        """A swatch, the name and where the line ends, for each line; returns its foot."""
        u = self.u
        metrics = self.metrics(TABLE_POINTS)
        x, y, h = box.left(), box.top(), metrics.height()
        for k, (name, line) in enumerate(rep.lines):
            last = next((v for v in reversed(line) if v is not None), None)
            label = f"{name} {'-' if last is None else f'{last * 100:+.0f}%'}"
            w = 10 * u + metrics.horizontalAdvance(label) + 10 * u
            if x + w > box.right() and x > box.left():
                x, y = box.left(), y + h + 2 * u
            self.p.fillRect(QRectF(x, y + h * 0.25, 7 * u, h * 0.5),
                            QColor(LINE_COLORS[k % len(LINE_COLORS)]))
            self.one_line(QRectF(x + 10 * u, y, w - 10 * u, h), label, TABLE_POINTS)
            x += w
        return y + h

    # -- the tables -------------------------------------------------------------------------

    def tables(self, tables: Sequence[Table], columns: tuple[QRectF, QRectF]) -> None:
        placed, left_out = self.place(tables, columns, columns[0].bottom())
        if left_out:  # a line at the foot says which: take it from both columns
            line = self.line()
            placed, left_out = self.place(tables, columns, columns[0].bottom() - line)
            box = columns[0]
            self.text(QRectF(box.left(), box.bottom() - line, self.width - 2 * self.margin,
                             line), not_shown([t.title for t in left_out]), TABLE_POINTS,
                      color=MUTED)
        for p in placed:
            self.table(p.box, p.table.title, self.columns(p.table, p.box.width()),
                       self.cells(p.table), more=MORE_ROWS, note=p.table.note)

    def place(self, tables: Sequence[Table], columns: tuple[QRectF, QRectF],
              bottom: float) -> tuple[list[Placed], list[Table]]:
        """Where each table goes above ``bottom``, and the tables without room for a row."""
        tops = [c.top() for c in columns]
        placed: list[Placed] = []
        cut: list[Table] = []
        space = SPACE * self.u

        def put(t: Table, k: int, height: float) -> None:
            placed.append(Placed(t, QRectF(columns[k].left(), tops[k], columns[k].width(),
                                           bottom - tops[k])))
            tops[k] += height + space

        for t in tables:
            fits = [k for k in sorted((0, 1), key=lambda k: tops[k])
                    if tops[k] + self.table_height(columns[k].width(), t.title, len(t.rows),
                                                   t.note) <= bottom]
            if fits:
                k = fits[0]
                put(t, k, self.table_height(columns[k].width(), t.title, len(t.rows), t.note))
            else:
                cut.append(t)
        left_out = []
        for t in cut:  # what fits of it, where there is most room
            k = min((0, 1), key=lambda k: tops[k])
            least = self.title_height(columns[k].width(), t.title) + self.line() * (
                3 + bool(t.note))  # the head, a row, "and N more"
            if tops[k] + least <= bottom:
                put(t, k, bottom - tops[k])
            else:
                left_out.append(t)
        return placed, left_out

    def cells(self, t: Table) -> list[list[str]]:
        """The rows, each as long as the head."""
        n = len(t.head)
        return [[*row[:n], *[""] * (n - len(row))] for row in t.rows]

    def columns(self, t: Table, width: float) -> list[Column]:
        """Each column as wide as its widest cell, all widened (or narrowed) alike to the
        table's width, as the command line's PDF does."""
        head, body = self.metrics(TABLE_POINTS, bold=True), self.metrics(TABLE_POINTS)
        rows = self.cells(t)
        natural = [max([head.horizontalAdvance(h)]
                       + [body.horizontalAdvance(r[i]) for r in rows]) + 8 * self.u
                   for i, h in enumerate(t.head)]
        total = sum(natural)
        return [(h, w / total, LEFT if i < t.left else RIGHT)
                for i, (h, w) in enumerate(zip(t.head, natural, strict=True))]


__all__ = ["ReviewPage", "change_color", "nice_step"]
