"""Named scenarios of one plan: the base and variants that store only what they change."""
