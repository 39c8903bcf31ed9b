"""The one-page plan summary, drawn with a QPainter on any paint device (a PDF page).

Layout, A4 landscape: the plan's name and five key figures on top (the last: the chance
to reach the target and the horizon's P10/P50/P90, from the plan's seeded Monte Carlo);
the waterfall on the left; the stage and source tables on the right; the warnings across
the bottom; a footer with the time and the file. Everything is measured before it is
drawn and cut (with "and N more") rather than spilling onto a second page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage

from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import PlanWarning, Result
from alignplanner.domain.scenarios.scenario import BASE
from alignplanner.domain.uncertainty.montecarlo import Simulation
from alignplanner.ui.charts.paper import CENTRE, LEFT, MUTED, RIGHT, Column, Paper
from alignplanner.ui.theme import WARNING_COLOR
from alignplanner.ui.wording import money_exact, month_label, percent, summary_scenario, team_label
from alignplanner.ui.wording.uncertainty import CHANCE_LABEL, chance_note


def exact(x: float) -> str:
    """One decimal for the numbers people check by hand; whole units once they are big."""
    return f"{x:,.1f}" if abs(x) < 10_000 else f"{x:,.0f}"


def stage_rows(plan: Plan, result: Result) -> list[list[str]]:
    return [[s.name, team_label(s.owner),
             percent(s.conversion) if s.conversion is not None else "won",
             exact(r.volume), f"{r.rounded:,}", exact(r.pre_plan)]
            for s, r in zip(plan.stages, result.stages, strict=True)]


def header_facts(plan: Plan, result: Result,
                 simulation: Simulation | None = None) -> list[tuple[str, str, str]]:
    """The key figures on top of the page: (label, value, note)."""
    won = result.stages[-1].rounded
    note = f"exact {result.wins:,.2f}"
    if result.pipeline_wins:
        note += f"; {won:,} from new leads, {result.pipeline_wins:,.1f} from open pipeline"
    facts = [
        ("Horizon", f"{month_label(result.months[0])} to {month_label(result.months[-1])}",
         f"{plan.months} months"),
        ("Target revenue", money_exact(plan.target.revenue, plan.currency), ""),
        ("Average deal size", money_exact(plan.target.average_deal_size, plan.currency), ""),
        ("Wins needed", f"{result.wins_rounded:,}", note),
    ]
    if simulation is not None:
        facts.append((CHANCE_LABEL, percent(round(simulation.p_hit, 3)),
                      chance_note(simulation.percentiles(), plan.currency,
                                  draws=simulation.draws, seed=simulation.seed)))
    return facts


def source_rows(plan: Plan, result: Result) -> list[list[str]]:
    sources = {s.id: s for s in plan.effective_sources()}
    rows = []
    for r in result.sources:
        src = sources.get(r.id)
        name = (src.name or src.id) if src else r.id
        enters = plan.stages[plan.stage_index(r.enters)].name
        share = percent(src.share) if src else ""
        rows.append([name, enters, share, money_exact(r.average_deal_size, plan.currency),
                     exact(r.wins), exact(r.new)])
    return rows


class SummaryPage(Paper):
    """The plan's page: `draw` it once."""

    def draw(self, document: PlanDocument, chart: QImage, generated: datetime,
             simulation: Simulation | None = None) -> None:
        plan, result = document.plan, document.result
        m, u = self.margin, self.u
        full = self.width - 2 * m
        top = m + self.header(plan, header_facts(plan, result, simulation), m, full)
        footer_top = self.height - m - 10 * u
        warn_top = footer_top - 96 * u
        left_w = full * 0.5
        self.picture(chart, QRectF(m, top, left_w, warn_top - top - 8 * u))
        x = m + left_w + 18 * u
        right = QRectF(x, top, self.width - m - x, warn_top - top - 8 * u)
        stage_cols: list[Column] = [("Stage", 0.265, LEFT), ("Owner", 0.155, LEFT),
                                    ("Conversion", 0.15, RIGHT), ("Volume", 0.155, RIGHT),
                                    ("Rounded", 0.12, RIGHT), ("Pre-plan", 0.155, RIGHT)]
        used = self.table(right, "Stages: entries needed over the plan", stage_cols,
                          stage_rows(plan, result), [s.owner for s in plan.stages])
        right.setTop(right.top() + used + 14 * u)
        source_cols: list[Column] = [("Source", 0.25, LEFT), ("Enters at", 0.22, LEFT),
                                     ("Share", 0.09, RIGHT), ("Deal size", 0.16, RIGHT),
                                     ("Wins", 0.11, RIGHT), ("New units", 0.17, RIGHT)]
        self.table(right, "Sources", source_cols, source_rows(plan, result))
        self.warnings(result.warnings, QRectF(m, warn_top, full, footer_top - warn_top - 4 * u))
        note = (f"Generated {generated:%Y-%m-%d %H:%M} by AlignPlanner from "
                f"{document.display_name}.  Volumes count entries over the plan, re-entries "
                f"included; rounded with '{plan.rounding}'.")
        if document.scenarios.variants:  # which scenario this page is
            note += "  " + summary_scenario(document.current_scenario,
                                            document.scenarios.agreed or BASE)
        self.footer(note)

    def header(self, plan: Plan, facts: Sequence[tuple[str, str, str]], m: float,
               full: float) -> float:
        u = self.u
        y = m + self.text(QRectF(m, m, full, 30 * u), plan.name, 18, bold=True) + 6 * u
        width = full / len(facts)
        for k, (label, value, note) in enumerate(facts):
            x = m + k * width
            self.text(QRectF(x, y, width, 12 * u), label.upper(), 7.5, bold=True, color=MUTED)
            self.text(QRectF(x, y + 11 * u, width - 8 * u, 20 * u), value, 14, bold=True)
            if note:
                self.text(QRectF(x, y + 30 * u, width - 8 * u, 20 * u), note, 7.5, color=MUTED)
        return y - m + 56 * u

    def picture(self, image: QImage, box: QRectF) -> None:
        size = image.size() / image.devicePixelRatio()
        scale = min(box.width() / size.width(), box.height() / size.height())
        w, h = size.width() * scale, size.height() * scale
        self.p.drawImage(QRectF(box.left(), box.top(), w, h), image)

    def warnings(self, warnings: Sequence[PlanWarning], box: QRectF) -> None:
        u = self.u
        y = box.top() + self.text(QRectF(box.left(), box.top(), box.width(), 14 * u),
                                  f"Warnings ({len(warnings)})" if warnings else "Warnings",
                                  9.5, bold=True) + 2 * u
        if not warnings:
            self.text(QRectF(box.left(), y, box.width(), 12 * u),
                      "No warnings: the plan is consistent.", 8.5)
            return
        self.p.setFont(self.font(8.5))
        for k, w in enumerate(warnings):
            rect = QRectF(box.left() + 14 * u, y, box.width() - 14 * u, box.bottom() - y)
            flags = int(LEFT | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
            need = self.p.boundingRect(rect, flags, w.message).height()
            if y + need > box.bottom():
                self.text(QRectF(box.left(), y, box.width(), 12 * u),
                          f"... and {len(warnings) - k} more warnings (open the plan to see them)",
                          8.5, color=MUTED)
                return
            mark = MUTED if w.severity == "info" else QColor(WARNING_COLOR)
            self.text(QRectF(box.left(), y, 12 * u, 12 * u), "i" if w.severity == "info" else "!",
                      9, bold=True, color=mark, align=CENTRE)
            self.text(rect, w.message, 8.5)
            y += need + 3 * u
