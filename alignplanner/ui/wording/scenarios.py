"""The words of the scenarios: the switcher in the headline strip, its badge, the
comparison in the charts and the Scenarios tab's "What differs"."""

from __future__ import annotations

SCENARIO_LABEL = "Scenario"
SCENARIO_TIP = ("The scenario the editors, charts and figures show. Edits change only "
                "this scenario: in a variant they are kept as its own values, and every "
                "other value follows the base plan.")
COMPARE_LABEL = "Compare with…"
COMPARE_NONE = "(nothing)"
COMPARE_TIP = "Draw another scenario's figures over this chart, dashed, to compare them"
SAME_AS_BASE = "The same as the base plan: this variant changes nothing yet."


def scenario_badge(name: str) -> str:
    """``Scenario: Hire 2 SDRs``: which scenario the window shows."""
    return f"{SCENARIO_LABEL}: {name}"


def scenario_caption(shown: str, agreed: str, base: str) -> str:
    """The line under the switcher: is the scenario shown the agreed one?"""
    if shown == agreed:
        return "the agreed one: signed and exported"
    if shown == base:
        return f"base plan; agreed: {agreed}"
    return f"a variant; agreed: {agreed}"


def summary_scenario(shown: str, agreed: str) -> str:
    """The printed summary's note of the scenario it shows."""
    if shown == agreed:
        return f"Scenario: {shown}, the agreed one."
    return f"Scenario: {shown}, not the agreed one ({agreed} is agreed)."


def scenario_entry(name: str, agreed: bool) -> str:
    return f"{name}  (agreed)" if agreed else name


def compare_with(name: str) -> str:
    """A choice of "Compare with…": ``Compare with Base``."""
    return f"Compare with {name}"


def differs_heading(variant: str, base: str, count: int) -> str:
    if not count:
        return f"{variant} against {base}: the same inputs."
    return f"What differs in {variant} against {base}:"


__all__ = [
    "COMPARE_LABEL", "COMPARE_NONE", "COMPARE_TIP", "SAME_AS_BASE", "SCENARIO_LABEL",
    "SCENARIO_TIP", "compare_with", "differs_heading", "scenario_badge", "scenario_caption",
    "scenario_entry", "summary_scenario",
]
