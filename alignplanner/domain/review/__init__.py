"""The review of a plan against what happened: planned and actual volumes per stage and
month with their variance, and conversion compared at equal age (docs/actuals.md, "The
review")."""
