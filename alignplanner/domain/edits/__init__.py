"""Edits of a plan as pure functions, one module per part of the plan: each takes a valid
plan and returns a new valid plan, or raises PlanInvalid naming the field."""
