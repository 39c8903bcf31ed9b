"""The headline numbers above the charts: what the room reads first on the projector.

The figures sit in a `FlowLayout`: where the pane is too narrow for them on one row (a
1280-pixel projector, presentation mode's large type), the last ones wrap onto a second
row; the strip never makes the window wider than the screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QHelpEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.ui import wording
from alignplanner.ui.flow_layout import FlowLayout
from alignplanner.ui.views import DocumentView

CAPTION_CHARS = 22  # a caption longer than this wraps (unless its number is wider)


class _Figure(QFrame):
    """One big number with a caption under it, and its exact value on hover.

    The hover text is written when the mouse asks for it, not on every edit: a
    widget's tool tip set anew sends it an event each time (four figures, every edit)."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiFigure")
        self.value = QLabel("—")
        self.value.setObjectName("kpiValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("kpiCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        for label in (self.value, self.caption):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(label)
        self.caption.setWordWrap(True)
        self._tooltip: Callable[[], str] = str
        self._size_value()

    def _size_value(self) -> None:
        """Twice the surrounding type, bold; follows presentation mode's larger type."""
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self._limit_caption()

    def _limit_caption(self) -> None:
        """A long caption wraps under its number rather than widening the figure: as wide
        as the number, or some twenty characters, whichever is wider."""
        chars = self.caption.fontMetrics().averageCharWidth() * CAPTION_CHARS
        widest = max(self.value.sizeHint().width(), chars)
        needed = self.caption.fontMetrics().horizontalAdvance(self.caption.text()) + 2
        self.caption.setFixedWidth(min(widest, needed))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_value()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_text()
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def set_value(self, text: str, tooltip: Callable[[], str] = str) -> None:
        """The number shown, and what makes its hover text (called on hover)."""
        if self.value.text() != text:
            self.value.setText(text)
            self._limit_caption()
        self._tooltip = tooltip

    def set_caption(self, text: str) -> None:
        if self.caption.text() != text:
            self.caption.setText(text)
            self._limit_caption()

    def tooltip_text(self) -> str:
        return self._tooltip()


class KpiStrip(DocumentView):
    """Revenue target, wins needed, top-of-funnel entries, pre-plan pipeline; more
    figures can be added at its right end (`add_figure`)."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.target = _Figure("revenue target")
        self.wins = _Figure("deals to win")
        self.top = _Figure("top-of-funnel entries")
        self.pre_plan = _Figure("must exist before the plan")
        layout = FlowLayout(spacing=0)
        self.setLayout(layout)
        layout.setContentsMargins(0, 0, 0, 0)
        for figure in (self.target, self.wins, self.top, self.pre_plan):
            layout.addWidget(figure)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._bind()

    def add_figure(self, figure: QWidget) -> None:
        """Another headline figure, after the others (on a new row if it does not fit)."""
        layout = self.layout()
        assert layout is not None
        layout.addWidget(figure)

    def refresh(self) -> None:
        plan, result = self.document.plan, self.document.result
        self.target.set_value(
            wording.money(plan.target.revenue, plan.currency),
            lambda: f"{wording.money_exact(plan.target.revenue, plan.currency)} over "
                    f"{plan.months} months from {wording.month_label(plan.start)}")
        deals = wording.deals(plan, result)
        self.wins.set_value(f"{deals.total:,}", lambda: wording.deals_tooltip(deals))
        self.wins.set_caption(wording.deals_caption(deals))
        first = result.stages[0]
        top_name = plan.stages[0].name
        self.top.set_caption(f"{top_name} needed")
        self.top.set_value(f"{first.rounded:,}", lambda: f"exact {first.volume:,.2f}, of which "
                           f"{first.recycled:,.1f} recycled")
        pre = result.stages[0].pre_plan
        self.pre_plan.set_caption(f"{top_name} before {wording.month_label(plan.start)}")
        self.pre_plan.set_value(wording.count(pre),
                                lambda: "entries that must already have happened on day one")
