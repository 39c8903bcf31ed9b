"""Warnings about a valid plan and its requirements, as values, in words a CMO reads."""
