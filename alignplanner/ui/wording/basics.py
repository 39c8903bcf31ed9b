"""Numbers, money and months on screen; teams and the roles that sign."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

# The warnings' words and the app's numbers must read alike: one definition of each.

# -- numbers, money and months ---------------------------------------------------------------


def percent(x: float) -> str:
    """0.385 -> '38.5%', 0.4 -> '40%'."""
    text = f"{x * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"))  # two decimals each


def money(x: float, currency: str = "") -> str:
    """12000000 -> '12.00M USD' style for charts; thousands from 10,000 ('12k'); exact
    with separators below. The unit is the largest the rounded figure reaches:
    999,999,999,000 is '1.00T', never '1000.00B'."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    text = f"{x / 1e3:.0f}k" if x >= 1e4 else f"{x:,.0f}"
    for size, unit in SCALES:
        if round(x / size, 2) >= 1:
            text = f"{x / size:.2f}{unit}"
            break
    if text == "0":
        sign = ""  # a tiny negative amount shows as 0, not -0
    return f"{sign}{text} {currency}".strip()


def exact(x: float) -> str:
    """An exact value for a tooltip: 1234.5 -> '1,234.50'."""
    return f"{x:,.2f}"


def month_label(d: date) -> str:
    return d.strftime("%b %Y")


def short_month(d: date) -> str:
    return d.strftime("%b %y")


MONTH_STEPS = (1, 2, 3, 6, 12)


def month_ticks(months: Sequence[date], min_step: float = 1.0) -> list[tuple[float, str]]:
    """"Jan 27"-style labels, every month, or every 2, 3, 6 or 12 months: the smallest of
    these steps that is at least ``min_step`` (how many months one label needs)."""
    step = next((s for s in MONTH_STEPS if s >= min_step), MONTH_STEPS[-1])
    return [(float(i), short_month(d)) for i, d in enumerate(months) if i % step == 0]


# -- teams and the roles that sign -------------------------------------------------------------

TEAM_LABELS: dict[str, str] = {
    "marketing": "Marketing",
    "sdr": "SDR",
    "sales": "Sales",
    "partner": "Partner",
    "custom": "Other",
}


def team_label(owner: str) -> str:
    return TEAM_LABELS.get(owner, owner.title())


SIGNER_LABELS = {
    "marketing": "Marketing", "sales": "Sales", "sdr": "SDR", "partner": "Partner",
    "revops": "RevOps", "finance": "Finance", "customer_success": "Customer success",
    "executive": "Executive",
}


def signer_label(role: str) -> str:
    """A sign-off role for people: ``customer_success`` -> ``Customer success``."""
    return SIGNER_LABELS.get(role, role.replace("_", " ").capitalize())


