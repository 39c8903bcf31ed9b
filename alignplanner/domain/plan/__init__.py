"""The plan as typed, immutable values: the funnel (stages, sources, target, pipeline),
the CRM fields of a stage, the whole plan, and the checks across its parts."""
