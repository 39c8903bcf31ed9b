"""The review of a plan against what happened (docs/actuals.md, "The review").

`variance` sets planned against actual entries per stage, source and month with the
cumulative variance, `gap` says where the gap is in sentences, `conversion` compares each
transition's conversion at equal age with the plan's, `landing` forecasts the horizon's
revenue on the plan's rates, and `sla_compliance` measures the SLAs' hand-offs on the
plan's business calendar.
"""
