"""What each of the Review tab's tables shows of a `WeeklyReview` (text cells only)."""

from __future__ import annotations

from collections.abc import Sequence

from alignplanner.domain.review.report import trend_table
from alignplanner.domain.review.sla_compliance import Stale
from alignplanner.domain.review.weekly import WeeklyReview
from alignplanner.domain.wording import signed_share
from alignplanner.ui import wording
from alignplanner.ui.review.tables import Cell, ReviewTable


def _money(x: float) -> str:
    return f"{x:,.0f}"


def _beside_last_week(review: WeeklyReview, stage: str, actual: float
                      ) -> tuple[list[Cell], list[bool]]:
    """The two cells beside last week (entries since, the variance then), when kept."""
    if review.last_week is None:
        return [], []
    then = review.last_week.stage(stage)
    if then is None:
        return ["-", "-"], [False, False]
    return ([f"{actual - then.actual:+,.0f}",
             (signed_share(then.percent), f"{then.actual:,.0f} actual against {then.planned:,.1f} "
                                    "planned to that date")],
            [False, then.variance < 0])


def fill_variance(table: ReviewTable, review: WeeklyReview) -> None:
    """A row per stage: planned, actual and variance to date over every source (beside
    last week's, when kept), then the variance of each plan source (its planned and actual
    on hover)."""
    names, sources = review.stage_names, review.source_names
    shown = list(review.by_source)
    beside = (wording.last_week_heads(review.last_week.as_of)
              if review.last_week is not None else ())
    table.set_head([*wording.TABLE_HEAD[:1], *wording.TABLE_HEAD[2:], *(h for h, _ in beside),
                    *(sources.get(s, s) for s in shown)],
                   [*wording.TABLE_TIPS[:1], *wording.TABLE_TIPS[2:], *(t for _, t in beside),
                    *(wording.source_column_tip(sources.get(s, s)) for s in shown)])
    per = {(source, v.stage): v for source, stages in review.by_source.items()
           for v in stages}
    rows: list[list[Cell]] = []
    red: list[list[bool]] = []
    for v in review.stages:
        variance = v.actual - v.planned
        flags = [False, False, variance < 0, variance < 0, variance < 0]
        row: list[Cell] = [names.get(v.stage, v.stage),
                           (f"{v.planned:,.0f}", f"exact {v.planned:,.2f}"),
                           f"{v.actual:,.0f}", f"{variance:+,.0f}",
                           signed_share(variance / v.planned if v.planned > 0 else None)]
        cells, late = _beside_last_week(review, v.stage, v.actual)
        row += cells
        flags += late
        for source in shown:
            sv = per.get((source, v.stage))
            if sv is None or (sv.planned <= 0 and sv.actual <= 0):
                row.append(("", wording.source_cell_tip(sources.get(source, source), 0, 0)))
                flags.append(False)
                continue
            gap = sv.actual - sv.planned
            flags.append(gap < 0)
            text = signed_share(gap / sv.planned) if sv.planned > 0 else f"{gap:+,.0f}"
            row.append((text, wording.source_cell_tip(sources.get(source, source),
                                                      sv.planned, sv.actual)))
        rows.append(row)
        red.append(flags)
    table.fill(rows, red)


def fill_landing(table: ReviewTable, review: WeeklyReview) -> None:
    land, cur = review.landing, review.currency
    table.set_head(((wording.SECTIONS['landing']), cur))
    values = {"won": sum(land.won), "open": sum(land.from_open),
              "planned": sum(land.from_planned), "total": land.total, "target": land.target,
              "gap": land.gap}
    rows: list[list[Cell]] = []
    for key, (label, tip) in wording.LANDING_ROWS.items():
        text = f"{values[key]:+,.0f}" if key == "gap" else f"{values[key]:,.0f}"
        rows.append([(label, tip), (text, f"{tip} ({cur})")])
    table.fill(rows, [key == "gap" and land.gap < 0 for key in wording.LANDING_ROWS])
    table.setToolTip(wording.RATES_LABELS.get(land.rates, land.rates))


def fill_coverage(table: ReviewTable, review: WeeklyReview) -> None:
    rows: list[list[Cell]] = []
    for c in review.landing.coverage:
        cover = "-" if c.coverage is None else f"{c.coverage:.2f}x"
        need = ("" if c.needed_coverage is None else
                f"; {c.needed_coverage:.2f}x would make the month from the pipeline alone")
        rows.append([wording.short_month(c.month), _money(c.needed), _money(c.pipeline),
                     _money(c.weighted), (cover, f"pipeline over needed{need}")])
    table.fill(rows, [c.coverage is not None and c.coverage < (c.needed_coverage or 0)
                      for c in review.landing.coverage])


def fill_stale(table: ReviewTable, review: WeeklyReview) -> bool:
    """False when nothing is stale (the table then hides)."""
    names = review.stage_names
    rows: list[list[Cell]] = [
        [names.get(s.stage, s.stage), f"{s.window_days:g} days", f"{s.records:,}",
         _money(s.value), (", ".join(f"{r.id} ({r.days} d)" for r in s.oldest[:2]),
                           "\n".join(f"{r.id}: {r.days} days, {r.value:,.0f}"
                                     for r in s.oldest))]
        for s in review.stale if s.records]
    table.fill(rows)
    return bool(rows)


def _stale_cell(stale: Sequence[Stale]) -> Cell:
    """How many hand-offs wait past the window; the oldest by id and owner on hover."""
    return (f"{len(stale):,}", wording.stale_tip(stale)) if stale else "0"


def fill_sla(table: ReviewTable, review: WeeklyReview) -> bool:
    """A row per SLA measured: due, within, median and p95 hours, and the stale hand-offs
    (the oldest named with their owners on hover)."""
    rows: list[list[Cell]] = [
        [s.sla, f"{s.due:,}", "-" if s.within is None else f"{s.within * 100:.1f}%",
         "-" if s.median_hours is None else f"{s.median_hours:.1f}",
         "-" if s.p95_hours is None else f"{s.p95_hours:.1f}", _stale_cell(s.stale)]
        for s in review.slas]
    table.fill(rows)
    return bool(rows)


def fill_trend(table: ReviewTable, review: WeeklyReview) -> bool:
    """Each stage week by week (`domain.review.report.trend_table`); False without an
    earlier week (the table then hides)."""
    found = trend_table(review)
    if found is None:
        table.fill([])
        return False
    table.set_head(found.head, [wording.TREND_TIP] * len(found.head))
    table.fill([list(row) for row in found.rows])
    return True


def fill_conversion(table: ReviewTable, review: WeeklyReview) -> None:
    names = review.stage_names
    rows: list[list[Cell]] = []
    for c in review.conversions:
        actual = "-" if c.actual is None else f"{c.actual * 100:.1f}%"
        rows.append([f"{names.get(c.from_stage, c.from_stage)} \u2192 "
                     f"{names.get(c.to_stage, c.to_stage)}", f"{c.window_days} d",
                     f"{c.planned * 100:.1f}%", actual,
                     f"{len(c.matured)} of {len(c.cohorts)}"])
    table.fill(rows, [c.actual is not None and c.actual < c.planned for c in review.conversions])


__all__ = ["fill_conversion", "fill_coverage", "fill_landing", "fill_sla", "fill_stale",
           "fill_trend", "fill_variance"]
