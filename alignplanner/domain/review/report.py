"""The weekly review as a report for those who were not in the room: a title, the
headline figures, the sentences, and a few small tables; rendered as Markdown here, as a
one-page PDF by the command line (`cli.review_pdf`, fpdf2) and as the review page of the
app's PDF (Qt). All read the same `Report`, so they say the same."""

from __future__ import annotations

from dataclasses import dataclass

from alignplanner.domain import wording
from alignplanner.domain.review.last_week import Then
from alignplanner.domain.review.variance import cumulative_share
from alignplanner.domain.review.weekly import Kpi, WeeklyReview

MAX_ROWS = 12
"""Rows per table in the report (the one-page PDF); the JSON has every row."""
STALE_NAMED = 5
"""Stale hand-offs named per SLA in the report (the JSON names every one)."""


@dataclass(frozen=True)
class Table:
    title: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    left: int = 1  # the first columns are text, the rest numbers


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    kpis: tuple[tuple[str, str, str, str], ...]  # label, 'plan X', actual, variance
    sentences: tuple[str, ...]
    tables: tuple[Table, ...]
    months: tuple[str, ...] = ()  # the chart's months ("Jan", ...)
    lines: tuple[tuple[str, tuple[float | None, ...]], ...] = ()  # name, cumulative shares


def _value(k: Kpi, x: float, currency: str) -> str:
    if k.unit == "money":
        return wording.money(x, currency)
    if k.unit == "ratio":
        return f"{x:.2f}x"
    return wording.count(x)


def _was(then: Then | None) -> str:
    """Where a figure stood last week, beside its variance now."""
    return "" if then is None else f" (was {wording.signed_share(then.percent)})"


def _variance_table(review: WeeklyReview) -> Table:
    names, sources = review.stage_names, review.source_names
    last = review.last_week
    head: tuple[str, ...] = ("Stage", "Source", "Planned", "Actual", "Variance", "%")
    if last is not None:
        head += (f"Actual {wording.month_name(last.as_of, '%d %b').lstrip('0')}", "Was %")
    rows = []
    for r in review.table[:MAX_ROWS]:
        row: tuple[str, ...] = (
            names.get(r.stage, r.stage), sources.get(r.source, r.source) or "All",
            wording.count(r.planned), wording.count(r.actual), f"{r.variance:+,.0f}",
            wording.signed_share(r.percent))
        if last is not None:
            then = r.last_week
            row += ("-", "-") if then is None else (wording.count(then.actual),
                                                    wording.signed_share(then.percent))
        rows.append(row)
    return Table("Plan against actual, to date", head, tuple(rows),
                 "" if len(review.table) <= MAX_ROWS else
                 f"{len(review.table) - MAX_ROWS} more rows in the JSON report.", left=2)


TREND_WEEKS = 6
"""Weeks shown of each stage's trend in the report (the JSON has every kept week)."""


def trend_table(review: WeeklyReview) -> Table | None:
    """Each stage's first entries in the plan's months at each of the last `TREND_WEEKS`
    kept weeks (this one last) and the change over them; None without an earlier week
    (the Review tab shows the same table)."""
    if not review.trend:
        return None
    names = review.stage_names
    days = sorted({p.as_of for points in review.trend.values() for p in points})
    days = days[-TREND_WEEKS:]
    head = ("Stage", *(wording.month_name(d, "%d %b").lstrip("0") for d in days), "Change")
    rows = []
    for stage, points in review.trend.items():
        by_day = {p.as_of: p.in_plan for p in points}
        shown = [by_day.get(d) for d in days]
        known = [n for n in shown if n is not None]
        change = f"{known[-1] - known[0]:+,}" if len(known) > 1 else "-"
        rows.append((names.get(stage, stage),
                     *("-" if n is None else f"{n:,}" for n in shown), change))
    return Table("Week by week: first entries in the plan's months, to each week's date",
                 head, tuple(rows[:MAX_ROWS]), left=1)


def report(review: WeeklyReview) -> Report:
    """The figures of ``review`` as text cells."""
    cur, names = review.currency, review.stage_names
    kpis = []
    for k in review.kpis:
        label = wording.review_kpi_label(k.key, names.get(k.key.partition(":")[2], ""))
        change = (f"{k.variance:+.2f}x" if k.unit == "ratio"
                  else wording.signed_share(k.percent) + _was(k.last_week))
        planned = _value(k, k.planned, cur)
        kpis.append((label, f"needs {planned}" if k.unit == "ratio" else f"plan {planned}",
                     _value(k, k.actual, cur), change))
    table = _variance_table(review)
    land = review.landing
    landing = Table(f"Landing ({wording.REVIEW_RATES[land.rates]})", ("", cur),
                    (("Won to date", f"{sum(land.won):,.0f}"),
                     ("Expected from open records", f"{sum(land.from_open):,.0f}"),
                     ("Expected from volumes still planned", f"{sum(land.from_planned):,.0f}"),
                     ("Landing", f"{land.total:,.0f}"), ("Target", f"{land.target:,.0f}"),
                     ("Gap", f"{land.gap:+,.0f}")))
    coverage = Table("Pipeline coverage", ("Month", "Needed", "Pipeline", "Expected",
                                           "Coverage"),
                     tuple((wording.month_name(c.month, "%b %Y"), f"{c.needed:,.0f}",
                            f"{c.pipeline:,.0f}", f"{c.weighted:,.0f}",
                            "-" if c.coverage is None else f"{c.coverage:.2f}x")
                           for c in land.coverage[:MAX_ROWS]))
    conversion = Table("Conversion at equal age", ("From", "To", "Window", "Plan",
                                                   "Actual", "Cohorts"),
                       tuple((names.get(c.from_stage, c.from_stage),
                              names.get(c.to_stage, c.to_stage), f"{c.window_days} d",
                              f"{c.planned * 100:.1f}%",
                              "-" if c.actual is None else f"{c.actual * 100:.1f}%",
                              f"{len(c.matured)} of {len(c.cohorts)} matured")
                             for c in review.conversions), left=2)
    tables = [table, landing, coverage, conversion]
    weeks = trend_table(review)
    if weeks is not None:
        tables.insert(1, weeks)
    if review.slas:
        tables.append(Table("SLA compliance", ("SLA", "Due", "Within", "Median h", "p95 h",
                                               "Stale"),
                            tuple((s.sla, f"{s.due:,}", _share(s.within),
                                   _hours(s.median_hours), _hours(s.p95_hours),
                                   f"{len(s.stale):,}") for s in review.slas)))
        waiting = [(s.sla, x) for s in review.slas for x in s.stale[:STALE_NAMED]]
        more = sum(max(0, len(s.stale) - STALE_NAMED) for s in review.slas)
        if waiting:
            tables.append(Table(
                "Stale hand-offs, oldest first", ("SLA", "Record", "Owner", "Waiting h"),
                tuple((sla, x.id, x.owner or "no owner", _hours(x.hours))
                      for sla, x in waiting),
                f"{more:,} more in the JSON report." if more else "", left=3))
    if review.stale:
        tables.append(Table("Stale records", ("Stage", "After", "Records", "Value",
                                              "Oldest"),
                            tuple((names.get(s.stage, s.stage), f"{s.window_days:g} d",
                                   f"{s.records:,}", f"{s.value:,.0f}",
                                   ", ".join(f"{r.id} ({r.days} d)" for r in s.oldest[:3]))
                                  for s in review.stale), left=1))
    lines = (("Revenue", tuple(cumulative_share(review.revenue))),
             *((names.get(v.stage, v.stage), tuple(cumulative_share(v.months)))
               for v in review.stages))
    subtitle = f"As of {review.as_of.isoformat()}, {review.records:,} records"
    if review.last_week is not None:
        subtitle += f"; last week: the snapshot of {review.last_week.as_of.isoformat()}"
    return Report(f"Weekly review: {review.plan}", subtitle,
                  tuple(kpis), review.sentences, tuple(tables),
                  tuple(wording.month_name(m.month, "%b") for m in review.revenue), lines)


def _share(p: float | None) -> str:
    return "-" if p is None else f"{p * 100:.1f}%"


def _hours(h: float | None) -> str:
    return "-" if h is None else f"{h:.1f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(rep: Report) -> str:
    """The report as Markdown (GitHub's tables)."""
    lines = [f"# {rep.title}", "", rep.subtitle, "",
             "| Figure | Actual | Plan | Variance |", "|---|---:|---:|---:|"]
    lines += [f"| {_cell(label)} | {_cell(actual)} | {_cell(planned.removeprefix('plan '))} "
              f"| {_cell(change)} |"
              for label, planned, actual, change in rep.kpis]
    lines += ["", "## Where the gap is", ""]
    lines += [f"- {s}" for s in rep.sentences] or ["- Nothing compared yet."]
    for t in rep.tables:
        lines += ["", f"## {t.title}", "", f"| {' | '.join(_cell(h) for h in t.head)} |",
                  "|" + "|".join("---" if i < t.left else "---:" for i in range(len(t.head)))
                  + "|"]
        lines += [f"| {' | '.join(_cell(c) for c in row)} |" for row in t.rows]
        if t.note:
            lines += ["", t.note]
    return "\n".join(lines) + "\n"


__all__ = ["MAX_ROWS", "Report", "Table", "markdown", "report"]
