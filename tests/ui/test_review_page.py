"""The review page of the app's PDF (ui/charts/review_page.py), drawn on an image with a
painter that records every text it draws and where.

The review is the hand-worked one of tests/domain/review (tests/ui/review_plans.py).
"""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPaintDevice, QPainter
from review_plans import hand_worked

from alignplanner.domain.review.report import Report, Table, report
from alignplanner.ui.charts.review_page import ReviewPage, change_color, nice_step
from alignplanner.ui.theme import TARGET_COLOR, WARNING_COLOR

pytestmark = pytest.mark.gui

WIDTH, HEIGHT, DPI = 1754, 1240, 150  # A4 landscape at 150 dpi
GENERATED = datetime(2027, 3, 1, 9, 30)


class Recording(QPainter):
    """A painter that keeps each text it draws: (text, the rectangle it took, its colour)."""

    def __init__(self, device: QPaintDevice) -> None:
        super().__init__(device)
        self.texts: list[tuple[str, QRectF, QColor]] = []

    def drawText(self, rect: QRectF, flags: int, text: str) -> None:  # type: ignore[override]
        self.texts.append((text, self.boundingRect(rect, flags, text), self.pen().color()))
        super().drawText(rect, flags, text)


def drawn(rep: Report) -> list[tuple[str, QRectF, QColor]]:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = Recording(image)
    try:
        ReviewPage(painter, WIDTH, HEIGHT, DPI).draw(rep, GENERATED, "q1.toml")
    finally:
        painter.end()
    return painter.texts


def assert_laid_out(texts: list[tuple[str, QRectF, QColor]]) -> None:
    """Every text within the page's margins, and no two on top of each other."""
    margin = 28 * DPI / 72 - 1
    page = QRectF(margin, margin, WIDTH - 2 * margin, HEIGHT - 2 * margin)
    texts = [t for t in texts if t[0]]  # an empty cell draws nothing
    for text, rect, _ in texts:
        assert page.contains(rect), (text, rect)
    for (a, ra, _), (b, rb, _) in itertools.combinations(texts, 2):
        both = ra.intersected(rb)
        assert both.width() * both.height() < 1, (a, ra, b, rb)


def test_the_figures_and_the_sentences_are_drawn(qapp: object) -> None:
    review = hand_worked()
    texts = drawn(report(review))
    said = [t for t, _, _ in texts]
    for figure in ("120,000 USD", "plan 200,000 USD", "19", "plan 40", "-52.5%", "12",
                   "plan 20", "1,140,000 USD", "plan 1,200,000 USD", "-5.0%", "0.06x",
                   "needs 3.00x", "-2.94x"):
        assert figure in said, figure
    assert said.count("-40.0%") >= 2  # revenue and wins, in the tiles (and the table)
    assert "REVENUE WON TO DATE" in said
    assert ("SQL is 65% behind plan since January 2027; 69% of the shortfall is partner."
            in said)
    assert "Won is 40% behind plan to date." in said
    assert "Weekly review: p" in said
    assert "As of 2027-02-28, 19 records" in said
    assert any(t.startswith("Generated 2027-03-01 09:30 by AlignPlanner from q1.toml")
               for t in said)
    colour: dict[str, str] = {}
    for t, _, c in texts:  # the first: the tiles come before the tables
        colour.setdefault(t, c.name())
    assert colour["-52.5%"] == QColor(WARNING_COLOR).name()  # behind plan: red
    assert_laid_out(texts)


def test_every_table_is_drawn_from_its_head_and_rows(qapp: object) -> None:
    rep = report(hand_worked(stale=True))
    said = [t for t, _, _ in drawn(rep)]
    for table in rep.tables:
        assert table.title in said
        assert all(h in said for h in table.head if h)
    assert ("Expected from volumes still planned", "1,000,000") in rep.tables[1].rows
    assert "Expected from volumes still planned" in said
    assert "1,000,000" in said
    assert "4" in said  # the stale leads: 4, worth 40,000
    assert "40,000" in said
    assert "Cumulative variance against plan (% of plan to date)" in said
    assert "Jan" in said
    assert "Feb" in said
    assert "Revenue -40%" in said  # the legend: where the revenue line ends


def crowded() -> Report:
    """More than a page holds: ten sentences, seven tables of 12 rows, a column more."""
    head = ("Stage", "Source", "Planned", "Actual", "Variance", "%", "Last week")
    rows = tuple((f"Stage {i}", "Inbound marketing", f"{1000 + i:,}", "900", "-100",
                  "-10.0%", "+2.0%") for i in range(12))
    return Report(
        "Weekly review: a crowded plan", "As of 2027-05-19, 1,000,000 records",
        tuple((f"Figure {k}", "plan 9,000,000 USD", "7,760,472 USD",
               "+5.0%" if k % 2 else "-13.8%") for k in range(6)),
        tuple(f"Stage {k} is {k}% behind plan since March 2027; all of the shortfall is "
              "Outbound SDR." for k in range(10)),
        tuple(Table(f"Table {k}", head, rows, note="3 more rows in the JSON report.",
                    left=2) for k in range(7)),
        ("Jan", "Feb", "Mar", "Apr", "May"),
        tuple((f"Line {k}", (0.1 * k, None, -0.2, 0.3, -0.05 * k)) for k in range(8)))


def test_a_crowded_review_is_cut_never_spilled(qapp: object) -> None:
    rep = crowded()
    texts = drawn(rep)
    said = [t for t, _, _ in texts]
    assert_laid_out(texts)
    assert "Last week" in said  # a column the page did not know of
    assert any(t.startswith("... and ") and "behind plan" in t for t in said)  # sentences
    assert any(t.startswith("... and ") and t.endswith("more (the Review tab has them)")
               for t in said)
    assert any(t.startswith("Not on this page: ") for t in said)
    shown = [t.title for t in rep.tables if t.title in said]
    assert shown[:2] == ["Table 0", "Table 1"]
    colour = {t: c.name() for t, _, c in texts}  # only the tiles have these
    assert colour["+5.0%"] == QColor(TARGET_COLOR).name()  # ahead: green
    assert colour["-13.8%"] == QColor(WARNING_COLOR).name()


def test_an_empty_review_says_so(qapp: object) -> None:
    texts = drawn(Report("Weekly review: p", "As of 2027-01-01, 0 records", (), (), ()))
    said = [t for t, _, _ in texts]
    assert "Nothing compared yet." in said
    assert "No month of the plan has begun by the as-of date." in said
    assert_laid_out(texts)


def test_variance_colours_and_gridline_steps() -> None:
    assert change_color("-0.5%").name() == QColor(WARNING_COLOR).name()
    assert change_color("+1.98x").name() == QColor(TARGET_COLOR).name()
    assert change_color("-").name() not in {QColor(WARNING_COLOR).name(),
                                            QColor(TARGET_COLOR).name()}  # no plan: neither
    assert nice_step(65) == 20  # 65 / 4 = 16.25: the next round step
    assert nice_step(8) == 2
    assert nice_step(0.9) == 0.25
