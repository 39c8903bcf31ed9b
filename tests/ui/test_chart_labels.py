"""ChartLabel: one line of text at a plot point, anchored by its box, unscaled by the plot."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage
from pytestqt.qtbot import QtBot

from alignplanner.ui.charts.labels import PADDING, ChartLabel, TextPool

pytestmark = pytest.mark.gui


def _font(size: float) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    return font


@pytest.mark.parametrize("anchor", [(0.0, 0.0), (1.0, 0.5), (0.5, 1.0), (0.0, 0.5)])
def test_the_anchor_point_of_the_box_sits_at_the_position(qapp: object,
                                                          anchor: tuple[float, float]) -> None:
    label = ChartLabel(anchor=anchor)
    label.setFont(_font(14))
    label.setText("12,345")
    box = label.box()
    width = QFontMetricsF(_font(14)).horizontalAdvance("12,345") + 2 * PADDING
    assert box.width() == pytest.approx(width, abs=1.0)
    assert box.left() + anchor[0] * box.width() == pytest.approx(0.0)
    assert box.top() + anchor[1] * box.height() == pytest.approx(0.0)


def test_text_font_and_anchor_changes_resize_the_box(qapp: object) -> None:
    label = ChartLabel(anchor=(1.0, 0.5))
    label.setText("9")
    narrow = label.box()
    label.setText("99,999")
    assert label.box().width() > narrow.width()
    assert label.box().right() == pytest.approx(0.0)
    label.setFont(_font(30))
    assert label.box().height() > narrow.height()
    label.setAnchor((0.0, 0.5))
    assert label.box().left() == pytest.approx(0.0)
    assert label.toPlainText() == "99,999"
    assert label.font().pointSizeF() == 30


def test_it_keeps_its_pixel_size_whatever_the_plot_scale(qtbot: QtBot) -> None:
    view = pg.PlotWidget()
    qtbot.addWidget(view)
    view.resize(400, 300)
    label = ChartLabel(anchor=(0.0, 0.0))
    label.setText("HAND-OFF")
    view.addItem(label, ignoreBounds=True)
    label.setPos(1.0, 1.0)
    sizes = []
    for extent in (10.0, 1000.0):
        view.setRange(xRange=(0, extent), yRange=(0, extent), padding=0)
        sizes.append(label.mapRectToScene(label.boundingRect()).size())
    assert sizes[0].width() == pytest.approx(sizes[1].width())
    assert sizes[0].height() == pytest.approx(sizes[1].height())


def test_text_colour_and_fill_are_painted(qtbot: QtBot) -> None:
    view = pg.PlotWidget(background="#FFFFFF")
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    label = ChartLabel(anchor=(0.5, 0.5), color="#FF0000", fill="#0000FF")
    label.setFont(_font(20))
    label.setText("!!!")
    view.addItem(label, ignoreBounds=True)
    label.setPos(0.5, 0.5)
    image: QImage = view.grab().toImage()
    colors = {image.pixelColor(x, y).name() for x in range(image.width())
              for y in range(image.height())}
    assert "#0000ff" in colors  # the fill
    assert any(QColor(c).red() > 200 and QColor(c).blue() < 60 for c in colors)  # the text
    label.set_fill(None)
    label.setText("")
    image = view.grab().toImage()
    centre = view.viewport().rect().center()
    assert image.pixelColor(centre).name() != "#0000ff"


def test_the_pool_reuses_its_labels_and_styles_them_all(qtbot: QtBot) -> None:
    view = pg.PlotWidget()
    qtbot.addWidget(view)
    pool = TextPool(view.getPlotItem(), anchor=(0.0, 0.5))
    first = pool.take(3)
    assert pool.take(2) == first[:2]
    assert not first[2].isVisible()
    pool.set_style(_font(22), "#123456", "#FFFFFF")
    assert all(item.font().pointSizeF() == 22 for item in pool.items)
    assert all(item.color.name() == "#123456" for item in pool.items)
    assert pool.take(4)[:3] == first
