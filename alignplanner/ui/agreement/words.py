"""Role names and colours of the agreement panels, as people read them."""

from __future__ import annotations

ROLE_LABELS = {
    "marketing": "Marketing", "sales": "Sales", "sdr": "SDR", "partner": "Partner",
    "revops": "RevOps", "finance": "Finance", "customer_success": "Customer success",
    "executive": "Executive",
}
AGREED_COLOR = "#2E7D32"  # green, the target's colour: done
DRAFT_COLOR = "#B26A00"  # amber: not yet (red stays for refused values)


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role.replace("_", " ").capitalize())
