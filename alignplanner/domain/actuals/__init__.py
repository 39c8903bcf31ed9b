"""What really happened in the CRM, and honest estimates of the funnel from it.

`events` holds dated stage events as columns (what the contract's importer reads from
CRM exports); `report` the figures estimated from them (what ``alignplanner actuals``
prints and the app shows). The meaning of every figure is docs/actuals.md.

`estimates.estimate` makes the report: `records` turns events into one row per record,
`survival` holds Kaplan-Meier and Aalen-Johansen with delayed entry, `transition` the
figures of one step of the funnel, `truncation` the signs of a cut-off history.
"""
