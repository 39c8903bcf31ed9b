"""How numbers look to people in the app (no Qt)."""

from __future__ import annotations

from datetime import date

# The warnings' words and the app's numbers must read alike: one definition of each.
from alignplanner.domain.wording import count
from alignplanner.domain.wording import money as money_exact

__all__ = ["count", "money", "money_exact", "month_label", "percent", "short_month"]


def percent(x: float) -> str:
    """0.385 -> '38.5%', 0.4 -> '40%'."""
    text = f"{x * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def money(x: float, currency: str = "") -> str:
    """12000000 -> '12.0M USD' style for charts; exact with separators below 10,000."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    if x >= 1e9:
        text = f"{x / 1e9:.2f}B"
    elif x >= 1e6:
        text = f"{x / 1e6:.2f}M"
    elif x >= 1e4:
        text = f"{x / 1e3:.0f}k"
    else:
        text = f"{x:,.0f}"
    return f"{sign}{text} {currency}".strip()


def month_label(d: date) -> str:
    return d.strftime("%b %Y")


def short_month(d: date) -> str:
    return d.strftime("%b %y")
