"""WrappedText: the warnings' wrapping label, measured once per text and width; what it
answers and shows is a plain wrapping QLabel's (but for the width of its size hint)."""

from __future__ import annotations

from collections import Counter

import pytest
from chart_plans import sample_document
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.stages import set_stage
from alignplanner.ui.theme import palette_for, theme_for
from alignplanner.ui.warnings_panel import WarningsPanel
from alignplanner.ui.wrapped_text import ONE_LINE, WrappedText

pytestmark = pytest.mark.gui

LONG = ("With 1 SDR able to answer (1.96 ramped), 47% of MQLs get a first-response within "
        "1 hour; the SLA promises 95%: you need 2. " * 3)
TEXTS = [
    "Short.", LONG, "", "x",
    "Two lines\nthe second one long enough to wrap when the label is narrow, between words",
    "tab\tseparated\tvalues, and a very-long-hyphenated-compound-word-that-cannot-fit",
    "Qualifié → Gagné: 12 500 € — ½ of the pipeline ✓",
]
WIDTHS = (0, 1, 60, 120, 121, 333, 480, 720, 1000, ONE_LINE)


def plain_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def fonts() -> list[QFont]:
    found = []
    for size in (10.0, 12.65, 17.5):
        font = QFont()
        font.setPointSizeF(size)
        found.append(font)
    return found


@pytest.fixture
def pair(qtbot: QtBot) -> tuple[WrappedText, QLabel]:
    wrapped, plain = WrappedText(), plain_label()
    qtbot.addWidget(wrapped)
    qtbot.addWidget(plain)
    return wrapped, plain


def test_heights_and_minimum_size_are_a_plain_labels(pair: tuple[WrappedText, QLabel]) -> None:
    """However often the text and the font change, and remembered or not."""
    wrapped, plain = pair
    for font in (*fonts(), fonts()[0]):
        for label in pair:
            label.setFont(font)
        for text in (*TEXTS, *TEXTS):
            for label in pair:
                label.setText(text)
            assert wrapped.minimumSizeHint() == plain.minimumSizeHint(), text
            for width in (*WIDTHS, *WIDTHS):
                assert wrapped.heightForWidth(width) == plain.heightForWidth(width), (text, width)


def test_the_size_hint_is_a_plain_labels_but_for_the_width_it_tried(
        pair: tuple[WrappedText, QLabel]) -> None:
    """A wrapping text's hint is as wide as QLabel tried (80 average characters, or half
    or a quarter of that), at most a word wider than QLabel's, and as tall; a text on one
    line is as wide as that line."""
    wrapped, plain = pair
    for font in fonts():
        for label in pair:
            label.setFont(font)
        tried = QFontMetrics(font).averageCharWidth() * 80
        for text in TEXTS:
            for label in pair:
                label.setText(text)
            hint, qt_hint = wrapped.sizeHint(), plain.sizeHint()
            assert hint.height() == qt_hint.height(), text
            assert wrapped.heightForWidth(hint.width()) == hint.height(), text
            if hint.height() == plain.heightForWidth(ONE_LINE):
                assert hint == qt_hint, text
            else:
                assert hint.width() in (tried, tried // 2, tried // 4), text
                assert 0 <= hint.width() - qt_hint.width() < plain.minimumSizeHint().width() * 2


def test_each_width_is_measured_once(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the layouts ask after a text changes (both hints, the height at the hint's
    width, at the width shown, again and again) costs three measurements: at 80
    characters, a line per word (the widest word), the width shown."""
    label = WrappedText()
    qtbot.addWidget(label)
    label.setText("Short.")
    label.sizeHint()  # what a font costs once (the height of a line of ASCII) is known
    metrics = QFontMetrics(label.font())
    widths: Counter[int] = Counter()

    def bounding_rect(x: int, y: int, width: int, height: int, flags: object,
                      text: str) -> QRect:
        widths[width] += 1
        return metrics.boundingRect(x, y, width, height, flags, text)

    class Counting:
        boundingRect = staticmethod(bounding_rect)

        def __getattr__(self, name: str) -> object:
            return getattr(metrics, name)

    monkeypatch.setattr(label, "fontMetrics", Counting)
    label.setText(LONG)
    for _ in range(3):
        hint = label.sizeHint()
        label.minimumSizeHint()
        label.heightForWidth(hint.width())
        label.heightForWidth(783)
    assert widths == {hint.width(): 1, 0: 1, 783: 1}


def test_it_paints_as_a_plain_label(pair: tuple[WrappedText, QLabel]) -> None:
    _, plain = pair
    for label in pair:
        label.setFont(fonts()[1])
        label.setText(LONG)
    for width in (150, 333, 720):
        images: list[QImage] = []
        for label in pair:
            label.resize(width, plain.heightForWidth(width) + 3)
            images.append(label.grab().toImage())
        assert images[0] == images[1]


@pytest.fixture
def panel(qtbot: QtBot, qapp: object) -> WarningsPanel:
    doc = sample_document()
    doc.edit("SQL to opp", lambda p: set_stage(p, 3, conversion=0.004))
    widget = WarningsPanel(doc)
    qtbot.addWidget(widget)
    widget.resize(600, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_text_wraps_between_words(pair: tuple[WrappedText, QLabel]) -> None:
    wrapped, _ = pair
    wrapped.setText("alpha beta gamma")
    line = wrapped.heightForWidth(ONE_LINE)
    assert wrapped.heightForWidth(wrapped.minimumSizeHint().width()) == 3 * line
    wrapped.setText("alphabetagamma")  # one word: not broken, however narrow
    assert wrapped.heightForWidth(1) == line


def test_a_row_is_as_tall_as_its_text_at_its_width(qtbot: QtBot, panel: WarningsPanel) -> None:
    row = panel.rows()[0]
    line = QFontMetrics(row.text.font()).lineSpacing()
    assert row.text.height() == row.text.heightForWidth(row.text.width()) >= 2 * line
    tall = row.text.height()
    panel.resize(300, 700)  # narrower: more lines
    qtbot.waitUntil(lambda: row.text.height() > tall)
    assert row.text.height() == row.text.heightForWidth(row.text.width())
    plain = plain_label()
    plain.setFont(row.text.font())
    plain.setText(row.text.text())
    assert row.text.height() == plain.heightForWidth(row.text.width())


def test_the_text_and_its_accessible_name_are_the_message(
        panel: WarningsPanel, qapp: object) -> None:
    document: PlanDocument = panel.document
    document.edit("SQL to opp", lambda p: set_stage(p, 3, conversion=0.003))
    messages = [w.message for w in document.result.warnings]
    assert [row.text.text() for row in panel.rows()] == messages
    for row, message in zip(panel.rows(), messages, strict=True):
        accessible = QAccessible.queryAccessibleInterface(row.text)
        assert accessible is not None
        assert accessible.text(QAccessible.Text.Name) == message
        assert accessible.role() == QAccessible.Role.StaticText


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_text_is_drawn_in_the_themes_text_colour(panel: WarningsPanel, mode: str) -> None:
    theme = theme_for(mode)
    panel.setPalette(palette_for(theme))  # the window sets it on the application
    panel.apply_theme(theme)
    image = panel.rows()[0].text.grab().toImage()
    counts = Counter(image.pixelColor(x, y).name()
                     for y in range(image.height()) for x in range(image.width()))
    (background, _), (ink, _) = counts.most_common(2)
    assert background == palette_for(theme).window().color().name()
    assert ink == theme.foreground.lower()


def test_presentation_text_is_measured_in_its_font(panel: WarningsPanel) -> None:
    row = panel.rows()[0]
    width = row.text.width()
    normal = row.text.heightForWidth(width)
    panel.apply_theme(theme_for("light", presentation=True))
    plain = plain_label()
    plain.setFont(row.text.font())
    plain.setText(row.text.text())
    assert row.text.heightForWidth(width) == plain.heightForWidth(width) > normal
