"""How a funnel stage maps to the fields of the systems that act on the plan.

Each stage may carry a ``crm`` mapping of *system field* -> *value*, for example
``{"salesforce_lead_status": "Working - Contacted", "hubspot_lifecycle_stage":
"marketingqualifiedlead"}``, so an import job or a BI pipeline can translate the
contract's stage ids into the values it stores.

The field names are a small fixed vocabulary (`CRM_FIELDS`), so that every consumer
agrees on what a key means; a system outside it uses a key starting ``x_`` (for example
``x_marketo_program_status``). Values are free text (each CRM's values are configured per
company), trimmed, not empty, at most `MAX_CRM_VALUE` characters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from alignplanner.domain.problems import Collector, Path

__all__ = [
    "CRM_FIELDS", "CUSTOM_FIELD_PATTERN", "MAX_CRM_VALUE", "check_crm", "frozen_crm",
]

CRM_FIELDS: tuple[str, ...] = (
    "salesforce_lead_status",  # Lead.Status (picklist)
    "salesforce_opportunity_stage",  # Opportunity.StageName (picklist)
    "hubspot_lifecycle_stage",  # contact property lifecyclestage (internal value)
    "hubspot_lead_status",  # contact property hs_lead_status (internal value)
    "hubspot_deal_stage",  # deal property dealstage (internal value)
)
"""The system fields every consumer knows; ``x_...`` keys name any other system's field."""

CUSTOM_FIELD_PATTERN = re.compile(r"^x_[a-z0-9_]{1,60}$")
MAX_CRM_VALUE = 200
MAX_CRM_FIELDS = 20


def frozen_crm(value: Mapping[str, str]) -> Mapping[str, str]:
    """A read-only copy (stages are immutable)."""
    return MappingProxyType(dict(value))


def check_crm(c: Collector, path: Path, crm: object) -> None:
    """Record a problem for every unknown system field and every empty or overlong value."""
    if not isinstance(crm, Mapping):
        c.add(path, f"must be a table of system field = value, got {crm!r}")
        return
    if len(crm) > MAX_CRM_FIELDS:
        c.add(path, f"at most {MAX_CRM_FIELDS} system fields, got {len(crm)}")
    for key, value in crm.items():
        where: Path = (*path, str(key))
        if not isinstance(key, str) or not (key in CRM_FIELDS or CUSTOM_FIELD_PATTERN.match(key)):
            c.add(
                where,
                f"unknown system field {key!r}: use one of {', '.join(CRM_FIELDS)}, "
                "or a key starting 'x_' for another system",
            )
        elif not isinstance(value, str):
            c.add(where, f"the CRM value must be text, got {value!r}")
        elif not value.strip() or value != value.strip():
            c.add(where, "the CRM value must not be empty or start or end with spaces")
        elif len(value) > MAX_CRM_VALUE:
            c.add(where, f"the CRM value is longer than {MAX_CRM_VALUE} characters")
