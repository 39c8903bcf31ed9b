"""How numbers look to people in the app (no Qt)."""

from __future__ import annotations

from datetime import date


def count(x: float) -> str:
    """Whole units with separators; one decimal below 10 (0.4 leads is not 0)."""
    if x != 0 and abs(x) < 10:
        return f"{x:,.1f}"
    return f"{x:,.0f}"


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


def money_exact(x: float, currency: str = "") -> str:
    return f"{x:,.0f} {currency}".strip()


def month_label(d: date) -> str:
    return d.strftime("%b %Y")


def short_month(d: date) -> str:
    return d.strftime("%b %y")
