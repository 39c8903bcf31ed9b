"""The words of the Calibrate dialog: what each column means, the buttons, the notes."""

from __future__ import annotations

from collections.abc import Sequence

from alignplanner.ui.wording.basics import percent

CALIBRATE_BUTTON = "&Calibrate plan\u2026"
CALIBRATE_TIP = ("Compare the plan's conversions, lags and deal sizes with what the imported "
                 "history says, and accept the ones you trust")
CALIBRATE_TITLE = "Calibrate the plan from history"
CALIBRATE_TABS = ("Conversions", "Lags", "Deal sizes")
ACCEPT_SELECTED = "Accept &selected"
ACCEPT_ALL = "Accept &all"
ACCEPT_SELECTED_TIP = "Put the ticked rows' history values in the plan (one undo step)"
ACCEPT_ALL_TIP = "Put every row's history value that the plan can take in the plan (one undo step)"
CALIBRATE_CLOSE = "Close"
CALIBRATE_STALE = ("The plan's stages changed since the import: import the actuals again to "
                   "calibrate.")

CALIBRATION_TITLES = ("Accept", "Figure", "Plan", "History", "80% interval", "n", "Difference",
                      "Shrunk", "Why")
CALIBRATION_HELP = (
    "Tick to accept the history's value into the plan",
    "The figure of the plan: a step of the funnel, or a source's step",
    "What the plan says now",
    "What the history says. Conversion: of the records that had the whole window, the "
    "share that reached the next stage within it. Lag: the mean days to the next stage of "
    "those conversions (accepting takes their whole monthly distribution). Deal size: the "
    "mean amount of the won records",
    "80% of the plausible values lie in this range (10th to 90th percentile); narrow means "
    "the history is sure",
    "How many records the history value stands on",
    "History minus plan",
    "A source's rate pulled towards the rate of all sources, the more the fewer records it "
    "has (empirical Bayes); a small source's accept takes this value",
    "Why a value is shrunk or missing",
)
CALIBRATION_LAG_TITLE = "Monthly lag"
CALIBRATION_LAG_HELP = ("The share of conversions in month 0, 1, 2 ... after entering the "
                        "stage: the plan's now \u2192 history's (what accepting puts in the plan)")


def accepted_text(count: int) -> str:
    """The undo step's name: 'Accept 3 calibrated figures'."""
    return f"Accept {count} calibrated figure{'s' if count != 1 else ''}"


def calibration_heading(as_of: str, files: Sequence[str]) -> str:
    names = ", ".join(files) or "no file"
    return f"History as of {as_of}, from {names}"


def mass_text(mass: Sequence[float], limit: int = 6) -> str:
    """'51% · 49%' (months 0, 1, ...), at most ``limit`` months then '…'."""
    shown = " \u00b7 ".join(f"{v * 100:.0f}%" for v in mass[:limit])
    return shown + (" \u2026" if len(mass) > limit else "") if mass else "\u2013"


def signed_percent_points(x: float) -> str:
    return f"{x * 100:+.1f} pts"


def conversion_text(x: float | None) -> str:
    return "\u2013" if x is None else percent(round(x, 3))
