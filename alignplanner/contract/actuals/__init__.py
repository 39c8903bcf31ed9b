"""Reading CRM exports into dated stage events, as a mapping file says.

`mapping` is what a mapping file says (which files, which columns, which CRM values
mean which plan stage); `result` what reading them gave besides the events (rows,
encodings, date orders, what was skipped and why). docs/actuals.md describes the mapping
file. No Qt here: the command line and the app's worker thread both read through it.
"""
