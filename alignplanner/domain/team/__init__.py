"""The roles whose reps work the funnel's stages, and their capacity month by month."""
