"""Live charts of the plan's requirements (pyqtgraph).

Every chart is a QWidget built on one `PlanDocument`; it refreshes from
`document.resultChanged` by updating its existing plot items in place (`setData`,
`setOpts`, `setText`), so an edit never rebuilds a chart. Items are added only when the
number of stages or sources grows.

Import the charts from their modules (`alignplanner.ui.charts.waterfall`, ...); importing
any of them configures pyqtgraph once, here.
"""

from __future__ import annotations

import pyqtgraph as pg

pg.setConfigOptions(antialias=True)
