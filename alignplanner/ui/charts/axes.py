"""Axes whose tick labels read as counts and money on a projector (1.2k, 150k, 2.5M)."""

from __future__ import annotations

import math
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics


def compact(value: float) -> str:
    """12 -> '12', 1200 -> '1.2k', 150000 -> '150k', 2500000 -> '2.5M'."""
    v = abs(value)
    sign = "-" if value < 0 else ""
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if v >= limit:
            text = f"{v / limit:.1f}".rstrip("0").rstrip(".")
            return f"{sign}{text}{suffix}"
    if v >= 10 or v == 0:
        return f"{sign}{v:.0f}"
    return f"{sign}{v:.1f}".rstrip("0").rstrip(".")


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 times a power of ten that is at
    least ``value``: an axis end that stays put while a number moves a little."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10 * power


class PlainAxis(pg.AxisItem):
    """An axis whose tick labels say their unit themselves ("1.2k"): no SI prefix in the
    axis title, which pyqtgraph would otherwise recompute on every range change."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)


class CountAxis(PlainAxis):
    """A linear axis labelled with compact numbers (counts or money). Small multiples
    stacked on each other leave out the "0" label, which would touch the top label of the
    row below."""

    def __init__(self, orientation: str, *, label_zero: bool = True, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.label_zero = label_zero

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [compact(v * scale) if v or self.label_zero else "" for v in values]


class DecadeAxis(PlainAxis):
    """The value axis of a chart drawn in log10 units: a major tick at every power of ten,
    labelled with the count it stands for (1, 10, 100, 1k, ...)."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        """Every power of ten, or every 2nd, 3rd, ... when their labels would touch."""
        low, high = math.ceil(minVal - 1e-9), math.floor(maxVal + 1e-9)
        label = QFontMetrics(self.style["tickFont"] or QFont()).horizontalAdvance("100k") * 1.6
        per_decade = size / max(maxVal - minVal, 1e-9)
        step = max(1, math.ceil(label / per_decade)) if per_decade > 0 else 1
        first = low + (-low) % step  # keep 1 (10^0) among the labels
        return [(float(step), [float(k) for k in range(first, high + 1, step)])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [compact(10.0 ** v) for v in values]


class VolumeAxis(DecadeAxis):
    """The waterfall's value axis: linear (round steps, compact labels), or, with ``log``,
    drawn in log10 units as a `DecadeAxis`."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.log = False

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        """On the linear scale, a round step (1, 2 or 5 times a power of ten) that leaves
        room for every label; one level only, since minor grid lines would stripe the
        long bars."""
        if self.log:
            return super().tickValues(minVal, maxVal, size)
        label = QFontMetrics(self.style["tickFont"] or QFont()).horizontalAdvance("100k") * 1.6
        most = max(2.0, size / label) if size > 0 else 5.0
        step = _round_step((maxVal - minVal) / most)
        first = math.ceil(minVal / step - 1e-9)
        last = math.floor(maxVal / step + 1e-9)
        return [(step, [k * step for k in range(first, last + 1)])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self.log:
            return super().tickStrings(values, scale, spacing)
        return [compact(v * scale) for v in values]


def _round_step(least: float) -> float:
    """The smallest of 1, 2 and 5 times a power of ten that is at least ``least``."""
    if least <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(least))
    return next((k * power for k in (1, 2, 5) if k * power >= least * (1 - 1e-12)), 10 * power)
