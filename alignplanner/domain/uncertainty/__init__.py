"""How sure a plan is: the two-sided tornado of its drivers and a seeded Monte Carlo of
its revenue, both on the engine's own definitions (docs/uncertainty.md)."""
