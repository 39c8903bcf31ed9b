"""Numbers, money, months and nouns, as the whole domain says them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Protocol

# -- numbers, money, months ---------------------------------------------------------------


def count(x: float) -> str:
    """Counts for people: whole numbers with separators, one decimal under 10 for a
    count that is not whole (a plan's 6.8 leads; 4 records stay 4)."""
    return f"{x:,.1f}" if 0 < abs(x) < 10 and x != int(x) else f"{x:,.0f}"


def money(x: float, currency: str = "") -> str:
    """Exact money for people: 7480000 -> '7,480,000 USD'."""
    return f"{x:,.0f} {currency}".strip()


def percent(share: float) -> str:
    """A share as a percentage with at most two decimals: 0.955 -> '95.5%'."""
    return f"{round(share * 100, 2):g}%"


def signed_share(share: float | None) -> str:
    """A variance as a signed percentage with one decimal: -0.151 -> '-15.1%'; '-' for
    none (nothing was planned to compare with)."""
    return "-" if share is None else f"{share * 100:+.1f}%"


def month_name(day: date, form: str = "%B %Y") -> str:
    """``day.strftime(form)`` ("January 2027") in the user's locale (Qt sets it on start)."""
    return day.strftime(form)


def listing(items: Iterable[object]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# -- nouns --------------------------------------------------------------------------------


def plural(name: str) -> str:
    """``"MQL"`` -> ``"MQLs"``, ``"Opportunity"`` -> ``"Opportunities"``."""
    if not name or name.endswith("s"):
        return name
    if name.endswith("y") and len(name) > 1 and name[-2].lower() not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def singular(plural_noun: str) -> str:
    """``"SDRs"`` -> ``"SDR"`` (drops a final s)."""
    return plural_noun[:-1] if plural_noun.endswith("s") and len(plural_noun) > 1 else plural_noun


def units(stage_name: str) -> str:
    """What enters a stage, for a sentence: ``"MQL"`` -> ``"MQLs"``, but a stage named by
    an adjective or a state (``"Engaged"``, ``"Closed won"``) -> ``"entries into Engaged"``."""
    last = stage_name.rsplit(" ", 1)[-1].lower()
    if last.endswith("ed") or last in {"won", "lost", "new", "open"}:
        return f"entries into {stage_name}"
    return plural(stage_name)


class Named(Protocol):
    """Anything with an id and a name for people (a role)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


def role_label(role: Named) -> str:
    """A role's reps for people: its name, or the id ``"sdr"`` -> ``"SDRs"``."""
    if role.name.strip():
        return plural(role.name.strip())
    if len(role.id) <= 4:
        return role.id.upper() + "s"
    return plural(role.id.replace("-", " ").replace("_", " "))


CRM_LABELS: Mapping[str, str] = MappingProxyType({
    "salesforce_lead_status": "Salesforce lead status",
    "salesforce_opportunity_stage": "Salesforce opportunity stage",
    "hubspot_lifecycle_stage": "HubSpot lifecycle stage",
    "hubspot_lead_status": "HubSpot lead status",
    "hubspot_deal_stage": "HubSpot deal stage",
})
"""The CRM fields a stage maps to, in words."""


def crm_label(crm_field: str) -> str:
    """``hubspot_deal_stage`` -> ``HubSpot deal stage``; ``x_marketo_status`` -> ``marketo
    status``."""
    return CRM_LABELS.get(crm_field) or crm_field.removeprefix("x_").replace("_", " ")


