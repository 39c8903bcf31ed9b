"""Writing a plan and its requirements as the plan file's tables, in one canonical form."""
