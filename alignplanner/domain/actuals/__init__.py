"""What really happened in the CRM, and honest estimates of the funnel from it.

`events` holds dated stage events as columns (what the contract's importer reads from
CRM exports); `report` the figures estimated from them (what ``alignplanner actuals``
prints and the app shows). The meaning of every figure is docs/actuals.md.
"""
