"""The requirements of a plan as plain-text tables, for a terminal or a log."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

from alignplanner.cli.common import count, table
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_BLOCK = 12  # month columns per table block
_WIDTH = 100  # wrap prose at this width


def month_label(day: date) -> str:
    """``Jan 2027`` (English, whatever the locale)."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


def render(plan: Plan, result: Result) -> str:
    """The requirements of ``plan`` as plain-text tables."""
    lines: list[str] = []
    first = month_label(result.months[0]) if result.months else ""
    lines.append(plan.name)
    lines.append(
        f"{plan.currency} {plan.target.revenue:,.0f} over {count(plan.months, 'month')} from "
        f"{first}; average deal {plan.target.average_deal_size:,.0f}; rounding: {plan.rounding}"
    )
    wins = f"Wins the target needs: {result.wins_rounded:,} (exact {result.wins:,.2f})"
    if result.pipeline_wins > 0:
        wins += f"; {result.pipeline_wins:,.1f} of them expected from the existing pipeline"
    lines += [wins, ""]
    lines += _stage_tables(plan, result, first)
    lines += _source_tables(plan, result)
    lines += _capacity_tables(plan, result) + _sla_tables(plan, result)
    if result.warnings:
        import textwrap

        lines += ["Warnings", ""]
        for warning in result.warnings:
            lines += textwrap.wrap(warning.message, _WIDTH, initial_indent="- ",
                                   subsequent_indent="  ")
        lines.append("")
    return "\n".join(lines)


def _stage_tables(plan: Plan, result: Result, first: str) -> list[str]:
    lines = [f"Entries needed per stage and month (pre-plan: must enter before {first})", ""]
    names = {s.id: s for s in plan.stages}
    for start in range(0, len(result.months), _BLOCK):
        months = result.months[start : start + _BLOCK]
        head = ["Stage"] + (["Owner", "Total", "Pre-plan"] if start == 0 else [])
        rows = []
        for sr in result.stages:
            stage = names[sr.id]
            row = [stage.name]
            if start == 0:
                row += [stage.owner, f"{sr.rounded:,}", _whole(sr.pre_plan)]
            row += [f"{v:,}" for v in sr.monthly_rounded[start : start + _BLOCK]]
            rows.append(row)
        lines += table(head + [month_label(m) for m in months], rows, left=2 if start == 0 else 1)
        lines.append("")
    return lines


def _source_tables(plan: Plan, result: Result) -> list[str]:
    lines = ["Net-new units per source at its entry stage", ""]
    names = {s.id: (s.name or s.id) for s in plan.effective_sources()}
    shares = {s.id: s.share for s in plan.effective_sources()}
    for start in range(0, len(result.months), _BLOCK):
        months = result.months[start : start + _BLOCK]
        head = ["Source"] + (
            ["Enters", "Share", "Wins", "Deal size", "New", "Pre-plan"] if start == 0 else []
        )
        rows = []
        for src in result.sources:
            row = [names.get(src.id, src.id)]
            if start == 0:
                row += [src.enters, f"{shares.get(src.id, 0.0) * 100:.4g}%", f"{src.wins:,.1f}",
                        f"{src.average_deal_size:,.0f}", _whole(src.new), _whole(src.pre_plan)]
            row += [_whole(v) for v in src.monthly_new[start : start + _BLOCK]]
            rows.append(row)
        lines += table(head + [month_label(m) for m in months], rows, left=2 if start == 0 else 1)
        lines.append("")
    return lines


def _capacity_tables(plan: Plan, result: Result) -> list[str]:
    """Per role and month: required against capacity."""
    from alignplanner.domain.wording import plural, role_label

    lines: list[str] = []
    for role, cap in zip(plan.roles, result.capacity, strict=True):
        works = plan.stages[plan.stage_index(role.works)].name
        unit = plan.currency if role.is_quota_role else plural(works)
        lines += [f"Capacity: {role_label(role)} (work {works}; in {unit} per month)", ""]
        rows = [("Required", cap.required, _whole), ("Capacity", cap.capacity, _whole),
                ("Gap", cap.gap, _whole), ("Ramped reps", cap.effective_reps, _reps),
                ("Reps needed", cap.reps_needed, _reps)]
        lines += _monthly_blocks(result, rows)
    return lines


def _sla_tables(plan: Plan, result: Result) -> list[str]:
    """Per SLA and month: the service level the planned reps reach, and the reps needed."""
    lines: list[str] = []
    for sla, res in zip(plan.slas, result.slas, strict=True):
        failing = len(res.failing_months)
        verdict = "kept every month" if not failing else f"broken in {count(failing, 'month')}"
        window = f"{sla.window_hours * 60:g} minutes" if sla.window_hours < 1 else (
            f"{sla.window_hours:g} business hours")
        lines += [f"SLA {sla.id}: {res.target * 100:g}% answered within {window}: {verdict}", ""]
        rows = [
            ("Service level", res.service_level, _percent),
            ("Reps planned", tuple(float(m.servers) for m in res.months), _whole),
            ("Reps needed", tuple(-1.0 if n is None else float(n) for n in res.reps_needed),
             lambda x: "none can" if x < 0 else _whole(x)),
        ]
        lines += _monthly_blocks(result, rows)
    return lines


def _monthly_blocks(
    result: Result, rows: Sequence[tuple[str, Sequence[float], Callable[[float], str]]]
) -> list[str]:
    lines: list[str] = []
    for start in range(0, len(result.months), _BLOCK):
        months = result.months[start : start + _BLOCK]
        body = [[name, *(show(v) for v in values[start : start + _BLOCK])]
                for name, values, show in rows]
        lines += table(["", *(month_label(m) for m in months)], body, left=1)
        lines.append("")
    return lines


def _reps(x: float) -> str:
    return f"{x:,.1f}"


def _percent(x: float) -> str:
    """Rounded down, so that a promise is never shown as kept when it is not."""
    return f"{math.floor(x * 1000 + 1e-9) / 10:.1f}%"


def _whole(x: float) -> str:
    return f"{x:,.0f}"


__all__ = ["month_label", "render"]
