"""Plan file texts for the contract tests, written out here (tests read no outside files)."""

from __future__ import annotations

VALID = """\
format = "alignplanner.plan"
version = 1

[plan]
name = "FY2027 North America"
currency = "USD"
start = 2027-01-01
months = 12
rounding = "ceil"

[target]
revenue = 12000000
average_deal_size = 48000
monthly_weights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5]

[[stages]]
id = "inquiry"
name = "Inquiry"
owner = "marketing"
conversion = 0.12
days = 10

[[stages]]
id = "mql"
name = "MQL"
owner = "marketing"
conversion = 0.4
days = 5
recycle = { to = "inquiry", share = 0.3, after_days = 90 }

[[stages]]
id = "sql"
name = "SQL"
owner = "sales"
conversion = 0.5
days = 20

[[stages]]
id = "won"
name = "Won"
owner = "sales"

[[sources]]
id = "inbound"
enters = "inquiry"
share = 0.6

[[sources]]
id = "outbound"
enters = "mql"
share = 0.4
average_deal_size = 50000
conversion_overrides = { mql = 0.3 }

[pipeline]
existing = { sql = 40 }
"""
"""A small valid plan: every line number in the tests below refers to this text."""


def line_no(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``fragment``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{fragment!r} not found {occurrence} times")
